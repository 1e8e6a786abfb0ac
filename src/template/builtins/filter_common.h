// Private helpers shared by the builtin filters and tests (not part of the builtins contract):
// binding Python-style positional/keyword arguments to named parameters, UTF-8 code point
// handling with Python's str semantics (lower/upper/isspace/splitlines), Jinja2's attribute
// getters (make_attrgetter / make_multi_attrgetter) and Python ordering for sort/min/max.
//
// Errors are thrown as TemplateError (kType for wrong argument counts/types, kValue for bad
// values), with Jinja2-like messages.
//
// Thread safety: all functions are reentrant; nothing here holds state.

#ifndef DOCFORGE_TEMPLATE_BUILTINS_FILTER_COMMON_H_
#define DOCFORGE_TEMPLATE_BUILTINS_FILTER_COMMON_H_

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "docforge/error.h"
#include "docforge/value.h"
#include "template/builtins.h"
#include "template/call_context.h"

namespace docforge::filters {

// Binds positional and keyword arguments to a parameter list, like a Python signature
// `f(value, name0=..., name1=...)`. The first `required` names must be given.
class BoundArgs {
 public:
  BoundArgs(std::string_view filter, const CallArgs& args,
            std::initializer_list<std::string_view> names, std::size_t required = 0);
  // nullptr when the argument was not given.
  const Value* get(std::size_t i) const {
    return i < count_ ? slots_[i] : nullptr;
  }
  bool has(std::size_t i) const { return get(i) != nullptr; }
  Value value_or(std::size_t i, Value fallback) const {
    const Value* v = get(i);
    return v != nullptr ? *v : fallback;
  }
  // Typed access with Python's conversion errors.
  std::int64_t int_or(std::size_t i, std::int64_t fallback) const;
  bool bool_or(std::size_t i, bool fallback) const;  // truthiness, like Python
  // str(value) of the argument, or fallback.
  std::string str_or(std::size_t i, std::string_view fallback) const;
  // Argument name (for messages).
  std::string_view name(std::size_t i) const { return names_[i]; }
  std::string_view filter() const { return filter_; }

 private:
  static constexpr std::size_t kMaxParams = 8;  // no builtin takes more (checked)

  std::string_view filter_;
  std::size_t count_ = 0;  // parameters
  std::array<std::string_view, kMaxParams> names_{};
  std::array<const Value*, kMaxParams> slots_{};
};

// Fails when any argument was given to a filter that takes none.
void expect_no_args(std::string_view filter, const CallArgs& args);

// An integer argument (int or bool; anything else: "'T' object cannot be interpreted as an
// integer").
std::int64_t to_index(const Value& v);

// ---- UTF-8 and Python str semantics ----

// Decodes UTF-8 into code points (invalid bytes decode as themselves, U+0080..U+00FF style
// fallback so nothing is lost).
std::u32string decode_utf8(std::string_view s);
void append_utf8(std::string& out, char32_t cp);
std::string encode_utf8(std::u32string_view s);
std::size_t count_code_points(std::string_view s);

bool py_isspace(char32_t c);  // str.isspace / str.split()
bool py_isalpha(char32_t c);  // str.isalpha
bool py_isdigit(char32_t c);  // str.isdecimal (regex \d)
bool py_isword(char32_t c);   // regex \w
bool py_is_linebreak(char32_t c);  // str.splitlines boundaries (besides \r\n)

// Python's str.lower() / str.upper() (full Unicode mapping, final sigma; via the str methods).
std::string str_lower(CallContext& ctx, std::string_view s);
// Whether s is all ASCII with no byte in [first, last]: then lower() ('A'..'Z') or upper()
// ('a'..'z') would return it unchanged.
bool ascii_without(std::string_view s, char first, char last) noexcept;
std::string str_upper(CallContext& ctx, std::string_view s);
// str.splitlines() (without keepends).
std::vector<std::u32string> splitlines(std::u32string_view s);

// str(v) with the undefined policy applied (strict undefined throws).
std::string to_str(CallContext& ctx, const Value& v);
// A string result that keeps the Markup mark of `like`.
Value string_like(const Value& like, std::string s);
// str.join-style output as Value (plain string).
inline Value plain(std::string s) { return Value::string(std::move(s)); }

// ---- Jinja2 attribute getters ----

// _prepare_attribute_parts: "a.0.b" -> ["a", 0, "b"]; an int attribute is one part; none -> {}.
std::vector<Value> attribute_parts(const Value* attribute);
// make_attrgetter: follows parts with ctx.get_item; `fallback` replaces undefined results when
// given; ignore_case lower-cases string results.
Value get_by_parts(CallContext& ctx, const Value& item, const std::vector<Value>& parts,
                   const Value* fallback, bool ignore_case);
// Jinja2's ignore_case postprocess: lower-cases strings, other values unchanged.
Value ignore_case(CallContext& ctx, const Value& v);

// Python ordering: a < b (apply_compare), with lists compared lexicographically.
bool py_less(CallContext& ctx, const Value& a, const Value& b);

// ---- errors ----
// Jinja2's UndefinedError for using an undefined value where even the lenient Undefined fails
// (int(), float(), arithmetic): "'name' is undefined".
[[noreturn]] void fail_undefined(const Value& v);
// Python's type name of `v`, naming undefined values after the policy's class
// ("Undefined", "ChainableUndefined", "StrictUndefined").
std::string py_type_name(CallContext& ctx, const Value& v);
[[noreturn]] void type_error(std::string message);
[[noreturn]] void value_error(std::string message);

}  // namespace docforge::filters

#endif  // DOCFORGE_TEMPLATE_BUILTINS_FILTER_COMMON_H_
