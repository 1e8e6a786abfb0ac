// FontMatcher (src/document/pdf/font_matcher.h) against Pango 1.50 in the same process, on the
// font maps the engine makes (font_config.h's new_font_map, the system's and the subset's
// configuration): for the bundled themes' descriptions in several languages and every character
// of the bundled documents and of texts in many scripts, the same face as Pango's fontset picks
// (none where Pango has none); for every font so compared, the same size, synthetic slant and
// emboldening as the PDF painter takes from Pango's font, the same HarfBuzz font (scale, ptem,
// slant, variation coordinates) shaping to the same glyphs and positions as pango_shape, and the
// same metrics as Pango's.
//
// A character no font has: pango_fontset_get_font returns the fontset's first font even then
// (the coverage walk starts from font 0 and loads every font of the sort on the way); itemize's
// get_font finds no font with pango_font_has_char and draws it with pango_font_map_load_font's
// font, the same first font. FontMatcher::font_for says null and the caller takes first(): both
// are checked here.
#include "document/pdf/font_matcher.h"

#include <fontconfig/fontconfig.h>
#include <gtest/gtest.h>
#include <hb-ot.h>
#include <hb.h>
#include <pango/pango.h>
#include <pango/pangofc-font.h>
#include <pango/pangofc-fontmap.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "document/pdf/font_config.h"
#include "document/pdf/font_pattern.h"
#include "document/pango_oracle.h"
#include "document/pdf_test_leaks.h"

