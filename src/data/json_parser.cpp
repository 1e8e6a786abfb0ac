#include "data/json_parser.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <string>
#include <vector>

#include "data/source_location.h"

namespace docforge::data {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

class ExactParser {
 public:
  ExactParser(std::string_view text, std::string_view name, const JsonOptions& opt,
              std::size_t offset_base)
      : text_(text), name_(name), opt_(opt), offset_base_(offset_base) {}

  Result<Value> run();

 private:
  struct Frame {
    Value container;
    bool is_map;
    Value key;  // pending key for maps
  };

  Error error_at(std::size_t offset, std::string message, ErrorKind kind = ErrorKind::kData) {
    return make_data_error(kind, std::move(message), name_, text_, offset);
  }
  Error unexpected(std::string_view expected) {
    if (pos_ >= text_.size()) {
      return error_at(pos_, fmt::format("unexpected end of input: expected {}", expected));
    }
    return error_at(pos_, fmt::format("expected {}, found {}", expected,
                                      describe_byte(static_cast<unsigned char>(text_[pos_]))));
  }
  void skip_ws() {
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        ++pos_;
      } else {
        break;
      }
    }
  }
  bool match(std::string_view word) {
    if (text_.substr(pos_, word.size()) == word) {
      pos_ += word.size();
      return true;
    }
    return false;
  }
  // Parses a scalar at pos_ (not '[' or '{'). Returns an error or sets *out.
  std::optional<Error> scalar(Value* out);
  std::optional<Error> string(Value* out);
  std::optional<Error> number(Value* out);

  std::string_view text_;
  std::string_view name_;
  const JsonOptions& opt_;
  std::size_t offset_base_;  // bytes before text_ in the file (a stripped BOM)
  std::size_t pos_ = 0;
};

std::optional<Error> ExactParser::string(Value* out) {
  std::size_t start = pos_;
  ++pos_;  // opening quote
  std::string buf;
  while (true) {
    std::size_t run = pos_;
    while (pos_ < text_.size()) {
      unsigned char c = static_cast<unsigned char>(text_[pos_]);
      if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80) break;
      ++pos_;
    }
    buf.append(text_.data() + run, pos_ - run);
    if (pos_ >= text_.size()) {
      return error_at(start, "unterminated string (no closing '\"')");
    }
    unsigned char c = static_cast<unsigned char>(text_[pos_]);
    if (c == '"') {
      ++pos_;
      *out = Value::string(std::move(buf));
      return std::nullopt;
    }
    if (c >= 0x80) {
      std::size_t bad = find_invalid_utf8(text_.substr(pos_, 4));
      std::size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
      if (bad == 0 || (bad != std::string_view::npos && bad < len)) {
        return error_at(pos_, fmt::format("invalid UTF-8 (byte 0x{:02X} at byte offset {})", c,
                                          pos_ + offset_base_));
      }
      if (pos_ + len > text_.size()) {
        return error_at(pos_, fmt::format("invalid UTF-8 (truncated sequence at byte offset {})",
                                          pos_ + offset_base_));
      }
      buf.append(text_.data() + pos_, len);
      pos_ += len;
      continue;
    }
    if (c < 0x20) {
      return error_at(pos_, c == '\n' ? std::string("unterminated string (line break inside a "
                                                    "string must be written \\n)")
                                      : fmt::format("control character 0x{:02X} in a string "
                                                    "(write it as an escape)",
                                                    c));
    }
    // Backslash.
    std::size_t esc = pos_;
    ++pos_;
    if (pos_ >= text_.size()) return error_at(start, "unterminated string (no closing '\"')");
    char e = text_[pos_++];
    switch (e) {
      case '"': buf += '"'; break;
      case '\\': buf += '\\'; break;
      case '/': buf += '/'; break;
      case 'b': buf += '\b'; break;
      case 'f': buf += '\f'; break;
      case 'n': buf += '\n'; break;
      case 'r': buf += '\r'; break;
      case 't': buf += '\t'; break;
      case 'u': {
        auto hex4 = [&](std::size_t at, std::uint32_t* v) {
          if (at + 4 > text_.size()) return false;
          std::uint32_t r = 0;
          for (std::size_t k = 0; k < 4; ++k) {
            char h = text_[at + k];
            r <<= 4;
            if (h >= '0' && h <= '9') r |= static_cast<std::uint32_t>(h - '0');
            else if (h >= 'a' && h <= 'f') r |= static_cast<std::uint32_t>(h - 'a' + 10);
            else if (h >= 'A' && h <= 'F') r |= static_cast<std::uint32_t>(h - 'A' + 10);
            else return false;
          }
          *v = r;
          return true;
        };
        std::uint32_t cp;
        if (!hex4(pos_, &cp)) return error_at(esc, "invalid \\u escape: expected 4 hex digits");
        pos_ += 4;
        if (cp >= 0xD800 && cp <= 0xDBFF) {
          std::uint32_t lo;
          if (pos_ + 1 < text_.size() && text_[pos_] == '\\' && text_[pos_ + 1] == 'u' &&
              hex4(pos_ + 2, &lo) && lo >= 0xDC00 && lo <= 0xDFFF) {
            pos_ += 6;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          } else {
            return error_at(esc, "invalid \\u escape: unpaired surrogate");
          }
        } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
          return error_at(esc, "invalid \\u escape: unpaired surrogate");
        }
        if (cp < 0x80) {
          buf += static_cast<char>(cp);
        } else if (cp < 0x800) {
          buf += static_cast<char>(0xC0 | (cp >> 6));
          buf += static_cast<char>(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
          buf += static_cast<char>(0xE0 | (cp >> 12));
          buf += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
          buf += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
          buf += static_cast<char>(0xF0 | (cp >> 18));
          buf += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
          buf += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
          buf += static_cast<char>(0x80 | (cp & 0x3F));
        }
        break;
      }
      default:
        return error_at(esc, fmt::format("invalid escape '\\{}' in a string",
                                         static_cast<unsigned char>(e) < 0x80 && e >= 0x20
                                             ? std::string(1, e)
                                             : describe_byte(static_cast<unsigned char>(e))));
    }
  }
}

