// TextLayout (src/document/pdf/text_layout.h) against Pango: the same text, attributes and
// format laid out by a PangoLayout and by a TextLayout must give the same lines (bytes,
// extents, baselines, alignment) and, line by line, the same glyphs from the same faces at the
// same positions. The texts: every paragraph of the bundled documents at three widths in the
// bundled themes' fonts, texts in several scripts, soft hyphens, tabs, forced breaks, words
// longer than a line, and inline attributes (code, bold, italic, links, strikethrough).
#include "document/pdf/text_layout.h"

#include <fontconfig/fontconfig.h>
#include <gtest/gtest.h>
#include <pango/pango.h>
#include <pango/pangofc-font.h>

#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "document/pdf/font_config.h"
#include "document/pango_oracle.h"
#include "document/pdf/hyphenator.h"
#include "document/pdf_test_leaks.h"

namespace docforge::document::pdf {
namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Paragraphs of a Markdown file: blocks between blank lines, line breaks as spaces.
std::vector<std::string> paragraphs_of(const std::string& text) {
  std::vector<std::string> out;
  std::string current;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) {
      if (!current.empty()) out.push_back(current);
      current.clear();
      continue;
    }
    if (!current.empty()) current += ' ';
    current += line;
  }
  if (!current.empty()) out.push_back(current);
  return out;
}

std::string face_key(PangoFont* font) {
  FcPattern* pattern = pango_fc_font_get_pattern(PANGO_FC_FONT(font));
  FcChar8* file = nullptr;
  int index = 0;
  FcPatternGetString(pattern, FC_FILE, 0, &file);
  FcPatternGetInteger(pattern, FC_INDEX, 0, &index);
  return std::string(reinterpret_cast<const char*>(file)) + ":" + std::to_string(index);
}

struct Case {
  std::string text;
  std::vector<TextAttribute> attrs;
  ParagraphFormat format;
};

guint16 c16(double v) { return static_cast<guint16>(v * 65535.0); }

// The PangoLayout the engine made before TextLayout, for the same case.
PangoLayout* pango_layout_of(PangoContext* context, const Case& c) {
  PangoLayout* layout = pango_layout_new(context);
  PangoFontDescription* d = pango_font_description_new();
  pango_font_description_set_family(d, c.format.font.families.c_str());
  pango_font_description_set_absolute_size(d, c.format.font.size * PANGO_SCALE);
  if (c.format.font.weight != 400) pango_font_description_set_weight(d, static_cast<PangoWeight>(c.format.font.weight));
  if (c.format.font.italic) pango_font_description_set_style(d, PANGO_STYLE_ITALIC);
  pango_layout_set_font_description(layout, d);
  pango_font_description_free(d);
  pango_layout_set_text(layout, c.text.data(), static_cast<int>(c.text.size()));
  PangoAttrList* list = pango_attr_list_new();
  for (const TextAttribute& a : c.attrs) {
    PangoAttribute* p = nullptr;
    switch (a.kind) {
      case TextAttribute::Kind::kFamily: p = pango_attr_family_new(a.family.c_str()); break;
      case TextAttribute::Kind::kScale: p = pango_attr_scale_new(a.scale); break;
      case TextAttribute::Kind::kWeight: p = pango_attr_weight_new(static_cast<PangoWeight>(a.weight)); break;
      case TextAttribute::Kind::kItalic: p = pango_attr_style_new(PANGO_STYLE_ITALIC); break;
      case TextAttribute::Kind::kForeground:
        p = pango_attr_foreground_new(c16(a.color.r), c16(a.color.g), c16(a.color.b));
        break;
      case TextAttribute::Kind::kBackground:
        p = pango_attr_background_new(c16(a.color.r), c16(a.color.g), c16(a.color.b));
        break;
      case TextAttribute::Kind::kStrikethrough: p = pango_attr_strikethrough_new(TRUE); break;
    }
    p->start_index = a.start;
    p->end_index = a.end == UINT32_MAX ? G_MAXUINT : a.end;
    pango_attr_list_insert(list, p);
  }
  pango_layout_set_attributes(layout, list);
  pango_attr_list_unref(list);
  pango_layout_set_line_spacing(layout, static_cast<float>(c.format.line_spacing));
  pango_layout_set_justify(layout, c.format.justify);
  pango_layout_set_alignment(layout, c.format.align == TextAlign::kRight    ? PANGO_ALIGN_RIGHT
                                     : c.format.align == TextAlign::kCenter ? PANGO_ALIGN_CENTER
                                                                            : PANGO_ALIGN_LEFT);
  if (c.format.width >= 0) {
    pango_layout_set_width(layout, c.format.width);
    pango_layout_set_wrap(layout, c.format.wrap == WrapMode::kChar   ? PANGO_WRAP_CHAR
                                  : c.format.wrap == WrapMode::kWord ? PANGO_WRAP_WORD
                                                                     : PANGO_WRAP_WORD_CHAR);
  }
  return layout;
}

