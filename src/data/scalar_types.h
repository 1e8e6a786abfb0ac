// Typing of plain text scalars, shared by the YAML reader (YAML 1.2 core schema) and the CSV
// reader's optional type inference.
//
// Thread safety: pure functions.

#ifndef DOCFORGE_DATA_SCALAR_TYPES_H_
#define DOCFORGE_DATA_SCALAR_TYPES_H_

#include <optional>
#include <string_view>

#include "docforge/value.h"

namespace docforge::data {

// YAML 1.2 core schema: null (~, null, Null, NULL, ""), bool (true/True/TRUE/false/...),
// int (decimal, 0o octal, 0x hex; exact at any size), float (incl. .inf, -.inf, .nan), else a
// string.
Value resolve_yaml_core_scalar(std::string_view text);

// Core-schema integer / float / bool / null parses; nullopt when text is not of that type.
std::optional<Value> parse_core_int(std::string_view text);
std::optional<Value> parse_core_float(std::string_view text);
std::optional<bool> parse_core_bool(std::string_view text);
bool is_core_null(std::string_view text);

// CSV inference: integers without leading zeros (so "007" and ZIP codes stay text), decimal
// floats, true/false (any case); anything else (including "") stays a string.
Value infer_csv_scalar(std::string_view text);

}  // namespace docforge::data

#endif  // DOCFORGE_DATA_SCALAR_TYPES_H_
