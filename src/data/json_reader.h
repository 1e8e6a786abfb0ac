// A reusable JSON parser: simdjson's On-Demand parser for speed, the exact parser
// (json_parser.h) for everything simdjson refuses and for every error message.
//
// A JsonReader keeps simdjson's buffers between documents, so parsing many small documents (JSON
// Lines) allocates nothing per line beyond the Values themselves. parse_json() in data.h builds
// a fresh reader per call.
//
// Large documents (1 MB and more) are built in the reader's ValueArena. A reader made with a
// pool budget (max_pooled_bytes) keeps up to that many bytes of the arena's chunks once the
// values in them are gone and builds the next large document in them: for a reader that parses
// many large documents in turn, this saves the kernel zeroing fresh memory for each (on a 100 MB
// document, ~300 MB). The pooled memory stays with the reader until it is destroyed.
//
// Thread safety: a JsonReader is used by one thread at a time; distinct readers are independent.

#ifndef DOCFORGE_DATA_JSON_READER_H_
#define DOCFORGE_DATA_JSON_READER_H_

#include <cstddef>
#include <memory>
#include <string_view>

#include "docforge/data.h"

namespace docforge::data {

class JsonReader {
 public:
  explicit JsonReader(const JsonOptions& options = {}, std::size_t max_pooled_bytes = 0);
  ~JsonReader();
  JsonReader(const JsonReader&) = delete;
  JsonReader& operator=(const JsonReader&) = delete;

  // Parses one document (a leading UTF-8 BOM is skipped).
  Result<Value> parse(std::string_view text, std::string_view source_name);
  // Same, but the caller promises `padding` readable bytes after text (simdjson needs 64):
  // saves a copy of large inputs.
  Result<Value> parse_padded(std::string_view text, std::size_t padding,
                             std::string_view source_name);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace docforge::data

#endif  // DOCFORGE_DATA_JSON_READER_H_
