// libFuzzer target: JSON Schema compile + validate + defaults. The input is split at the first
// NUL byte: a schema (JSON) before it, data (JSON) after it.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "docforge/data.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::size_t nul = text.find('\0');
  std::string_view schema_text = text.substr(0, nul);
  std::string_view data_text = nul == std::string_view::npos ? "null" : text.substr(nul + 1);
  docforge::data::JsonOptions opt;
  opt.max_depth = 32;
  auto schema_value = docforge::data::parse_json(schema_text, "schema.json", opt);
  auto data_value = docforge::data::parse_json(data_text, "data.json", opt);
  if (!schema_value.ok() || !data_value.ok()) return 0;
  auto schema = docforge::data::Schema::compile(*schema_value, "schema.json");
  if (!schema.ok()) return 0;
  auto violations = schema->validate(*data_value);
  auto status = schema->check(*data_value, "data.json");
  if (status.ok() != violations.empty()) __builtin_trap();
  (void)schema->apply_defaults(*data_value).repr();
  return 0;
}
