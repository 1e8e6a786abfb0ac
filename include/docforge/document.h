// docforge::document — converts rendered Markdown into finished documents (HTML, PDF, text).
//
// The input is the text a template rendered in Markdown (CommonMark plus GitHub tables,
// strikethrough and task lists), optionally opened by YAML front matter between `---` lines:
//
//   ---
//   title: "Invoice INV-2024-0417"     # <title>, PDF metadata, {title} in header/footer
//   author: "Northwind Labs"           # PDF metadata, <meta name="author">
//   lang: en-US                        # <html lang>, PDF /Lang, hyphenation dictionary
//   date: "2024-04-30"                 # {date} in header/footer (default: today, UTC)
//   theme: modern                      # built-in theme name or path to a theme .toml
//   papersize: a4                      # a4 | letter | legal | a5 | "210mm x 297mm" | "8.5in x 11in"
//   margin: 20mm                       # all four; or margin-top / margin-right / ... (mm, in, pt, cm)
//   header: "{title}"                  # running header (PDF); fields {page} {pages} {title} {date} {author}
//   footer: "Page {page} of {pages}"   # running footer (PDF)
//   toc: true                          # table of contents (PDF: with page numbers; HTML: links)
//   ---
//
// ConvertOptions override the front matter where set. An explicit page break is a line holding
// only `\newpage` (or `\pagebreak`), or `<div style="page-break-after: always"></div>`.
//
// Themes are small TOML files (fonts, sizes, colours, spacing, margins, table style). Three are
// built into the binary: "default", "classic" (serif, resume) and "modern" (invoice).
//
// Problems that do not stop the conversion (a character no installed font can draw, an image
// that cannot be read, an unknown front-matter key value) are returned as warnings in the
// result, never printed. Errors (bad front matter, unknown theme, unreadable theme file) are
// returned as Error values.
//
// Thread safety: convert_markdown() may be called from many threads at once. A PdfEngine is
// thread-compatible: one engine per thread (or external locking); it keeps fonts, font metrics
// and shaping results cached across documents, so reusing one engine for many documents is much
// faster than calling convert_markdown() (which builds a fresh engine per call) for each.
//
// Example:
//   docforge::document::PdfEngine engine;
//   for (const std::string& md : documents) {
//     auto pdf = engine.render(md, {});
//     if (!pdf.ok()) { fprintf(stderr, "%s\n", pdf.error().format().c_str()); continue; }
//     for (const auto& w : pdf->warnings) fprintf(stderr, "warning: %s\n", w.c_str());
//     write_file(..., pdf->bytes);
//   }

#ifndef DOCFORGE_DOCUMENT_H_
#define DOCFORGE_DOCUMENT_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "docforge/error.h"

namespace docforge::document {

// Output formats this module produces.
enum class Format { kHtml, kPdf, kText };

// Source formats a template can be written in, from its name (`x.md.j2` is Markdown).
enum class SourceFormat { kMarkdown, kHtml, kLatex, kText };

// "pdf", ".pdf", "x.pdf", "HTML", "x.htm", "txt" -> the format; nullopt when not ours
// (.md, .tex, .docx and unknown extensions are not produced here).
std::optional<Format> format_from_name(std::string_view name_or_extension);

// From a template name, ignoring a trailing ".j2"/".jinja"/".jinja2": .md/.markdown -> Markdown,
// .html/.htm -> HTML, .tex -> LaTeX, anything else -> text.
SourceFormat source_format_from_template_name(std::string_view template_name);

struct ConvertOptions {
  // HTML: emit only the body content (no <html>, <head>, stylesheet).
  bool fragment = false;
  // Built-in theme name or path to a theme .toml; empty: front matter `theme`, else "default".
  std::string theme;
  // Directory that relative image paths (and a relative theme path) resolve against;
  // empty: the current directory.
  std::string base_dir;
  // Override the front matter when non-empty.
  std::string title;
  std::string date;        // the {date} field
  std::string page_size;   // as in the front matter `papersize`
  std::string lang;
  // Table of contents: nullopt follows the front matter `toc`.
  std::optional<bool> toc;
  // PDF: leave out the wall-clock /CreationDate so that equal input gives equal bytes (the
  // default {date} field, today's date, still depends on the day: set `date` to pin it).
  bool reproducible = true;
};

struct ConvertResult {
  std::string bytes;                  // the document
  std::vector<std::string> warnings;  // e.g. "no installed font has U+1F600 (GRINNING FACE)"
  int pages = 0;                      // PDF: page count; 0 for other formats
};

// Converts Markdown (with optional front matter) to `to`. For many PDFs prefer a PdfEngine.
// kText gives the document as plain text (markup removed, front matter dropped).
Result<ConvertResult> convert_markdown(std::string_view markdown, Format to,
                                       const ConvertOptions& options = {});

// A long-lived PDF renderer: holds the font map, shaping and metric caches and the parsed
// built-in themes across documents. Thread-compatible (see the file comment).
class PdfEngine {
 public:
  PdfEngine();
  ~PdfEngine();
  PdfEngine(const PdfEngine&) = delete;
  PdfEngine& operator=(const PdfEngine&) = delete;

  Result<ConvertResult> render(std::string_view markdown, const ConvertOptions& options = {});

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Names of the themes built into the binary ("default", "classic", "modern").
std::vector<std::string> builtin_theme_names();

// The TOML text of a built-in theme; nullopt for an unknown name. Useful as a starting point
// for a custom theme (`docforge` users copy and edit it).
std::optional<std::string_view> builtin_theme_source(std::string_view name);

}  // namespace docforge::document

#endif  // DOCFORGE_DOCUMENT_H_
