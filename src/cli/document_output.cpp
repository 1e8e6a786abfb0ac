#include "cli/document_output.h"

#include <CLI/CLI.hpp>

#include <filesystem>
#include <optional>

#include "docforge/document.h"

namespace docforge::cli {
namespace {

using document::Format;
using document::SourceFormat;

enum class Target { kAsIs, kHtml, kPdf, kText, kMarkdown, kLatex, kDocx };

Target target_from(std::string_view name) {
  std::string ext(name);
  std::size_t dot = ext.rfind('.');
  if (dot != std::string::npos) ext = ext.substr(dot + 1);
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ext == "html" || ext == "htm") return Target::kHtml;
  if (ext == "pdf") return Target::kPdf;
  if (ext == "txt" || ext == "text") return Target::kText;
  if (ext == "md" || ext == "markdown") return Target::kMarkdown;
  if (ext == "tex" || ext == "latex") return Target::kLatex;
  if (ext == "docx") return Target::kDocx;
  return Target::kAsIs;
}

// The CLI converts one document and exits, so its PDF engine is made once and never destroyed:
// freeing its font maps, caches and font subsets took ~1 ms of a ~30 ms `docforge render`, and
// the process's exit frees all of it at once. Under AddressSanitizer the engine is torn down
// after its document, as a library user's is, so that the leak checker still checks that
// teardown (an engine kept to the end holds fontconfig and HarfBuzz memory through pointers
// the checker cannot follow, which it would report).
Result<document::ConvertResult> convert(std::string_view markdown, Format format,
                                        const document::ConvertOptions& options) {
#if defined(__SANITIZE_ADDRESS__)
  return document::convert_markdown(markdown, format, options);
#else
  if (format != Format::kPdf) return document::convert_markdown(markdown, format, options);
  static auto* const engine = new document::PdfEngine();
  return engine->render(markdown, options);
#endif
}

std::optional<SourceFormat> source_from_flag(const std::string& from) {
  if (from == "markdown" || from == "md") return SourceFormat::kMarkdown;
  if (from == "html") return SourceFormat::kHtml;
  if (from == "latex" || from == "tex") return SourceFormat::kLatex;
  if (from == "text" || from == "txt") return SourceFormat::kText;
  return std::nullopt;
}

const char* source_name(SourceFormat f) {
  switch (f) {
    case SourceFormat::kMarkdown: return "Markdown";
    case SourceFormat::kHtml: return "HTML";
    case SourceFormat::kLatex: return "LaTeX";
    case SourceFormat::kText: return "plain text";
  }
  return "text";
}

Error unsupported(SourceFormat from, const char* to, const char* hint) {
  return make_error(ErrorKind::kUsage, std::string("cannot make ") + to + " from a " +
                                           source_name(from) + " template: " + hint);
}

}  // namespace

void add_document_flags(CLI::App& cmd, DocumentFlags& flags) {
  cmd.add_option("--to", flags.to,
                 "Output format (default: from the -o extension; text when writing to stdout). "
                 "Markdown templates convert to html, pdf or txt")
      ->check(CLI::IsMember({"html", "pdf", "md", "markdown", "txt", "text", "tex"}));
  cmd.add_option("--from", flags.from,
                 "The template's source format (default: from its name: x.md.j2 is Markdown, "
                 "x.html.j2 HTML, x.tex.j2 LaTeX, anything else text)")
      ->check(CLI::IsMember({"markdown", "md", "html", "latex", "tex", "text", "txt"}));
  cmd.add_flag("--fragment", flags.fragment,
               "HTML output: only the body's content, no <html>/<head> and no stylesheet");
  cmd.add_option("--theme", flags.theme,
                 "Theme for HTML and PDF: a built-in name (default, classic, modern) or a .toml "
                 "file (default: the front matter's `theme`, else default)")
      ->type_name("NAME|FILE");
}

Result<Document> make_document(std::string text, const DocumentFlags& flags,
                               const std::string& template_path, const std::string& output_path) {
  Target target = Target::kAsIs;
  if (!flags.to.empty()) {
    target = target_from(flags.to);
  } else if (!output_path.empty() && output_path != "-") {
    target = target_from(output_path);
  }
  SourceFormat source = flags.from.empty()
                            ? document::source_format_from_template_name(template_path)
                            : *source_from_flag(flags.from);

  Format format = Format::kText;  // each case below sets it or returns
  switch (target) {
    case Target::kHtml:
      if (source == SourceFormat::kHtml) return Document{std::move(text), {}};
      if (source != SourceFormat::kMarkdown)
        return unsupported(source, "HTML", "write the template in Markdown (x.md.j2) or HTML");
      format = Format::kHtml;
      break;
    case Target::kPdf:
      if (source == SourceFormat::kLatex)
        return unsupported(source, "PDF", "the LaTeX engine runner is not available yet; "
                                          "render to .tex and run pdflatex");
      if (source != SourceFormat::kMarkdown)
        return unsupported(source, "PDF", "write the template in Markdown (x.md.j2)");
      format = Format::kPdf;
      break;
    case Target::kText:
      if (source != SourceFormat::kMarkdown) return Document{std::move(text), {}};
      format = Format::kText;
      break;
    case Target::kDocx:
      return unsupported(source, "DOCX", "DOCX output is not available yet");
    case Target::kAsIs:
    case Target::kMarkdown:
    case Target::kLatex:
      return Document{std::move(text), {}};
  }

  document::ConvertOptions options;
  options.fragment = flags.fragment;
  options.theme = flags.theme;
  std::filesystem::path parent = std::filesystem::path(template_path).parent_path();
  options.base_dir = parent.empty() ? "." : parent.string();
  Result<document::ConvertResult> converted = convert(text, format, options);
  if (!converted.ok()) {
    Error e = std::move(converted).error();
    if (e.source_name.empty()) e.source_name = template_path;
    return e;
  }
  return Document{std::move(converted->bytes), std::move(converted->warnings)};
}

}  // namespace docforge::cli
