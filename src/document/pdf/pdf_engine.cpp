#include "docforge/document.h"

namespace docforge::document {

struct PdfEngine::Impl {};

PdfEngine::PdfEngine() : impl_(std::make_unique<Impl>()) {}
PdfEngine::~PdfEngine() = default;

Result<ConvertResult> PdfEngine::render(std::string_view, const ConvertOptions&) {
  return make_error(ErrorKind::kInternal, "PDF output is not implemented yet");
}

}  // namespace docforge::document
