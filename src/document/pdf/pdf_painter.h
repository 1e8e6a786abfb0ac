// Paints Pango layouts into a PdfWriter.
//
// A PangoRenderer subclass (a GObject type registered once per process) receives Pango's glyph
// runs, with their text and clusters, and the rectangles Pango draws itself (backgrounds,
// underlines, strikethrough) in the colours of the attributes; it turns them into glyph runs
// and filled rectangles of the writer, and maps each glyph to the characters of its cluster
// (ToUnicode, so a ligature maps to all of its letters and right-to-left text extracts in
// logical order). Glyphs Pango has no font for are drawn as hollow boxes.
//
// PangoFontFaces maps Pango's fonts to the writer's FontFace (one per font file and index, for
// every size) and keeps them for the life of the font map they come from.
//
// Thread safety: thread-compatible; one painter per document, one PangoFontFaces per font map.
#ifndef DOCFORGE_DOCUMENT_PDF_PDF_PAINTER_H_
#define DOCFORGE_DOCUMENT_PDF_PDF_PAINTER_H_

#include <pango/pango.h>

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "document/pdf/font_pattern.h"
#include "document/pdf/font_subset.h"
#include "document/pdf/pdf_writer.h"

namespace docforge::document::pdf {

class PangoFontFaces {
 public:
  struct Entry {
    std::shared_ptr<const FontFace> face;
    double size = 0;  // points
    Synthetic synthetic;  // fontconfig's slant / emboldening for a face without the style
  };
  PangoFontFaces() = default;
  ~PangoFontFaces();
  PangoFontFaces(const PangoFontFaces&) = delete;
  PangoFontFaces& operator=(const PangoFontFaces&) = delete;

  // nullptr when the font has no face HarfBuzz can read.
  const Entry* get(PangoFont* font);

 private:
  std::unordered_map<PangoFont*, Entry> fonts_;  // holds a reference to each font
  FontFaceTable faces_;
};

class PdfPainter {
 public:
  PdfPainter(PdfWriter* writer, PangoFontFaces* faces);
  ~PdfPainter();
  PdfPainter(const PdfPainter&) = delete;
  PdfPainter& operator=(const PdfPainter&) = delete;

  // A whole layout with its top left corner at (x, y) (points).
  // dx: Pango units added to x after rounding (a one-line layout drawn where the same text,
  // laid out at a width with an alignment, would start: LayoutEngine's one-line texts).
  void draw_layout(PangoLayout* layout, double x, double y, int dx = 0);
  // One line with its baseline origin at (x, y).
  void draw_line(PangoLayoutLine* line, double x, double y);

  // Called by the renderer (Pango units, y downwards).
  void glyphs(PangoFont* font, PangoGlyphString* glyphs, const PangoGlyphItem* item, const char* text, int x, int y);
  void rectangle(PangoRenderPart part, int x, int y, int width, int height);

 private:
  Rgb color(PangoRenderPart part) const;

  PdfWriter* writer_;
  PangoFontFaces* faces_;
  PangoRenderer* renderer_;
  std::vector<PositionedGlyph> run_;
  std::vector<int> run_index_;  // glyph index in the glyph string -> index in run_ (-1: not drawn)
};

}  // namespace docforge::document::pdf

#endif  // DOCFORGE_DOCUMENT_PDF_PDF_PAINTER_H_