namespace docforge::document::pdf {
namespace {

namespace fs = std::filesystem;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// A text in one script (and direction), for the face check and for shaping.
struct Sample {
  std::string text;
  PangoScript script = PANGO_SCRIPT_LATIN;
  bool rtl = false;
};

std::vector<Sample> script_samples() {
  return {
      {"Grüße, café, naïve — “quotes” ‘single’ … € £ ¥ © ® ™ § ¶ ° ± × ÷ ½ ¼ ß æ ø å Ł ő ž ŉ ĳ fi ﬁ ﬂ",
       PANGO_SCRIPT_LATIN},
      {"Ελληνικά: αβγδεζηθικλμνξοπρστυφχψω ΑΒΓΔΕΖΗΘ ά έ ή ί ό ύ ώ ϊ ΰ", PANGO_SCRIPT_GREEK},
      {"Русский текст: абвгдеёжзийклмнопрстуфхцчшщъыьэюя АБВГДЕЁЖЗ Ѣ ѣ Ґ ґ Ї ї", PANGO_SCRIPT_CYRILLIC},
      {"עברית: אבגדהוזחטיכלמנסעפצקרשת ךםןףץ שָׁלוֹם", PANGO_SCRIPT_HEBREW, true},
      {"العربية: مرحبا بالعالم، كيف حالك؟ ١٢٣٤٥ ﷲ لا", PANGO_SCRIPT_ARABIC, true},
      {"日本語のテキスト、ひらがな、カタカナ。漢字：東京都", PANGO_SCRIPT_HAN},
      {"中文文本：你好世界，简体字与繁體字。", PANGO_SCRIPT_HAN},
      {"한국어 텍스트", PANGO_SCRIPT_HANGUL},
      {"ภาษาไทย สวัสดีครับ", PANGO_SCRIPT_THAI},
      {"हिन्दी देवनागरी", PANGO_SCRIPT_DEVANAGARI},
      {"😀 👍 🎉 ❤ ☺ ✓ ✗ ★ ☆ ♠ ♣ ♥ ♦", PANGO_SCRIPT_COMMON},
      {"∀x∈ℝ: ∑ ∏ ∫ √ ∞ ≈ ≠ ≤ ≥ ⊂ ⊃ ∪ ∩ ∂ ∇ ⇒ ⇔ ℕ ℤ ℚ 𝔸 𝕏", PANGO_SCRIPT_COMMON},
      {"┌─┬─┐│ ├─┼─┤ └─┴─┘ ═ ║ ╔ ╗ ╚ ╝ █ ▒ ░ ■ □ ▲ ►", PANGO_SCRIPT_COMMON},
      {"\xF4\x8F\xBF\xBD \xEE\x80\x80 \xF0\x9E\xBF\xBF", PANGO_SCRIPT_COMMON},  // U+10FFFD, U+E000, unassigned U+1EFFF
  };
}

// The bundled documents' text, found from the source tree as the other tests find it.
std::string bundled_text() {
  std::string text;
  const fs::path root = DOCFORGE_SOURCE_DIR;
  for (const fs::path& dir : {root / "examples", root / ".." / "shared" / "workloads" / "documents"}) {
    std::error_code ec;
    for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      const std::string name = it->path().filename().string();
      if (name.ends_with(".md.j2") || name.ends_with(".md")) text += read_file(it->path());
    }
  }
  return text;
}

std::vector<char32_t> chars_of(const std::string& text) {
  std::set<char32_t> set;
  for (const char* p = text.c_str(); *p != '\0'; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char_validated(p, -1);
    if (c == static_cast<gunichar>(-1) || c == static_cast<gunichar>(-2)) break;
    if (c >= 0x20) set.insert(c);
  }
  return {set.begin(), set.end()};
}

// The bundled themes' fonts: [fonts] body / heading / mono, [sizes] body / code / h1.
std::vector<std::pair<std::string, double>> theme_fonts() {
  std::vector<std::pair<std::string, double>> out;
  const fs::path themes = fs::path(DOCFORGE_SOURCE_DIR) / "src" / "document" / "themes";
  for (const auto& entry : fs::directory_iterator(themes)) {
    if (entry.path().extension() != ".toml") continue;
    std::map<std::string, std::string> fonts;
    std::map<std::string, double> sizes;
    std::istringstream in(read_file(entry.path()));
    std::string line, section;
    while (std::getline(in, line)) {
      if (line.starts_with("[")) {
        section = line.substr(0, line.find(']') + 1);
        continue;
      }
      const std::size_t eq = line.find('=');
      if (eq == std::string::npos) continue;
      std::string key = line.substr(0, line.find_first_of(" =\t"));
      std::string value = line.substr(eq + 1);
      if (section == "[fonts]") {
        std::size_t a = value.find('"'), b = value.find('"', a + 1);
        if (a != std::string::npos && b != std::string::npos) fonts[key] = value.substr(a + 1, b - a - 1);
      } else if (section == "[sizes]") {
        sizes[key] = std::stod(value);
      }
    }
    if (fonts.count("body") && sizes.count("body")) out.emplace_back(fonts["body"], sizes["body"]);
    if (fonts.count("heading") && sizes.count("h1")) out.emplace_back(fonts["heading"], sizes["h1"]);
    if (fonts.count("mono") && sizes.count("code")) out.emplace_back(fonts["mono"], sizes["code"]);
  }
  return out;
}

std::string pango_face_id(PangoFont* font) {
  return face_key(pango_fc_font_get_pattern(PANGO_FC_FONT(font)));
}

PangoFontDescription* pango_description(const FontDescription& d) {
  PangoFontDescription* desc = pango_font_description_new();
  pango_font_description_set_family(desc, d.families.c_str());
  pango_font_description_set_absolute_size(desc, d.size * PANGO_SCALE);  // as LayoutEngine
  pango_font_description_set_weight(desc, static_cast<PangoWeight>(d.weight));
  if (d.italic) pango_font_description_set_style(desc, PANGO_STYLE_ITALIC);
  return desc;
}

struct Pair {
  PangoFont* pango;  // referenced by the font map's caches while the fontset lives: held here
  const Font* ours;
  std::string language;
};

class FontMatcherTest : public ::testing::TestWithParam<FontSet> {
 protected:
  void SetUp() override {
    if (GetParam() == FontSet::kFast && default_font_set() != FontSet::kFast) GTEST_SKIP() << "no font subset";
    map_ = new_font_map(GetParam());
    context_ = pango_font_map_create_context(map_);
  }
  void TearDown() override {
    for (auto& [font, pair] : pairs_) g_object_unref(pair.pango);
    if (context_ != nullptr) g_object_unref(context_);
    if (map_ != nullptr) g_object_unref(map_);
  }