std::optional<Error> ExactParser::number(Value* out) {
  std::size_t start = pos_;
  std::size_t p = pos_;
  if (p < text_.size() && text_[p] == '-') ++p;
  if (opt_.allow_nan && text_.substr(p, 8) == "Infinity") {
    pos_ = p + 8;
    *out = Value::floating(text_[start] == '-' ? -HUGE_VAL : HUGE_VAL);
    return std::nullopt;
  }
  if (p >= text_.size() || !is_digit(text_[p])) {
    if (text_.substr(p, 8) == "Infinity") {
      return error_at(start, "Infinity is not valid JSON (allow_nan is off)");
    }
    pos_ = p;
    return unexpected("a digit");
  }
  if (text_[p] == '0') {
    ++p;
    if (p < text_.size() && is_digit(text_[p])) {
      return error_at(start, "a number may not have leading zeros");
    }
  } else {
    while (p < text_.size() && is_digit(text_[p])) ++p;
  }
  if (p < text_.size() && text_[p] == '.') {
    ++p;
    if (p >= text_.size() || !is_digit(text_[p])) {
      pos_ = p;
      return unexpected("a digit after the decimal point");
    }
    while (p < text_.size() && is_digit(text_[p])) ++p;
  }
  if (p < text_.size() && (text_[p] == 'e' || text_[p] == 'E')) {
    ++p;
    if (p < text_.size() && (text_[p] == '+' || text_[p] == '-')) ++p;
    if (p >= text_.size() || !is_digit(text_[p])) {
      pos_ = p;
      return unexpected("a digit in the exponent");
    }
    while (p < text_.size() && is_digit(text_[p])) ++p;
  }
  if (!parse_json_number(text_.substr(start, p - start), out)) {
    return error_at(start, "number out of range (too large for a float)");
  }
  pos_ = p;
  return std::nullopt;
}

std::optional<Error> ExactParser::scalar(Value* out) {
  if (pos_ >= text_.size()) return unexpected("a value");
  char c = text_[pos_];
  switch (c) {
    case '"': return string(out);
    case 't':
      if (match("true")) { *out = Value::boolean(true); return std::nullopt; }
      break;
    case 'f':
      if (match("false")) { *out = Value::boolean(false); return std::nullopt; }
      break;
    case 'n':
      if (match("null")) { *out = Value::none(); return std::nullopt; }
      break;
    case 'N':
      if (text_.substr(pos_, 3) == "NaN") {
        if (!opt_.allow_nan) return error_at(pos_, "NaN is not valid JSON (allow_nan is off)");
        pos_ += 3;
        *out = Value::floating(std::nan(""));
        return std::nullopt;
      }
      break;
    case 'I':
      if (text_.substr(pos_, 8) == "Infinity") {
        if (!opt_.allow_nan) return error_at(pos_, "Infinity is not valid JSON (allow_nan is off)");
        pos_ += 8;
        *out = Value::floating(HUGE_VAL);
        return std::nullopt;
      }
      break;
    default:
      if (c == '-' || is_digit(c)) return number(out);
      break;
  }
  if (static_cast<unsigned char>(c) >= 0x80 &&
      find_invalid_utf8(text_.substr(pos_, 4)) == 0) {
    return error_at(pos_, fmt::format("invalid UTF-8 (byte 0x{:02X} at byte offset {})",
                                      static_cast<unsigned char>(c), pos_ + offset_base_));
  }
  if (c == '\'') return error_at(pos_, "expected a value: JSON strings use double quotes");
  return unexpected("a value");
}

