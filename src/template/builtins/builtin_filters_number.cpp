// Number filters: abs, filesizeformat, float, int, round.
//
// int and float parse strings with Python's int(s, base) / float(s) syntax (surrounding
// whitespace, underscores between digits, 0x/0o/0b prefixes matching the base, inf/nan).
// round rounds the exact double like Python's round(): printf("%.*f") rounds the exact binary
// value half-to-even, and strtod reads the result back.

#include <algorithm>
#include <charconv>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "template/builtins.h"
#include "template/builtins/filter_common.h"
#include "template/builtins/format_number.h"
#include "template/builtins/filter_fns.h"

namespace docforge::filters {
namespace {

bool is_ws(char c) { return c == ' ' || (c >= 0x09 && c <= 0x0D) || c == 0x1C || c == 0x1D || c == 0x1E || c == 0x1F; }

std::string_view strip_ws(std::string_view s) {
  while (!s.empty() && is_ws(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_ws(s.back())) s.remove_suffix(1);
  return s;
}

int digit_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'z') return c - 'a' + 10;
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  return 99;
}

// Zero code points of Unicode decimal digit blocks (category Nd) Python's int()/float() accept.
constexpr char32_t kDigitZeros[] = {
    0x660,   0x6F0,   0x7C0,   0x966,   0x9E6,   0xA66,   0xAE6,   0xB66,   0xBE6,   0xC66,
    0xCE6,   0xD66,   0xDE6,   0xE50,   0xED0,   0xF20,   0x1040,  0x1090,  0x17E0,  0x1810,
    0x1946,  0x19D0,  0x1A80,  0x1A90,  0x1B50,  0x1BB0,  0x1C40,  0x1C50,  0xA620,  0xA8D0,
    0xA900,  0xA9D0,  0xA9F0,  0xAA50,  0xABF0,  0xFF10,  0x104A0, 0x1D7CE, 0x1D7D8, 0x1D7E2,
    0x1D7EC, 0x1D7F6, 0x1E950};

// Python first maps Unicode digits to ASCII and Unicode whitespace to spaces.
std::string ascii_number_text(std::string_view text) {
  bool ascii = std::all_of(text.begin(), text.end(), [](char c) { return (c & 0x80) == 0; });
  if (ascii) return std::string(text);
  std::string out;
  for (char32_t c : decode_utf8(text)) {
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
      continue;
    }
    if (py_isspace(c)) {
      out.push_back(' ');
      continue;
    }
    bool digit = false;
    for (char32_t zero : kDigitZeros) {
      if (c >= zero && c < zero + 10) {
        out.push_back(static_cast<char>('0' + (c - zero)));
        digit = true;
        break;
      }
    }
    if (!digit) out.push_back('\x01');  // never valid in a number
  }
  return out;
}

// Python int(s, base). Returns false on a ValueError.
bool parse_python_int(std::string_view raw, std::int64_t base, Value* out) {
  std::string text = ascii_number_text(raw);
  std::string_view s = strip_ws(text);
  bool neg = false;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    neg = s[0] == '-';
    s.remove_prefix(1);
  }
  auto has_prefix = [&](char lower) {
    return s.size() >= 2 && s[0] == '0' && (s[1] == lower || s[1] == lower - 32);
  };
  bool prefixed = false;
  if (base == 0) {
    if (has_prefix('x')) {
      base = 16;
    } else if (has_prefix('o')) {
      base = 8;
    } else if (has_prefix('b')) {
      base = 2;
    } else {
      base = 10;
      // Base 0 refuses leading zeros in non-zero decimals.
      if (s.size() > 1 && s[0] == '0') {
        for (char c : s) {
          if (c != '0' && c != '_') return false;
        }
      }
    }
    prefixed = base != 10;
  } else if ((base == 16 && has_prefix('x')) || (base == 8 && has_prefix('o')) ||
             (base == 2 && has_prefix('b'))) {
    prefixed = true;
  }
  if (prefixed) {
    s.remove_prefix(2);
    if (!s.empty() && s[0] == '_') s.remove_prefix(1);
  }
  if (s.empty()) return false;
  // Python 3.11+ refuses more than 4300 digits in a non-power-of-two base (ValueError); for
  // the other bases docforge refuses them too, rather than spend quadratic time.
  if (s.size() > 4300) {
    bool pow2 = base == 2 || base == 4 || base == 8 || base == 16 || base == 32;
    if (!pow2) return false;
    throw_template_error(ErrorKind::kLimit, "integer string too long (more than 4300 digits)");
  }
  BigInt big(0);
  std::int64_t small = 0;
  bool use_big = false;
  bool last_underscore = true;  // a leading underscore is invalid
  for (char c : s) {
    if (c == '_') {
      if (last_underscore) return false;
      last_underscore = true;
      continue;
    }
    last_underscore = false;
    int d = digit_value(c);
    if (d >= base) return false;
    if (!use_big) {
      if (small > (INT64_MAX - d) / base) {
        use_big = true;
        big = BigInt(small);
      } else {
        small = small * base + d;
        continue;
      }
    }
    big = big * BigInt(base) + BigInt(d);
  }
  if (last_underscore) return false;
  if (use_big) {
    *out = Value::big_integer(neg ? -big : big);
  } else {
    *out = Value::integer(neg ? -small : small);
  }
  return true;
}