  // Compares font_for with Pango's fontset for every character; collects the pairs of fonts.
  void compare_faces(FontMatcher& matcher, const FontDescription& d, const std::vector<char32_t>& chars) {
    pango_context_set_language(context_, pango_language_from_string(d.language.c_str()));
    PangoFontDescription* desc = pango_description(d);
    PangoFontset* set = pango_font_map_load_fontset(map_, context_, desc, pango_language_from_string(d.language.c_str()));
    const FontMatcher::FontList* list = matcher.fonts(d);
    ASSERT_EQ(matcher.fonts(d), list) << "kept per description";
    const Font* first = matcher.first(list);
    ASSERT_NE(first, nullptr);
    PangoFont* pango_first = pango_font_map_load_font(map_, context_, desc);
    EXPECT_EQ(first->face()->key(), pango_face_id(pango_first)) << d.families << " " << d.language;
    add_pair(pango_first, first, d.language);
    g_object_unref(pango_first);
    int mismatches = 0;
    for (char32_t c : chars) {
      ++compared_;
      PangoFont* font = pango_fontset_get_font(set, c);
      const Font* ours = matcher.font_for(list, c);
      // Pango's fontset returns its first font when none has the character; itemize then draws
      // it with pango_font_map_load_font's font, the same one (first()).
      const bool pango_has = font != nullptr && pango_font_has_char(font, c);
      std::string expected = pango_has ? pango_face_id(font) : std::string("none");
      std::string actual = ours != nullptr ? ours->face()->key() : std::string("none");
      if (!pango_has && font != nullptr) {
        EXPECT_EQ(pango_face_id(font), first->face()->key());
        ++missing_;
      }
      if (expected != actual) {
        if (++mismatches <= 5) {
          ADD_FAILURE() << d.families << " " << d.size << " w" << d.weight << (d.italic ? " italic " : " ")
                        << d.language << " U+" << std::hex << static_cast<std::uint32_t>(c) << ": Pango " << expected
                        << ", ours " << actual;
        }
      } else if (ours != nullptr) {
        EXPECT_TRUE(ours->has(c));
        add_pair(font, ours, d.language);
      }
      if (font != nullptr) g_object_unref(font);
    }
    g_object_unref(set);
    pango_font_description_free(desc);
  }

  void add_pair(PangoFont* pango, const Font* ours, const std::string& language) {
    if (pairs_.count(ours)) return;
    g_object_ref(pango);
    pairs_.emplace(ours, Pair{pango, ours, language});
  }

