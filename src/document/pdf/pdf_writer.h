// A direct PDF writer: pages of vector content (filled rectangles, stroked lines, glyph runs,
// images), link annotations, named destinations, an outline, document metadata — and fonts
// embedded as subsets (Type0 / CIDFontType2 or CIDFontType0 with an OpenType CFF program,
// Identity-H, glyph ids as character codes) with a ToUnicode CMap and a /W widths array, so
// that text is extractable and searchable.
//
// Coordinates are points with the origin at the top left of the page and y growing downwards
// (as the layout works); the writer turns them into PDF's bottom-left space. Glyph positions
// are baseline origins. Streams are deflated (deflate.h); the output is a classic xref PDF 1.7,
// the same bytes for the same calls (no dates, no random ids).
//
// Font subsets come from a FontSubsetCache at finish(), when each font's glyph set is known.
// Content streams name glyphs by their original ids, which TrueType subsets keep; the codes of
// CFF fonts, whose subsets renumber glyphs, are rewritten in place at finish() (four hex digits
// each), before the page contents are deflated.
//
// Usage: begin_page(), drawing calls, end_page(), ... then finish() once.
// Thread safety: thread-compatible; one writer per document.
#ifndef DOCFORGE_DOCUMENT_PDF_PDF_WRITER_H_
#define DOCFORGE_DOCUMENT_PDF_PDF_WRITER_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "docforge/error.h"
#include "document/pdf/font_subset.h"

namespace docforge::document::pdf {

struct Rgb {
  double r = 0, g = 0, b = 0;
  bool operator==(const Rgb& o) const { return r == o.r && g == o.g && b == o.b; }
};

// What fontconfig synthesises for a face that lacks a style (cairo did the same): a slant
// (the glyphs' matrix, x' = xx x + xy y, y' = yx x + yy y in glyph space) and emboldening
// (outlines also stroked, 1/24 em wide, as FreeType's FT_GlyphSlot_Embolden widens them).
struct Synthetic {
  double xx = 1, xy = 0, yx = 0, yy = 1;
  bool bold = false;
};

struct PositionedGlyph {
  uint32_t id = 0;       // glyph id in the font
  double x = 0, y = 0;   // baseline origin, page coordinates
};

// An image ready to embed: a JPEG file as it is (DCTDecode), or 8-bit samples deflated.
struct ImageData {
  int width = 0, height = 0;
  bool jpeg = false;
  int components = 3;  // 1 gray, 3 RGB, 4 CMYK (JPEG only)
  std::string data;    // the JPEG file, or the deflated samples (row by row, no predictor)
  std::string alpha;   // deflated 8-bit alpha (an /SMask); empty: opaque
};

struct DocumentInfo {
  std::string title, author, subject, creator, lang;
  std::string creation_date;  // a PDF date ("D:20250115093000Z"); empty: none
};

class PdfWriter {
 public:
  PdfWriter(double page_width, double page_height);
  PdfWriter(const PdfWriter&) = delete;
  PdfWriter& operator=(const PdfWriter&) = delete;

  void begin_page();
  void end_page();
  int pages() const { return static_cast<int>(page_objects_.size()); }

  // ---- drawing on the current page (REQUIRES: between begin_page and end_page) ----
  void fill_rect(double x, double y, double w, double h, const Rgb& color);
  // dash: {on, off} or nullptr for a solid line.
  void stroke_line(double x0, double y0, double x1, double y1, double width, const Rgb& color,
                   const double* dash = nullptr);
  void stroke_rect(double x, double y, double w, double h, double width, const Rgb& color);

  // The document's index for a face (the same index for every size of it).
  int font(const std::shared_ptr<const FontFace>& face);
  // Draws glyphs of one font at one size (points).
  void show_glyphs(int font, double size, const Rgb& color, const PositionedGlyph* glyphs, std::size_t n,
                   const Synthetic& synthetic = {});
  // The text a glyph stands for (ToUnicode); the first mapping of a glyph wins.
  // REQUIRES: the glyph was drawn with show_glyphs.
  void map_text(int font, uint32_t glyph, std::string_view utf8);
  // Whether a glyph drawn with show_glyphs has its text already (map_text would do nothing).
  bool has_text(int font, uint32_t glyph) const {
    const DocFont& f = fonts_[static_cast<std::size_t>(font)];
    return glyph < f.glyphs.size() && f.glyphs[glyph].text >= 0;
  }

