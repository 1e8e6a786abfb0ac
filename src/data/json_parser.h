// The exact JSON parser: a careful, iterative (no recursion) parser that is the reference for
// what docforge accepts as JSON, and the source of every JSON error message.
//
// parse_json (json_reader.cpp) first runs simdjson, which is many times faster; whenever simdjson
// refuses the input (bad syntax, integers beyond 64 bits, NaN, depth), this parser runs instead
// and either produces the value (big integers, allowed NaN) or an error with the line, column
// and what was expected. Its explicit stack means any nesting depth is safe.
//
// Thread safety: reentrant.

#ifndef DOCFORGE_DATA_JSON_PARSER_H_
#define DOCFORGE_DATA_JSON_PARSER_H_

#include <string_view>

#include "docforge/data.h"

namespace docforge::data {

// REQUIRES: text has no leading BOM (the caller strips it). offset_base is added to byte offsets
// in messages (the size of a stripped BOM).
Result<Value> parse_json_exact(std::string_view text, std::string_view source_name,
                               const JsonOptions& options, std::size_t offset_base = 0);

// Parses one JSON number token (Python rules: an integer when there is no fraction or exponent,
// exact at any size). Returns false when the token is not a JSON number or overflows a double.
bool parse_json_number(std::string_view token, Value* out);

}  // namespace docforge::data

#endif  // DOCFORGE_DATA_JSON_PARSER_H_
