// find_builtin_test (builtins.h): Jinja2's builtin tests.
//
// Undefined values behave as in Jinja2: `defined`, `undefined`, `none`, `escaped`, `mapping`,
// `number`, `string`, `callable` (true: Jinja2's Undefined is callable) never fail; `sequence`
// is true for the lenient undefined and false for the strict one; tests that compute with the
// value (odd, even, divisibleby) fail even for the lenient undefined; the others fail only
// under the strict policy.
// `filter` and `test` know the builtin names (the interpreter resolves registered ones first).

#include <algorithm>
#include <array>
#include <string>

#include "template/builtins.h"
#include "template/builtins/filter_common.h"
#include "template/builtins/methods_unicode.h"

namespace docforge {
namespace filters {
namespace {

using TestArgs = CallArgs;

bool t_defined(CallContext&, const Value& v, TestArgs& args) {
  expect_no_args("defined", args);
  return !v.is_undefined();
}
bool t_undefined(CallContext&, const Value& v, TestArgs& args) {
  expect_no_args("undefined", args);
  return v.is_undefined();
}
bool t_none(CallContext&, const Value& v, TestArgs& args) {
  expect_no_args("none", args);
  return v.is_none();
}
bool t_boolean(CallContext&, const Value& v, TestArgs& args) {
  expect_no_args("boolean", args);
  return v.is_bool();
}
bool t_true(CallContext&, const Value& v, TestArgs& args) {
  expect_no_args("true", args);
  return v.is_bool() && v.as_bool();
}
bool t_false(CallContext&, const Value& v, TestArgs& args) {
  expect_no_args("false", args);
  return v.is_bool() && !v.as_bool();
}
bool t_integer(CallContext&, const Value& v, TestArgs& args) {
  expect_no_args("integer", args);
  return v.is_integer();
}
bool t_float(CallContext&, const Value& v, TestArgs& args) {
  expect_no_args("float", args);
  return v.is_float();
}
bool t_number(CallContext&, const Value& v, TestArgs& args) {
  expect_no_args("number", args);
  return v.is_number() || v.is_bool();
}
bool t_string(CallContext&, const Value& v, TestArgs& args) {
  expect_no_args("string", args);
  return v.is_string();
}
bool t_mapping(CallContext&, const Value& v, TestArgs& args) {
  expect_no_args("mapping", args);
  return v.is_map();
}
bool t_escaped(CallContext&, const Value& v, TestArgs& args) {
  expect_no_args("escaped", args);
  return v.is_safe();
}
bool t_callable(CallContext&, const Value& v, TestArgs& args) {
  expect_no_args("callable", args);
  if (v.is_undefined()) return true;
  return v.is_object() && v.as_object()->callable();
}
bool t_sequence(CallContext& ctx, const Value& v, TestArgs& args) {
  expect_no_args("sequence", args);
  if (v.is_undefined()) return ctx.undefined_policy() != UndefinedPolicy::kStrict;
  if (v.is_object()) {
    // Python sequences among the builtin objects: range() and groupby's tuples (len and []).
    std::string_view t = v.as_object()->type_name();
    return v.as_object()->iterable() && (t == "range" || t == "tuple");
  }
  return v.is_string() || v.is_list() || v.is_map();
}
bool t_iterable(CallContext& ctx, const Value& v, TestArgs& args) {
  expect_no_args("iterable", args);
  if (v.is_undefined()) {
    ctx.check_defined(v);
    return true;
  }
  if (v.is_object()) return v.as_object()->iterable();
  return v.is_string() || v.is_list() || v.is_map();
}

// str.islower / str.isupper: at least one cased character and none of the other case.
bool case_test(CallContext& ctx, const Value& v, bool lower) {
  bool cased = false;
  for (char32_t c : decode_utf8(to_str(ctx, v))) {
    // Python: islower fails on upper- or titlecase letters, isupper on lower- or titlecase.
    bool is_lower = ops::uni_is_lower(c);
    bool is_upper = ops::uni_is_upper(c);
    bool is_title = ops::uni_is_titlecase(c);
    if (lower ? (is_upper || is_title) : (is_lower || is_title)) return false;
    if (lower ? is_lower : is_upper) cased = true;
  }
  return cased;
}
bool t_lower(CallContext& ctx, const Value& v, TestArgs& args) {
  expect_no_args("lower", args);
  return case_test(ctx, v, true);
}
bool t_upper(CallContext& ctx, const Value& v, TestArgs& args) {
  expect_no_args("upper", args);
  return case_test(ctx, v, false);
}

bool mod_equals(CallContext& ctx, const Value& v, const Value& divisor, std::int64_t expect) {
  if (v.is_undefined()) fail_undefined(v);
  if (divisor.is_undefined()) fail_undefined(divisor);
  Value r = apply_binary(ctx, BinaryOp::kMod, v, divisor);
  return r.equals(Value::integer(expect));
}
bool t_odd(CallContext& ctx, const Value& v, TestArgs& args) {
  expect_no_args("odd", args);
  return mod_equals(ctx, v, Value::integer(2), 1);
}
bool t_even(CallContext& ctx, const Value& v, TestArgs& args) {
  expect_no_args("even", args);
  return mod_equals(ctx, v, Value::integer(2), 0);
}
bool t_divisibleby(CallContext& ctx, const Value& v, TestArgs& args) {
  BoundArgs a("divisibleby", args, {"num"}, 1);
  return mod_equals(ctx, v, *a.get(0), 0);
}

bool t_sameas(CallContext&, const Value& v, TestArgs& args) {
  BoundArgs a("sameas", args, {"other"}, 1);
  const Value& o = *a.get(0);
  if (v.kind() != o.kind()) return false;
  switch (v.kind()) {
    case ValueKind::kNone:
      return true;
    case ValueKind::kBool:
      return v.as_bool() == o.as_bool();
    case ValueKind::kInt:
      return v.as_int() == o.as_int();
    case ValueKind::kFloat:
      return false;  // two float objects are distinct unless they are the same variable
    case ValueKind::kUndefined:
      return v.heap() == o.heap();
    default:
      return v.heap() == o.heap();
  }
}

bool t_in(CallContext& ctx, const Value& v, TestArgs& args) {
  BoundArgs a("in", args, {"seq"}, 1);
  const Value& seq = *a.get(0);
  ctx.check_defined(v);
  ctx.check_defined(seq);
  if (seq.is_undefined()) return false;
  return apply_contains(ctx, seq, v);
}

bool t_eq(CallContext& ctx, const Value& v, TestArgs& args) {
  BoundArgs a("eq", args, {"other"}, 1);
  ctx.check_defined(v);
  ctx.check_defined(*a.get(0));
  return v.equals(*a.get(0));
}
bool t_ne(CallContext& ctx, const Value& v, TestArgs& args) {
  BoundArgs a("ne", args, {"other"}, 1);
  ctx.check_defined(v);
  ctx.check_defined(*a.get(0));
  return !v.equals(*a.get(0));
}

bool compare(CallContext& ctx, const Value& v, TestArgs& args, const char* name, CompareOp op) {
  BoundArgs a(name, args, {"other"}, 1);
  return apply_compare(ctx, op, v, *a.get(0));
}
bool t_lt(CallContext& ctx, const Value& v, TestArgs& args) {
  return compare(ctx, v, args, "lt", CompareOp::kLt);
}
bool t_le(CallContext& ctx, const Value& v, TestArgs& args) {
  return compare(ctx, v, args, "le", CompareOp::kLe);
}
bool t_gt(CallContext& ctx, const Value& v, TestArgs& args) {
  return compare(ctx, v, args, "gt", CompareOp::kGt);
}
bool t_ge(CallContext& ctx, const Value& v, TestArgs& args) {
  return compare(ctx, v, args, "ge", CompareOp::kGe);
}

bool t_filter(CallContext&, const Value& v, TestArgs& args) {
  expect_no_args("filter", args);
  return v.is_string() && find_builtin_filter(v.as_string()) != nullptr;
}
bool t_test(CallContext&, const Value& v, TestArgs& args) {
  expect_no_args("test", args);
  return v.is_string() && find_builtin_test(v.as_string()) != nullptr;
}

struct TestEntry {
  std::string_view name;
  TestFn fn;
};

// Sorted by name (byte order).
constexpr std::array kTests = {
    TestEntry{"!=", t_ne},
    TestEntry{"<", t_lt},
    TestEntry{"<=", t_le},
    TestEntry{"==", t_eq},
    TestEntry{">", t_gt},
    TestEntry{">=", t_ge},
    TestEntry{"boolean", t_boolean},
    TestEntry{"callable", t_callable},
    TestEntry{"defined", t_defined},
    TestEntry{"divisibleby", t_divisibleby},
    TestEntry{"eq", t_eq},
    TestEntry{"equalto", t_eq},
    TestEntry{"escaped", t_escaped},
    TestEntry{"even", t_even},
    TestEntry{"false", t_false},
    TestEntry{"filter", t_filter},
    TestEntry{"float", t_float},
    TestEntry{"ge", t_ge},
    TestEntry{"greaterthan", t_gt},
    TestEntry{"gt", t_gt},
    TestEntry{"in", t_in},
    TestEntry{"integer", t_integer},
    TestEntry{"iterable", t_iterable},
    TestEntry{"le", t_le},
    TestEntry{"lessthan", t_lt},
    TestEntry{"lower", t_lower},
    TestEntry{"lt", t_lt},
    TestEntry{"mapping", t_mapping},
    TestEntry{"ne", t_ne},
    TestEntry{"none", t_none},
    TestEntry{"number", t_number},
    TestEntry{"odd", t_odd},
    TestEntry{"sameas", t_sameas},
    TestEntry{"sequence", t_sequence},
    TestEntry{"string", t_string},
    TestEntry{"test", t_test},
    TestEntry{"true", t_true},
    TestEntry{"undefined", t_undefined},
    TestEntry{"upper", t_upper},
};

}  // namespace
}  // namespace filters

TestFn find_builtin_test(std::string_view name) noexcept {
  const auto& table = filters::kTests;
  auto it = std::lower_bound(table.begin(), table.end(), name,
                             [](const filters::TestEntry& e, std::string_view n) { return e.name < n; });
  if (it != table.end() && it->name == name) return it->fn;
  return nullptr;
}

}  // namespace docforge
