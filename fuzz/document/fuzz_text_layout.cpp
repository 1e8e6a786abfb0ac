// libFuzzer target: the text layout (text_layout.h) and its painter (text_painter.h) on a
// structured input decoded from the fuzz bytes, then the PDF writer's finish() with a subset
// cache (pdf_writer.h, font_subset.h).
//
// The bytes decode (FuzzedDataProvider) to a ParagraphFormat (a bundled theme's family list,
// a missing family or none; size, weight, style, language; width from -1 to wide; every wrap
// mode, alignment and line spacing), 0-8 TextAttributes of every kind whose ranges fall inside
// the text, overlap, or end at its end or at UINT32_MAX, and a valid UTF-8 text whose code
// points are biased toward what breaks layouts: spaces of all kinds, U+00AD, separators and
// controls, combining marks, joiners, bidi controls, Arabic, Hebrew, Indic, Thai, CJK, emoji
// and unassigned code points.
//
// After the layout it checks what must hold of any layout, and aborts when something does not
// (so the fuzzer reports it): the lines cover the text in order, without gaps or overlaps but
// the paragraph separators between them; every run is inside its line and its glyphs inside
// glyphs(); every cluster is inside the text, on a character boundary, and inside its run;
// top <= baseline <= bottom; x_ranges gives ordered pairs. Then it paints the layout and
// finishes the PDF. One FontMatcher, TextLayouter and FontSubsetCache serve the whole process,
// so their caches carry state across inputs, as in the engine.

#include <fuzzer/FuzzedDataProvider.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "document/pdf/font_config.h"
#include "document/pdf/font_matcher.h"
#include "document/pdf/font_subset.h"
#include "document/pdf/pdf_writer.h"
#include "document/pdf/text_layout.h"
#include "document/pdf/text_painter.h"
#include "fuzz_leaks.h"
#include "value/utf8.h"

namespace pdf = docforge::document::pdf;

