// Files: format detection, whole-file reads and record streams (data.h).

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include <cerrno>
#include <cstring>

#include "data/input_window.h"
#include "data/json_reader.h"
#include "data/record_readers.h"
#include "docforge/data.h"

namespace docforge::data {
namespace {

std::string display_name(const std::string& path) { return path == "-" ? "<stdin>" : path; }

bool ends_with_ci(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  for (std::size_t i = 0; i < suffix.size(); ++i) {
    char a = s[s.size() - suffix.size() + i];
    if (a >= 'A' && a <= 'Z') a = static_cast<char>(a + 32);
    if (a != suffix[i]) return false;
  }
  return true;
}

Result<DataFormat> resolve_format(const std::string& path, const ReadOptions& options) {
  if (options.format != DataFormat::kAuto) return options.format;
  if (path == "-") return DataFormat::kJson;
  if (auto f = format_from_path(path)) return *f;
  Error e = make_error(ErrorKind::kUsage,
                       fmt::format("cannot tell the data format of '{}' from its extension "
                                   "(expected .json .jsonl .ndjson .yaml .yml .csv .tsv .toml "
                                   ".md); give the format explicitly",
                                   path));
  e.source_name = path;
  return e;
}

char delimiter_for(DataFormat f, const ReadOptions& options) {
  if (options.csv_delimiter != 0) return options.csv_delimiter;
  return f == DataFormat::kTsv ? '\t' : ',';
}

Error io_error(const std::string& path, std::string what) {
  Error e = make_error(ErrorKind::kIo, std::move(what));
  e.source_name = display_name(path);
  return e;
}

Result<int> open_input(const std::string& path) {
  if (path == "-") return 0;
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return io_error(path, fmt::format("cannot open '{}': {}", path, std::strerror(errno)));
  }
  struct stat st;
  if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    ::close(fd);
    return io_error(path, fmt::format("'{}' is a directory", path));
  }
  return fd;
}

// Reads all of path into a string followed by `padding` zero bytes (not counted in *size).
Result<std::string> read_all(const std::string& path, std::uint64_t max_bytes,
                             std::size_t padding, std::size_t* size) {
  auto fd_or = open_input(path);
  if (!fd_or.ok()) return std::move(fd_or).error();
  int fd = *fd_or;
  std::string buf;
  struct stat st;
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
    if (static_cast<std::uint64_t>(st.st_size) > max_bytes) {
      if (fd != 0) ::close(fd);
      Error e = make_error(ErrorKind::kLimit,
                           fmt::format("'{}' is {} bytes, more than the limit of {} bytes", path,
                                       st.st_size, max_bytes));
      e.source_name = display_name(path);
      return e;
    }
    buf.reserve(static_cast<std::size_t>(st.st_size) + padding + 1);
  }
  std::size_t n = 0;
  while (true) {
    if (buf.size() < n + (std::size_t{1} << 16)) buf.resize(std::max(n + (std::size_t{1} << 16),
                                                                     buf.capacity()));
    ssize_t r = ::read(fd, buf.data() + n, buf.size() - n);
    if (r < 0) {
      if (errno == EINTR) continue;
      int err = errno;
      if (fd != 0) ::close(fd);
      return io_error(path, fmt::format("cannot read '{}': {}", path, std::strerror(err)));
    }
    if (r == 0) break;
    n += static_cast<std::size_t>(r);
    if (n > max_bytes) {
      if (fd != 0) ::close(fd);
      Error e = make_error(ErrorKind::kLimit,
                           fmt::format("input is more than the limit of {} bytes", max_bytes));
      e.source_name = display_name(path);
      return e;
    }
  }
  if (fd != 0) ::close(fd);
  buf.resize(n + padding);
  std::memset(buf.data() + n, 0, padding);
  *size = n;
  return buf;
}

Result<Value> collect(RecordReader& reader) {
  Value out = Value::list();
  while (auto r = reader.next()) {
    if (!r->ok()) return std::move(*r).error();
    out.list_mut().push_back(std::move(r->value().value));
  }
  return out;
}

}  // namespace

