// libFuzzer target: YAML streams (all documents) and Markdown front matter.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "docforge/data.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto docs = docforge::data::parse_yaml_documents(text, "fuzz.yaml");
  if (docs.ok()) {
    for (const docforge::Value& v : *docs) (void)v.repr().size();
  } else {
    (void)docs.error().format_with_context();
  }
  auto fm = docforge::data::parse_front_matter(text, "fuzz.md");
  if (fm.ok() && fm->body_offset > text.size()) __builtin_trap();
  return 0;
}
