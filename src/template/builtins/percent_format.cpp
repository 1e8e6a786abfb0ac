// Python's printf-style `fmt % args` (the `%` operator on strings and the `format` filter).
//
// Follows CPython's PyUnicode_Format: a tuple supplies the arguments in order, any other value is
// the single argument; a dict (or list, which Python also treats as a mapping) may be indexed by
// `%(key)s` and suppresses the "not all arguments converted" check. With a Markup format string
// every %s / %r argument is escaped and the result is Markup.
#include <cmath>
#include <cstdlib>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "template/builtins.h"
#include "template/builtins/format_number.h"
#include "template/builtins/ops_util.h"
#include "value/utf8.h"

namespace docforge {
namespace {

using ops::py_type_name;
using ops::throw_type_error;

struct Spec {
  bool left = false;   // '-'
  bool plus = false;   // '+'
  bool space = false;  // ' '
  bool alt = false;    // '#'
  bool zero = false;   // '0'
  std::int64_t width = -1;
  std::int64_t precision = -1;
};

// Python's ascii(): repr with non-ASCII code points escaped.
std::string ascii_of(std::string_view repr) {
  std::string out;
  std::size_t pos = 0;
  while (pos < repr.size()) {
    unsigned char c = static_cast<unsigned char>(repr[pos]);
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
      ++pos;
      continue;
    }
    char32_t cp = utf8::decode(repr, &pos);
    if (cp <= 0xFF) out += fmt::format("\\x{:02x}", static_cast<unsigned>(cp));
    else if (cp <= 0xFFFF) out += fmt::format("\\u{:04x}", static_cast<unsigned>(cp));
    else out += fmt::format("\\U{:08x}", static_cast<unsigned>(cp));
  }
  return out;
}

class Formatter {
 public:
  Formatter(CallContext& ctx, const Value& fmt, const Value& args)
      : ctx_(ctx), safe_(fmt.is_safe()), args_(args) {
    if (args.is_tuple()) use_items(args.as_list());
    if (args.is_map() || (args.is_list() && !args.is_tuple())) dict_ = true;
  }

  // The arguments of a tuple, given as its items (no tuple built).
  Formatter(CallContext& ctx, const Value& fmt, const List& items)
      : ctx_(ctx), safe_(fmt.is_safe()), args_(fmt) {
    use_items(items);
  }

  Value run(std::string_view f) {
    std::size_t i = 0;
    while (i < f.size()) {
      std::size_t pct = f.find('%', i);
      if (pct == std::string_view::npos) {
        out_ += f.substr(i);
        break;
      }
      out_ += f.substr(i, pct - i);
      i = conversion(f, pct + 1);
      if (out_.size() > 4096) ctx_.charge_value_size(out_.size());
    }
    if (argidx_ < arglen_ && !dict_) {
      throw_type_error("not all arguments converted during string formatting");
    }
    ctx_.charge_value_size(out_.size());
    return safe_ ? Value::safe_string(std::move(out_)) : Value::string(std::move(out_));
  }

 private:
  [[noreturn]] static void incomplete() { ops::throw_value_error("incomplete format"); }

  void use_items(const List& items) {
    items_ = items.data();
    arglen_ = static_cast<std::int64_t>(items.size());
    argidx_ = 0;
  }

  const Value& next_arg() {
    if (arglen_ >= 0) {
      if (argidx_ < arglen_) {
        return items_[static_cast<std::size_t>(argidx_++)];
      }
    } else if (argidx_ == -2) {
      argidx_ = -1;
      return use_mapped_ ? mapped_ : args_;
    }
    throw_type_error("not enough arguments for format string");
  }

  std::int64_t star_arg() {
    const Value& v = next_arg();
    std::int64_t n = 0;
    if (!ops::is_int_like(v) || !ops::small_int(v, &n)) throw_type_error("* wants int");
    return n;
  }

