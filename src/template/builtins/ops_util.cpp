// Helpers shared by the operator, formatting, method and global builtins (see ops_util.h).
#include "template/builtins/ops_util.h"

#include <cmath>

#include <fmt/format.h>

#include "template/builtins.h"
#include "value/utf8.h"

namespace docforge::ops {

std::string py_type_name(const Value& v) {
  switch (v.kind()) {
    case ValueKind::kUndefined: return "Undefined";
    case ValueKind::kNone: return "NoneType";
    case ValueKind::kBool: return "bool";
    case ValueKind::kInt:
    case ValueKind::kBigInt: return "int";
    case ValueKind::kFloat: return "float";
    case ValueKind::kString: return v.is_safe() ? "Markup" : "str";
    case ValueKind::kList: return v.is_tuple() ? "tuple" : "list";
    case ValueKind::kMap: return "dict";
    case ValueKind::kObject: return v.as_object()->type_name();
  }
  return "object";
}

void throw_type_error(std::string message) {
  throw_template_error(ErrorKind::kType, std::move(message));
}

void throw_value_error(std::string message) {
  throw_template_error(ErrorKind::kValue, std::move(message));
}

void throw_undefined(const Value& v) {
  std::string_view name = v.is_undefined() ? v.undefined_name() : std::string_view();
  if (name.empty()) throw_template_error(ErrorKind::kUndefined, "None is undefined");
  throw_template_error(ErrorKind::kUndefined, fmt::format("'{}' is undefined", name));
}

BigInt to_big(const Value& v) {
  if (v.is_big_int()) return v.as_big_int();
  if (v.is_bool()) return BigInt(v.as_bool() ? 1 : 0);
  return BigInt(v.as_int());
}

bool small_int(const Value& v, std::int64_t* out) {
  if (v.is_int()) {
    *out = v.as_int();
    return true;
  }
  if (v.is_bool()) {
    *out = v.as_bool() ? 1 : 0;
    return true;
  }
  if (v.is_big_int() && v.as_big_int().fits_int64()) {
    *out = v.as_big_int().to_int64();
    return true;
  }
  return false;
}

double to_float_checked(const Value& v) {
  if (v.is_float()) return v.as_float();
  if (v.is_big_int()) {
    const BigInt& b = v.as_big_int();
    double d = b.to_double();
    if (b.bit_length() > 1024 || std::isinf(d)) {
      throw_template_error(ErrorKind::kValue, "int too large to convert to float");
    }
    return d;
  }
  std::int64_t i = 0;
  small_int(v, &i);
  return static_cast<double>(i);
}

Value int_from_double(double d) {
  double t = std::trunc(d);
  if (t >= -9223372036854775808.0 && t < 9223372036854775808.0) {
    return Value::integer(static_cast<std::int64_t>(t));
  }
  BigInt b;
  BigInt::parse(fmt::format("{:.0f}", t), &b);
  return Value::big_integer(std::move(b));
}

void append_escaped(CallContext& ctx, std::string& out, std::string_view s) {
  if (ctx.escape_format() == EscapeFormat::kLatex) {
    append_latex_escaped(out, s);
  } else {
    append_html_escaped(out, s);
  }
}

void append_escaped_value(CallContext& ctx, std::string& out, const Value& v) {
  if (v.is_safe()) {
    out += v.as_string();
  } else if (v.is_string()) {
    append_escaped(ctx, out, v.as_string());
  } else if (v.is_undefined()) {
    ctx.check_defined(v);
  } else {
    append_escaped(ctx, out, v.str());
  }
}

std::u32string decode_all(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  std::size_t pos = 0;
  while (pos < s.size()) out.push_back(utf8::decode(s, &pos));
  return out;
}

std::string encode_all(std::u32string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char32_t c : s) utf8::append(out, c);
  return out;
}

const Value* find_arg(const CallArgs& args, std::size_t index, std::string_view name) {
  if (index < args.positional.size()) return &args.positional[index];
  for (const auto& [k, v] : args.keyword) {
    if (k == name) return &v;
  }
  return nullptr;
}

void check_arity(const CallArgs& args, std::string_view fn, std::size_t max_positional,
                 std::initializer_list<std::string_view> keywords) {
  if (args.positional.size() > max_positional) {
    throw_type_error(fmt::format("{}() takes at most {} argument{} ({} given)", fn, max_positional,
                                 max_positional == 1 ? "" : "s", args.positional.size()));
  }
  for (const auto& [k, v] : args.keyword) {
    bool known = false;
    for (std::string_view kw : keywords) known = known || kw == k;
    if (!known) {
      throw_type_error(fmt::format("{}() got an unexpected keyword argument '{}'", fn, k));
    }
  }
}

}  // namespace docforge::ops
