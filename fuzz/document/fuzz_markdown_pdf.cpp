// libFuzzer target: Markdown (with optional YAML front matter) -> PDF through the public
// PdfEngine, as a service renders templates' output.
//
// One engine serves the whole process, so its caches (fonts, shaping, layouts, subsets, images)
// carry state from one input to the next as they do in a service. Every input must end in a PDF
// or an error value; a crash, sanitizer report, hang (libFuzzer -timeout) or leak is a bug.
//
// Inputs over kMaxInput bytes are ignored, so that each run stays fast. The first byte picks
// options (theme, language, table of contents, page size), which override the front matter:
// a `theme:` in the input is never read as a path. Images would read any path the Markdown
// names (absolute paths are taken as they are), so "![" is defused to "?[": the fuzzer never
// touches the host's files (image decoding wants a fuzz target of its own, over bytes).

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "docforge/document.h"
#include "fuzz_leaks.h"

namespace {

constexpr std::size_t kMaxInput = 16 * 1024;

docforge::document::ConvertOptions make_options(std::uint8_t selector) {
  static const char* const kThemes[] = {"default", "classic", "modern", "default"};
  static const char* const kLangs[] = {"", "en-US", "de", "ar"};
  docforge::document::ConvertOptions o;
  o.theme = kThemes[selector & 3];
  o.lang = kLangs[(selector >> 2) & 3];
  if ((selector & 16) != 0) o.toc = (selector & 32) != 0;
  if ((selector & 64) != 0) o.page_size = "a5";
  o.base_dir = "/nonexistent/docforge-fuzz";  // relative paths resolve to nothing
  o.date = "2024-01-01";                      // the {date} field: not today's
  o.reproducible = true;
  return o;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0 || size > kMaxInput) return 0;
  static auto* engine = new docforge::document::PdfEngine();  // lives for the process
  const docforge::document::ConvertOptions options = make_options(data[0]);
  std::string markdown(reinterpret_cast<const char*>(data) + 1, size - 1);
  for (std::size_t i = 0; i + 1 < markdown.size(); ++i) {
    if (markdown[i] == '!' && markdown[i + 1] == '[') markdown[i] = '?';
  }
  auto pdf = engine->render(markdown, options);
  if (pdf.ok() && pdf->bytes.compare(0, 5, "%PDF-") != 0) __builtin_trap();
  return 0;
}
