// docforge::data — reading JSON, JSON Lines, YAML, CSV and TOML into Values, and validating
// them against a JSON Schema.
//
// Every reader turns text into a docforge::Value (value.h) and never throws: failures come back
// as an Error (error.h) of kind kData (malformed input), kLimit (a depth or size limit was hit),
// kIo (the file could not be read) or kSchema (validation), naming the source, the 1-based line
// and column (or the record number for JSON Lines / CSV streams) and what was expected.
//
// Values keep what the data said, exactly:
//   - map keys keep their order; a duplicate key keeps its first position and the last value
//     wins (Python's json/dict behaviour);
//   - integers are exact at any size (int64, else BigInt); floats round-trip;
//   - strings are valid UTF-8 (invalid UTF-8 input is an error with its byte offset; a JSON
//     \u escape of a lone surrogate, which Python would keep, is an error because it has no
//     UTF-8 form);
//   - YAML follows the 1.2 core schema (null/true/false/ints/floats, everything else a string;
//     "yes"/"on" stay strings), anchors/aliases are shared, "<<" merge keys are honoured;
//   - TOML dates and times become ISO 8601 strings;
//   - CSV records are maps of strings (header row gives the keys) unless csv_types is set.
//
// Nesting is limited (default 1,000 levels): deeper input is a clean kLimit error, never a stack
// overflow, whatever the input.
//
// Thread safety: all free functions are reentrant and may run concurrently on different inputs.
// A RecordReader is used by one thread at a time. A Schema is immutable once compiled and may be
// shared by many threads validating at once.

#ifndef DOCFORGE_DATA_H_
#define DOCFORGE_DATA_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "docforge/error.h"
#include "docforge/value.h"

namespace docforge::data {

// ---------------------------------------------------------------------------------------------
// In-memory parsers

struct JsonOptions {
  bool allow_nan = false;         // accept NaN, Infinity, -Infinity (as Python's json does)
  std::size_t max_depth = 1000;   // deepest allowed nesting of arrays/objects
};

// Parses one JSON document (RFC 8259; a leading UTF-8 BOM is skipped).
Result<Value> parse_json(std::string_view text, std::string_view source_name = "<json>",
                         const JsonOptions& options = {});

// Same as parse_json, but the caller promises kJsonPadding readable bytes after the text (any
// values): saves one copy of a large input. A file read into a buffer with kJsonPadding spare
// bytes at the end qualifies.
inline constexpr std::size_t kJsonPadding = 64;
Result<Value> parse_json_padded(std::string_view text, std::string_view source_name = "<json>",
                                const JsonOptions& options = {});

// Parses a single-document YAML stream. An empty stream is None. A stream holding more than one
// document is an error (use parse_yaml_documents).
Result<Value> parse_yaml(std::string_view text, std::string_view source_name = "<yaml>");

// Parses every document of a YAML stream, in order.
Result<std::vector<Value>> parse_yaml_documents(std::string_view text,
                                                std::string_view source_name = "<yaml>");

// Parses a TOML document into a map.
Result<Value> parse_toml(std::string_view text, std::string_view source_name = "<toml>");

struct CsvOptions {
  char delimiter = ',';
  bool infer_types = false;  // "12" -> 12, "1.5" -> 1.5, "true"/"false" -> bool, "" stays ""
  bool header = true;        // first row names the fields; false: each record is a list
};

// Parses a whole CSV text (RFC 4180) into a list of records (maps of the header's keys).
Result<Value> parse_csv(std::string_view text, std::string_view source_name = "<csv>",
                        const CsvOptions& options = {});

// Markdown with YAML front matter: a first line "---", YAML, then a line "---" (or "...").
struct FrontMatter {
  Value data;              // the YAML mapping (None when there is no front matter)
  std::size_t body_offset; // where the Markdown body starts in the input text
};
Result<FrontMatter> parse_front_matter(std::string_view text,
                                       std::string_view source_name = "<markdown>");

// ---------------------------------------------------------------------------------------------
// Files

enum class DataFormat {
  kAuto,         // from the file name's extension
  kJson,         // .json
  kJsonLines,    // .jsonl .ndjson
  kYaml,         // .yaml .yml
  kCsv,          // .csv
  kTsv,          // .tsv (CSV with a tab delimiter)
  kToml,         // .toml
  kFrontMatter,  // .md (.markdown): YAML front matter of a Markdown file
};

// The format for a path's extension; nullopt when unknown.
std::optional<DataFormat> format_from_path(std::string_view path);
// The format for a name as given on the command line ("json", "jsonl", "ndjson", "yaml", "yml",
// "csv", "tsv", "toml", "md", "frontmatter"); nullopt when unknown.
std::optional<DataFormat> format_from_name(std::string_view name);
const char* format_name(DataFormat format);

struct ReadOptions {
  DataFormat format = DataFormat::kAuto;  // kAuto: from the extension (stdin "-": JSON)
  bool allow_nan = false;
  bool csv_types = false;
  char csv_delimiter = 0;                 // 0: ',' for CSV, '\t' for TSV
  std::size_t max_depth = 1000;
  std::uint64_t max_bytes = std::uint64_t{4} << 30;  // larger files are a kLimit error
  bool fail_fast = false;                 // record streams: stop at the first bad record
  std::size_t max_record_bytes = std::size_t{256} << 20;  // one JSONL line / CSV record
};

// Reads a whole data file ("-" is stdin) into one Value:
//   JSON, TOML: the value; YAML: the document (None when empty; several documents give a list
//   of them); front matter (.md): its mapping ({} when the file has none);
//   JSON Lines and CSV/TSV: a list of records (any bad record is an error: use RecordReader to
//   skip bad records).
Result<Value> read_data_file(const std::string& path, const ReadOptions& options = {});

// Reads a whole file (or stdin for "-") into a string. kIo error when it cannot be read.
Result<std::string> read_file_text(const std::string& path,
                                   std::uint64_t max_bytes = std::uint64_t{4} << 30);

// ---------------------------------------------------------------------------------------------
// Record streams (batch input)

struct Record {
  std::size_t number = 0;  // 1-based record number (CSV: the header row is not a record)
  int line = 0;            // 1-based line where the record starts
  Value value;
};

// Reads records one at a time with memory independent of the input size. JSON Lines: one JSON
// value per non-blank line. CSV/TSV: one map per row. Other formats are read whole: a top-level
// list yields its items, anything else yields itself as the one record (for YAML: a single
// document that is a list yields its items, otherwise each document is a record).
//
// next() returns nullopt at the end, a Record, or an Error naming the file, the line and the
// record number ("record 17: ..."). After a bad record the reader goes on with the next one,
// unless fail_fast is set, in which case the error is the last thing it returns.
class RecordReader {
 public:
  RecordReader() = default;
  RecordReader(const RecordReader&) = delete;
  RecordReader& operator=(const RecordReader&) = delete;
  virtual ~RecordReader() = default;

