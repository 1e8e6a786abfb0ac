// Helpers shared by the builtin filters and tests: argument binding, Python str semantics on
// UTF-8, Jinja2 attribute getters and Python ordering. See filter_common.h.

#include <algorithm>
#include <cstdlib>
#include <string>
#include <utility>

#include "template/builtins/filter_common.h"
#include "template/builtins/methods_str.h"
#include "template/builtins/methods_unicode.h"

namespace docforge::filters {

[[noreturn]] void type_error(std::string message) {
  throw_template_error(ErrorKind::kType, std::move(message));
}
[[noreturn]] void value_error(std::string message) {
  throw_template_error(ErrorKind::kValue, std::move(message));
}

[[noreturn]] void fail_undefined(const Value& v) {
  std::string_view name = v.is_undefined() ? v.undefined_name() : std::string_view();
  if (name.empty()) throw_template_error(ErrorKind::kUndefined, "undefined value");
  std::string message = "'";
  message += name;
  message += "' is undefined";
  throw_template_error(ErrorKind::kUndefined, std::move(message));
}

std::string py_type_name(CallContext& ctx, const Value& v) {
  if (!v.is_undefined()) return v.type_name();
  switch (ctx.undefined_policy()) {
    case UndefinedPolicy::kStrict: return "StrictUndefined";
    case UndefinedPolicy::kChainable: return "ChainableUndefined";
    case UndefinedPolicy::kLenient: break;
  }
  return "Undefined";
}

BoundArgs::BoundArgs(std::string_view filter, const CallArgs& args,
                     std::initializer_list<std::string_view> names, std::size_t required)
    : filter_(filter), count_(names.size()) {
  if (count_ > kMaxParams) std::abort();  // a builtin's signature: a programming error
  std::copy(names.begin(), names.end(), names_.begin());
  if (args.positional.size() > count_) {
    std::string limit = count_ == 0 ? std::string("no arguments")
                                    : "at most " + std::to_string(count_) + " argument" +
                                          (count_ == 1 ? "" : "s");
    type_error(std::string(filter) + "() takes " + limit + " (" +
               std::to_string(args.positional.size()) + " given)");
  }
  for (std::size_t i = 0; i < args.positional.size(); ++i) slots_[i] = &args.positional[i];
  for (const auto& [key, value] : args.keyword) {
    auto it = std::find(names_.begin(), names_.begin() + count_, std::string_view(key));
    if (it == names_.begin() + count_) {
      type_error(std::string(filter) + "() got an unexpected keyword argument '" + key + "'");
    }
    std::size_t i = static_cast<std::size_t>(it - names_.begin());
    if (slots_[i] != nullptr) {
      type_error(std::string(filter) + "() got multiple values for argument '" + key + "'");
    }
    slots_[i] = &value;
  }
  for (std::size_t i = 0; i < required && i < count_; ++i) {
    if (slots_[i] == nullptr) {
      type_error(std::string(filter) + "() missing required argument '" +
                 std::string(names_[i]) + "'");
    }
  }
}

std::int64_t to_index(const Value& v) {
  if (v.is_int()) return v.as_int();
  if (v.is_bool()) return v.as_bool() ? 1 : 0;
  if (v.is_big_int()) value_error("Python int too large to convert to C ssize_t");
  std::string message = "'";
  message += v.type_name();
  message += "' object cannot be interpreted as an integer";
  type_error(std::move(message));
}

std::int64_t BoundArgs::int_or(std::size_t i, std::int64_t fallback) const {
  const Value* v = get(i);
  if (v == nullptr || v->is_none()) return fallback;
  return to_index(*v);
}

bool BoundArgs::bool_or(std::size_t i, bool fallback) const {
  const Value* v = get(i);
  return v == nullptr ? fallback : v->truthy();
}

std::string BoundArgs::str_or(std::size_t i, std::string_view fallback) const {
  const Value* v = get(i);
  return v == nullptr ? std::string(fallback) : v->str();
}

void expect_no_args(std::string_view filter, const CallArgs& args) {
  if (!args.positional.empty() || !args.keyword.empty()) {
    BoundArgs check(filter, args, {});
  }
}

// ---- UTF-8 ----

std::u32string decode_utf8(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  std::size_t i = 0;
  const std::size_t n = s.size();
  while (i < n) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      out.push_back(c);
      ++i;
      continue;
    }
    std::size_t len = 0;
    char32_t cp = 0;
    if ((c >> 5) == 0x6) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c >> 4) == 0xE) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c >> 3) == 0x1E) {
      len = 4;
      cp = c & 0x07;
    }
    bool ok = len != 0 && i + len <= n;
    for (std::size_t k = 1; ok && k < len; ++k) {
      unsigned char d = static_cast<unsigned char>(s[i + k]);
      if ((d & 0xC0) != 0x80) ok = false;
      cp = (cp << 6) | (d & 0x3F);
    }
    if (!ok) {
      out.push_back(0xDC00 + c);  // surrogateescape: re-encoded as the raw byte
      ++i;
      continue;
    }
    out.push_back(cp);
    i += len;
  }
  return out;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp >= 0xDC80 && cp <= 0xDCFF) {
    out.push_back(static_cast<char>(cp - 0xDC00));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

std::string encode_utf8(std::u32string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char32_t c : s) append_utf8(out, c);
  return out;
}

