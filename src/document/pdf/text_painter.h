// Draws TextLayouts (text_layout.h) into a PdfWriter, as Pango's renderer drew PangoLayouts
// through pdf_painter: each line's runs left to right, cut where the colour, background or
// strikethrough of their characters changes; a piece's background fills the line's height
// behind it; strikethrough is one bar under consecutive struck pieces; a glyph no font has is
// a hollow box; each glyph maps to the characters of its cluster (ToUnicode, in logical order,
// so ligatures and right-to-left text extract as written).
//
// Thread safety: thread-compatible; one painter per document.
#ifndef DOCFORGE_DOCUMENT_PDF_TEXT_PAINTER_H_
#define DOCFORGE_DOCUMENT_PDF_TEXT_PAINTER_H_

#include <cstdint>
#include <vector>

#include "document/pdf/pdf_writer.h"
#include "document/pdf/text_layout.h"

namespace docforge::document::pdf {

class TextPainter {
 public:
  explicit TextPainter(PdfWriter* writer) : writer_(writer) {}

  // The whole layout with its top left corner at (x, y) (points, y downwards).
  void draw(const TextLayout& layout, double x, double y);
  // One line: x is where the line's logical box starts (the layout's left edge plus line.x),
  // baseline the line's baseline (points).
  void draw_line(const TextLayout& layout, const TextLayout::Line& line, double x, double baseline);

 private:
  void draw_piece(const TextLayout& layout, const TextLayout::Run& run, std::uint32_t first, std::uint32_t end,
                  int x, int y, const Rgb& fg);

  PdfWriter* writer_;
  std::vector<PositionedGlyph> glyphs_;
  std::vector<int> drawn_;  // glyph of the piece -> index in glyphs_ (-1: not drawn)
  // Where the drawing attributes of cuts_of_ change (draw_line). The layout outlives the
  // painter's use of it: a document's layouts live until its PDF is finished.
  const TextLayout* cuts_of_ = nullptr;
  std::vector<std::uint32_t> cuts_;
};

}  // namespace docforge::document::pdf

#endif  // DOCFORGE_DOCUMENT_PDF_TEXT_PAINTER_H_