// Python float(s). Returns false on a ValueError.
bool parse_python_float(std::string_view raw, double* out) {
  std::string text = ascii_number_text(raw);
  std::string_view s = strip_ws(text);
  std::string clean;
  std::string_view body = s;
  if (!body.empty() && (body[0] == '+' || body[0] == '-')) body.remove_prefix(1);
  std::string lower;
  for (char c : body) lower.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c);
  if (lower == "inf" || lower == "infinity" || lower == "nan") {
    double v = lower == "nan" ? std::nan("") : HUGE_VAL;
    *out = (!s.empty() && s[0] == '-') ? -v : v;
    return true;
  }
  // [sign] (digits [. digits?] | . digits) [(e|E) [sign] digits], '_' only between digits.
  std::size_t i = 0;
  auto digits = [&](bool required) {
    std::size_t start = i;
    bool prev_digit = false;
    while (i < s.size()) {
      if (s[i] >= '0' && s[i] <= '9') {
        clean.push_back(s[i]);
        prev_digit = true;
      } else if (s[i] == '_' && prev_digit && i + 1 < s.size() && s[i + 1] >= '0' &&
                 s[i + 1] <= '9') {
        prev_digit = false;
      } else {
        break;
      }
      ++i;
    }
    return !required || i > start;
  };
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) clean.push_back(s[i++]);
  std::size_t mark = i;
  digits(false);
  bool int_part = i > mark;
  bool frac_part = false;
  if (i < s.size() && s[i] == '.') {
    clean.push_back('.');
    ++i;
    std::size_t m2 = i;
    digits(false);
    frac_part = i > m2;
  }
  if (!int_part && !frac_part) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    clean.push_back('e');
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) clean.push_back(s[i++]);
    if (!digits(true)) return false;
  }
  if (i != s.size()) return false;
  errno = 0;
  *out = std::strtod(clean.c_str(), nullptr);
  return true;
}

// int(d) for a finite double, exact (big integers beyond int64).
Value int_from_double(double d) {
  double t = std::trunc(d);
  if (t >= -9.2233720368547758e18 && t < 9.2233720368547758e18) {
    return Value::integer(static_cast<std::int64_t>(t));
  }
  char buf[400];
  std::snprintf(buf, sizeof buf, "%.0f", t);
  BigInt b;
  BigInt::parse(buf, &b);
  return Value::big_integer(b);
}

}  // namespace

Value f_abs(CallContext& ctx, const Value& v, CallArgs& args) {
  expect_no_args("abs", args);
  switch (v.kind()) {
    case ValueKind::kBool:
      return Value::integer(v.as_bool() ? 1 : 0);
    case ValueKind::kInt:
      if (v.as_int() == INT64_MIN) return Value::big_integer(-BigInt(INT64_MIN));
      return Value::integer(v.as_int() < 0 ? -v.as_int() : v.as_int());
    case ValueKind::kBigInt:
      return v.as_big_int().negative() ? Value::big_integer(-v.as_big_int()) : v;
    case ValueKind::kFloat:
      return Value::floating(std::fabs(v.as_float()));
    default:
      break;
  }
  type_error("bad operand type for abs(): '" + py_type_name(ctx, v) + "'");
}

