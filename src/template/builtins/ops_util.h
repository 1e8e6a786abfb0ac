// Private helpers shared by the operator, formatting, method and global builtins: Python type
// names for error messages, Python-style errors, integer conversions across int / bool / big
// int, escaping for Markup operands and UTF-8 code point access.
//
// Thread safety: all functions are pure (they only touch their arguments and the CallContext).

#ifndef DOCFORGE_TEMPLATE_BUILTINS_OPS_UTIL_H_
#define DOCFORGE_TEMPLATE_BUILTINS_OPS_UTIL_H_

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "docforge/error.h"
#include "docforge/value.h"
#include "template/call_context.h"

namespace docforge::ops {

// Python's type(x).__name__ for error messages: "int", "str", "Markup", "tuple", "NoneType",
// "Undefined", "dict", ... (a big int is an "int").
std::string py_type_name(const Value& v);

[[noreturn]] void throw_type_error(std::string message);
[[noreturn]] void throw_value_error(std::string message);
// Jinja2's UndefinedError for using an undefined value ("'x' is undefined").
[[noreturn]] void throw_undefined(const Value& v);

// int, big int or bool (Python's int including bool).
inline bool is_int_like(const Value& v) {
  return v.is_int() || v.is_big_int() || v.is_bool();
}
// int, big int, bool or float.
inline bool is_numeric(const Value& v) { return is_int_like(v) || v.is_float(); }

// REQUIRES: is_int_like(v).
BigInt to_big(const Value& v);
// The value of an int or bool when it fits in int64 (false for big ints beyond int64).
bool small_int(const Value& v, std::int64_t* out);
// Python's float(x) for int-like and float values; OverflowError-like kValue error for ints
// beyond the double range ("int too large to convert to float").
double to_float_checked(const Value& v);
// Exact integer value of a finite double (truncated toward zero), as an int Value.
Value int_from_double(double d);

// Appends s escaped for the context's escape format (HTML or LaTeX).
void append_escaped(CallContext& ctx, std::string& out, std::string_view s);
// Escaped str(v) unless v is already safe.
void append_escaped_value(CallContext& ctx, std::string& out, const Value& v);

// The code points of s.
std::u32string decode_all(std::string_view s);
std::string encode_all(std::u32string_view s);

// Looks up keyword `name` or positional `index` of a call; nullptr when absent.
const Value* find_arg(const CallArgs& args, std::size_t index, std::string_view name);
// Throws "NAME() takes at most N arguments (M given)"-style errors for surplus arguments.
void check_arity(const CallArgs& args, std::string_view fn, std::size_t max_positional,
                 std::initializer_list<std::string_view> keywords);

}  // namespace docforge::ops

#endif  // DOCFORGE_TEMPLATE_BUILTINS_OPS_UTIL_H_