namespace {

constexpr std::size_t kMaxChars = 400;  // code points per text: keeps a run fast

// The families of the bundled themes (src/document/themes/*.toml), one no system has, none.
const char* const kFamilies[] = {
    "DejaVu Sans",
    "DejaVu Sans Mono",
    "Liberation Serif, DejaVu Serif",
    "Liberation Sans, DejaVu Sans",
    "Liberation Mono, DejaVu Sans Mono",
    "No Such Family Docforge",
    "",
};

// Single code points that are special to line breaking, bidi, shaping or paragraphs.
const char32_t kSpecials[] = {
    '\n', '\r', '\t', ' ', 0x00A0, 0x00AD, 0x1680, 0x2000, 0x2002, 0x2007, 0x2009, 0x200A, 0x200B,
    0x200C, 0x200D, 0x200E, 0x200F, 0x2010, 0x2011, 0x2014, 0x2028, 0x2029, 0x202A, 0x202B, 0x202C,
    0x202D, 0x202E, 0x202F, 0x205F, 0x2060, 0x2066, 0x2067, 0x2068, 0x2069, 0x3000, 0xFEFF, 0xFFFC,
    0xFFFD, 0x0000, 0x0001, 0x001B, 0x007F, 0x0085, 0x034F, 0xFE0F, 0x1F3FB, 0xE0001, 0xE0041,
    '-', '/', '.', ',', '(', ')', '"', '\'', '!', '?', 0x0640, 0x061C, 0x0F0B, 0x17D2,
};

// [first, last] ranges of scripts and blocks; the decoder picks one, then a code point in it.
struct Block {
  char32_t first, last;
};
const Block kBlocks[] = {
    {0x0020, 0x007E},    // ASCII
    {0x0061, 0x007A},    // small letters: words
    {0x00C0, 0x024F},    // Latin-1, Latin Extended
    {0x0300, 0x036F},    // combining diacritics
    {0x0370, 0x03FF},    // Greek
    {0x0400, 0x04FF},    // Cyrillic
    {0x0590, 0x05FF},    // Hebrew (points, letters)
    {0x0600, 0x06FF},    // Arabic
    {0x0900, 0x097F},    // Devanagari
    {0x0E00, 0x0E7F},    // Thai
    {0x1100, 0x11FF},    // Hangul Jamo
    {0x3040, 0x30FF},    // Hiragana, Katakana
    {0x4E00, 0x4FFF},    // CJK ideographs
    {0xAC00, 0xAD00},    // Hangul syllables
    {0xFB1D, 0xFDFF},    // Hebrew and Arabic presentation forms
    {0x1F300, 0x1F6FF},  // emoji
    {0x1F900, 0x1F9FF},  // more emoji
    {0x0378, 0x0379},    // unassigned
    {0x2FE0, 0x2FEF},    // unassigned
    {0xE000, 0xE0FF},    // private use
    {0x30000, 0x3134F},  // CJK Extension G (few fonts have it)
    {0xE0100, 0xE01EF},  // variation selectors supplement
    {0x10FFF0, 0x10FFFF},  // the last plane, noncharacters
};

// A text of code points drawn from kSpecials and kBlocks (runs of one block, so that words
// and script runs form), never surrogates.
std::string make_text(FuzzedDataProvider& in) {
  std::string text;
  std::size_t chars = 0;
  while (chars < kMaxChars && in.remaining_bytes() > 0) {
    const std::uint8_t kind = in.ConsumeIntegral<std::uint8_t>();
    if (kind < 64) {
      docforge::utf8::append(text, kSpecials[kind % std::size(kSpecials)]);
      ++chars;
      continue;
    }
    const Block& b = kBlocks[kind % std::size(kBlocks)];
    const int count = 1 + in.ConsumeIntegralInRange<int>(0, 11);
    for (int k = 0; k < count && chars < kMaxChars; ++k, ++chars) {
      char32_t c = in.ConsumeIntegralInRange<char32_t>(b.first, b.last);
      if (c >= 0xD800 && c <= 0xDFFF) c = 0xFFFD;
      docforge::utf8::append(text, c);
    }
  }
  return text;
}

bool is_boundary(const std::string& text, std::uint32_t i) {
  return i == text.size() || (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80);
}

// A byte offset of the text on a character boundary, near `at` (or the end).
std::uint32_t boundary(const std::string& text, std::uint32_t at) {
  if (at >= text.size()) return static_cast<std::uint32_t>(text.size());
  while (!is_boundary(text, at)) ++at;
  return at;
}

pdf::Rgb make_color(FuzzedDataProvider& in) {
  return {in.ConsumeIntegral<std::uint8_t>() / 255.0, in.ConsumeIntegral<std::uint8_t>() / 255.0,
          in.ConsumeIntegral<std::uint8_t>() / 255.0};
}

// Attributes are decoded before the text (the text takes the rest of the bytes), so their
// offsets are fractions of the text's length, resolved by place_attributes.
struct AttributeDraft {
  pdf::TextAttribute attribute;
  std::uint8_t start = 0, end = 0;  // /255 of the text; end 255: UINT32_MAX when `open`
  bool open = false;
};

std::vector<AttributeDraft> make_attributes(FuzzedDataProvider& in) {
  std::vector<AttributeDraft> out(in.ConsumeIntegralInRange<int>(0, 8));
  for (AttributeDraft& d : out) {
    pdf::TextAttribute& a = d.attribute;
    a.kind = static_cast<pdf::TextAttribute::Kind>(in.ConsumeIntegralInRange<int>(0, 6));
    d.start = in.ConsumeIntegral<std::uint8_t>();
    d.end = in.ConsumeIntegral<std::uint8_t>();
    d.open = in.ConsumeBool();
    switch (a.kind) {
      case pdf::TextAttribute::Kind::kFamily: a.family = kFamilies[in.ConsumeIntegralInRange<int>(0, 6)]; break;
      case pdf::TextAttribute::Kind::kScale: {
        static const double kScales[] = {0.01, 0.5, 0.8, 1, 1.2, 1.44, 2, 5};
        a.scale = kScales[in.ConsumeIntegralInRange<int>(0, 7)];
        break;
      }
      case pdf::TextAttribute::Kind::kWeight: a.weight = 100 * in.ConsumeIntegralInRange<int>(1, 10); break;
      case pdf::TextAttribute::Kind::kItalic: break;
      default: a.color = make_color(in); break;
    }
  }
  return out;
}

std::vector<pdf::TextAttribute> place_attributes(const std::vector<AttributeDraft>& drafts, const std::string& text) {
  std::vector<pdf::TextAttribute> out;
  const auto at = [&](std::uint8_t f) {
    return boundary(text, static_cast<std::uint32_t>(text.size() * f / 255));
  };
  for (const AttributeDraft& d : drafts) {
    pdf::TextAttribute a = d.attribute;
    a.start = at(d.start);
    a.end = d.open && d.end == 255 ? UINT32_MAX : at(d.end);
    if (a.end < a.start) std::swap(a.start, a.end);
    out.push_back(std::move(a));
  }
  return out;
}

pdf::ParagraphFormat make_format(FuzzedDataProvider& in) {
  static const double kSizes[] = {10, 9.5, 10.5, 1, 4, 12, 24, 72};
  static const char* const kLanguages[] = {"en-US", "", "de", "ar", "he", "ja", "zh-CN", "th"};
  static const int kWidths[] = {-1, 0, 1, 1024, 20 * 1024, 100 * 1024, 300 * 1024, 100000 * 1024};
  static const double kSpacings[] = {0, 1, 1.2, 2.5};
  pdf::ParagraphFormat f;
  f.font.families = kFamilies[in.ConsumeIntegralInRange<int>(0, 6)];
  f.font.size = kSizes[in.ConsumeIntegralInRange<int>(0, 7)];
  f.font.weight = in.ConsumeBool() ? 700 : 400;
  f.font.italic = in.ConsumeBool();
  f.font.language = kLanguages[in.ConsumeIntegralInRange<int>(0, 7)];
  f.width = kWidths[in.ConsumeIntegralInRange<int>(0, 7)];
  if (in.ConsumeBool()) f.width = in.ConsumeIntegralInRange<int>(-1, 400 * 1024);
  f.wrap = static_cast<pdf::WrapMode>(in.ConsumeIntegralInRange<int>(0, 2));
  f.align = static_cast<pdf::TextAlign>(in.ConsumeIntegralInRange<int>(0, 2));
  f.line_spacing = kSpacings[in.ConsumeIntegralInRange<int>(0, 3)];
  return f;
}

[[noreturn]] void fail(const char* what, std::size_t index) {
  std::fprintf(stderr, "fuzz_text_layout: invariant broken: %s (at %zu)\n", what, index);
  std::abort();
}

// The separator a paragraph ends with, at byte i: its length in bytes (0: none).
std::size_t separator_at(const std::string& text, std::size_t i) {
  if (i >= text.size()) return 0;
  if (text[i] == '\n') return 1;
  if (text[i] == '\r') return i + 1 < text.size() && text[i + 1] == '\n' ? 2 : 1;
  if (text.compare(i, 3, "\xE2\x80\xA9") == 0) return 3;  // U+2029
  return 0;
}

void check(const pdf::TextLayout& layout) {
  const std::string& text = layout.text();
  const auto& lines = layout.lines();
  const auto& runs = layout.runs();
  const auto& glyphs = layout.glyphs();
  if (lines.empty()) fail("no lines", 0);
  if (lines.front().start != 0) fail("the first line does not start the text", 0);
  if (lines.back().end != text.size()) fail("the last line does not end the text", lines.size() - 1);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const pdf::TextLayout::Line& line = lines[i];
    if (line.start > line.end || line.end > text.size()) fail("line outside the text", i);
    if (!is_boundary(text, line.start) || !is_boundary(text, line.end)) fail("line off a character boundary", i);
    if (i > 0 && line.start != lines[i - 1].end) {
      const std::size_t sep = separator_at(text, lines[i - 1].end);
      if (sep == 0 || lines[i - 1].end + sep != line.start) fail("gap or overlap between lines", i);
    }
    if (!(line.top <= line.baseline && line.baseline <= line.bottom)) fail("baseline outside the line's box", i);
    if (line.first_run > runs.size() || line.run_count > runs.size() - line.first_run) fail("line's runs", i);
    for (std::uint32_t r = line.first_run; r < line.first_run + line.run_count; ++r) {
      const pdf::TextLayout::Run& run = runs[r];
      if (run.font == nullptr) fail("run without a font", r);
      if (run.start > run.end || run.start < line.start || run.end > line.end) fail("run outside its line", r);
      if (run.first_glyph > glyphs.size() || run.glyph_count > glyphs.size() - run.first_glyph) {
        fail("run's glyphs outside glyphs()", r);
      }
      for (std::uint32_t g = run.first_glyph; g < run.first_glyph + run.glyph_count; ++g) {
        const std::uint32_t c = glyphs[g].cluster;
        if (c >= text.size() || !is_boundary(text, c)) fail("cluster outside the text or off a boundary", g);
        if (c < run.start || c >= run.end) fail("cluster outside its run", g);
      }
    }
    // Ranges the engine asks for (links, backgrounds): the whole line, around it, a part.
    const std::uint32_t mid = boundary(text, line.start + (line.end - line.start) / 2);
    for (auto [from, to] : {std::pair{line.start, line.end}, std::pair{0u, static_cast<std::uint32_t>(text.size())},
                            std::pair{line.start, mid}, std::pair{mid, UINT32_MAX}}) {
      const std::vector<int> xs = layout.x_ranges(line, from, to);
      if (xs.size() % 2 != 0) fail("x_ranges of odd length", i);
      for (std::size_t k = 0; k < xs.size(); k += 2) {
        if (xs[k] > xs[k + 1]) fail("x_ranges pair out of order", i);
      }
    }
    (void)layout.rtl_at(line.start);
  }
}

