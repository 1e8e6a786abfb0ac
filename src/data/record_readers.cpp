#include "data/record_readers.h"

#include <fmt/format.h>

#include "data/csv_parser.h"
#include "data/json_reader.h"
#include "data/scalar_types.h"
#include "data/source_location.h"

namespace docforge::data {
namespace {

// "record N: message" at a line of the file.
Error record_error(Error e, std::size_t number, int line, std::string_view source_name) {
  e.message = fmt::format("record {}: {}", number, e.message);
  e.source_name = std::string(source_name);
  e.line = line;
  return e;
}

// A record that does not end within max_record_bytes (a missing newline or closing quote in a
// huge file): reading stops rather than holding the rest of the input in memory.
Error too_big(std::size_t number, int line, std::string_view source_name, std::size_t limit) {
  Error e = make_error(ErrorKind::kLimit,
                       fmt::format("record {}: longer than the limit of {} bytes (a missing line "
                                   "break or closing quote?)",
                                   number, limit));
  e.source_name = std::string(source_name);
  e.line = line;
  return e;
}

// Arena chunks a JSON Lines reader keeps for its next large record (1 MB or more: the
// JsonReader's arena, json_reader.h) once the values of the last one are gone: a stream of large
// records is then built in the same memory instead of fresh pages each. Bounded, so the memory
// stays flat whatever the stream's length.
constexpr std::size_t kJsonLinesPooledBytes = 32u << 20;

class JsonLinesReader : public RecordReader {
 public:
  JsonLinesReader(std::unique_ptr<InputWindow> in, std::string name, const ReadOptions& opt)
      : in_(std::move(in)), name_(std::move(name)), fail_fast_(opt.fail_fast),
        max_record_(opt.max_record_bytes),
        json_(JsonOptions{opt.allow_nan, opt.max_depth}, kJsonLinesPooledBytes) {}

  std::optional<Result<Record>> next() override {
    while (!done_) {
      std::string_view w = in_->data();
      std::size_t nl = w.find('\n', scan_from_);
      if (nl == std::string_view::npos && !in_->eof()) {
        scan_from_ = w.size();
        if (w.size() > max_record_) {
          done_ = true;
          return Result<Record>(too_big(number_ + 1, line_ + 1, name_, max_record_));
        }
        if (auto s = in_->fill(); !s.ok()) {
          done_ = true;
          return Result<Record>(std::move(s).error());
        }
        continue;
      }
      scan_from_ = 0;
      std::size_t len = nl == std::string_view::npos ? w.size() : nl;
      std::string_view line = w.substr(0, len);
      std::size_t used = nl == std::string_view::npos ? w.size() : nl + 1;
      if (nl == std::string_view::npos && w.empty()) {
        done_ = true;
        return std::nullopt;
      }
      ++line_;
      std::size_t padding = in_->padding() + (w.size() - len);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      bool blank = line.find_first_not_of(" \t\r") == std::string_view::npos;
      if (blank) {
        in_->consume(used);
        continue;
      }
      ++number_;
      Result<Value> v = padding >= InputWindow::kPadding
                            ? json_.parse_padded(line, padding, name_)
                            : json_.parse(line, name_);
      in_->consume(used);
      if (!v.ok()) {
        if (fail_fast_) done_ = true;
        return Result<Record>(record_error(std::move(v).error(), number_, line_, name_));
      }
      return Result<Record>(Record{number_, line_, std::move(v).value()});
    }
    return std::nullopt;
  }

  std::uint64_t bytes_read() const override { return in_->consumed(); }

 private:
  std::unique_ptr<InputWindow> in_;
  std::string name_;
  bool fail_fast_;
  std::size_t max_record_;
  JsonReader json_;
  std::size_t scan_from_ = 0;
  std::size_t number_ = 0;
  int line_ = 0;
  bool done_ = false;
};

class CsvReader : public RecordReader {
 public:
  CsvReader(std::unique_ptr<InputWindow> in, std::string name, char delimiter,
            const ReadOptions& opt)
      : in_(std::move(in)), name_(std::move(name)), fail_fast_(opt.fail_fast),
        max_record_(opt.max_record_bytes), infer_(opt.csv_types), parser_(delimiter) {}

