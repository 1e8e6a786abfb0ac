// The public entry points of docforge/document.h (PdfEngine lives in pdf/).
#include <cctype>
#include <string>

#include "docforge/document.h"
#include "document/html_writer.h"
#include "document/prepare.h"

namespace docforge::document {
namespace {

std::string lower(std::string_view s) {
  std::string out;
  for (char c : s) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

std::optional<Format> format_from_name(std::string_view name) {
  std::string n = lower(name);
  std::size_t dot = n.rfind('.');
  std::string ext = dot == std::string::npos ? n : n.substr(dot + 1);
  if (ext == "pdf") return Format::kPdf;
  if (ext == "html" || ext == "htm" || ext == "xhtml") return Format::kHtml;
  if (ext == "txt" || ext == "text") return Format::kText;
  return std::nullopt;
}

SourceFormat source_format_from_template_name(std::string_view name) {
  std::string n = lower(name);
  for (std::string_view suffix : {".j2", ".jinja2", ".jinja"}) {
    if (ends_with(n, suffix)) {
      n.resize(n.size() - suffix.size());
      break;
    }
  }
  if (ends_with(n, ".md") || ends_with(n, ".markdown")) return SourceFormat::kMarkdown;
  if (ends_with(n, ".html") || ends_with(n, ".htm")) return SourceFormat::kHtml;
  if (ends_with(n, ".tex")) return SourceFormat::kLatex;
  return SourceFormat::kText;
}

Result<ConvertResult> convert_markdown(std::string_view markdown, Format to, const ConvertOptions& options) {
  if (to == Format::kPdf) {
    PdfEngine engine;
    return engine.render(markdown, options);
  }
  auto prepared = prepare_document(markdown, options, nullptr);
  if (!prepared.ok()) return std::move(prepared).error();
  ConvertResult result;
  if (to == Format::kHtml) {
    HtmlOptions html;
    html.fragment = options.fragment;
    html.toc = prepared->toc;
    html.base_dir = options.base_dir;
    result.bytes = write_html(prepared->doc, prepared->settings, prepared->theme, html);
  } else {
    result.bytes = document_plain_text(prepared->doc);
  }
  return result;
}

std::optional<std::string_view> builtin_theme_source(std::string_view name) { return builtin_theme_text(name); }

}  // namespace docforge::document
