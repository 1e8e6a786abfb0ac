// An RFC 4180 CSV record parser that works on a window of a larger input, so the same code
// reads a string in memory and a stream of any size: quoted fields with embedded delimiters,
// line breaks and doubled quotes, CRLF / LF / CR line ends, any single-byte delimiter.
//
// Blank lines are skipped (as Python's csv.DictReader does). A quote inside an unquoted field is
// kept literally (as Python's csv does); text after a closing quote is an error.
//
// Thread safety: a CsvParser is used by one thread at a time.

#ifndef DOCFORGE_DATA_CSV_PARSER_H_
#define DOCFORGE_DATA_CSV_PARSER_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace docforge::data {

class CsvParser {
 public:
  enum class Status {
    kRecord,    // a record was parsed: fields()
    kNeedMore,  // the record continues past the window: read more and call again
    kEnd,       // no more records (only when eof)
    kError,     // malformed record: error_message(), error_offset(); *pos skips past it
  };

  explicit CsvParser(char delimiter = ',') : delim_(delimiter) {}

  // Parses the record starting at *pos in window. eof: nothing follows the window. On kRecord
  // and kError *pos moves past the record; on kNeedMore and kEnd it points at the first byte not
  // yet consumed (blank lines are consumed). *lines is advanced by the line breaks consumed.
  Status parse(std::string_view window, bool eof, std::size_t* pos, int* lines);

  std::size_t field_count() const { return count_; }
  // Valid until the next parse() and while the window's bytes stay in place.
  std::string_view field(std::size_t i) const {
    return quoted_[i] ? std::string_view(scratch_[i]) : views_[i];
  }
  int record_line() const { return record_line_; }      // 1-based line where the record began
  const std::string& error_message() const { return error_; }
  std::size_t error_offset() const { return error_offset_; }  // within the window

 private:
  // Starts the next field; the returned string is scratch space for a quoted field.
  std::string& next_field();

  char delim_;
  // Unquoted fields are views into the window; quoted ones (which may hold doubled quotes)
  // are unescaped into scratch_. Both vectors are reused: no allocation in steady state.
  // (A view into scratch_ would dangle when scratch_ grows: quoted_ says which to read.)
  std::vector<std::string_view> views_;
  std::vector<std::string> scratch_;
  std::vector<char> quoted_;
  std::size_t count_ = 0;
  int record_line_ = 0;
  std::string error_;
  std::size_t error_offset_ = 0;
};

}  // namespace docforge::data

#endif  // DOCFORGE_DATA_CSV_PARSER_H_
