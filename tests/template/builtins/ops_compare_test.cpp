// Ordering comparisons and `in` (apply_compare / apply_contains): expected outcomes were
// produced by python3.
#include <gtest/gtest.h>

#include <climits>
#include <cmath>
#include <initializer_list>
#include <string>
#include <utility>

#include "template/builtins.h"
#include "template/builtins/fake_call_context.h"
#include "template/builtins/value_literals.h"

namespace docforge {
namespace {

using testing_values::big;
using testing_values::dict_of;

struct CompareCase {
  Value a;
  Value b;
  CompareOp op;
  const char* expected;
};

struct ContainsCase {
  Value haystack;
  Value needle;
  const char* expected;
};

// Generated from python3 3.11.7: "1"/"0" for the result, "!" + message for errors.
const CompareCase kCompareCases[] = {
    {Value::integer(1LL), Value::integer(2LL), CompareOp::kLt, "1"},
    {Value::integer(1LL), Value::integer(2LL), CompareOp::kLe, "1"},
    {Value::integer(1LL), Value::integer(2LL), CompareOp::kGt, "0"},
    {Value::integer(1LL), Value::integer(2LL), CompareOp::kGe, "0"},
    {Value::integer(2LL), Value::integer(1LL), CompareOp::kLt, "0"},
    {Value::integer(2LL), Value::integer(1LL), CompareOp::kLe, "0"},
    {Value::integer(2LL), Value::integer(1LL), CompareOp::kGt, "1"},
    {Value::integer(2LL), Value::integer(1LL), CompareOp::kGe, "1"},
    {Value::integer(1LL), Value::integer(1LL), CompareOp::kLt, "0"},
    {Value::integer(1LL), Value::integer(1LL), CompareOp::kLe, "1"},
    {Value::integer(1LL), Value::integer(1LL), CompareOp::kGt, "0"},
    {Value::integer(1LL), Value::integer(1LL), CompareOp::kGe, "1"},
    {Value::integer(1LL), Value::floating(1.0), CompareOp::kLt, "0"},
    {Value::integer(1LL), Value::floating(1.0), CompareOp::kLe, "1"},
    {Value::integer(1LL), Value::floating(1.0), CompareOp::kGt, "0"},
    {Value::integer(1LL), Value::floating(1.0), CompareOp::kGe, "1"},
    {Value::boolean(true), Value::integer(1LL), CompareOp::kLt, "0"},
    {Value::boolean(true), Value::integer(1LL), CompareOp::kLe, "1"},
    {Value::boolean(true), Value::integer(1LL), CompareOp::kGt, "0"},
    {Value::boolean(true), Value::integer(1LL), CompareOp::kGe, "1"},
    {Value::boolean(false), Value::floating(0.5), CompareOp::kLt, "1"},
    {Value::boolean(false), Value::floating(0.5), CompareOp::kLe, "1"},
    {Value::boolean(false), Value::floating(0.5), CompareOp::kGt, "0"},
    {Value::boolean(false), Value::floating(0.5), CompareOp::kGe, "0"},
    {big("9223372036854775808"), Value::integer(9223372036854775807LL), CompareOp::kLt, "0"},
    {big("9223372036854775808"), Value::integer(9223372036854775807LL), CompareOp::kLe, "0"},
    {big("9223372036854775808"), Value::integer(9223372036854775807LL), CompareOp::kGt, "1"},
    {big("9223372036854775808"), Value::integer(9223372036854775807LL), CompareOp::kGe, "1"},
    {big("9223372036854775808"), Value::floating(9.223372036854776e+18), CompareOp::kLt, "0"},
    {big("9223372036854775808"), Value::floating(9.223372036854776e+18), CompareOp::kLe, "1"},
    {big("9223372036854775808"), Value::floating(9.223372036854776e+18), CompareOp::kGt, "0"},
    {big("9223372036854775808"), Value::floating(9.223372036854776e+18), CompareOp::kGe, "1"},
    {big("9223372036854775809"), Value::floating(9.223372036854776e+18), CompareOp::kLt, "0"},
    {big("9223372036854775809"), Value::floating(9.223372036854776e+18), CompareOp::kLe, "0"},
    {big("9223372036854775809"), Value::floating(9.223372036854776e+18), CompareOp::kGt, "1"},
    {big("9223372036854775809"), Value::floating(9.223372036854776e+18), CompareOp::kGe, "1"},
    {Value::integer(9007199254740993LL), Value::floating(9007199254740992.0), CompareOp::kLt, "0"},
    {Value::integer(9007199254740993LL), Value::floating(9007199254740992.0), CompareOp::kLe, "0"},
    {Value::integer(9007199254740993LL), Value::floating(9007199254740992.0), CompareOp::kGt, "1"},
    {Value::integer(9007199254740993LL), Value::floating(9007199254740992.0), CompareOp::kGe, "1"},
    {big("-1180591620717411303424"), Value::floating(-1e+30), CompareOp::kLt, "0"},
    {big("-1180591620717411303424"), Value::floating(-1e+30), CompareOp::kLe, "0"},
    {big("-1180591620717411303424"), Value::floating(-1e+30), CompareOp::kGt, "1"},
    {big("-1180591620717411303424"), Value::floating(-1e+30), CompareOp::kGe, "1"},
    {big("1000000000000000000000000000000"), Value::floating(1e+30), CompareOp::kLt, "1"},
    {big("1000000000000000000000000000000"), Value::floating(1e+30), CompareOp::kLe, "1"},
    {big("1000000000000000000000000000000"), Value::floating(1e+30), CompareOp::kGt, "0"},
    {big("1000000000000000000000000000000"), Value::floating(1e+30), CompareOp::kGe, "0"},
    {Value::floating(NAN), Value::integer(1LL), CompareOp::kLt, "0"},
    {Value::floating(NAN), Value::integer(1LL), CompareOp::kLe, "0"},
    {Value::floating(NAN), Value::integer(1LL), CompareOp::kGt, "0"},
    {Value::floating(NAN), Value::integer(1LL), CompareOp::kGe, "0"},
    {Value::integer(1LL), Value::floating(NAN), CompareOp::kLt, "0"},
    {Value::integer(1LL), Value::floating(NAN), CompareOp::kLe, "0"},
    {Value::integer(1LL), Value::floating(NAN), CompareOp::kGt, "0"},
    {Value::integer(1LL), Value::floating(NAN), CompareOp::kGe, "0"},
    {Value::floating(INFINITY), big("10000000000000000000000000000000000000000"), CompareOp::kLt, "0"},
    {Value::floating(INFINITY), big("10000000000000000000000000000000000000000"), CompareOp::kLe, "0"},
    {Value::floating(INFINITY), big("10000000000000000000000000000000000000000"), CompareOp::kGt, "1"},
    {Value::floating(INFINITY), big("10000000000000000000000000000000000000000"), CompareOp::kGe, "1"},
    {Value::floating(-INFINITY), big("-10000000000000000000000000000000000000000"), CompareOp::kLt, "1"},
    {Value::floating(-INFINITY), big("-10000000000000000000000000000000000000000"), CompareOp::kLe, "1"},
    {Value::floating(-INFINITY), big("-10000000000000000000000000000000000000000"), CompareOp::kGt, "0"},
    {Value::floating(-INFINITY), big("-10000000000000000000000000000000000000000"), CompareOp::kGe, "0"},
    {Value::floating(0.5), Value::integer(0LL), CompareOp::kLt, "0"},
    {Value::floating(0.5), Value::integer(0LL), CompareOp::kLe, "0"},
    {Value::floating(0.5), Value::integer(0LL), CompareOp::kGt, "1"},
    {Value::floating(0.5), Value::integer(0LL), CompareOp::kGe, "1"},
    {Value::floating(-0.0), Value::integer(0LL), CompareOp::kLt, "0"},
    {Value::floating(-0.0), Value::integer(0LL), CompareOp::kLe, "1"},
    {Value::floating(-0.0), Value::integer(0LL), CompareOp::kGt, "0"},
    {Value::floating(-0.0), Value::integer(0LL), CompareOp::kGe, "1"},
    {Value::string("a"), Value::string("b"), CompareOp::kLt, "1"},
    {Value::string("a"), Value::string("b"), CompareOp::kLe, "1"},
    {Value::string("a"), Value::string("b"), CompareOp::kGt, "0"},
    {Value::string("a"), Value::string("b"), CompareOp::kGe, "0"},
    {Value::string("b"), Value::string("a"), CompareOp::kLt, "0"},
    {Value::string("b"), Value::string("a"), CompareOp::kLe, "0"},
    {Value::string("b"), Value::string("a"), CompareOp::kGt, "1"},
    {Value::string("b"), Value::string("a"), CompareOp::kGe, "1"},
    {Value::string("a"), Value::string("a"), CompareOp::kLt, "0"},
    {Value::string("a"), Value::string("a"), CompareOp::kLe, "1"},
    {Value::string("a"), Value::string("a"), CompareOp::kGt, "0"},
    {Value::string("a"), Value::string("a"), CompareOp::kGe, "1"},
    {Value::string("ab"), Value::string("a"), CompareOp::kLt, "0"},
    {Value::string("ab"), Value::string("a"), CompareOp::kLe, "0"},
    {Value::string("ab"), Value::string("a"), CompareOp::kGt, "1"},
    {Value::string("ab"), Value::string("a"), CompareOp::kGe, "1"},
    {Value::string("\xc3""\xa9"""), Value::string("z"), CompareOp::kLt, "0"},
    {Value::string("\xc3""\xa9"""), Value::string("z"), CompareOp::kLe, "0"},
    {Value::string("\xc3""\xa9"""), Value::string("z"), CompareOp::kGt, "1"},
    {Value::string("\xc3""\xa9"""), Value::string("z"), CompareOp::kGe, "1"},
    {Value::string("Z"), Value::string("a"), CompareOp::kLt, "1"},
    {Value::string("Z"), Value::string("a"), CompareOp::kLe, "1"},
    {Value::string("Z"), Value::string("a"), CompareOp::kGt, "0"},
    {Value::string("Z"), Value::string("a"), CompareOp::kGe, "0"},
    {Value::string(""), Value::string(""), CompareOp::kLt, "0"},
    {Value::string(""), Value::string(""), CompareOp::kLe, "1"},
    {Value::string(""), Value::string(""), CompareOp::kGt, "0"},
    {Value::string(""), Value::string(""), CompareOp::kGe, "1"},
    {Value::list({Value::integer(1LL), Value::integer(2LL)}), Value::list({Value::integer(1LL), Value::integer(3LL)}), CompareOp::kLt, "1"},
    {Value::list({Value::integer(1LL), Value::integer(2LL)}), Value::list({Value::integer(1LL), Value::integer(3LL)}), CompareOp::kLe, "1"},
    {Value::list({Value::integer(1LL), Value::integer(2LL)}), Value::list({Value::integer(1LL), Value::integer(3LL)}), CompareOp::kGt, "0"},
    {Value::list({Value::integer(1LL), Value::integer(2LL)}), Value::list({Value::integer(1LL), Value::integer(3LL)}), CompareOp::kGe, "0"},
    {Value::list({Value::integer(1LL), Value::integer(2LL)}), Value::list({Value::integer(1LL), Value::integer(2LL)}), CompareOp::kLt, "0"},
    {Value::list({Value::integer(1LL), Value::integer(2LL)}), Value::list({Value::integer(1LL), Value::integer(2LL)}), CompareOp::kLe, "1"},
    {Value::list({Value::integer(1LL), Value::integer(2LL)}), Value::list({Value::integer(1LL), Value::integer(2LL)}), CompareOp::kGt, "0"},
    {Value::list({Value::integer(1LL), Value::integer(2LL)}), Value::list({Value::integer(1LL), Value::integer(2LL)}), CompareOp::kGe, "1"},
    {Value::list({Value::integer(1LL)}), Value::list({Value::integer(1LL), Value::integer(0LL)}), CompareOp::kLt, "1"},
    {Value::list({Value::integer(1LL)}), Value::list({Value::integer(1LL), Value::integer(0LL)}), CompareOp::kLe, "1"},
    {Value::list({Value::integer(1LL)}), Value::list({Value::integer(1LL), Value::integer(0LL)}), CompareOp::kGt, "0"},
    {Value::list({Value::integer(1LL)}), Value::list({Value::integer(1LL), Value::integer(0LL)}), CompareOp::kGe, "0"},
    {Value::list({Value::integer(2LL)}), Value::list({Value::integer(1LL), Value::integer(9LL)}), CompareOp::kLt, "0"},
    {Value::list({Value::integer(2LL)}), Value::list({Value::integer(1LL), Value::integer(9LL)}), CompareOp::kLe, "0"},
    {Value::list({Value::integer(2LL)}), Value::list({Value::integer(1LL), Value::integer(9LL)}), CompareOp::kGt, "1"},
    {Value::list({Value::integer(2LL)}), Value::list({Value::integer(1LL), Value::integer(9LL)}), CompareOp::kGe, "1"},
    {Value::tuple({Value::integer(1LL), Value::string("a")}), Value::tuple({Value::integer(1LL), Value::string("b")}), CompareOp::kLt, "1"},
    {Value::tuple({Value::integer(1LL), Value::string("a")}), Value::tuple({Value::integer(1LL), Value::string("b")}), CompareOp::kLe, "1"},
    {Value::tuple({Value::integer(1LL), Value::string("a")}), Value::tuple({Value::integer(1LL), Value::string("b")}), CompareOp::kGt, "0"},
    {Value::tuple({Value::integer(1LL), Value::string("a")}), Value::tuple({Value::integer(1LL), Value::string("b")}), CompareOp::kGe, "0"},
    {Value::list({Value::integer(1LL), Value::string("a")}), Value::list({Value::integer(1LL), Value::integer(2LL)}), CompareOp::kLt, "!'<' not supported between instances of 'str' and 'int'"},
    {Value::list({Value::integer(1LL), Value::string("a")}), Value::list({Value::integer(1LL), Value::integer(2LL)}), CompareOp::kLe, "!'<=' not supported between instances of 'str' and 'int'"},
    {Value::list({Value::integer(1LL), Value::string("a")}), Value::list({Value::integer(1LL), Value::integer(2LL)}), CompareOp::kGt, "!'>' not supported between instances of 'str' and 'int'"},
    {Value::list({Value::integer(1LL), Value::string("a")}), Value::list({Value::integer(1LL), Value::integer(2LL)}), CompareOp::kGe, "!'>=' not supported between instances of 'str' and 'int'"},
    {Value::list({Value::integer(1LL), Value::string("a")}), Value::list({Value::integer(2LL), Value::string("b")}), CompareOp::kLt, "1"},
    {Value::list({Value::integer(1LL), Value::string("a")}), Value::list({Value::integer(2LL), Value::string("b")}), CompareOp::kLe, "1"},
    {Value::list({Value::integer(1LL), Value::string("a")}), Value::list({Value::integer(2LL), Value::string("b")}), CompareOp::kGt, "0"},
    {Value::list({Value::integer(1LL), Value::string("a")}), Value::list({Value::integer(2LL), Value::string("b")}), CompareOp::kGe, "0"},
    {Value::list({}), Value::list({}), CompareOp::kLt, "0"},
    {Value::list({}), Value::list({}), CompareOp::kLe, "1"},
    {Value::list({}), Value::list({}), CompareOp::kGt, "0"},
    {Value::list({}), Value::list({}), CompareOp::kGe, "1"},
    {Value::integer(1LL), Value::string("a"), CompareOp::kLt, "!'<' not supported between instances of 'int' and 'str'"},
    {Value::integer(1LL), Value::string("a"), CompareOp::kLe, "!'<=' not supported between instances of 'int' and 'str'"},
    {Value::integer(1LL), Value::string("a"), CompareOp::kGt, "!'>' not supported between instances of 'int' and 'str'"},
    {Value::integer(1LL), Value::string("a"), CompareOp::kGe, "!'>=' not supported between instances of 'int' and 'str'"},
    {Value::string("a"), Value::integer(1LL), CompareOp::kLt, "!'<' not supported between instances of 'str' and 'int'"},
    {Value::string("a"), Value::integer(1LL), CompareOp::kLe, "!'<=' not supported between instances of 'str' and 'int'"},
    {Value::string("a"), Value::integer(1LL), CompareOp::kGt, "!'>' not supported between instances of 'str' and 'int'"},
    {Value::string("a"), Value::integer(1LL), CompareOp::kGe, "!'>=' not supported between instances of 'str' and 'int'"},
    {Value::none(), Value::integer(1LL), CompareOp::kLt, "!'<' not supported between instances of 'NoneType' and 'int'"},
    {Value::none(), Value::integer(1LL), CompareOp::kLe, "!'<=' not supported between instances of 'NoneType' and 'int'"},
    {Value::none(), Value::integer(1LL), CompareOp::kGt, "!'>' not supported between instances of 'NoneType' and 'int'"},
    {Value::none(), Value::integer(1LL), CompareOp::kGe, "!'>=' not supported between instances of 'NoneType' and 'int'"},
    {Value::integer(1LL), Value::none(), CompareOp::kLt, "!'<' not supported between instances of 'int' and 'NoneType'"},
    {Value::integer(1LL), Value::none(), CompareOp::kLe, "!'<=' not supported between instances of 'int' and 'NoneType'"},
    {Value::integer(1LL), Value::none(), CompareOp::kGt, "!'>' not supported between instances of 'int' and 'NoneType'"},
    {Value::integer(1LL), Value::none(), CompareOp::kGe, "!'>=' not supported between instances of 'int' and 'NoneType'"},
    {Value::list({Value::integer(1LL)}), Value::tuple({Value::integer(1LL)}), CompareOp::kLt, "!'<' not supported between instances of 'list' and 'tuple'"},
    {Value::list({Value::integer(1LL)}), Value::tuple({Value::integer(1LL)}), CompareOp::kLe, "!'<=' not supported between instances of 'list' and 'tuple'"},
    {Value::list({Value::integer(1LL)}), Value::tuple({Value::integer(1LL)}), CompareOp::kGt, "!'>' not supported between instances of 'list' and 'tuple'"},
    {Value::list({Value::integer(1LL)}), Value::tuple({Value::integer(1LL)}), CompareOp::kGe, "!'>=' not supported between instances of 'list' and 'tuple'"},
    {dict_of({}), dict_of({}), CompareOp::kLt, "!'<' not supported between instances of 'dict' and 'dict'"},
    {dict_of({}), dict_of({}), CompareOp::kLe, "!'<=' not supported between instances of 'dict' and 'dict'"},
    {dict_of({}), dict_of({}), CompareOp::kGt, "!'>' not supported between instances of 'dict' and 'dict'"},
    {dict_of({}), dict_of({}), CompareOp::kGe, "!'>=' not supported between instances of 'dict' and 'dict'"},
    {Value::none(), Value::none(), CompareOp::kLt, "!'<' not supported between instances of 'NoneType' and 'NoneType'"},
    {Value::none(), Value::none(), CompareOp::kLe, "!'<=' not supported between instances of 'NoneType' and 'NoneType'"},
    {Value::none(), Value::none(), CompareOp::kGt, "!'>' not supported between instances of 'NoneType' and 'NoneType'"},
    {Value::none(), Value::none(), CompareOp::kGe, "!'>=' not supported between instances of 'NoneType' and 'NoneType'"},
    {Value::boolean(true), Value::string("x"), CompareOp::kLt, "!'<' not supported between instances of 'bool' and 'str'"},
    {Value::boolean(true), Value::string("x"), CompareOp::kLe, "!'<=' not supported between instances of 'bool' and 'str'"},
    {Value::boolean(true), Value::string("x"), CompareOp::kGt, "!'>' not supported between instances of 'bool' and 'str'"},
    {Value::boolean(true), Value::string("x"), CompareOp::kGe, "!'>=' not supported between instances of 'bool' and 'str'"},
    {Value::list({Value::integer(1LL)}), Value::integer(1LL), CompareOp::kLt, "!'<' not supported between instances of 'list' and 'int'"},
    {Value::list({Value::integer(1LL)}), Value::integer(1LL), CompareOp::kLe, "!'<=' not supported between instances of 'list' and 'int'"},
    {Value::list({Value::integer(1LL)}), Value::integer(1LL), CompareOp::kGt, "!'>' not supported between instances of 'list' and 'int'"},
    {Value::list({Value::integer(1LL)}), Value::integer(1LL), CompareOp::kGe, "!'>=' not supported between instances of 'list' and 'int'"},
};
const ContainsCase kContainsCases[] = {
    {Value::string("abc"), Value::string("a"), "1"},
    {Value::string("abc"), Value::string("d"), "0"},
    {Value::string("abc"), Value::string(""), "1"},
    {Value::string("abc"), Value::string("bc"), "1"},
    {Value::string("abc"), Value::integer(1LL), "!'in <string>' requires string as left operand, not int"},
    {Value::string("abc"), Value::none(), "!'in <string>' requires string as left operand, not NoneType"},
    {Value::list({Value::integer(1LL), Value::integer(2LL)}), Value::integer(1LL), "1"},
    {Value::list({Value::integer(1LL), Value::integer(2LL)}), Value::floating(1.0), "1"},
    {Value::list({Value::integer(1LL)}), Value::boolean(true), "1"},
    {Value::list({Value::integer(1LL)}), Value::string("1"), "0"},
    {Value::list({Value::list({Value::integer(1LL)})}), Value::list({Value::integer(1LL)}), "1"},
    {Value::list({Value::tuple({Value::integer(1LL)})}), Value::tuple({Value::integer(1LL)}), "1"},
    {dict_of({{Value::string("a"), Value::integer(1LL)}}), Value::string("a"), "1"},
    {dict_of({{Value::string("a"), Value::integer(1LL)}}), Value::string("b"), "0"},
    {dict_of({{Value::floating(1.0), Value::string("x")}}), Value::integer(1LL), "1"},
    {dict_of({{Value::string("a"), Value::integer(1LL)}}), Value::list({Value::integer(1LL)}), "!unhashable type: 'list'"},
    {Value::integer(1LL), Value::integer(1LL), "!argument of type 'int' is not iterable"},
    {Value::none(), Value::integer(1LL), "!argument of type 'NoneType' is not iterable"},
    {Value::tuple({}), Value::integer(1LL), "0"},
    {Value::string("h\xc3""\xa9""llo"), Value::string("\xc3""\xa9"""), "1"},
};

TEST(OpsCompare, MatchesPython) {
  FakeCallContext ctx;
  for (const CompareCase& c : kCompareCases) {
    std::string got;
    try {
      got = apply_compare(ctx, c.op, c.a, c.b) ? "1" : "0";
    } catch (const TemplateError& e) {
      got = "!" + e.error.message;
      EXPECT_EQ(e.error.kind, ErrorKind::kType);
    }
    EXPECT_EQ(got, c.expected) << c.a.repr() << " op " << static_cast<int>(c.op) << " "
                               << c.b.repr();
  }
}

TEST(OpsCompare, UndefinedOperandFails) {
  FakeCallContext ctx;
  EXPECT_THROW(apply_compare(ctx, CompareOp::kLt, Value::undefined("x"), Value::integer(1)),
               TemplateError);
  EXPECT_THROW(apply_compare(ctx, CompareOp::kLt, Value::integer(1), Value::undefined("x")),
               TemplateError);
}

TEST(OpsContains, MatchesPython) {
  FakeCallContext ctx;
  for (const ContainsCase& c : kContainsCases) {
    std::string got;
    try {
      got = apply_contains(ctx, c.haystack, c.needle) ? "1" : "0";
    } catch (const TemplateError& e) {
      got = "!" + e.error.message;
    }
    EXPECT_EQ(got, c.expected) << c.needle.repr() << " in " << c.haystack.repr();
  }
}

TEST(OpsContains, Undefined) {
  FakeCallContext ctx;
  // Jinja2: an undefined container is empty; an undefined needle is found nowhere.
  EXPECT_FALSE(apply_contains(ctx, Value::undefined("x"), Value::string("a")));
  EXPECT_FALSE(apply_contains(ctx, Value::list({Value::integer(1)}), Value::undefined("x")));
  ctx.policy = UndefinedPolicy::kStrict;
  EXPECT_THROW(apply_contains(ctx, Value::undefined("x"), Value::string("a")), TemplateError);
}

}  // namespace
}  // namespace docforge