Result<Value> ExactParser::run() {
  std::vector<Frame> stack;
  Value result;
  skip_ws();
  // The main loop parses one value per iteration and attaches it to the top frame.
  while (true) {
    Value v;
    bool have_value = false;
    if (pos_ < text_.size() && (text_[pos_] == '[' || text_[pos_] == '{')) {
      bool is_map = text_[pos_] == '{';
      if (stack.size() >= opt_.max_depth) {
        return error_at(pos_,
                        fmt::format("nesting too deep: more than {} levels of arrays/objects",
                                    opt_.max_depth),
                        ErrorKind::kLimit);
      }
      ++pos_;
      stack.push_back(Frame{is_map ? Value::map() : Value::list(), is_map, Value()});
      skip_ws();
      char close = is_map ? '}' : ']';
      if (pos_ < text_.size() && text_[pos_] == close) {
        ++pos_;
        v = std::move(stack.back().container);
        stack.pop_back();
        have_value = true;
      } else if (is_map) {
        // Read the first key.
        if (pos_ >= text_.size() || text_[pos_] != '"') {
          return unexpected("a string key or '}'");
        }
        Value key;
        if (auto e = string(&key)) return std::move(*e);
        skip_ws();
        if (pos_ >= text_.size() || text_[pos_] != ':') return unexpected("':' after the key");
        ++pos_;
        skip_ws();
        stack.back().key = std::move(key);
        continue;
      } else {
        continue;  // first array item
      }
    } else {
      if (auto e = scalar(&v)) return std::move(*e);
      have_value = true;
    }
    // Attach v and close containers as far as possible.
    while (have_value) {
      if (stack.empty()) {
        skip_ws();
        if (pos_ != text_.size()) {
          return error_at(pos_, fmt::format("extra data after the JSON value: found {}",
                                            describe_byte(static_cast<unsigned char>(
                                                text_[pos_]))));
        }
        return v;
      }
      Frame& top = stack.back();
      if (top.is_map) {
        top.container.map_mut().set(std::move(top.key), std::move(v));
        top.key = Value();
      } else {
        top.container.list_mut().push_back(std::move(v));
      }
      have_value = false;
      skip_ws();
      if (pos_ >= text_.size()) {
        return unexpected(top.is_map ? "',' or '}' after an object member"
                                     : "',' or ']' after an array item");
      }
      char c = text_[pos_];
      if (c == ',') {
        ++pos_;
        skip_ws();
        if (top.is_map) {
          if (pos_ >= text_.size() || text_[pos_] != '"') {
            if (pos_ < text_.size() && text_[pos_] == '}') {
              return error_at(pos_, "trailing comma before '}'");
            }
            return unexpected("a string key");
          }
          Value key;
          if (auto e = string(&key)) return std::move(*e);
          skip_ws();
          if (pos_ >= text_.size() || text_[pos_] != ':') return unexpected("':' after the key");
          ++pos_;
          skip_ws();
          top.key = std::move(key);
        } else if (pos_ < text_.size() && text_[pos_] == ']') {
          return error_at(pos_, "trailing comma before ']'");
        }
        break;  // parse the next value
      }
      if (c == (top.is_map ? '}' : ']')) {
        ++pos_;
        v = std::move(top.container);
        stack.pop_back();
        have_value = true;
        continue;
      }
      return unexpected(top.is_map ? "',' or '}' after an object member"
                                   : "',' or ']' after an array item");
    }
  }
}

}  // namespace

bool parse_json_number(std::string_view token, Value* out) {
  bool is_int = token.find_first_of(".eE") == std::string_view::npos;
  const char* first = token.data();
  const char* last = token.data() + token.size();
  if (is_int) {
    std::int64_t i;
    auto r = std::from_chars(first, last, i);
    if (r.ec == std::errc() && r.ptr == last) {
      *out = Value::integer(i);
      return true;
    }
    BigInt b;
    if (!BigInt::parse(token, &b)) return false;
    *out = Value::big_integer(std::move(b));
    return true;
  }
  double d;
  auto r = std::from_chars(first, last, d);
  if (r.ptr != last) return false;
  if (r.ec == std::errc::result_out_of_range) {
    // Underflow rounds to (signed) zero as Python does; overflow is an error.
    std::string copy(token);
    d = std::strtod(copy.c_str(), nullptr);
    if (std::isinf(d)) return false;
  } else if (r.ec != std::errc()) {
    return false;
  }
  *out = Value::floating(d);
  return true;
}

Result<Value> parse_json_exact(std::string_view text, std::string_view source_name,
                               const JsonOptions& options, std::size_t offset_base) {
  ExactParser p(text, source_name, options, offset_base);
  return p.run();
}

}  // namespace docforge::data