Value f_int(CallContext& ctx, const Value& v, CallArgs& args) {
  BoundArgs a("int", args, {"default", "base"});
  Value fallback = a.value_or(0, Value::integer(0));
  // int(s, base) with a bad base raises TypeError/ValueError, which Jinja2 catches and then
  // tries int(float(s)): a bad base never fails the filter.
  const Value* base_v = a.get(1);
  bool base_ok = true;
  std::int64_t base = 10;
  if (base_v != nullptr) {
    if (base_v->is_int() || base_v->is_bool()) {
      base = base_v->is_bool() ? (base_v->as_bool() ? 1 : 0) : base_v->as_int();
      base_ok = base == 0 || (base >= 2 && base <= 36);
    } else {
      base_ok = false;
    }
  }
  if (v.is_undefined()) fail_undefined(v);
  if (v.is_string()) {
    Value out;
    if (base_ok && parse_python_int(v.as_string(), base, &out)) return out;
    double d = 0;
    if (parse_python_float(v.as_string(), &d)) {
      if (!std::isfinite(d)) return fallback;  // int(float(s)) fails: the default
      return int_from_double(d);
    }
    return fallback;
  }
  switch (v.kind()) {
    case ValueKind::kBool:
      return Value::integer(v.as_bool() ? 1 : 0);
    case ValueKind::kInt:
    case ValueKind::kBigInt:
      return v;
    case ValueKind::kFloat: {
      double d = v.as_float();
      if (std::isnan(d)) return fallback;  // ValueError, then int(float(nan)) fails again
      if (std::isinf(d)) value_error("cannot convert float infinity to integer");
      return int_from_double(d);
    }
    default:
      return fallback;
  }
}

Value f_float(CallContext& ctx, const Value& v, CallArgs& args) {
  BoundArgs a("float", args, {"default"});
  Value fallback = a.value_or(0, Value::floating(0.0));
  if (v.is_undefined()) fail_undefined(v);
  switch (v.kind()) {
    case ValueKind::kBool:
      return Value::floating(v.as_bool() ? 1.0 : 0.0);
    case ValueKind::kInt:
      return Value::floating(static_cast<double>(v.as_int()));
    case ValueKind::kBigInt: {
      double d = v.as_big_int().to_double();
      if (std::isinf(d)) value_error("int too large to convert to float");
      return Value::floating(d);
    }
    case ValueKind::kFloat:
      return v;
    case ValueKind::kString: {
      double d = 0;
      if (parse_python_float(v.as_string(), &d)) return Value::floating(d);
      return fallback;
    }
    default:
      return fallback;
  }
}

namespace {

// Python round(x, ndigits) for a float.
double round_float(double x, std::int64_t ndigits) {
  if (!std::isfinite(x) || x == 0.0) return x;
  if (ndigits > 330) return x;
  if (ndigits >= 0) {
    // Doubles of magnitude >= 2^53 are integers: rounding to >= 0 digits keeps them. Below
    // that, the correctly rounded decimal (round-half-even on the exact binary value, as
    // CPython's dtoa) read back is Python's result; it needs at most 16 + 1 + 330 characters.
    if (std::fabs(x) >= 9007199254740992.0) return x;
    std::uint64_t scaled = 0;
    static constexpr double kPow10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
    if (fmtnum::round_scaled(std::fabs(x), static_cast<int>(ndigits), &scaled) &&
        scaled < (std::uint64_t{1} << 53)) {
      // Both operands exact, so the quotient is the correctly rounded value of the decimal.
      return std::copysign(static_cast<double>(scaled) / kPow10[ndigits], x);
    }
    char buf[400];
    auto res = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::fixed,
                             static_cast<int>(ndigits));
    double rounded = x;
    std::from_chars(buf, res.ptr, rounded);
    return rounded;
  }
  if (ndigits < -330) return std::copysign(0.0, x);
  // Negative ndigits: round to a multiple of 10^k, half to even, on the exact value.
  bool neg = x < 0;
  double ax = std::fabs(x);
  double frac = ax - std::trunc(ax);
  char buf[512];
  std::snprintf(buf, sizeof buf, "%.0f", std::trunc(ax));  // exact integer digits
  std::string ip(buf);
  std::size_t k = static_cast<std::size_t>(-ndigits);
  if (ip.size() < k) ip.insert(0, k - ip.size(), '0');
  std::string head = ip.substr(0, ip.size() - k);
  std::string tail = ip.substr(ip.size() - k);
  std::string half(k, '0');
  half[0] = '5';
  int cmp = tail != half ? (tail < half ? -1 : 1) : (frac > 0 ? 1 : 0);
  bool odd = !head.empty() && ((head.back() - '0') % 2 == 1);
  if (head.empty()) head.push_back('0');
  if (cmp > 0 || (cmp == 0 && odd)) {
    // Increment the decimal string.
    std::size_t i = head.size();
    while (i > 0) {
      --i;
      if (head[i] == '9') {
        head[i] = '0';
      } else {
        ++head[i];
        break;
      }
      if (i == 0) head.insert(head.begin(), '1');
    }
  }
  std::string text;
  if (neg) text.push_back('-');
  text += head;
  text.push_back('e');
  text += std::to_string(k);
  return std::strtod(text.c_str(), nullptr);
}