// The decoded case on stderr (DOCFORGE_FUZZ_PRINT=1), to turn a crashing input into a test.
void print_case(const std::string& text, const std::vector<pdf::TextAttribute>& attributes,
                const pdf::ParagraphFormat& f) {
  std::fprintf(stderr, "font \"%s\" %g weight %d%s lang \"%s\" width %d wrap %d align %d spacing %g\n",
               f.font.families.c_str(), f.font.size, f.font.weight, f.font.italic ? " italic" : "",
               f.font.language.c_str(), f.width, static_cast<int>(f.wrap), static_cast<int>(f.align),
               f.line_spacing);
  for (const pdf::TextAttribute& a : attributes) {
    std::fprintf(stderr, "attribute kind %d [%u, %u) family \"%s\" scale %g weight %d\n", static_cast<int>(a.kind),
                 a.start, a.end, a.family.c_str(), a.scale, a.weight);
  }
  std::fprintf(stderr, "text (%zu bytes) \"", text.size());
  for (std::size_t pos = 0; pos < text.size();) {
    const char32_t c = docforge::utf8::decode(text, &pos);
    if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') std::fputc(static_cast<int>(c), stderr);
    else std::fprintf(stderr, "\\u{%X}", static_cast<unsigned>(c));
  }
  std::fprintf(stderr, "\"\n");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static auto* fonts = new pdf::FontMatcher(pdf::fontconfig_of(pdf::default_font_set()));
  static auto* layouter = new pdf::TextLayouter(fonts);
  static auto* subsets = new pdf::FontSubsetCache();

  FuzzedDataProvider in(data, size);
  const pdf::ParagraphFormat format = make_format(in);
  const std::vector<AttributeDraft> drafts = make_attributes(in);
  std::string text = make_text(in);
  std::vector<pdf::TextAttribute> attributes = place_attributes(drafts, text);
  static const bool print = std::getenv("DOCFORGE_FUZZ_PRINT") != nullptr;
  if (print) print_case(text, attributes, format);

  auto layout = layouter->layout(std::move(text), std::move(attributes), format);
  check(*layout);

  pdf::PdfWriter writer(595, 842);
  writer.begin_page();
  pdf::TextPainter painter(&writer);
  painter.draw(*layout, 36, 36);
  writer.end_page();
  auto bytes = writer.finish(pdf::DocumentInfo{}, *subsets);
  if (bytes.ok() && bytes->compare(0, 5, "%PDF-") != 0) fail("finish() made no PDF", 0);
  return 0;
}