std::optional<DataFormat> format_from_path(std::string_view path) {
  struct Ext {
    std::string_view ext;
    DataFormat format;
  };
  static constexpr Ext kExts[] = {
      {".json", DataFormat::kJson},      {".jsonl", DataFormat::kJsonLines},
      {".ndjson", DataFormat::kJsonLines}, {".yaml", DataFormat::kYaml},
      {".yml", DataFormat::kYaml},       {".csv", DataFormat::kCsv},
      {".tsv", DataFormat::kTsv},        {".toml", DataFormat::kToml},
      {".md", DataFormat::kFrontMatter}, {".markdown", DataFormat::kFrontMatter},
  };
  for (const Ext& e : kExts) {
    if (ends_with_ci(path, e.ext)) return e.format;
  }
  return std::nullopt;
}

std::optional<DataFormat> format_from_name(std::string_view name) {
  if (name == "json") return DataFormat::kJson;
  if (name == "jsonl" || name == "ndjson") return DataFormat::kJsonLines;
  if (name == "yaml" || name == "yml") return DataFormat::kYaml;
  if (name == "csv") return DataFormat::kCsv;
  if (name == "tsv") return DataFormat::kTsv;
  if (name == "toml") return DataFormat::kToml;
  if (name == "md" || name == "markdown" || name == "frontmatter" || name == "front-matter") {
    return DataFormat::kFrontMatter;
  }
  return std::nullopt;
}

const char* format_name(DataFormat format) {
  switch (format) {
    case DataFormat::kAuto: return "auto";
    case DataFormat::kJson: return "json";
    case DataFormat::kJsonLines: return "jsonl";
    case DataFormat::kYaml: return "yaml";
    case DataFormat::kCsv: return "csv";
    case DataFormat::kTsv: return "tsv";
    case DataFormat::kToml: return "toml";
    case DataFormat::kFrontMatter: return "frontmatter";
  }
  return "?";
}

Result<std::string> read_file_text(const std::string& path, std::uint64_t max_bytes) {
  std::size_t n = 0;
  auto r = read_all(path, max_bytes, 0, &n);
  if (!r.ok()) return std::move(r).error();
  return std::move(r).value();
}

Result<Value> parse_csv(std::string_view text, std::string_view source_name,
                        const CsvOptions& options) {
  ReadOptions ro;
  ro.csv_types = options.infer_types;
  ro.fail_fast = true;
  auto reader = make_csv_reader(std::make_unique<InputWindow>(text), std::string(source_name),
                                options.delimiter, ro);
  return collect(*reader);
}

Result<Value> read_data_file(const std::string& path, const ReadOptions& options) {
  auto format = resolve_format(path, options);
  if (!format.ok()) return std::move(format).error();
  const std::string name = display_name(path);
  DataFormat f = *format;
  if (f == DataFormat::kJsonLines || f == DataFormat::kCsv || f == DataFormat::kTsv) {
    ReadOptions ro = options;
    ro.format = f;
    ro.fail_fast = true;
    auto reader = open_record_reader(path, ro);
    if (!reader.ok()) return std::move(reader).error();
    return collect(**reader);
  }
  std::size_t n = 0;
  auto buf = read_all(path, options.max_bytes, InputWindow::kPadding, &n);
  if (!buf.ok()) return std::move(buf).error();
  std::string_view text(buf->data(), n);
  switch (f) {
    case DataFormat::kJson: {
      JsonReader reader(JsonOptions{options.allow_nan, options.max_depth});
      return reader.parse_padded(text, InputWindow::kPadding, name);
    }
    case DataFormat::kYaml: {
      auto docs = parse_yaml_documents(text, name);
      if (!docs.ok()) return std::move(docs).error();
      if (docs->empty()) return Value::none();
      if (docs->size() == 1) return std::move((*docs)[0]);
      return Value::list(std::move(docs).value());
    }
    case DataFormat::kToml: return parse_toml(text, name);
    case DataFormat::kFrontMatter: {
      auto fm = parse_front_matter(text, name);
      if (!fm.ok()) return std::move(fm).error();
      if (fm->data.is_none()) return Value::map();
      return std::move(fm->data);
    }
    default: break;
  }
  return make_error(ErrorKind::kInternal, "unhandled data format");
}