// Python round(int, ndigits) for negative ndigits (half to even).
Value round_int(std::int64_t v, std::int64_t ndigits) {
  if (ndigits >= 0) return Value::integer(v);
  if (ndigits < -18) return Value::integer(0);
  std::int64_t p = 1;
  for (std::int64_t i = 0; i < -ndigits; ++i) p *= 10;
  std::int64_t q = v / p;
  std::int64_t r = v % p;
  if (r < 0) {
    r += p;
    q -= 1;
  }
  // v = q*p + r, 0 <= r < p
  if (2 * r > p || (2 * r == p && (q % 2 != 0))) q += 1;
  return Value::integer(q * p);
}

}  // namespace

Value f_round(CallContext& ctx, const Value& v, CallArgs& args) {
  BoundArgs a("round", args, {"precision", "method"});
  std::int64_t precision = a.int_or(0, 0);
  std::string method = a.str_or(1, "common");
  if (method != "common" && method != "ceil" && method != "floor") {
    value_error("method must be common, ceil or floor");
  }
  if (!(v.is_number() || v.is_bool())) {
    type_error("type " + py_type_name(ctx, v) + " doesn't define __round__ method");
  }
  if (method == "common") {
    if (v.is_float()) return Value::floating(round_float(v.as_float(), precision));
    if (v.is_bool()) return Value::integer(v.as_bool() ? 1 : 0);
    if (v.is_int()) return round_int(v.as_int(), precision);
    return v;  // big int with non-negative precision
  }
  // math.ceil/floor(value * 10**precision) / 10**precision — always a float.
  double x = v.to_double();
  double scale = std::pow(10.0, static_cast<double>(precision));
  double scaled = precision >= 0 ? x * scale : x / std::pow(10.0, static_cast<double>(-precision));
  double r = method == "ceil" ? std::ceil(scaled) : std::floor(scaled);
  if (precision >= 0) return Value::floating(r / scale);
  return Value::floating(r * std::pow(10.0, static_cast<double>(-precision)));
}

Value f_filesizeformat(CallContext& ctx, const Value& v, CallArgs& args) {
  BoundArgs a("filesizeformat", args, {"binary"});
  bool binary = a.bool_or(0, false);
  if (v.is_undefined()) fail_undefined(v);
  double bytes = 0;
  if (v.is_number() || v.is_bool()) {
    bytes = v.to_double();
  } else if (v.is_string()) {
    if (!parse_python_float(v.as_string(), &bytes)) {
      value_error("could not convert string to float: '" + std::string(v.as_string()) + "'");
    }
  } else {
    type_error("float() argument must be a string or a real number, not '" +
               std::string(v.type_name()) + "'");
  }
  static constexpr const char* kDecimal[] = {"kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"};
  static constexpr const char* kBinary[] = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"};
  static constexpr double kPow1000[] = {1e3, 1e6, 1e9, 1e12, 1e15, 1e18, 1e21, 1e24, 1e27};
  double base = binary ? 1024.0 : 1000.0;
  if (bytes == 1) return plain("1 Byte");
  if (bytes < base) {
    if (std::isnan(bytes)) value_error("cannot convert float NaN to integer");
    return plain(int_from_double(bytes).str() + " Bytes");
  }
  char buf[512];
  for (int i = 0; i < 8; ++i) {
    double unit = binary ? std::ldexp(1.0, 10 * (i + 2)) : kPow1000[i + 1];
    if (bytes < unit || i == 7) {
      std::snprintf(buf, sizeof buf, "%.1f %s", base * bytes / unit, binary ? kBinary[i] : kDecimal[i]);
      return plain(buf);
    }
  }
  return plain("");
}

}  // namespace docforge::filters
