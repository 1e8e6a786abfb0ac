// Turning a byte offset into a located docforge::Error.
//
// The data readers find problems by byte offset; people read lines and columns. make_data_error
// computes the 1-based line and column (in code points) of an offset, copies the offending line
// (without its line break) into the error, and fills in the source name. Pure functions; thread
// safe.

#ifndef DOCFORGE_DATA_SOURCE_LOCATION_H_
#define DOCFORGE_DATA_SOURCE_LOCATION_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "docforge/error.h"

namespace docforge::data {

struct LineColumn {
  int line = 1;    // 1-based
  int column = 1;  // 1-based, in code points
};

// REQUIRES: offset <= text.size().
LineColumn line_column_at(std::string_view text, std::size_t offset);

// An error of `kind` at `offset` in `text`.
Error make_data_error(ErrorKind kind, std::string message, std::string_view source_name,
                      std::string_view text, std::size_t offset);

// An error at a known line/column (1-based) in `text`.
Error make_data_error_at(ErrorKind kind, std::string message, std::string_view source_name,
                         std::string_view text, int line, int column);

// The text of a 1-based line (no line break); empty when out of range.
std::string_view line_text(std::string_view text, int line);

// Validates UTF-8; returns the offset of the first invalid byte, or npos when all is valid.
std::size_t find_invalid_utf8(std::string_view text);

// A printable description of a byte for messages: 'x', or 0xNN.
std::string describe_byte(unsigned char c);

}  // namespace docforge::data

#endif  // DOCFORGE_DATA_SOURCE_LOCATION_H_
