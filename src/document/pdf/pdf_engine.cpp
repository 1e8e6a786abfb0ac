// PdfEngine (docforge/document.h): prepares the document and lays it out. The PDF writer
// writes no random ids and a /CreationDate only when options.reproducible is off, so equal
// input gives equal bytes; it records the document language (/Lang) itself.
#include <ctime>

#include "docforge/document.h"
#include "document/pdf/layout_engine.h"
#include "document/prepare.h"

namespace docforge::document {

struct PdfEngine::Impl {
  pdf::LayoutEngine layout;
  ThemeCache themes;
};

PdfEngine::PdfEngine() : impl_(std::make_unique<Impl>()) {}
PdfEngine::~PdfEngine() = default;

Result<ConvertResult> PdfEngine::render(std::string_view markdown, const ConvertOptions& options) {
  auto prepared = prepare_document(markdown, options, &impl_->themes);
  if (!prepared.ok()) return std::move(prepared).error();
  std::string date;
  if (!options.reproducible) {
    std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    char buf[32];
    std::strftime(buf, sizeof buf, "D:%Y%m%d%H%M%SZ", &utc);
    date = buf;
  }
  auto out = impl_->layout.render(prepared.value(), options.base_dir, markdown, date);
  if (!out.ok()) return std::move(out).error();
  ConvertResult result;
  result.bytes = std::move(out->pdf);
  result.warnings = std::move(out->warnings);
  result.pages = out->pages;
  return result;
}

}  // namespace docforge::document