std::string glyph_text(std::uint32_t id, bool unknown, int advance, int x_offset, int y_offset, std::uint32_t cluster,
                       const std::string& face, int run_raised) {
  std::string out = "  ";
  if (id == TextLayout::kEmptyGlyph) {
    out += "empty";
  } else if (unknown) {
    out += "box";
  } else {
    out += std::to_string(id) + " " + face;
  }
  out += " w" + std::to_string(advance);
  if (!unknown) out += " o" + std::to_string(x_offset) + "," + std::to_string(y_offset);
  out += " c" + std::to_string(cluster);
  if (run_raised != 0) out += " raised" + std::to_string(run_raised);  // the run's baseline shift
  return out + "\n";
}

std::string dump_pango(PangoLayout* layout) {
  std::string out;
  PangoRectangle logical;
  pango_layout_get_extents(layout, nullptr, &logical);
  out += "layout x" + std::to_string(logical.x) + " w" + std::to_string(logical.width) + " h" +
         std::to_string(logical.height) + "\n";
  PangoLayoutIter* it = pango_layout_get_iter(layout);
  do {
    PangoLayoutLine* line = pango_layout_iter_get_line_readonly(it);
    int y0 = 0, y1 = 0;
    pango_layout_iter_get_line_yrange(it, &y0, &y1);
    PangoRectangle ext;
    pango_layout_iter_get_line_extents(it, nullptr, &ext);
    out += "line " + std::to_string(line->start_index) + "+" + std::to_string(line->length) + " x" +
           std::to_string(ext.x) + " w" + std::to_string(ext.width) + " base" +
           std::to_string(pango_layout_iter_get_baseline(it)) + " y" + std::to_string(y0) + ".." + std::to_string(y1) +
           (line->resolved_dir == PANGO_DIRECTION_RTL ? " rtl" : "") + "\n";
    for (GSList* r = line->runs; r != nullptr; r = r->next) {
      auto* run = static_cast<PangoGlyphItem*>(r->data);
      const std::string face = run->item->analysis.font != nullptr ? face_key(run->item->analysis.font) : "?";
      for (int g = 0; g < run->glyphs->num_glyphs; ++g) {
        const PangoGlyphInfo& info = run->glyphs->glyphs[g];
        const bool unknown = (info.glyph & PANGO_GLYPH_UNKNOWN_FLAG) != 0 && info.glyph != PANGO_GLYPH_EMPTY;
        out += glyph_text(info.glyph, unknown, info.geometry.width, info.geometry.x_offset, info.geometry.y_offset,
                          static_cast<std::uint32_t>(run->item->offset + run->glyphs->log_clusters[g]), face,
                          run->y_offset);
      }
    }
  } while (pango_layout_iter_next_line(it));
  pango_layout_iter_free(it);
  return out;
}

std::string dump_ours(const TextLayout& layout) {
  std::string out = "layout x" + std::to_string(layout.x()) + " w" + std::to_string(layout.width()) + " h" +
                    std::to_string(layout.height()) + "\n";
  for (const TextLayout::Line& line : layout.lines()) {
    out += "line " + std::to_string(line.start) + "+" + std::to_string(line.end - line.start) + " x" +
           std::to_string(line.x) + " w" + std::to_string(line.width) + " base" + std::to_string(line.baseline) +
           " y" + std::to_string(line.top) + ".." + std::to_string(line.bottom) + (line.rtl ? " rtl" : "") + "\n";
    for (std::uint32_t r = line.first_run; r < line.first_run + line.run_count; ++r) {
      const TextLayout::Run& run = layout.runs()[r];
      for (std::uint32_t g = run.first_glyph; g < run.first_glyph + run.glyph_count; ++g) {
        const TextLayout::Glyph& gl = layout.glyphs()[g];
        out += glyph_text(gl.id, gl.unknown, gl.advance, gl.x_offset, gl.y_offset, gl.cluster, run.font->face()->key(),
                          run.y_offset);
      }
    }
  }
  return out;
}

class TextLayoutTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    map_ = new_font_map(FontSet::kSystem);
    matcher_ = new FontMatcher(fontconfig_of(FontSet::kSystem));
    layouter_ = new TextLayouter(matcher_);
  }
  static void TearDownTestSuite() {
    delete layouter_;
    delete matcher_;
    g_object_unref(map_);
  }

  // Lays the case out both ways; returns whether they agree (the first difference reported).
  static bool same(const Case& c) {
    PangoContext* context = pango_font_map_create_context(map_);
    pango_context_set_round_glyph_positions(context, FALSE);
    pango_context_set_language(context, pango_language_from_string(c.format.font.language.c_str()));
    PangoLayout* layout = pango_layout_of(context, c);
    const std::string expected = dump_pango(layout);
    g_object_unref(layout);
    g_object_unref(context);
    const std::string actual = dump_ours(*layouter_->layout(c.text, c.attrs, c.format));
    if (expected == actual) return true;
    ADD_FAILURE() << "text: " << c.text << "\nfont: " << c.format.font.families << " " << c.format.font.size
                  << ", width " << c.format.width << ", align " << static_cast<int>(c.format.align) << ", wrap "
                  << static_cast<int>(c.format.wrap) << (c.format.justify ? ", justified" : "") << "\n"
                  << first_difference(expected, actual)
                  << (std::getenv("DOCFORGE_TEST_FULL_DUMPS") != nullptr ? "\nPango:\n" + expected + "ours:\n" + actual
                                                                          : std::string());
    return false;
  }

  // The first line where the dumps differ, with the one before, from both.
  static std::string first_difference(const std::string& expected, const std::string& actual) {
    std::istringstream e(expected), a(actual);
    std::string el, al, prev;
    int n = 0;
    while (true) {
      const bool more_e = static_cast<bool>(std::getline(e, el));
      const bool more_a = static_cast<bool>(std::getline(a, al));
      if (!more_e && !more_a) return "(no difference)";
      if (!more_e || !more_a || el != al) {
        return "at dump line " + std::to_string(n) + " after: " + prev + "\n  Pango: " +
               (more_e ? el : "(end)") + "\n  ours:  " + (more_a ? al : "(end)");
      }
      prev = el;
      ++n;
    }
  }

  static PangoFontMap* map_;
  static FontMatcher* matcher_;
  static TextLayouter* layouter_;
};

PangoFontMap* TextLayoutTest::map_ = nullptr;
FontMatcher* TextLayoutTest::matcher_ = nullptr;
TextLayouter* TextLayoutTest::layouter_ = nullptr;

ParagraphFormat format(const std::string& families, double size, int width_pt, double spacing = 1.25) {
  ParagraphFormat f;
  f.font.families = families;
  f.font.size = size;
  f.font.language = "en-US";
  f.width = width_pt < 0 ? -1 : width_pt * kLayoutUnits;
  f.line_spacing = spacing;
  return f;
}

TEST_F(TextLayoutTest, BundledDocumentsParagraphByParagraph) {
  const std::string root = DOCFORGE_SOURCE_DIR;
  const char* files[] = {"/../shared/workloads/documents/invoice.md", "/../shared/workloads/documents/resume.md",
                         "/examples/report/report.md.j2", "/examples/resume/resume.md.j2",
                         "/examples/invoice/invoice.md.j2"};
  const char* fonts[] = {"Liberation Serif, DejaVu Serif", "DejaVu Sans", "DejaVu Sans Mono"};
  int cases = 0, failures = 0;
  for (const char* file : files) {
    const std::string text = read_file(root + file);
    for (const std::string& p : paragraphs_of(text)) {
      for (const char* font : fonts) {
        for (int width : {451, 200, 60}) {
          Case c{p, {}, format(font, 10.5, width)};
          ++cases;
          if (!same(c) && ++failures > 5) return;
        }
      }
    }
  }
  EXPECT_GT(cases, 300);
}

