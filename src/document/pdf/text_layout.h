// Paragraph layout without Pango: a text with attributes, laid out in lines of HarfBuzz glyph
// runs, as a PangoLayout of Pango 1.50 lays it out (the same items, shaping, line breaks,
// extents, alignment, baselines and bidi order), so that the engine dropped Pango without
// changing how documents look.
//
// The pieces: text_analysis.h (line breaks, bidi levels, scripts), font_matcher.h (fonts from
// fontconfig as Pango's fontsets choose them), hb_shape (through shape_cache.h when a cache is
// in scope). The algorithm follows Pango's: itemize each paragraph by attribute, level, script
// and font (spaces and controls take a neighbour's font, Pango's "space" rule), shape each item
// with the whole text as context, fill each line greedily (an item that fits is kept whole; an
// item that does not is broken at its last allowed break that fits, measured by reshaping near
// the margin; a word that does not fit on an empty line is broken between characters for
// kWordChar), insert a hyphen at soft-hyphen breaks, zero the width of the space a line breaks
// after, align the baselines of mixed fonts, reorder runs for bidi, justify, place lines by the
// alignment and stack them by font height times the line spacing factor. text_layout_test
// compares all of it with a PangoLayout of the same text and attributes. Where Pango is wrong it
// is not copied: a justified line never spreads more room than its glyphs leave (Pango's can
// overflow by a hyphen), and an item that cannot be broken where a line needs it goes on the
// line whole (Pango aborts). Known differences: emoji are not items of their own, Thai is not
// broken inside words (pdf/README.md).
//
// Units: layout units, 1/1024 pt (Pango units at 72 dpi); y grows downwards from the top of the
// layout.
//
// Thread safety: a TextLayout is immutable once made (shared across documents by the engine's
// cache); making one uses the FontMatcher, which is thread-compatible.
#ifndef DOCFORGE_DOCUMENT_PDF_TEXT_LAYOUT_H_
#define DOCFORGE_DOCUMENT_PDF_TEXT_LAYOUT_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "document/pdf/font_matcher.h"
#include "document/pdf/pdf_writer.h"

namespace docforge::document::pdf {

constexpr int kLayoutUnits = 1024;  // per point

enum class WrapMode : std::uint8_t {
  kWord,      // break at line-break opportunities only (a long word overflows)
  kWordChar,  // ... and between characters when a word does not fit on a line of its own
  kChar,      // at any character boundary
};

enum class TextAlign : std::uint8_t { kLeft, kCenter, kRight };  // right-to-left paragraphs mirror left/right

// An attribute over bytes [start, end) of the text. Where attributes of the same kind overlap,
// the one that starts later wins (ties: the one later in the list), as with Pango's attribute
// lists of nested ranges.
struct TextAttribute {
  enum class Kind : std::uint8_t {
    kFamily,         // family list (replaces the paragraph's)
    kScale,          // font size factor
    kWeight,         // font weight
    kItalic,         // italic style
    kForeground,     // text colour
    kBackground,     // background colour of the text's runs (the line's height)
    kStrikethrough,  // a line through the text
  };
  Kind kind = Kind::kForeground;
  std::uint32_t start = 0;
  std::uint32_t end = UINT32_MAX;
  std::string family;  // kFamily
  double scale = 1;    // kScale
  int weight = 700;    // kWeight
  Rgb color;           // kForeground, kBackground
};

// The attribute of `kind` that applies at `byte` (the rule above); null when none does.
const TextAttribute* attribute_at(const std::vector<TextAttribute>& attributes, TextAttribute::Kind kind,
                                  std::uint32_t byte);

struct ParagraphFormat {
  FontDescription font;  // the text's font; font.language is the text's language
  int width = -1;        // layout units; < 0: no wrapping
  WrapMode wrap = WrapMode::kWordChar;
  TextAlign align = TextAlign::kLeft;
  double line_spacing = 0;  // factor of the font height between baselines; 0: lines touch
  // Wrapped lines (not a paragraph's last) fill the width: the room left goes to the spaces
  // (Pango's justify_words), or between the clusters of a line without spaces.
  bool justify = false;
};

class TextLayout {
 public:
  struct Glyph {
    std::uint32_t id = 0;  // glyph id in the run's font; kEmptyGlyph: nothing to draw
    int advance = 0;
    int x_offset = 0;
    int y_offset = 0;      // downwards
    std::uint32_t cluster = 0;  // byte offset of the first character of the glyph's cluster
    bool unknown = false;  // no font has the cluster's character: drawn as a box
  };
  static constexpr std::uint32_t kEmptyGlyph = 0x0FFFFFFF;