Result<std::unique_ptr<RecordReader>> open_record_reader(const std::string& path,
                                                         const ReadOptions& options) {
  auto format = resolve_format(path, options);
  if (!format.ok()) return std::move(format).error();
  DataFormat f = *format;
  const std::string name = display_name(path);
  if (f == DataFormat::kJsonLines || f == DataFormat::kCsv || f == DataFormat::kTsv) {
    auto fd = open_input(path);
    if (!fd.ok()) return std::move(fd).error();
    auto window = std::make_unique<InputWindow>(*fd, path != "-", name);
    if (f == DataFormat::kJsonLines) {
      return make_jsonl_reader(std::move(window), name, options);
    }
    return make_csv_reader(std::move(window), name, delimiter_for(f, options), options);
  }
  ReadOptions ro = options;
  ro.format = f;
  std::vector<Value> records;
  std::uint64_t size = 0;
  if (f == DataFormat::kYaml) {
    auto text = read_file_text(path, options.max_bytes);
    if (!text.ok()) return std::move(text).error();
    size = text->size();
    auto docs = parse_yaml_documents(*text, name);
    if (!docs.ok()) return std::move(docs).error();
    if (docs->size() == 1 && (*docs)[0].is_list()) {
      records = (*docs)[0].as_list();
    } else {
      records = std::move(docs).value();
    }
  } else {
    auto v = read_data_file(path, ro);
    if (!v.ok()) return std::move(v).error();
    if (v->is_list()) {
      records = v->as_list();
    } else {
      records.push_back(std::move(v).value());
    }
  }
  return make_values_reader(std::move(records), size);
}

std::unique_ptr<RecordReader> make_record_reader(std::string_view text, DataFormat format,
                                                 std::string_view source_name,
                                                 const ReadOptions& options) {
  std::string name(source_name);
  if (format == DataFormat::kCsv || format == DataFormat::kTsv) {
    return make_csv_reader(std::make_unique<InputWindow>(text), name,
                           delimiter_for(format, options), options);
  }
  if (format == DataFormat::kJsonLines || format == DataFormat::kAuto) {
    return make_jsonl_reader(std::make_unique<InputWindow>(text), name, options);
  }
  // Whole-document formats.
  std::vector<Value> records;
  Result<Value> v = Value::none();
  switch (format) {
    case DataFormat::kJson:
      v = parse_json(text, name, JsonOptions{options.allow_nan, options.max_depth});
      break;
    case DataFormat::kYaml: {
      auto docs = parse_yaml_documents(text, name);
      if (!docs.ok()) {
        v = std::move(docs).error();
      } else if (docs->size() == 1) {
        v = std::move((*docs)[0]);
      } else {
        v = Value::list(std::move(docs).value());
      }
      break;
    }
    case DataFormat::kToml: v = parse_toml(text, name); break;
    default: {
      auto fm = parse_front_matter(text, name);
      if (fm.ok()) {
        v = fm->data.is_none() ? Value::map() : fm->data;
      } else {
        v = std::move(fm).error();
      }
      break;
    }
  }
  if (!v.ok()) {
    // One record: the error.
    class ErrorReader : public RecordReader {
     public:
      explicit ErrorReader(Error e) : e_(std::move(e)) {}
      std::optional<Result<Record>> next() override {
        if (done_) return std::nullopt;
        done_ = true;
        return Result<Record>(e_);
      }
      std::uint64_t bytes_read() const override { return 0; }

     private:
      Error e_;
      bool done_ = false;
    };
    return std::make_unique<ErrorReader>(std::move(v).error());
  }
  if (v->is_list()) {
    records = v->as_list();
  } else {
    records.push_back(std::move(v).value());
  }
  return make_values_reader(std::move(records), text.size());
}

}  // namespace docforge::data