  std::optional<Result<Record>> next() override {
    while (!done_) {
      std::string_view w = in_->data();
      if (!bom_checked_) {
        if (w.size() < 3 && !in_->eof()) {
          if (auto s = fill(); !s.ok()) return Result<Record>(std::move(s).error());
          continue;
        }
        bom_checked_ = true;
        if (w.substr(0, 3) == "\xEF\xBB\xBF") {
          in_->consume(3);
          continue;
        }
      }
      std::size_t pos = 0;
      int lines = lines_;
      CsvParser::Status st = parser_.parse(w, in_->eof(), &pos, &lines);
      if (st == CsvParser::Status::kNeedMore) {
        in_->consume(pos);
        lines_ = lines;
        if (w.size() - pos > max_record_) {
          done_ = true;
          return Result<Record>(too_big(number_ + (have_header_ ? 1 : 0), lines_ + 1, name_,
                                        max_record_));
        }
        if (auto s = fill(); !s.ok()) return Result<Record>(std::move(s).error());
        continue;
      }
      if (st == CsvParser::Status::kEnd) {
        done_ = true;
        if (!have_header_) {
          // An empty file: no header, no records.
        }
        return std::nullopt;
      }
      std::string_view raw = w.substr(0, pos);
      std::size_t record_begin = 0;
      int record_line = parser_.record_line();
      in_->consume(pos);
      lines_ = lines;
      if (st == CsvParser::Status::kError) {
        std::size_t n = have_header_ ? ++number_ : 0;
        Error e = locate(raw, record_begin, record_line, parser_.error_offset(),
                         parser_.error_message());
        if (!have_header_) {
          done_ = true;
          e.message = "header row: " + e.message;
          return Result<Record>(std::move(e));
        }
        if (fail_fast_) done_ = true;
        int at = e.line;
        return Result<Record>(record_error(std::move(e), n, at, name_));
      }
      // Validate UTF-8 of the record's bytes.
      if (std::size_t bad = find_invalid_utf8(raw); bad != std::string_view::npos) {
        Error e = locate(raw, 0, record_line, bad,
                         fmt::format("invalid UTF-8 (byte 0x{:02X} at byte offset {})",
                                     static_cast<unsigned char>(raw[bad]),
                                     in_->consumed() - pos + bad));
        if (!have_header_) {
          done_ = true;
          e.message = "header row: " + e.message;
          return Result<Record>(std::move(e));
        }
        ++number_;
        if (fail_fast_) done_ = true;
        int at = e.line;
        return Result<Record>(record_error(std::move(e), number_, at, name_));
      }
      if (!have_header_) {
        if (auto e = take_header(raw, record_line)) {
          done_ = true;
          return Result<Record>(std::move(*e));
        }
        continue;
      }
      ++number_;
      if (parser_.field_count() != keys_.size()) {
        Error e = make_data_error_at(
            ErrorKind::kData,
            fmt::format("has {} field{}, the header has {}", parser_.field_count(),
                        parser_.field_count() == 1 ? "" : "s", keys_.size()),
            name_, raw, 1, 0);
        e.line = record_line;
        e.column = 0;
        if (fail_fast_) done_ = true;
        return Result<Record>(record_error(std::move(e), number_, record_line, name_));
      }
      // The header's names are distinct (take_header), so from_entries finds no repeats. The
      // fields collect in a vector kept between records and move into the map's own array.
      fields_.clear();
      for (std::size_t i = 0; i < keys_.size(); ++i) {
        std::string_view f = parser_.field(i);
        fields_.emplace_back(keys_[i], infer_ ? infer_csv_scalar(f) : Value::string(f));
      }
      Map m = Map::from_distinct_entries(fields_.data(), fields_.data() + fields_.size());
      fields_.clear();
      return Result<Record>(Record{number_, record_line, Value::map(std::move(m))});
    }
    return std::nullopt;
  }

  std::uint64_t bytes_read() const override { return in_->consumed(); }

 private:
  Status fill() {
    Status s = in_->fill();
    if (!s.ok()) done_ = true;
    return s;
  }

  std::optional<Error> take_header(std::string_view raw, int line) {
    have_header_ = true;
    for (std::size_t i = 0; i < parser_.field_count(); ++i) {
      Value k = Value::string(parser_.field(i));
      for (const Value& prev : keys_) {
        if (prev.equals(k)) {
          Error e = make_error(ErrorKind::kData,
                               fmt::format("header row: duplicate column name '{}'",
                                           parser_.field(i)));
          e.source_name = name_;
          e.line = line;
          e.source_line = std::string(line_text(raw, 1));
          return e;
        }
      }
      keys_.push_back(std::move(k));
    }
    return std::nullopt;
  }

  // An error at byte `offset` of the record text `raw` that starts at file line `line`.
  Error locate(std::string_view raw, std::size_t, int line, std::size_t offset,
               std::string message) {
    LineColumn lc = line_column_at(raw, std::min(offset, raw.size()));
    Error e = make_data_error_at(ErrorKind::kData, std::move(message), name_, raw, lc.line,
                                 lc.column);
    e.line = line + lc.line - 1;
    return e;
  }

  std::unique_ptr<InputWindow> in_;
  std::string name_;
  bool fail_fast_;
  std::size_t max_record_;
  bool infer_;
  CsvParser parser_;
  std::vector<Value> keys_;
  std::vector<Map::Entry> fields_;  // one record's fields (capacity kept)
  bool have_header_ = false;
  bool bom_checked_ = false;
  std::size_t number_ = 0;
  int lines_ = 0;
  bool done_ = false;
};

class ValuesReader : public RecordReader {
 public:
  ValuesReader(std::vector<Value> values, std::uint64_t size)
      : values_(std::move(values)), size_(size) {}
  std::optional<Result<Record>> next() override {
    if (i_ >= values_.size()) return std::nullopt;
    Record r{i_ + 1, 0, std::move(values_[i_])};
    ++i_;
    return Result<Record>(std::move(r));
  }
  std::uint64_t bytes_read() const override {
    return values_.empty() ? size_ : size_ * i_ / values_.size();
  }

 private:
  std::vector<Value> values_;
  std::uint64_t size_;
  std::size_t i_ = 0;
};

}  // namespace

std::unique_ptr<RecordReader> make_jsonl_reader(std::unique_ptr<InputWindow> input,
                                                std::string source_name,
                                                const ReadOptions& options) {
  return std::make_unique<JsonLinesReader>(std::move(input), std::move(source_name), options);
}

std::unique_ptr<RecordReader> make_csv_reader(std::unique_ptr<InputWindow> input,
                                              std::string source_name, char delimiter,
                                              const ReadOptions& options) {
  return std::make_unique<CsvReader>(std::move(input), std::move(source_name), delimiter,
                                     options);
}

std::unique_ptr<RecordReader> make_values_reader(std::vector<Value> values,
                                                 std::uint64_t size_bytes) {
  return std::make_unique<ValuesReader>(std::move(values), size_bytes);
}

}  // namespace docforge::data
