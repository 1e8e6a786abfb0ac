// The "format" assertions of the JSON Schema validator: date, date-time, time (RFC 3339),
// email, uri, uuid, ipv4. Unknown formats pass (as the specification says).
//
// Thread safety: pure functions.

#ifndef DOCFORGE_DATA_SCHEMA_FORMATS_H_
#define DOCFORGE_DATA_SCHEMA_FORMATS_H_

#include <string_view>

namespace docforge::data {

// True when `format` is one we check.
bool is_known_format(std::string_view format);
// True when text conforms to format (always true for unknown formats).
bool matches_format(std::string_view format, std::string_view text);

}  // namespace docforge::data

#endif  // DOCFORGE_DATA_SCHEMA_FORMATS_H_