TEST_F(TextLayoutTest, ScriptsBreaksAndSpecialCharacters) {
  const char* texts[] = {
      "Designed and led the rewrite of the ingestion tier from a Java monolith to a set of C++20 services, "
      "cutting p99 latency from 180 ms to 22 ms and infrastructure cost by 38% (about $1.2M per year).",
      "AVATAR To Yo, WAVE Tea. \"Quoted\" 'text' \xE2\x80\x94 office affluent fjord fifty flow ffi ffl.",
      "  leading and trailing spaces,   runs   of   spaces  ",
      "Cr\xC3\xA8me bru\xCC\x82le\xCC\x81" "e na\xC3\xAFve \xC2\xA0non-breaking\xC2\xA0space",
      "\xCE\x91\xCE\xBB\xCF\x86\xCE\xAC\xCE\xB2\xCE\xB7\xCF\x84\xCE\xBF \xD0\xA0\xD1\x83\xD1\x81\xD1\x81\xD0\xBA\xD0\xB8"
      "\xD0\xB9 mixed with Latin words and 123 456 789.",
      "Soft\xC2\xADhyphen\xC2\xAD" "ated won\xC2\xAD" "der\xC2\xAD" "ful words and a tab\there.",
      "Arabic \xD9\x85\xD8\xB1\xD8\xAD\xD8\xA8\xD8\xA7 and Hebrew \xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D and CJK "
      "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E in one paragraph.",
      "\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D \xD7\xA2\xD7\x95\xD7\x9C\xD7\x9D 2026 with English inside a Hebrew paragraph.",
      "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E\xE3\x81\xAE\xE6\x96\x87\xE7\xAB\xA0\xE3\x80\x82\xE6\x94\xB9\xE8\xA1\x8C"
      "\xE3\x81\x8C\xE5\xBF\x85\xE8\xA6\x81\xE3\x81\xA7\xE3\x81\x99\xE3\x80\x82",
      "Total: 1,234.56 EUR \xE2\x80\xA2 VAT 19% \xE2\x80\xA2 Due 2026-12-31 \xE2\x80\xA2 Invoice #A-7731/B",
      "A character no font has: \xF4\x8F\xBF\xBD in a sentence.",
      // Symbols from several fallback fonts inside one run, spaces between them: where a space
      // goes depends on the fonts' positions in the font list.
      "Arrows \xE2\x86\x92 \xE2\x87\x92 \xE2\x9F\xB9 math \xE2\x88\x91 \xE2\x88\xAB \xE2\x89\x88 box "
      "\xE2\x94\x8C\xE2\x94\x80\xE2\x94\x90 marks \xE2\x9C\x93 \xE2\x9C\x97 \xE2\x98\x85 "
      "\xEA\x9D\x8F  \xF0\x9D\x94\x84  and \xE2\x82\xBF end",
      "First line\nsecond line\n\nafter an empty one\xE2\x80\xA8with a line separator",
      "averyveryverylongwordwithoutanybreakopportunitywhatsoeverthatmustbebrokenbetweencharacters and more",
      "https://example.com/a/very/long/path/that/keeps/going/and/going?query=string&and=more#fragment",
      "",
      "trailing newline\n",
      // Paragraphs without a strong character take the direction of the one before; an empty
      // first paragraph the text's first strong direction.
      "\xD8\xB1\n1",
      "\n\xD8\xB8",
      // Kana beside Devanagari, a combining mark after kana, Latin before kana: line heights and
      // baselines of mixed fallback fonts (runs raised to the first run's baseline).
      "\xE3\x81\xA4\xE0\xA4\xAB", "\xE0\xA4\xAB\xE3\x81\xA4", "\xE3\x82\x96\xCD\xA4", "(\xE3\x81\x99",
      "4\xEA\xB0\x80",
      // A tab measured in the text's font, not in the fallback font of the character after it.
      "\t\xE0\xA5\x86 and\tcolumns\tof text",
  };
  const char* fonts[] = {"Liberation Serif, DejaVu Serif", "DejaVu Sans"};
  for (const char* t : texts) {
    for (const char* font : fonts) {
      for (int width : {-1, 300, 120, 40}) {
        for (TextAlign align : {TextAlign::kLeft, TextAlign::kCenter, TextAlign::kRight}) {
          Case c{t, {}, format(font, 10, width)};
          c.format.align = align;
          same(c);
        }
      }
    }
  }
}

TEST_F(TextLayoutTest, WrapModes) {
  const std::string text = "Breaking long-winded sentences: supercalifragilisticexpialidocious words, URLs "
                           "like https://example.com/path and code_identifiers_with_underscores.";
  for (WrapMode wrap : {WrapMode::kWord, WrapMode::kWordChar, WrapMode::kChar}) {
    for (int width : {200, 80, 30}) {
      Case c{text, {}, format("DejaVu Sans Mono", 9, width, 1.1)};
      c.format.wrap = wrap;
      same(c);
    }
  }
}