std::size_t count_code_points(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  }
  return n;
}

bool py_isspace(char32_t c) {
  if (c < 0x80) return c == ' ' || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F);
  return c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 ||
         c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

bool py_is_linebreak(char32_t c) {
  return c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || c == 0x1C || c == 0x1D ||
         c == 0x1E || c == 0x85 || c == 0x2028 || c == 0x2029;
}

bool py_isdigit(char32_t c) { return c < 0x80 ? (c >= '0' && c <= '9') : ops::uni_is_decimal(c); }

bool py_isalpha(char32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  return ops::uni_is_alpha(c);
}

// re's \w: str.isalnum() or '_'.
bool py_isword(char32_t c) {
  if (c < 0x80) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }
  return ops::uni_is_alpha(c) || ops::uni_is_numeric(c) || ops::uni_is_digit(c) ||
         ops::uni_is_decimal(c);
}

namespace {

// Python's str.lower()/str.upper() (full case mapping, final sigma) from the str methods.
std::string call_str_method(CallContext& ctx, std::string_view method, std::string_view s) {
  ops::MethodFn fn = ops::find_str_method(method);
  CallArgs none;
  return std::string(fn(ctx, Value::string(s), none).as_string());
}

}  // namespace

bool ascii_without(std::string_view s, char first, char last) noexcept {
  for (char c : s) {
    if ((c & 0x80) != 0 || (c >= first && c <= last)) return false;
  }
  return true;
}

std::string str_lower(CallContext& ctx, std::string_view s) {
  bool ascii = std::all_of(s.begin(), s.end(), [](char c) { return (c & 0x80) == 0; });
  if (ascii) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) out.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c);
    return out;
  }
  return call_str_method(ctx, "lower", s);
}

std::string str_upper(CallContext& ctx, std::string_view s) {
  bool ascii = std::all_of(s.begin(), s.end(), [](char c) { return (c & 0x80) == 0; });
  if (ascii) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) out.push_back((c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c);
    return out;
  }
  return call_str_method(ctx, "upper", s);
}

std::vector<std::u32string> splitlines(std::u32string_view s) {
  std::vector<std::u32string> lines;
  std::size_t start = 0;
  std::size_t i = 0;
  while (i < s.size()) {
    if (py_is_linebreak(s[i])) {
      lines.emplace_back(s.substr(start, i - start));
      if (s[i] == '\r' && i + 1 < s.size() && s[i + 1] == '\n') ++i;
      ++i;
      start = i;
    } else {
      ++i;
    }
  }
  if (start < s.size()) lines.emplace_back(s.substr(start));
  return lines;
}

std::string to_str(CallContext& ctx, const Value& v) {
  ctx.check_defined(v);
  return v.str();
}

Value string_like(const Value& like, std::string s) {
  return like.is_safe() ? Value::safe_string(std::move(s)) : Value::string(std::move(s));
}

// ---- attribute getters ----

std::vector<Value> attribute_parts(const Value* attribute) {
  std::vector<Value> parts;
  if (attribute == nullptr || attribute->is_none()) return parts;
  if (!attribute->is_string()) {
    parts.push_back(*attribute);
    return parts;
  }
  std::string_view s = attribute->as_string();
  std::size_t start = 0;
  while (true) {
    std::size_t dot = s.find('.', start);
    std::string_view part = s.substr(start, dot == std::string_view::npos ? dot : dot - start);
    bool digits = !part.empty() && part.size() < 19 &&
                  std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (digits) {
      parts.push_back(Value::integer(std::stoll(std::string(part))));
    } else {
      parts.push_back(Value::string(part));
    }
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return parts;
}

Value ignore_case(CallContext& ctx, const Value& v) {
  if (v.is_string()) {
    if (!v.is_safe() && ascii_without(v.as_string(), 'A', 'Z')) return v;
    return Value::string(str_lower(ctx, v.as_string()));
  }
  return v;
}

Value get_by_parts(CallContext& ctx, const Value& item, const std::vector<Value>& parts,
                   const Value* fallback, bool lower) {
  Value cur = item;
  for (const Value& part : parts) {
    if (cur.is_map() && part.is_string()) {
      // A map entry by name (sum(attribute=...) over records): what get_item gives, inline.
      const Value* v = cur.as_map().find(part.as_string());
      cur = v != nullptr ? Value(*v) : Value::undefined(part.as_string());
    } else {
      cur = ctx.get_item(cur, part);
    }
    if (fallback != nullptr && !fallback->is_none() && cur.is_undefined()) cur = *fallback;
  }
  if (lower) return ignore_case(ctx, cur);
  return cur;
}

bool py_less(CallContext& ctx, const Value& a, const Value& b) {
  if (a.is_list() && b.is_list()) {
    const List& x = a.as_list();
    const List& y = b.as_list();
    std::size_t n = std::min(x.size(), y.size());
    for (std::size_t i = 0; i < n; ++i) {
      if (!x[i].equals(y[i])) return py_less(ctx, x[i], y[i]);
    }
    return x.size() < y.size();
  }
  if (a.is_string() && b.is_string()) return a.as_string() < b.as_string();  // code point order
  return apply_compare(ctx, CompareOp::kLt, a, b);
}

}  // namespace docforge::filters
