// The Jinja2 builtin library: filters, tests, globals, the methods of builtin types
// (str.upper, dict.items, ...), Python operators on Values, and escaping.
//
// Everything here follows Jinja2 3.1 / Python 3 semantics byte for byte; differential tests
// against python3's jinja2 (tests/template/) are the specification.
// Errors are thrown as TemplateError (error.h); the interpreter adds the location.
//
// Thread safety: all functions are reentrant; the tables are immutable.

#ifndef DOCFORGE_TEMPLATE_BUILTINS_H_
#define DOCFORGE_TEMPLATE_BUILTINS_H_

#include <string>
#include <string_view>

#include "docforge/value.h"
#include "template/call_context.h"

namespace docforge {

using FilterFn = Value (*)(CallContext& ctx, const Value& subject, CallArgs& args);
using TestFn = bool (*)(CallContext& ctx, const Value& subject, CallArgs& args);

// nullptr when there is no builtin of that name. The pointers are stable: the compiler resolves
// names once and the interpreter calls the pointer.
FilterFn find_builtin_filter(std::string_view name) noexcept;
TestFn find_builtin_test(std::string_view name) noexcept;

// Adds range, dict, cycler, joiner, namespace and lipsum (callable Objects) to `globals`.
void add_builtin_globals(Map& globals);

// A method of a builtin type as a bound callable ("abc".upper, d.items, s.format, ...), or an
// undefined value when the type has no such method (or it is not allowed in a sandbox).
Value get_builtin_method(const Value& self, std::string_view name);

// Python operators with Python's numeric tower (bool < int < big int < float), string and
// list concatenation/repetition, Jinja2's rules for Markup operands (concatenating with a safe
// string escapes the other side), and Python's errors ("unsupported operand type(s) ...").
enum class BinaryOp { kAdd, kSub, kMul, kDiv, kFloorDiv, kMod, kPow, kConcat /* ~ */ };
Value apply_binary(CallContext& ctx, BinaryOp op, const Value& a, const Value& b);
Value apply_negate(CallContext& ctx, const Value& a);
Value apply_positive(CallContext& ctx, const Value& a);
// Ordering comparisons (<, <=, >, >=) with Python's rules; throws TypeError-like errors for
// unorderable types. Equality is Value::equals.
enum class CompareOp { kLt, kLe, kGt, kGe };
bool apply_compare(CallContext& ctx, CompareOp op, const Value& a, const Value& b);
// `needle in haystack` (substring, list item, map key).
bool apply_contains(CallContext& ctx, const Value& haystack, const Value& needle);

// Python's `fmt % args` for strings (the `%` operator and the `format` filter).
Value python_percent_format(CallContext& ctx, const Value& fmt, const Value& args);
// The same with a tuple of arguments given as its items: `fmt % tuple(tuple_items)`.
Value python_percent_format(CallContext& ctx, const Value& fmt, const List& tuple_items);

// Text of a value for output: str(), with Jinja2's rules for undefined under the policy.
void append_html_escaped(std::string& out, std::string_view s);   // & < > " ' -> &amp; ... &#39;
void append_latex_escaped(std::string& out, std::string_view s);  // \ { } $ & # ^ _ % ~

// Iterating a value as a `for` loop or a filter does: list items, map keys, string characters
// (code points), iterable objects; undefined is empty under lenient policies. Throws a
// TypeError-like error for values that are not iterable.
List iterate_value(CallContext& ctx, const Value& v);

}  // namespace docforge

#endif  // DOCFORGE_TEMPLATE_BUILTINS_H_
