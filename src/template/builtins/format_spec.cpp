// Python's format-specification mini-language (see format_spec.h).
#include "template/builtins/format_spec.h"

#include <cmath>
#include <cstdio>
#include <string>

#include <fmt/format.h>

#include "template/builtins/format_number.h"
#include "template/builtins/ops_util.h"
#include "value/utf8.h"

namespace docforge::ops {
namespace {

struct Spec {
  std::string fill = " ";  // one code point, UTF-8
  bool fill_given = false;
  char align = 0;          // '<' '>' '=' '^' or 0 (default)
  char sign = 0;           // '+' '-' ' ' or 0
  bool z = false;
  bool alt = false;
  bool zero = false;
  std::int64_t width = -1;
  char grouping = 0;  // ',' '_' or 0
  std::int64_t precision = -1;
  char type = 0;
};

bool is_align(char c) { return c == '<' || c == '>' || c == '=' || c == '^'; }

std::int64_t parse_int(std::string_view s, std::size_t* i) {
  std::int64_t n = 0;
  while (*i < s.size() && s[*i] >= '0' && s[*i] <= '9') {
    n = n * 10 + (s[*i] - '0');
    if (n > (std::int64_t{1} << 40)) throw_value_error("Too many decimal digits in format string");
    ++*i;
  }
  return n;
}

// Parses a spec for a value whose presentation type defaults to `default_type` ('s' for str,
// 'd' for int, 0 for float) and whose default alignment is right (numbers) or left (str).
Spec parse_spec(std::string_view s, const char* type_name, char default_type, bool numeric) {
  Spec spec;
  std::size_t i = 0;
  // [[fill]align]: the fill may be any code point.
  if (!s.empty()) {
    std::size_t after_first = 0;
    utf8::decode(s, &after_first);
    if (after_first < s.size() && is_align(s[after_first])) {
      spec.fill = std::string(s.substr(0, after_first));
      spec.fill_given = true;
      spec.align = s[after_first];
      i = after_first + 1;
    } else if (is_align(s[0])) {
      spec.align = s[0];
      i = 1;
    }
  }
  if (i < s.size() && (s[i] == '+' || s[i] == '-' || s[i] == ' ')) spec.sign = s[i++];
  if (i < s.size() && s[i] == 'z') {
    spec.z = true;
    ++i;
  }
  if (i < s.size() && s[i] == '#') {
    spec.alt = true;
    ++i;
  }
  if (i < s.size() && s[i] == '0') {
    spec.zero = true;
    ++i;
  }
  if (i < s.size() && s[i] >= '0' && s[i] <= '9') spec.width = parse_int(s, &i);
  if (i < s.size() && (s[i] == ',' || s[i] == '_')) spec.grouping = s[i++];
  if (i < s.size() && (s[i] == ',' || s[i] == '_')) throw_value_error("Cannot specify both ',' and '_'.");
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (i >= s.size() || s[i] < '0' || s[i] > '9') throw_value_error("Format specifier missing precision");
    spec.precision = parse_int(s, &i);
  }
  if (s.size() - i > 1) {
    throw_value_error(fmt::format("Invalid format specifier '{}' for object of type '{}'", s,
                                  type_name));
  }
  if (i < s.size()) spec.type = s[i];
  if (spec.zero) {
    if (!spec.fill_given) spec.fill = "0";
    if (spec.align == 0 && numeric) spec.align = '=';
  }
  if (spec.grouping != 0) {
    char t = spec.type != 0 ? spec.type : default_type;
    bool ok = t == 'd' || t == 'e' || t == 'f' || t == 'g' || t == 'E' || t == 'G' ||
              t == '%' || t == 'F' || t == 0 ||
              (spec.grouping == '_' && (t == 'b' || t == 'o' || t == 'x' || t == 'X'));
    if (!ok) {
      throw_value_error(fmt::format("Cannot specify '{}' with '{}'.", spec.grouping, t));
    }
  }
  return spec;
}

// Pads `body` (of `len` code points) to the width with the fill, per the alignment.
void pad(CallContext& ctx, std::string& out, const Spec& spec, char default_align,
         std::string_view head, std::string_view body) {
  std::size_t len = utf8::count(head) + utf8::count(body);
  std::size_t width = spec.width > 0 ? static_cast<std::size_t>(spec.width) : 0;
  std::size_t fill = width > len ? width - len : 0;
  if (fill > 0) ctx.charge_value_size(out.size() + fill * spec.fill.size() + head.size() + body.size());
  char align = spec.align != 0 ? spec.align : default_align;
  auto repeat = [&](std::size_t n) {
    for (std::size_t k = 0; k < n; ++k) out += spec.fill;
  };
  std::size_t left = 0;
  if (align == '>') left = fill;
  else if (align == '^') left = fill / 2;
  if (align == '=') {
    out += head;
    repeat(fill);
    out += body;
    return;
  }
  repeat(left);
  out += head;
  out += body;
  repeat(fill - left);
}

std::string group_digits(std::string_view digits, char sep, std::size_t interval) {
  std::string out;
  std::size_t n = digits.size();
  for (std::size_t k = 0; k < n; ++k) {
    if (k > 0 && (n - k) % interval == 0) out += sep;
    out += digits[k];
  }
  return out;
}

// Sign, then digits grouped and/or zero-padded, then the rest (fraction, exponent, '%').
void emit_number(CallContext& ctx, std::string& out, const Spec& spec, bool negative,
                 std::string_view prefix, std::string digits, std::string_view rest,
                 std::size_t interval) {
  std::string head;
  if (negative) head = "-";
  else if (spec.sign == '+') head = "+";
  else if (spec.sign == ' ') head = " ";
  head += prefix;
  bool zero_fill = spec.align == '=' && spec.fill == "0";
  std::size_t width = spec.width > 0 ? static_cast<std::size_t>(spec.width) : 0;
  if (spec.grouping != 0 && zero_fill) {
    ctx.charge_value_size(width * 2);
    // Python pads the digits with zeros, then groups them, until the width is reached.
    std::string grouped = group_digits(digits, spec.grouping, interval);
    while (head.size() + grouped.size() + rest.size() < width) {
      digits.insert(0, 1, '0');
      grouped = group_digits(digits, spec.grouping, interval);
    }
    out += head;
    out += grouped;
    out += rest;
    return;
  }
  std::string body = spec.grouping != 0 ? group_digits(digits, spec.grouping, interval) : digits;
  body += rest;
  pad(ctx, out, spec, '>', head, body);
}

void format_string(CallContext& ctx, std::string& out, std::string_view s, const Spec& spec) {
  if (spec.type != 0 && spec.type != 's') {
    throw_value_error(
        fmt::format("Unknown format code '{}' for object of type 'str'", spec.type));
  }
  if (spec.sign == ' ') throw_value_error("Space not allowed in string format specifier");
  if (spec.sign != 0) throw_value_error("Sign not allowed in string format specifier");
  if (spec.z) throw_value_error("Negative zero coercion (z) not allowed in string format specifier");
  if (spec.alt) throw_value_error("Alternate form (#) not allowed in string format specifier");
  if (spec.align == '=') {
    throw_value_error("'=' alignment not allowed in string format specifier");
  }
  std::string_view body = s;
  if (spec.precision >= 0) body = utf8::slice(s, 0, static_cast<std::size_t>(spec.precision));
  pad(ctx, out, spec, '<', "", body);
}

void format_float_value(CallContext& ctx, std::string& out, double d, const Spec& spec,
                        const char* type_name);

void format_int(CallContext& ctx, std::string& out, const Value& v, const Spec& spec) {
  char type = spec.type == 0 ? 'd' : spec.type;
  const char* type_name = v.is_bool() ? "bool" : "int";
  switch (type) {
    case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case '%':
      format_float_value(ctx, out, to_float_checked(v), spec, type_name);
      return;
    case 'b': case 'o': case 'x': case 'X': case 'd': case 'n': case 'c': break;
    default:
      throw_value_error(
          fmt::format("Unknown format code '{}' for object of type '{}'", type, type_name));
  }
  if (spec.precision >= 0) throw_value_error("Precision not allowed in integer format specifier");
  if (spec.z) {
    throw_value_error("Negative zero coercion (z) not allowed in integer format specifier");
  }
  if (type == 'c') {
    if (spec.sign != 0) throw_value_error("Sign not allowed with integer format specifier 'c'");
    if (spec.alt) throw_value_error("Alternate form (#) not allowed with integer format specifier 'c'");
    std::int64_t cp = 0;
    if (!small_int(v, &cp)) throw_value_error("Python int too large to convert to C long");
    if (cp < 0 || cp > 0x10FFFF) {
      throw_value_error("%c arg not in range(0x110000)");
    }
    std::string ch;
    utf8::append(ch, static_cast<char32_t>(cp));
    pad(ctx, out, spec, '>', "", ch);
    return;
  }
  int base = type == 'b' ? 2 : type == 'o' ? 8 : (type == 'x' || type == 'X') ? 16 : 10;
  bool negative = false;
  std::string digits = fmtnum::int_abs_digits(v, base, &negative);
  if (type == 'X') {
    for (char& c : digits) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  std::string_view prefix;
  if (spec.alt) {
    prefix = type == 'b' ? "0b" : type == 'o' ? "0o" : type == 'x' ? "0x" : type == 'X' ? "0X" : "";
  }
  emit_number(ctx, out, spec, negative, prefix, std::move(digits), "", base == 10 ? 3 : 4);
}

// Python's float formatting without a type: repr() without precision, else 'g' that keeps a
// ".0" on integral fixed-point results and switches to exponent one digit earlier.
std::string float_untyped(double a, std::int64_t precision, bool alt) {
  if (precision < 0) {
    std::string r = fmtnum::float_repr(a);
    if (alt && r.find('.') == std::string::npos) {
      std::size_t e = r.find('e');
      if (e == std::string::npos) r += '.';
      else r.insert(e, ".");
    }
    return r;
  }
  int p = precision == 0 ? 1 : static_cast<int>(std::min<std::int64_t>(precision, 1000));
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*e", p - 1, a);
  std::string_view e(buf);
  int exp10 = std::atoi(buf + e.find('e') + 1);
  bool use_exp = exp10 < -4 || exp10 >= p - 1;
  if (use_exp) {
    int n = std::snprintf(nullptr, 0, alt ? "%#.*e" : "%.*e", p - 1, a);
    std::string out(static_cast<std::size_t>(n), '\0');
    std::snprintf(out.data(), out.size() + 1, alt ? "%#.*e" : "%.*e", p - 1, a);
    if (alt) return out;
    std::size_t epos = out.find('e');
    std::string mant = out.substr(0, epos);
    if (mant.find('.') != std::string::npos) {
      while (mant.back() == '0') mant.pop_back();
      if (mant.back() == '.') mant.pop_back();
    }
    return mant + out.substr(epos);
  }
  int decimals = std::max(0, p - 1 - exp10);
  int n = std::snprintf(nullptr, 0, alt ? "%#.*f" : "%.*f", decimals, a);
  std::string fixed(static_cast<std::size_t>(n), '\0');
  std::snprintf(fixed.data(), fixed.size() + 1, alt ? "%#.*f" : "%.*f", decimals, a);
  if (alt) return fixed;
  if (fixed.find('.') != std::string::npos) {
    while (fixed.back() == '0') fixed.pop_back();
    if (fixed.back() == '.') fixed.pop_back();
  }
  if (fixed.find('.') == std::string::npos) fixed += ".0";
  return fixed;
}

void format_float_value(CallContext& ctx, std::string& out, double d, const Spec& spec,
                        const char* type_name) {
  char type = spec.type;
  switch (type) {
    case 0: case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case 'n': case '%': break;
    default:
      throw_value_error(fmt::format("Unknown format code '{}' for object of type '{}'", type,
                                    type_name));
  }
  bool negative = std::signbit(d) && !std::isnan(d);
  double a = std::fabs(d);
  std::string body;
  std::string suffix;
  if (std::isnan(d) || std::isinf(d)) {
    bool upper = type == 'E' || type == 'F' || type == 'G';
    body = std::isnan(d) ? (upper ? "NAN" : "nan") : (upper ? "INF" : "inf");
    if (type == '%') suffix = "%";
  } else if (type == 0) {
    body = float_untyped(a, spec.precision, spec.alt);
  } else {
    char t = type == 'n' ? 'g' : type == '%' ? 'f' : type;
    int p = spec.precision < 0 ? 6 : static_cast<int>(std::min<std::int64_t>(spec.precision, 1000));
    bool ignored = false;
    body = fmtnum::float_abs_body(type == '%' ? a * 100 : a, t, p, spec.alt, &ignored);
    if (type == '%') suffix = "%";
  }
  if (spec.z && negative && std::isfinite(d)) {
    bool all_zero = true;
    for (char c : body) {
      if (c >= '1' && c <= '9') all_zero = false;
      if (c == 'e' || c == 'E') break;
    }
    if (all_zero) negative = false;
  }
  // Split the leading integer digits (grouped, zero-padded) from the rest.
  std::size_t k = 0;
  while (k < body.size() && body[k] >= '0' && body[k] <= '9') ++k;
  std::string digits = body.substr(0, k);
  std::string rest = body.substr(k) + suffix;
  if (digits.empty()) {  // inf / nan: nothing to group
    Spec plain = spec;
    plain.grouping = 0;
    emit_number(ctx, out, plain, negative, "", "", rest, 3);
    return;
  }
  emit_number(ctx, out, spec, negative, "", std::move(digits), rest, 3);
}

}  // namespace

void append_formatted(CallContext& ctx, std::string& out, const Value& v, std::string_view spec) {
  if (v.is_string()) {
    if (spec.empty()) {
      out += v.as_string();
      return;
    }
    format_string(ctx, out, v.as_string(), parse_spec(spec, "str", 's', false));
    return;
  }
  if (v.is_bool() && spec.empty()) {
    out += v.as_bool() ? "True" : "False";
    return;
  }
  if (is_int_like(v)) {
    format_int(ctx, out, v, parse_spec(spec, v.is_bool() ? "bool" : "int", 'd', true));
    return;
  }
  if (v.is_float()) {
    format_float_value(ctx, out, v.as_float(), parse_spec(spec, "float", 0, true), "float");
    return;
  }
  if (!spec.empty()) {
    throw_type_error(fmt::format("unsupported format string passed to {}.__format__",
                                 py_type_name(v)));
  }
  if (v.is_undefined()) {
    ctx.check_defined(v);
    return;
  }
  v.append_str(out);
}

}  // namespace docforge::ops
