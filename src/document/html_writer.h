// Markdown document -> HTML5.
//
// write_html() gives a standalone page (doctype, <html lang>, <title>, author meta, the theme's
// stylesheet inlined, local images embedded as data: URIs, a title block from the front matter, an optional table of contents) or,
// with fragment set, only the body content. Text and attributes are escaped; raw HTML from the
// Markdown passes through as CommonMark specifies. Headings carry their unique ids.
//
// Thread safety: pure function.

#ifndef DOCFORGE_DOCUMENT_HTML_WRITER_H_
#define DOCFORGE_DOCUMENT_HTML_WRITER_H_

#include <string>

#include "document/front_matter.h"
#include "document/markdown.h"
#include "document/theme.h"

namespace docforge::document {

struct HtmlOptions {
  bool fragment = false;
  bool toc = false;
  // Local images (relative paths resolve here) are embedded as data: URIs so the page stands
  // alone; images that cannot be read keep their original src.
  std::string base_dir;
};

std::string write_html(const MarkdownDocument& doc, const DocumentSettings& settings, const Theme& theme,
                       const HtmlOptions& options);

// Appends `text` with & < > " escaped.
void append_html_escaped(std::string& out, std::string_view text);

// The stylesheet a theme gives HTML output.
std::string theme_css(const Theme& theme);

}  // namespace docforge::document

#endif  // DOCFORGE_DOCUMENT_HTML_WRITER_H_