  // Embeds an image once per key (the same key draws the same XObject again).
  int image(const void* key, const ImageData& data);
  void draw_image(int image, double x, double y, double w, double h);

  // Link areas on the current page: to a URI (bytes outside ASCII are percent-encoded), or to
  // a named destination.
  void link_uri(double x, double y, double w, double h, std::string_view uri);
  void link_dest(double x, double y, double w, double h, std::string_view name);
  // A named destination at (x, y) of the current page; the first of a name wins.
  void named_dest(std::string_view name, double x, double y);

  // An outline entry (bookmark), closed; parent -1: top level. page: 0-based. Returns its id.
  int outline(int parent, std::string_view title, int page, double x, double y);

  // The PDF. Fonts are subset through `subsets`.
  Result<std::string> finish(const DocumentInfo& info, FontSubsetCache& subsets);

 private:
  struct GlyphUse {
    int width = -1;  // 1/1000 em; -1: not used
    int text = -1;   // index into DocFont::texts
  };
  struct DocFont {
    std::shared_ptr<const FontFace> face;
    int object = 0;  // the Type0 font's object number
    std::vector<GlyphUse> glyphs;  // by glyph id
    std::vector<std::string> texts;
  };
  struct CffCode {
    std::size_t at;  // offset of the glyph's four hex digits in the page's ops
    int font;
    uint32_t glyph;  // the original glyph id written there
  };
  struct PageContent {
    int object = 0;  // the content stream's object number
    std::string ops;
    std::vector<CffCode> cff_codes;
  };
  struct Annot {
    double x0, y0, x1, y1;  // PDF space
    std::string target;     // URI or destination name
    bool uri;
  };
  struct Dest {
    int page;
    double x, y;  // PDF space
  };
  struct Outline {
    int parent;
    std::string title;
    int page;
    double x, y;  // PDF space
    int first = -1, last = -1, prev = -1, next = -1, children = 0;
  };

  int reserve() { offsets_.push_back(0); return static_cast<int>(offsets_.size()) - 1; }
  void begin_object(int n);
  void write_stream(int n, std::string_view dict, std::string_view deflated);
  // The fill colour, and the stroke colour and line width, written only when they change
  // (graphics state known from the start of the page).
  void set_fill(const Rgb& c);
  void set_stroke(const Rgb& c, double width);
  void write_font(const DocFont& f, const FontSubset& subset, const std::vector<uint32_t>& glyphs,
                  FontSubsetCache& subsets);

  double width_, height_;
  std::string out_;
  std::vector<std::size_t> offsets_;  // by object number; 0 unused
  int catalog_ = 0, pages_ = 0, resources_ = 0;
  std::vector<int> page_objects_;
  std::string content_;  // the current page's content stream
  std::vector<CffCode> cff_codes_;  // the current page's CFF glyph codes
  std::vector<PageContent> contents_;  // written at finish()
  std::vector<Annot> annots_;
  Rgb fill_{};
  bool fill_set_ = false;
  Rgb stroke_{};
  double stroke_width_ = 0;
  bool stroke_set_ = false;
  std::vector<DocFont> fonts_;
  std::unordered_map<const FontFace*, int> font_index_;
  std::vector<int> image_objects_;
  std::unordered_map<const void*, int> image_index_;
  std::map<std::string, Dest> dests_;
  std::vector<Outline> outline_;
  int first_outline_ = -1, last_outline_ = -1, top_outlines_ = 0;
};

}  // namespace docforge::document::pdf

#endif  // DOCFORGE_DOCUMENT_PDF_PDF_WRITER_H_