  virtual std::optional<Result<Record>> next() = 0;
  // Bytes consumed so far (for progress reports).
  virtual std::uint64_t bytes_read() const = 0;
};

// Opens a file ("-": stdin) for record-by-record reading.
Result<std::unique_ptr<RecordReader>> open_record_reader(const std::string& path,
                                                         const ReadOptions& options = {});
// Reads records from text already in memory (the text must outlive the reader).
std::unique_ptr<RecordReader> make_record_reader(std::string_view text, DataFormat format,
                                                 std::string_view source_name,
                                                 const ReadOptions& options = {});

// ---------------------------------------------------------------------------------------------
// JSON Schema (2020-12, the commonly used subset: type, properties, required,
// additionalProperties, patternProperties, items, prefixItems, enum, const, minimum, maximum,
// exclusiveMinimum, exclusiveMaximum, multipleOf, minLength, maxLength, pattern (RE2),
// minItems, maxItems, uniqueItems, contains, minProperties, maxProperties, propertyNames,
// allOf, anyOf, oneOf, not,
// if/then/else, local $ref ("#", "#/$defs/x", "#/definitions/x"), $defs, format (date,
// date-time, time, email, uri, uuid, ipv4), default).

struct Violation {
  std::string instance_path;  // JSON Pointer into the data ("" is the root, "/items/0/price")
  std::string keyword;        // the rule broken: "type", "required", "minimum", ...
  std::string message;        // "expected integer, got string"
  std::string schema_path;    // JSON Pointer into the schema ("/properties/price/minimum")
};

class Schema {
 public:
  // Compiles a schema document. kSchema error when the schema itself is malformed (bad regex,
  // unresolvable $ref, wrong keyword types).
  static Result<Schema> compile(const Value& schema, std::string_view source_name = "<schema>");
  // Loads a .json / .yaml / .yml schema file and compiles it.
  static Result<Schema> load(const std::string& path);

  // Every violation, in document order. Empty: valid.
  std::vector<Violation> validate(const Value& data) const;
  // OK, or one kSchema error whose message lists every violation, one per line:
  // "/price: minimum: 0 is less than the minimum of 1".
  Status check(const Value& data, std::string_view data_name = "<data>") const;
  // A copy of data with `default` values from the schema's properties filled in where absent
  // (recursively through properties and items). Data that is not a map is returned as is.
  Value apply_defaults(const Value& data) const;

  const std::string& source_name() const;

  struct Impl;  // internal

 private:
  explicit Schema(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<const Impl> impl_;
};

// The schema beside a template: for "dir/x.md.j2" the first of dir/x.schema.json,
// dir/x.schema.yaml, dir/x.schema.yml, dir/x.md.schema.json, ... that exists (the template's
// name with its trailing ".j2"/".jinja"/".jinja2" removed, then with its format extension
// removed). nullopt when there is none.
std::optional<std::string> find_schema_for_template(const std::string& template_path);

}  // namespace docforge::data

#endif  // DOCFORGE_DATA_H_
