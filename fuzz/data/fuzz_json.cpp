// libFuzzer target: parse_json, differentially. The first byte picks options (allow_nan, a
// small or default depth limit); the rest is the document. The simdjson fast path and the exact
// parser must agree: both accept with the same value, or both refuse. Any crash, sanitizer
// report or disagreement is a bug.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstdio>
#include <string_view>

#include "data/json_parser.h"
#include "docforge/data.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  docforge::data::JsonOptions opt;
  opt.allow_nan = data[0] & 1;
  opt.max_depth = (data[0] & 2) ? 8 : 1000;
  std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  auto fast = docforge::data::parse_json(text, "fuzz.json", opt);
  std::string_view body = text.substr(0, 3) == "\xEF\xBB\xBF" ? text.substr(3) : text;
  auto exact = docforge::data::parse_json_exact(body, "fuzz.json", opt);
  if (fast.ok() != exact.ok()) {
    std::fprintf(stderr, "disagreement: fast %s, exact %s\n",
                 fast.ok() ? "accepts" : fast.error().format().c_str(),
                 exact.ok() ? "accepts" : exact.error().format().c_str());
    std::abort();
  }
  if (fast.ok()) {
    if (fast->repr() != exact->repr()) {
      std::fprintf(stderr, "different values: %s vs %s\n", fast->repr().c_str(),
                   exact->repr().c_str());
      std::abort();
    }
  } else {
    const docforge::Error& e = fast.error();
    if (e.message.empty() || e.line < 1 || e.column < 1) std::abort();
    (void)e.format_with_context();
  }
  return 0;
}