  // Parses one conversion starting after '%'; returns the index after it.
  std::size_t conversion(std::string_view f, std::size_t i) {
    Spec spec;
    if (i < f.size() && f[i] == '(') {
      if (!dict_) throw_type_error("format requires a mapping");
      int depth = 1;
      std::size_t start = ++i;
      while (i < f.size() && depth > 0) {
        if (f[i] == '(') ++depth;
        else if (f[i] == ')') --depth;
        ++i;
      }
      if (depth > 0) ops::throw_value_error("incomplete format key");
      std::string_view key = f.substr(start, i - 1 - start);
      if (args_.is_map()) {
        const Value* v = args_.as_map().find(key);
        if (v == nullptr) ops::throw_value_error(Value::string(key).repr());
        mapped_ = *v;
      } else {
        throw_type_error("list indices must be integers or slices, not str");
      }
      arglen_ = -1;
      argidx_ = -2;
      use_mapped_ = true;
    }
    for (; i < f.size(); ++i) {
      char c = f[i];
      if (c == '-') spec.left = true;
      else if (c == '+') spec.plus = true;
      else if (c == ' ') spec.space = true;
      else if (c == '#') spec.alt = true;
      else if (c == '0') spec.zero = true;
      else break;
    }
    if (i < f.size() && f[i] == '*') {
      spec.width = star_arg();
      if (spec.width < 0) {
        spec.left = true;
        spec.width = -spec.width;
      }
      ++i;
    } else {
      i = parse_number(f, i, &spec.width);
    }
    if (i < f.size() && f[i] == '.') {
      ++i;
      if (i < f.size() && f[i] == '*') {
        spec.precision = star_arg();
        if (spec.precision < 0) spec.precision = 0;
        ++i;
      } else {
        spec.precision = 0;
        i = parse_number(f, i, &spec.precision);
      }
    }
    while (i < f.size() && (f[i] == 'h' || f[i] == 'l' || f[i] == 'L')) ++i;
    if (i >= f.size()) incomplete();
    char type = f[i];
    if (type == '%') {
      out_ += '%';
      return i + 1;
    }
    if (spec.width > 0) ctx_.charge_value_size(static_cast<std::size_t>(spec.width));
    const Value& raw = next_arg();
    // Undefined converts only through str()/repr(); numbers from it fail as undefined.
    if (raw.is_undefined() && type != 's' && type != 'r' && type != 'a') ops::throw_undefined(raw);
    Value arg = safe_ ? markup_arg(type, raw) : raw;
    switch (type) {
      case 's':
      case 'r':
      case 'a': format_text(spec, type, arg); break;
      case 'd':
      case 'i':
      case 'u':
      case 'x':
      case 'X':
      case 'o': format_int(spec, type, arg); break;
      case 'e':
      case 'E':
      case 'f':
      case 'F':
      case 'g':
      case 'G': format_float(spec, type, arg); break;
      case 'c': format_char(spec, arg); break;
      default: {
        std::size_t start = i;
        std::size_t pos = i;
        char32_t cp = utf8::decode(f, &pos);
        char ch = cp > 31 && cp < 128 ? static_cast<char>(cp) : '?';
        ops::throw_value_error(fmt::format("unsupported format character '{}' (0x{:x}) at index {}",
                                           ch, static_cast<unsigned>(cp),
                                           utf8::count(f.substr(0, start))));
      }
    }
    return i + 1;
  }

  std::size_t parse_number(std::string_view f, std::size_t i, std::int64_t* out) {
    if (i >= f.size() || f[i] < '0' || f[i] > '9') return i;
    std::int64_t n = 0;
    while (i < f.size() && f[i] >= '0' && f[i] <= '9') {
      n = n * 10 + (f[i] - '0');
      if (n > (std::int64_t{1} << 40)) ops::throw_value_error("width too big");
      ++i;
    }
    *out = n;
    return i;
  }

  // markupsafe wraps each argument of a Markup format string in a helper object that only
  // converts through str(), repr(), int() and float(); mirror what that allows.
  Value markup_arg(char type, const Value& arg) {
    switch (type) {
      case 'c': throw_type_error("%c requires int or char");
      case 'x':
      case 'X':
      case 'o':
        throw_type_error(fmt::format("%{} format: an integer is required, not _MarkupEscapeHelper",
                                     type));
      case 'd':
      case 'i':
      case 'u':
        if (arg.is_string()) {
          std::string_view s = arg.as_string();
          while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n')) s.remove_prefix(1);
          while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n')) s.remove_suffix(1);
          BigInt b;
          if (s.empty() || !BigInt::parse(s, &b)) {
            ops::throw_value_error(fmt::format("invalid literal for int() with base 10: {}",
                                               arg.repr()));
          }
          return Value::big_integer(std::move(b));
        }
        return arg;
      case 'e':
      case 'E':
      case 'f':
      case 'F':
      case 'g':
      case 'G':
        if (arg.is_string()) {
          std::string text(arg.as_string());
          char* end = nullptr;
          double d = std::strtod(text.c_str(), &end);
          if (text.empty() || end == nullptr || *end != '\0') {
            ops::throw_value_error(fmt::format("could not convert string to float: {}",
                                               arg.repr()));
          }
          return Value::floating(d);
        }
        return arg;
      default: return arg;
    }
  }

  // Appends body padded to the width with spaces (strings and chars: '0' is ignored).
  void pad_text(const Spec& spec, std::string_view body) {
    std::size_t len = utf8::count(body);
    std::size_t fill = spec.width > 0 && static_cast<std::size_t>(spec.width) > len
                           ? static_cast<std::size_t>(spec.width) - len
                           : 0;
    if (!spec.left) out_.append(fill, ' ');
    out_ += body;
    if (spec.left) out_.append(fill, ' ');
  }

  // Sign, prefix and digits padded per the flags ('-' beats '0').
  void pad_number(const Spec& spec, bool negative, std::string_view prefix,
                  std::string_view digits) {
    // The sign (if any) and the prefix, without building a string for them.
    const char sign = negative ? '-' : spec.plus ? '+' : spec.space ? ' ' : '\0';
    auto append_head = [&] {
      if (sign != '\0') out_ += sign;
      out_ += prefix;
    };
    std::size_t len = (sign != '\0' ? 1 : 0) + prefix.size() + digits.size();
    std::size_t fill = spec.width > 0 && static_cast<std::size_t>(spec.width) > len
                           ? static_cast<std::size_t>(spec.width) - len
                           : 0;
    if (spec.left) {
      append_head();
      out_ += digits;
      out_.append(fill, ' ');
    } else if (spec.zero) {
      append_head();
      out_.append(fill, '0');
      out_ += digits;
    } else {
      out_.append(fill, ' ');
      append_head();
      out_ += digits;
    }
  }

