// PdfEngine (docforge/document.h): prepares the document, lays it out, and adds what cairo
// cannot write itself (the catalog's /Lang) as a standard PDF incremental update.
#include <fmt/format.h>

#include <cstdlib>

#include "docforge/document.h"
#include "document/pdf/layout_engine.h"
#include "document/prepare.h"

namespace docforge::document {
namespace {

// Appends an incremental update that re-writes the catalog with /Lang. Returns false (and
// leaves the PDF alone) when the file does not have the shape cairo writes.
bool add_language(std::string& pdf, const std::string& lang) {
  if (lang.empty()) return true;
  std::size_t cat = pdf.find("/Type /Catalog");
  if (cat == std::string::npos) return false;
  std::size_t obj_end = pdf.rfind(" 0 obj", cat);
  if (obj_end == std::string::npos) return false;
  std::size_t num_start = pdf.rfind('\n', obj_end);
  if (num_start == std::string::npos) return false;
  long obj = std::strtol(pdf.c_str() + num_start + 1, nullptr, 10);
  std::size_t dict_start = pdf.find("<<", obj_end);
  std::size_t dict_end = pdf.find("endobj", cat);
  if (dict_start == std::string::npos || dict_end == std::string::npos || obj <= 0) return false;
  std::string dict = pdf.substr(dict_start, dict_end - dict_start);
  std::size_t close = dict.rfind(">>");
  if (close == std::string::npos) return false;
  std::string escaped;
  for (char c : lang) {
    if (c == '(' || c == ')' || c == '\\') escaped += '\\';
    escaped += c;
  }
  dict.insert(close, "/Lang (" + escaped + ")\n");
  std::size_t trailer = pdf.rfind("trailer");
  std::size_t sx = pdf.rfind("startxref");
  if (trailer == std::string::npos || sx == std::string::npos) return false;
  std::string trailer_dict = pdf.substr(trailer + 7, sx - trailer - 7);
  long prev = std::strtol(pdf.c_str() + sx + 9, nullptr, 10);
  auto find_ref = [&](const char* key) -> std::string {
    std::size_t k = trailer_dict.find(key);
    if (k == std::string::npos) return {};
    std::size_t e = trailer_dict.find('R', k);
    return trailer_dict.substr(k, e + 1 - k);
  };
  std::string size = find_ref("/Size");
  std::size_t size_pos = trailer_dict.find("/Size");
  if (size_pos == std::string::npos) return false;
  long size_value = std::strtol(trailer_dict.c_str() + size_pos + 5, nullptr, 10);
  std::string info = find_ref("/Info");
  if (pdf.back() != '\n') pdf += '\n';
  std::size_t offset = pdf.size();
  pdf += fmt::format("{} 0 obj\n{}endobj\n", obj, dict);
  std::size_t xref = pdf.size();
  pdf += fmt::format("xref\n0 1\n0000000000 65535 f \n{} 1\n{:010d} 00000 n \n", obj, offset);
  pdf += fmt::format("trailer\n<< /Size {} /Root {} 0 R {} /Prev {} >>\nstartxref\n{}\n%%EOF\n", size_value, obj,
                     info, prev, xref);
  return true;
}

// cairo stamps /CreationDate with the wall clock. Blank the entry in place (same length, so
// the cross-reference offsets stay valid): equal input then gives equal bytes.
void make_reproducible(std::string& pdf) {
  std::size_t at = pdf.find("/CreationDate (");
  if (at == std::string::npos) return;
  std::size_t end = pdf.find(')', at);
  if (end == std::string::npos || end - at > 64) return;
  for (std::size_t i = at; i <= end; ++i) pdf[i] = ' ';
}

}  // namespace

struct PdfEngine::Impl {
  pdf::LayoutEngine layout;
  ThemeCache themes;
};

PdfEngine::PdfEngine() : impl_(std::make_unique<Impl>()) {}
PdfEngine::~PdfEngine() = default;

Result<ConvertResult> PdfEngine::render(std::string_view markdown, const ConvertOptions& options) {
  auto prepared = prepare_document(markdown, options, &impl_->themes);
  if (!prepared.ok()) return std::move(prepared).error();
  auto out = impl_->layout.render(prepared.value(), options.base_dir, markdown);
  if (!out.ok()) return std::move(out).error();
  ConvertResult result;
  result.bytes = std::move(out->pdf);
  result.warnings = std::move(out->warnings);
  result.pages = out->pages;
  if (options.reproducible) make_reproducible(result.bytes);
  std::string lang = prepared->settings.lang.empty() ? std::string("en-US") : prepared->settings.lang;
  if (!add_language(result.bytes, lang)) result.warnings.push_back("could not record the document language");
  return result;
}

}  // namespace docforge::document