TEST_F(TextLayoutTest, InlineAttributes) {
  const std::string text = "Call render() with bold and italic words, a link to the docs, and struck text.";
  std::vector<TextAttribute> attrs;
  auto add = [&](TextAttribute::Kind kind, std::string_view word) {
    TextAttribute a;
    a.kind = kind;
    a.start = static_cast<std::uint32_t>(text.find(word));
    a.end = a.start + static_cast<std::uint32_t>(word.size());
    return a;
  };
  TextAttribute color;
  color.kind = TextAttribute::Kind::kForeground;
  color.color = Rgb{0.2, 0.2, 0.3};
  attrs.push_back(color);
  TextAttribute family = add(TextAttribute::Kind::kFamily, "render()");
  family.family = "DejaVu Sans Mono";
  attrs.push_back(family);
  TextAttribute scale = add(TextAttribute::Kind::kScale, "render()");
  scale.scale = 0.9;
  attrs.push_back(scale);
  TextAttribute bg = add(TextAttribute::Kind::kBackground, "render()");
  bg.color = Rgb{0.95, 0.95, 0.95};
  attrs.push_back(bg);
  attrs.push_back(add(TextAttribute::Kind::kWeight, "bold"));
  attrs.push_back(add(TextAttribute::Kind::kItalic, "italic"));
  TextAttribute link = add(TextAttribute::Kind::kForeground, "a link to the docs");
  link.color = Rgb{0.1, 0.3, 0.8};
  attrs.push_back(link);
  attrs.push_back(add(TextAttribute::Kind::kStrikethrough, "struck"));
  for (int width : {400, 150, 70}) {
    for (const char* font : {"Liberation Serif, DejaVu Serif", "DejaVu Sans"}) {
      Case c{text, attrs, format(font, 11, width)};
      same(c);
    }
  }
}

TEST_F(TextLayoutTest, HyphenatedJustLikePango) {
  Hyphenator hyphenator;
  if (!hyphenator.set_language("en-US")) GTEST_SKIP() << "no en-US hyphenation dictionary";
  std::string text;
  hyphenator.hyphenate(
      "Internationalization considerations notwithstanding, the comprehensive documentation "
      "demonstrates extraordinarily sophisticated characteristics of representational typography.",
      text);
  for (int width : {300, 160, 90, 50}) {
    Case c{text, {}, format("Liberation Serif, DejaVu Serif", 10.5, width)};
    same(c);
  }
}

// Texts for the justified cases: CJK (justified between its clusters), Hebrew with English, a
// long paragraph with long words, no-break spaces (which stretch like spaces).
const char* const kJustifiedTexts[] = {
    "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E\xE3\x81\xAE\xE6\x96\x87\xE7\xAB\xA0\xE3\x80\x82\xE6\x94\xB9"
    "\xE8\xA1\x8C\xE3\x81\x8C\xE5\xBF\x85\xE8\xA6\x81\xE3\x81\xA7\xE3\x81\x99\xE3\x80\x82\xE6\x97\xA5"
    "\xE6\x9C\xAC\xE8\xAA\x9E\xE3\x81\xAE\xE6\x96\x87\xE7\xAB\xA0\xE3\x80\x82",
    "\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D \xD7\xA2\xD7\x95\xD7\x9C\xD7\x9D with English words inside a Hebrew "
    "paragraph that wraps over several lines \xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D \xD7\xA2\xD7\x95\xD7\x9C\xD7\x9D.",
    "A paragraph with words of unequal length extraordinarily with words of unequal length with words of "
    "unequal length with words of unequal length extraordinarily with words of unequal length with words of "
    "unequal length with words of unequal length extraordinarily with words of unequal length with words of "
    "unequal length with words of unequal length extraordinarily with words of unequal length with words of "
    "unequal length with words of unequal length extraordinarily with words of unequal length ending here.",
    "Non\xC2\xA0" "breaking\xC2\xA0spaces stretch too, as plain spaces do, in a paragraph long enough to wrap.",
};