  void format_text(const Spec& spec, char type, const Value& arg) {
    std::string text;
    if (type == 's') {
      if (arg.is_undefined()) ctx_.check_defined(arg);
      else arg.append_str(text);
    } else {
      arg.append_repr(text);
      if (type == 'a') text = ascii_of(text);
    }
    if (spec.precision >= 0) {
      text = std::string(utf8::slice(text, 0, static_cast<std::size_t>(spec.precision)));
    }
    if (safe_ && !(type == 's' && arg.is_safe())) {
      std::string escaped;
      ops::append_escaped(ctx_, escaped, text);
      text = std::move(escaped);
    }
    pad_text(spec, text);
  }

  void format_int(const Spec& spec, char type, const Value& arg) {
    Value v = arg;
    if (arg.is_float()) {
      if (type == 'x' || type == 'X' || type == 'o') {
        throw_type_error(fmt::format("%{} format: an integer is required, not float", type));
      }
      double d = arg.as_float();
      if (std::isnan(d)) ops::throw_value_error("cannot convert float NaN to integer");
      if (std::isinf(d)) ops::throw_value_error("cannot convert float infinity to integer");
      v = ops::int_from_double(d);
    } else if (!ops::is_int_like(arg)) {
      const char* what = (type == 'x' || type == 'X' || type == 'o') ? "an integer"
                                                                      : "a real number";
      throw_type_error(fmt::format("%{} format: {} is required, not {}", type, what,
                                   py_type_name(arg)));
    }
    int base = type == 'x' || type == 'X' ? 16 : type == 'o' ? 8 : 10;
    bool negative = false;
    std::string digits = fmtnum::int_abs_digits(v, base, &negative);
    if (type == 'X') {
      for (char& c : digits) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    if (spec.precision > 0 && static_cast<std::size_t>(spec.precision) > digits.size()) {
      ctx_.charge_value_size(static_cast<std::size_t>(spec.precision));
      digits.insert(0, static_cast<std::size_t>(spec.precision) - digits.size(), '0');
    }
    std::string_view prefix;
    if (spec.alt) prefix = type == 'x' ? "0x" : type == 'X' ? "0X" : type == 'o' ? "0o" : "";
    pad_number(spec, negative, prefix, digits);
  }

  void format_float(const Spec& spec, char type, const Value& arg) {
    if (!ops::is_numeric(arg)) {
      throw_type_error(fmt::format("must be real number, not {}", py_type_name(arg)));
    }
    double d = ops::to_float_checked(arg);
    int precision = spec.precision < 0 ? 6 : static_cast<int>(std::min<std::int64_t>(spec.precision, 1000));
    bool negative = false;
    std::string body = fmtnum::float_abs_body(d, type, precision, spec.alt, &negative);
    pad_number(spec, negative, "", body);
  }

  void format_char(const Spec& spec, const Value& arg) {
    std::string ch;
    if (arg.is_string()) {
      if (utf8::count(arg.as_string()) != 1) throw_type_error("%c requires int or char");
      ch = std::string(arg.as_string());
    } else if (ops::is_int_like(arg)) {
      std::int64_t cp = 0;
      if (!ops::small_int(arg, &cp) || cp < 0 || cp > 0x10FFFF) {
        ops::throw_value_error("%c arg not in range(0x110000)");
      }
      utf8::append(ch, static_cast<char32_t>(cp));
    } else {
      throw_type_error("%c requires int or char");
    }
    if (safe_ && !arg.is_safe()) {
      std::string escaped;
      ops::append_escaped(ctx_, escaped, ch);
      ch = std::move(escaped);
    }
    pad_text(spec, ch);
  }

  CallContext& ctx_;
  bool safe_;
  const Value& args_;               // the single argument or mapping (unused with items_)
  const Value* items_ = nullptr;     // tuple mode: arglen_ arguments
  Value mapped_;             // the value of the last %(key)
  bool use_mapped_ = false;  // whether a %(key) replaced the argument
  std::int64_t arglen_ = -1;
  std::int64_t argidx_ = -2;
  bool dict_ = false;
  std::string out_;
};

}  // namespace

Value python_percent_format(CallContext& ctx, const Value& fmt, const Value& args) {
  if (fmt.is_string()) return Formatter(ctx, fmt, args).run(fmt.as_string());
  std::string text = fmt.str();
  return Formatter(ctx, Value::string(text), args).run(text);
}

Value python_percent_format(CallContext& ctx, const Value& fmt, const List& tuple_items) {
  if (fmt.is_string()) return Formatter(ctx, fmt, tuple_items).run(fmt.as_string());
  std::string text = fmt.str();
  return Formatter(ctx, Value::string(text), tuple_items).run(text);
}

}  // namespace docforge