  PangoFontMap* map_ = nullptr;
  PangoContext* context_ = nullptr;
  std::map<const Font*, Pair> pairs_;
  long compared_ = 0, missing_ = 0;
};

// hb_shape of a text in one script with the buffer settings of Pango's pango_hb_shape.
hb_buffer_t* hb_shaped(hb_font_t* font, const std::string& text, const Sample& sample, PangoLanguage* language) {
  hb_buffer_t* buffer = hb_buffer_create();
  hb_buffer_set_direction(buffer, sample.rtl ? HB_DIRECTION_RTL : HB_DIRECTION_LTR);
  hb_buffer_set_script(buffer, static_cast<hb_script_t>(g_unicode_script_to_iso15924(static_cast<GUnicodeScript>(sample.script))));
  hb_buffer_set_language(buffer, hb_language_from_string(pango_language_to_string(language), -1));
  hb_buffer_set_cluster_level(buffer, HB_BUFFER_CLUSTER_LEVEL_MONOTONE_CHARACTERS);
  hb_buffer_set_flags(buffer, static_cast<hb_buffer_flags_t>(HB_BUFFER_FLAG_BOT | HB_BUFFER_FLAG_EOT));
  hb_buffer_set_invisible_glyph(buffer, PANGO_GLYPH_EMPTY);
  hb_buffer_add_utf8(buffer, text.c_str(), static_cast<int>(text.size()), 0, static_cast<int>(text.size()));
  hb_shape(font, buffer, nullptr, 0);
  return buffer;
}

// The characters of the sample the font has shaped with our HarfBuzz font, with Pango's, and
// by pango_shape with Pango's font: the same glyphs and positions. False when the font has
// none of them.
bool compare_shaping(const Pair& pair, const Sample& sample, std::string* report) {
  std::string text;
  for (char32_t c : chars_of(sample.text)) {
    if (!pair.ours->has(c) || c == ' ') continue;
    char utf8[8] = {};
    g_unichar_to_utf8(c, utf8);
    text += utf8;
  }
  if (text.empty()) return false;
  PangoAnalysis analysis{};
  analysis.font = pair.pango;
  analysis.level = sample.rtl ? 1 : 0;
  analysis.script = sample.script;
  analysis.gravity = PANGO_GRAVITY_SOUTH;
  analysis.language = pango_language_from_string(pair.language.c_str());
  PangoGlyphString* glyphs = pango_glyph_string_new();
  pango_shape_with_flags(text.c_str(), static_cast<int>(text.size()), text.c_str(), static_cast<int>(text.size()),
                         &analysis, glyphs, PANGO_SHAPE_NONE);
  hb_buffer_t* ours = hb_shaped(pair.ours->hb(), text, sample, analysis.language);
  hb_buffer_t* theirs = hb_shaped(pango_font_get_hb_font(pair.pango), text, sample, analysis.language);
  unsigned n = 0, m = 0;
  hb_glyph_info_t* info = hb_buffer_get_glyph_infos(ours, &n);
  hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(ours, nullptr);
  hb_glyph_info_t* their_info = hb_buffer_get_glyph_infos(theirs, &m);
  hb_glyph_position_t* their_pos = hb_buffer_get_glyph_positions(theirs, nullptr);
  std::ostringstream diff;
  if (static_cast<int>(n) != glyphs->num_glyphs || n != m) {
    diff << "glyph count " << n << " vs Pango's " << glyphs->num_glyphs << " and " << m << " on its HarfBuzz font";
  } else {
    for (unsigned i = 0; i < n; ++i) {
      const PangoGlyphInfo& g = glyphs->glyphs[i];
      if (g.glyph != info[i].codepoint || g.geometry.width != pos[i].x_advance ||
          g.geometry.x_offset != pos[i].x_offset || g.geometry.y_offset != -pos[i].y_offset ||
          glyphs->log_clusters[i] != static_cast<int>(info[i].cluster)) {
        diff << "glyph " << i << ": " << info[i].codepoint << " w" << pos[i].x_advance << " x" << pos[i].x_offset << " y"
             << pos[i].y_offset << " vs pango_shape's " << g.glyph << " w" << g.geometry.width << " x"
             << g.geometry.x_offset << " y" << g.geometry.y_offset;
        break;
      }
      if (their_info[i].codepoint != info[i].codepoint || their_pos[i].x_advance != pos[i].x_advance ||
          their_pos[i].y_advance != pos[i].y_advance || their_pos[i].x_offset != pos[i].x_offset ||
          their_pos[i].y_offset != pos[i].y_offset) {
        diff << "glyph " << i << " differs from hb_shape's on Pango's HarfBuzz font";
        break;
      }
    }
  }
  if (!diff.str().empty()) *report = pango_face_id(pair.pango) + " " + sample.text.substr(0, 20) + ": " + diff.str();
  hb_buffer_destroy(theirs);
  hb_buffer_destroy(ours);
  pango_glyph_string_free(glyphs);
  return true;
}

// The font's properties against Pango's and the PDF painter's (PangoFontFaces).
void compare_font(const Pair& pair, PangoFontFaces& painter_faces, int* synthetic_slants, int* synthetic_bolds) {
  SCOPED_TRACE(pango_face_id(pair.pango));
  const Font& ours = *pair.ours;
  const PangoFontFaces::Entry* entry = painter_faces.get(pair.pango);
  ASSERT_NE(entry, nullptr);
  EXPECT_EQ(ours.face()->key(), entry->face->key());
  EXPECT_EQ(ours.size(), entry->size);
  EXPECT_EQ(ours.synthetic().xx, entry->synthetic.xx);
  EXPECT_EQ(ours.synthetic().xy, entry->synthetic.xy);
  EXPECT_EQ(ours.synthetic().yx, entry->synthetic.yx);
  EXPECT_EQ(ours.synthetic().yy, entry->synthetic.yy);
  EXPECT_EQ(ours.synthetic().bold, entry->synthetic.bold);
  if (ours.synthetic().xy != 0) ++*synthetic_slants;
  if (ours.synthetic().bold) ++*synthetic_bolds;

  hb_font_t* theirs = pango_font_get_hb_font(pair.pango);
  int ax = 0, ay = 0, bx = 0, by = 0;
  hb_font_get_scale(ours.hb(), &ax, &ay);
  hb_font_get_scale(theirs, &bx, &by);
  EXPECT_EQ(ax, bx);
  EXPECT_EQ(ay, by);
  EXPECT_EQ(hb_font_get_ptem(ours.hb()), hb_font_get_ptem(theirs));
  EXPECT_EQ(hb_font_get_synthetic_slant(ours.hb()), hb_font_get_synthetic_slant(theirs));
  unsigned na = 0, nb = 0;
  const int* ca = hb_font_get_var_coords_normalized(ours.hb(), &na);
  const int* cb = hb_font_get_var_coords_normalized(theirs, &nb);
  ASSERT_EQ(na, nb);
  for (unsigned i = 0; i < na; ++i) EXPECT_EQ(ca[i], cb[i]);
  EXPECT_EQ(hb_face_get_glyph_count(ours.face()->face()), hb_face_get_glyph_count(hb_font_get_face(theirs)));

  PangoFontMetrics* metrics = pango_font_get_metrics(pair.pango, nullptr);
  EXPECT_EQ(ours.metrics().strikethrough_position, pango_font_metrics_get_strikethrough_position(metrics));
  EXPECT_EQ(ours.metrics().strikethrough_thickness, pango_font_metrics_get_strikethrough_thickness(metrics));
  EXPECT_EQ(ours.metrics().ascent, pango_font_metrics_get_ascent(metrics));    // an empty line's
  EXPECT_EQ(ours.metrics().descent, pango_font_metrics_get_descent(metrics));
  pango_font_metrics_unref(metrics);
  PangoGlyph glyph = pango_fc_font_get_glyph(PANGO_FC_FONT(pair.pango), 'a');
  if (glyph == 0) glyph = 1;
  PangoRectangle logical;
  pango_font_get_glyph_extents(pair.pango, glyph, nullptr, &logical);  // a glyph's: a line's
  EXPECT_EQ(ours.metrics().ascent, -logical.y);
  EXPECT_EQ(ours.metrics().descent, logical.height + logical.y);
}

TEST_P(FontMatcherTest, PicksPangosFacesAndFonts) {
  FontMatcher matcher(fontconfig_of(GetParam()));
  std::vector<Sample> samples = script_samples();
  const std::string documents = bundled_text();
  std::string all = documents;
  for (const Sample& s : samples) all += s.text;
  const std::vector<char32_t> chars = chars_of(all);
  ASSERT_GT(chars.size(), 300u);
  const auto fonts = theme_fonts();
  ASSERT_GE(fonts.size(), 9u);
  const char* languages[] = {"en-US", "he", "ar", "ru", "el", "ja", "zh-cn"};
  std::set<std::pair<std::string, double>> seen;
  for (const auto& [families, size] : fonts) {
    if (!seen.insert({families, size}).second) continue;
    for (int style = 0; style < 4; ++style) {
      for (const char* language : languages) {
        FontDescription d;
        d.families = families;
        d.size = size;
        d.weight = (style & 1) ? 700 : 400;
        d.italic = (style & 2) != 0;
        d.language = language;
        compare_faces(matcher, d, chars);
      }
    }
  }
  // Descriptions outside the themes: a generic family, a lighter weight, a fractional size,
  // a family that is not installed, a CJK family asked in italic and bold (synthetic styles).
  const FontDescription others[] = {
      {"sans-serif", 11, 400, false, "en-US"},  {"monospace", 7.25, 300, true, "ru"},
      {"No Such Family, serif", 12.3, 600, false, "el"}, {"Noto Sans CJK JP", 10, 700, true, "ja"},
      {"DejaVu Sans Mono", 9, 700, true, "en_US"},  {"Noto Sans Hebrew", 10, 700, true, "he"},
      {"", 10, 400, false, "en-US"},  {"DejaVu Serif,,Liberation Mono,", 10.7, 800, true, "zh-TW"},
  };
  for (const FontDescription& d : others) compare_faces(matcher, d, chars);
  EXPECT_GT(compared_, 50000);
  EXPECT_GT(missing_, 0) << "a character no font has was compared";

  PangoFontFaces painter_faces;
  int synthetic_slants = 0, synthetic_bolds = 0, shaped = 0;
  for (const auto& [font, pair] : pairs_) {
    compare_font(pair, painter_faces, &synthetic_slants, &synthetic_bolds);
    Sample doc{documents.substr(0, 4000)};
    samples.push_back(doc);
    for (const Sample& s : samples) {
      std::string report;
      if (compare_shaping(pair, s, &report)) ++shaped;
      EXPECT_TRUE(report.empty()) << report;
    }
    samples.pop_back();
  }
  EXPECT_GT(shaped, static_cast<int>(pairs_.size()));
  if (GetParam() == FontSet::kSystem) {
    EXPECT_GT(synthetic_slants, 0) << "no synthetic italic compared";
    EXPECT_GT(synthetic_bolds, 0) << "no synthetic bold compared";
  }
  std::printf("%zu fonts, %ld characters compared, %ld without a font, %d synthetic slants, %d synthetic bolds, %d texts shaped\n",
              pairs_.size(), compared_, missing_, synthetic_slants, synthetic_bolds, shaped);
}

TEST_P(FontMatcherTest, UsesTheConfigurationOfTheFontMap) {
  FcConfig* config = fontconfig_of(GetParam());
  FcConfig* maps = pango_fc_font_map_get_config(PANGO_FC_FONT_MAP(map_));
  EXPECT_EQ(config, maps);
}

TEST_P(FontMatcherTest, KeepsListsAndFontsAndMissesNothingTwice) {
  FontMatcher matcher(fontconfig_of(GetParam()));
  FontDescription a{"DejaVu Sans", 10, 400, false, "en-US"};
  FontDescription b = a;
  b.language = "en_us";  // the same FC_LANG: the same list
  const FontMatcher::FontList* la = matcher.fonts(a);
  EXPECT_EQ(matcher.fonts(b), la);
  const Font* f = matcher.font_for(la, 'A');
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f, matcher.first(la));
  EXPECT_TRUE(f->of_families({"Liberation Serif, dejavu  sans"}));
  EXPECT_FALSE(f->of_families({"Liberation Serif"}));
  EXPECT_EQ(matcher.font_for(la, 0x10FFFD), nullptr);
  EXPECT_EQ(matcher.font_for(la, 0x10FFFD), nullptr);
  FontDescription bigger = a;
  bigger.size = 20;
  const Font* g = matcher.first(matcher.fonts(bigger));
  ASSERT_NE(g, nullptr);
  EXPECT_NE(g, f);
  EXPECT_EQ(g->face(), f->face()) << "one FontFace per file and index for every size";
  EXPECT_EQ(g->size(), 20);
  int x = 0, y = 0;
  hb_font_get_scale(g->hb(), &x, &y);
  EXPECT_EQ(x, 20 * 1024);
}

INSTANTIATE_TEST_SUITE_P(Sets, FontMatcherTest, ::testing::Values(FontSet::kSystem, FontSet::kFast),
                         [](const ::testing::TestParamInfo<FontSet>& info) {
                           return std::string(info.param == FontSet::kSystem ? "System" : "Fast");
                         });

}  // namespace
}  // namespace docforge::document::pdf
