// The PDF layout engine: lays a prepared Markdown document out on pages — its texts with
// TextLayouter (text_layout.h: HarfBuzz shaping, fontconfig fonts and fallback, as Pango 1.50
// laid them out) — and paints it into the PDF writer (pdf_writer.h) with TextPainter.
//
// Layout is a flow of items (text lines, table rows, rules, images) with "keep with next"
// links: a heading keeps with the first two lines of what follows, a paragraph never leaves a
// single line at the bottom or top of a page (orphans/widows), table rows are atomic and the
// header rows are repeated at the top of every page the table continues on. Pagination is one
// greedy pass that backs up to the last allowed break when an item does not fit.
//
// Fonts: the theme's families from a subset of the installed fonts when the document needs no
// other, else every installed font (font_config.h); the output is the same either way.
//
// Thread safety: a LayoutEngine is thread-compatible; it owns the font matchers and layouters
// (font and shaping caches live there), the laid-out texts and the font subsets of earlier
// documents (font_subset.h), and is reused across documents by PdfEngine.

#ifndef DOCFORGE_DOCUMENT_PDF_LAYOUT_ENGINE_H_
#define DOCFORGE_DOCUMENT_PDF_LAYOUT_ENGINE_H_

#include <memory>
#include <string>
#include <vector>

#include "docforge/error.h"
#include "document/prepare.h"

namespace docforge::document::pdf {

class FontSubsetCache;
class ShapeCache;

struct RenderOutput {
  std::string pdf;
  std::vector<std::string> warnings;
  int pages = 0;
};

class LayoutEngine {
 public:
  LayoutEngine();
  ~LayoutEngine();
  LayoutEngine(const LayoutEngine&) = delete;
  LayoutEngine& operator=(const LayoutEngine&) = delete;

  // base_dir resolves relative image paths. source: the text the document came from (for the
  // font subset's quick check of its characters, font_config.h); empty: no quick check.
  // creation_date: the /CreationDate of the metadata ("D:20250115093000Z"); empty: none, so
  // that equal input gives equal bytes.
  Result<RenderOutput> render(const PreparedDocument& doc, const std::string& base_dir,
                              std::string_view source = {}, std::string_view creation_date = {});

 private:
  struct Impl;
  std::unique_ptr<FontSubsetCache> subsets_;  // shared by impl_ and system_ (outlives both)
  std::unique_ptr<ShapeCache> shapes_;        // words shaped by either (shape_cache.h)
  std::unique_ptr<Impl> impl_;
  std::unique_ptr<Impl> system_;  // every installed font: when impl_'s subset lacks something
};

// Page size in points from "a4", "letter", "210mm x 297mm", ...; nullopt when not understood.
bool parse_page_size(std::string_view text, double* width, double* height);

}  // namespace docforge::document::pdf

#endif  // DOCFORGE_DOCUMENT_PDF_LAYOUT_ENGINE_H_
