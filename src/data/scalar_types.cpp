#include "data/scalar_types.h"

#include <charconv>
#include <cmath>
#include <string>


namespace docforge::data {
namespace {

bool all_digits(std::string_view s, int base) {
  if (s.empty()) return false;
  for (char c : s) {
    bool ok = base == 8    ? (c >= '0' && c <= '7')
              : base == 16 ? ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
                              (c >= 'A' && c <= 'F'))
                           : (c >= '0' && c <= '9');
    if (!ok) return false;
  }
  return true;
}

Value int_in_base(std::string_view digits, int base) {
  std::int64_t i;
  auto r = std::from_chars(digits.data(), digits.data() + digits.size(), i, base);
  if (r.ec == std::errc() && r.ptr == digits.data() + digits.size()) return Value::integer(i);
  BigInt acc(0);
  BigInt b(base);
  for (char c : digits) {
    int d = c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
    acc = acc * b + BigInt(d);
  }
  return Value::big_integer(std::move(acc));
}

}  // namespace

bool is_core_null(std::string_view t) {
  return t.empty() || t == "~" || t == "null" || t == "Null" || t == "NULL";
}

std::optional<bool> parse_core_bool(std::string_view t) {
  if (t == "true" || t == "True" || t == "TRUE") return true;
  if (t == "false" || t == "False" || t == "FALSE") return false;
  return std::nullopt;
}

std::optional<Value> parse_core_int(std::string_view t) {
  if (t.size() > 2 && t[0] == '0' && (t[1] == 'o' || t[1] == 'x')) {
    int base = t[1] == 'o' ? 8 : 16;
    std::string_view digits = t.substr(2);
    if (!all_digits(digits, base)) return std::nullopt;
    return int_in_base(digits, base);
  }
  std::string_view body = t;
  bool neg = false;
  if (!body.empty() && (body[0] == '-' || body[0] == '+')) {
    neg = body[0] == '-';
    body.remove_prefix(1);
  }
  if (!all_digits(body, 10)) return std::nullopt;
  std::int64_t i;
  std::string signed_text;
  if (neg) signed_text += '-';
  signed_text.append(body);
  auto r = std::from_chars(signed_text.data(), signed_text.data() + signed_text.size(), i);
  if (r.ec == std::errc() && r.ptr == signed_text.data() + signed_text.size()) {
    return Value::integer(i);
  }
  BigInt b;
  if (!BigInt::parse(signed_text, &b)) return std::nullopt;
  return Value::big_integer(std::move(b));
}

std::optional<Value> parse_core_float(std::string_view t) {
  std::string_view body = t;
  bool neg = false;
  if (!body.empty() && (body[0] == '-' || body[0] == '+')) {
    neg = body[0] == '-';
    body.remove_prefix(1);
  }
  if (body == ".inf" || body == ".Inf" || body == ".INF") {
    return Value::floating(neg ? -HUGE_VAL : HUGE_VAL);
  }
  if (t == ".nan" || t == ".NaN" || t == ".NAN") return Value::floating(std::nan(""));
  // [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
  std::size_t p = 0;
  std::size_t int_digits = 0;
  while (p < body.size() && body[p] >= '0' && body[p] <= '9') ++p, ++int_digits;
  std::size_t frac_digits = 0;
  if (p < body.size() && body[p] == '.') {
    ++p;
    while (p < body.size() && body[p] >= '0' && body[p] <= '9') ++p, ++frac_digits;
  }
  if (int_digits == 0 && frac_digits == 0) return std::nullopt;
  if (p < body.size() && (body[p] == 'e' || body[p] == 'E')) {
    ++p;
    if (p < body.size() && (body[p] == '+' || body[p] == '-')) ++p;
    std::size_t exp_digits = 0;
    while (p < body.size() && body[p] >= '0' && body[p] <= '9') ++p, ++exp_digits;
    if (exp_digits == 0) return std::nullopt;
  }
  if (p != body.size()) return std::nullopt;
  std::string s(body);
  double d = std::strtod(s.c_str(), nullptr);  // digits only: locale-independent enough
  {
    // from_chars is locale-independent and exact; strtod only as a fallback for range errors.
    double e;
    auto r = std::from_chars(s.data(), s.data() + s.size(), e);
    if (r.ec == std::errc() && r.ptr == s.data() + s.size()) d = e;
  }
  return Value::floating(neg ? -d : d);
}

Value resolve_yaml_core_scalar(std::string_view t) {
  if (is_core_null(t)) return Value::none();
  if (auto b = parse_core_bool(t)) return Value::boolean(*b);
  if (!t.empty() && (t[0] == '-' || t[0] == '+' || t[0] == '.' || (t[0] >= '0' && t[0] <= '9'))) {
    if (auto i = parse_core_int(t)) return std::move(*i);
    if (auto f = parse_core_float(t)) return std::move(*f);
  }
  return Value::string(t);
}

Value infer_csv_scalar(std::string_view t) {
  if (t.empty()) return Value::string(t);
  char c0 = t[0];
  if (c0 == '-' || c0 == '+' || c0 == '.' || (c0 >= '0' && c0 <= '9')) {
    std::string_view body = t;
    if (c0 == '-' || c0 == '+') body.remove_prefix(1);
    bool leading_zero = body.size() > 1 && body[0] == '0' && body[1] >= '0' && body[1] <= '9';
    if (!leading_zero) {
      if (t.find_first_of("xo") == std::string_view::npos) {
        if (auto i = parse_core_int(t)) return std::move(*i);
      }
      if (t.find("inf") == std::string_view::npos && t.find("nan") == std::string_view::npos &&
          t.find("Inf") == std::string_view::npos && t.find("NaN") == std::string_view::npos &&
          t.find("INF") == std::string_view::npos && t.find("NAN") == std::string_view::npos) {
        if (auto f = parse_core_float(t)) return std::move(*f);
      }
    }
    return Value::string(t);
  }
  if (t.size() == 4 || t.size() == 5) {
    std::string lower;
    for (char c : t) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    if (lower == "true") return Value::boolean(true);
    if (lower == "false") return Value::boolean(false);
  }
  return Value::string(t);
}

}  // namespace docforge::data
