// libFuzzer target: TOML documents.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "docforge/data.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto v = docforge::data::parse_toml(text, "fuzz.toml");
  if (v.ok()) {
    if (!v->is_map()) __builtin_trap();
    (void)v->repr().size();
  } else {
    (void)v.error().format_with_context();
  }
  return 0;
}