// Justified text: the room left on each wrapped line goes to its spaces, or between the
// clusters of a line of CJK, exactly as Pango spreads it. (Text without soft hyphens: with them,
// Pango's justification can overflow a line by a hyphen's width, which TextLayout does not copy:
// JustifiedHyphenatedLinesEndAtTheMargin.)
TEST_F(TextLayoutTest, JustifiedLikePango) {
  const std::string root = DOCFORGE_SOURCE_DIR;
  int cases = 0;
  for (const char* file : {"/../shared/workloads/documents/resume.md", "/examples/report/report.md.j2"}) {
    for (const std::string& p : paragraphs_of(read_file(root + file))) {
      for (int width : {451, 180}) {
        for (TextAlign align : {TextAlign::kLeft, TextAlign::kCenter}) {
          Case c{p, {}, format("Liberation Serif, DejaVu Serif", 10.5, width)};
          c.format.justify = true;
          c.format.align = align;
          same(c);
          ++cases;
        }
      }
    }
  }
  for (const char* t : kJustifiedTexts) {
    for (int width : {493, 150, 70}) {
      Case c{t, {}, format("DejaVu Sans", 10, width)};
      c.format.justify = true;
      same(c);
      ++cases;
    }
  }
  EXPECT_GT(cases, 100);
}

// Hyphenated justified text (as the engine lays body text out with a justified theme): the
// lines break where they break unjustified, and every line that fits and is not a paragraph's
// last ends at the width (within a point: Pango's room can be a little short; right-to-left
// lines can end shorter, as Pango's do) and never past it — also the lines that end in a hyphen the break added, which Pango's justification pushes
// a hyphen's width past the margin.
TEST_F(TextLayoutTest, JustifiedHyphenatedLinesEndAtTheMargin) {
  Hyphenator hyphenator;
  if (!hyphenator.set_language("en-US")) GTEST_SKIP() << "no en-US hyphenation dictionary";
  const std::string root = DOCFORGE_SOURCE_DIR;
  std::vector<std::string> texts = paragraphs_of(read_file(root + "/../shared/workloads/documents/resume.md"));
  texts.insert(texts.end(), std::begin(kJustifiedTexts), std::end(kJustifiedTexts));
  int hyphen_lines = 0, filled = 0;
  for (const std::string& t : texts) {
    std::string text;
    hyphenator.hyphenate(t, text);
    for (int width : {493, 180, 70}) {
      ParagraphFormat f = format("DejaVu Sans", 10, width);
      if (width == 493) f.width = static_cast<int>(493.276 * kLayoutUnits);  // the default theme's A4 text width
      const auto ragged = layouter_->layout(text, {}, f);
      f.justify = true;
      const auto justified = layouter_->layout(text, {}, f);
      ASSERT_EQ(ragged->lines().size(), justified->lines().size()) << text;
      for (std::size_t i = 0; i < ragged->lines().size(); ++i) {
        const TextLayout::Line& r = ragged->lines()[i];
        const TextLayout::Line& j = justified->lines()[i];
        EXPECT_EQ(r.start, j.start) << text;
        EXPECT_EQ(r.end, j.end) << text;
        const bool paragraph_end = j.end >= text.size() || text[j.end] == '\n';
        if (paragraph_end || r.width > f.width) continue;
        EXPECT_LE(j.width, f.width) << "line " << i << " of: " << text;
        if (!j.rtl) {
          EXPECT_GE(j.width, f.width - kLayoutUnits) << "line " << i << " of: " << text;
        }
        ++filled;
        if (j.end >= 2 && text.compare(j.end - 2, 2, "\xC2\xAD") == 0) ++hyphen_lines;
      }
    }
  }
  EXPECT_GT(filled, 50);
  EXPECT_GT(hyphen_lines, 3) << "lines ending in a hyphen were checked";
}

// An item that cannot be broken where the line needs it to be (a modifier and a virama after a
// letter, 1 pt wide): Pango 1.50 asserts this cannot happen and aborts; the layout goes on with
// the item on a line of its own and ends, its lines covering the text (fuzz_text_layout found
// it looping for ever).
TEST_F(TextLayoutTest, AnItemWithoutABreakStillEnds) {
  const std::string text = "x\xF0\x9F\x8F\xBB\xE1\x9F\x92 and more words after it";
  for (WrapMode wrap : {WrapMode::kWordChar, WrapMode::kWord, WrapMode::kChar}) {
    ParagraphFormat f = format("DejaVu Sans", 10, -1);
    f.width = kLayoutUnits;  // 1 pt
    f.wrap = wrap;
    const auto layout = layouter_->layout(text, {}, f);
    ASSERT_FALSE(layout->lines().empty());
    std::uint32_t next = 0;
    for (const TextLayout::Line& line : layout->lines()) {
      EXPECT_EQ(line.start, next);
      next = line.end;
    }
    EXPECT_EQ(next, text.size());
    EXPECT_LT(layout->lines().size(), text.size());
  }
}

}  // namespace
}  // namespace docforge::document::pdf