  struct Run {
    const Font* font = nullptr;
    std::uint8_t level = 0;          // bidi level: odd runs read right to left
    std::uint32_t start = 0, end = 0;  // bytes of the text
    std::uint32_t first_glyph = 0, glyph_count = 0;  // into glyphs(), left to right
    int x = 0;                       // from the line's start (left edge of its logical box)
    int width = 0;
    int y_offset = 0;  // raised above the line's baseline by this much (baselines of mixed fonts)
  };

  struct Line {
    std::uint32_t start = 0, end = 0;  // bytes of the text (no paragraph separator)
    std::uint32_t first_run = 0, run_count = 0;  // into runs(), left to right
    int x = 0;         // left edge of the logical box, layout coordinates (alignment included)
    int width = 0;     // logical width
    int baseline = 0;  // layout coordinates
    int top = 0, bottom = 0;  // logical box (pango_layout_iter_get_line_yrange)
    bool rtl = false;  // the paragraph's direction
  };

  const std::string& text() const { return text_; }
  const std::vector<TextAttribute>& attributes() const { return attributes_; }
  const std::vector<Line>& lines() const { return lines_; }
  const std::vector<Run>& runs() const { return runs_; }
  const std::vector<Glyph>& glyphs() const { return glyphs_; }

  // pango_layout_get_extents' logical rectangle.
  int x() const { return x_; }
  int width() const { return width_; }
  int height() const { return height_; }
  int baseline() const { return lines_.empty() ? 0 : lines_.front().baseline; }

  // Characters drawn as boxes (no font has them), in order of first appearance.
  const std::vector<char32_t>& missing() const { return missing_; }

  // The horizontal ranges (layout coordinates) of the line's glyphs whose cluster starts in
  // bytes [start, end), one per run, and from the line's end to the layout's right edge when
  // the range goes on past the line (pango_layout_line_get_x_ranges). Pairs x0, x1.
  std::vector<int> x_ranges(const Line& line, std::uint32_t start, std::uint32_t end) const;

  // The bidi direction of the run holding byte `index` (left to right when none does).
  bool rtl_at(std::uint32_t index) const;

 private:
  friend class TextLayouter;
  TextLayout() = default;

  std::string text_;
  std::vector<TextAttribute> attributes_;
  std::vector<Line> lines_;
  std::vector<Run> runs_;
  std::vector<Glyph> glyphs_;
  std::vector<char32_t> missing_;
  int x_ = 0, width_ = 0, height_ = 0;
  int layout_width_ = -1;  // ParagraphFormat::width
};

// Makes TextLayouts with the fonts of one FontMatcher, keeping what it learns of each font
// (metrics, hyphen glyph) and a HarfBuzz buffer from one layout to the next.
class TextLayouter {
 public:
  explicit TextLayouter(FontMatcher* fonts);  // not owned; outlives the layouter
  ~TextLayouter();
  TextLayouter(const TextLayouter&) = delete;
  TextLayouter& operator=(const TextLayouter&) = delete;

  // Lays `text` out. REQUIRES: text is valid UTF-8; attribute ranges are within it or end at
  // UINT32_MAX.
  std::shared_ptr<const TextLayout> layout(std::string text, std::vector<TextAttribute> attributes,
                                           const ParagraphFormat& format);

  struct FontInfo;  // text_layout.cpp
  struct RunFonts;
  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace docforge::document::pdf

#endif  // DOCFORGE_DOCUMENT_PDF_TEXT_LAYOUT_H_
