// docforge errors: values, not exceptions, across every public API.
//
// An Error says what went wrong and, for anything a user wrote (a template, a data file), where:
// the source name, 1-based line and column, and the offending source line. format() gives the
// one-line form the CLI prints: `NAME:LINE:COL: error: MESSAGE`.
//
// Result<T> holds either a T or an Error; Status is Result<void>. Both are cheap to return.
//
// TemplateError is the one exception type in the project. It never crosses a public API: the
// template interpreter and builtin filters throw it internally (an error ends the whole render),
// and Template::render turns it into an Error value.

#ifndef DOCFORGE_ERROR_H_
#define DOCFORGE_ERROR_H_

#include <cstdlib>
#include <optional>
#include <string>
#include <utility>

namespace docforge {

enum class ErrorKind {
  kSyntax,        // template syntax
  kUndefined,     // strict undefined access
  kType,          // wrong operand/argument types
  kValue,         // right type, bad value (e.g. int('x'))
  kNotFound,      // template/include not found
  kSecurity,      // sandbox: private attribute, path escape
  kLimit,         // a sandbox limit (fuel, recursion, output size, value size, range, time)
  kData,          // data file could not be read or parsed
  kSchema,        // data failed schema validation
  kIo,            // file system
  kUsage,         // bad command-line use
  kInternal,
};

struct Error {
  ErrorKind kind = ErrorKind::kInternal;
  std::string message;
  std::string source_name;  // template or data file; empty when not applicable
  int line = 0;             // 1-based; 0 when unknown
  int column = 0;           // 1-based; 0 when unknown
  std::string source_line;  // the offending line's text, when known

  // `NAME:LINE:COL: error: MESSAGE` (parts omitted when unknown).
  std::string format() const;
  // format() plus the source line and a caret under the column, when known.
  std::string format_with_context() const;
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}            // NOLINT: implicit by design
  Result(Error error) : error_(std::move(error)) {}        // NOLINT
  bool ok() const noexcept { return value_.has_value(); }
  explicit operator bool() const noexcept { return ok(); }
  // REQUIRES: ok()
  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  T& operator*() { return *value_; }
  // REQUIRES: !ok()
  const Error& error() const& { return *error_; }
  Error&& error() && { return std::move(*error_); }

 private:
  std::optional<T> value_;
  std::optional<Error> error_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)) {}  // NOLINT
  bool ok() const noexcept { return !error_.has_value(); }
  explicit operator bool() const noexcept { return ok(); }
  const Error& error() const& { return *error_; }
  Error&& error() && { return std::move(*error_); }

 private:
  std::optional<Error> error_;
};

using Status = Result<void>;

inline Error make_error(ErrorKind kind, std::string message) {
  Error e;
  e.kind = kind;
  e.message = std::move(message);
  return e;
}

// Thrown only inside the template module (see the file comment).
struct TemplateError {
  Error error;
};

[[noreturn]] inline void throw_template_error(ErrorKind kind, std::string message) {
  throw TemplateError{make_error(kind, std::move(message))};
}

inline const char* error_kind_name(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kSyntax: return "syntax error";
    case ErrorKind::kUndefined: return "undefined error";
    case ErrorKind::kType: return "type error";
    case ErrorKind::kValue: return "value error";
    case ErrorKind::kNotFound: return "not found";
    case ErrorKind::kSecurity: return "security error";
    case ErrorKind::kLimit: return "limit exceeded";
    case ErrorKind::kData: return "data error";
    case ErrorKind::kSchema: return "schema error";
    case ErrorKind::kIo: return "i/o error";
    case ErrorKind::kUsage: return "usage error";
    case ErrorKind::kInternal: return "internal error";
  }
  return "error";
}

inline std::string Error::format() const {
  std::string out;
  if (!source_name.empty()) {
    out += source_name;
    if (line > 0) {
      out += ':';
      out += std::to_string(line);
      if (column > 0) {
        out += ':';
        out += std::to_string(column);
      }
    }
    out += ": ";
  }
  out += "error: ";
  out += message;
  return out;
}

inline std::string Error::format_with_context() const {
  std::string out = format();
  if (line > 0 && !source_line.empty()) {
    out += "\n    ";
    out += source_line;
    if (column > 0) {
      out += "\n    ";
      // Keep tabs so the caret lines up under tab-indented source.
      for (int i = 1; i < column && i <= static_cast<int>(source_line.size()); ++i) {
        out += source_line[static_cast<std::size_t>(i - 1)] == '\t' ? '\t' : ' ';
      }
      out += '^';
    }
  }
  return out;
}

}  // namespace docforge

#endif  // DOCFORGE_ERROR_H_
