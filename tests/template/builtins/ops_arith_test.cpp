// Python arithmetic on Values (apply_binary / apply_negate / apply_positive): every expected
// string below was produced by python3 (see the case table), so the table is the spec.
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

struct ArithCase {
  Value a;
  Value b;
  BinaryOp op;
  const char* expected;
};

// Generated from python3 3.11.7: expected str() of a OP b, "!" + message for errors,
// "@" + text for Markup results.
const ArithCase kArithCases[] = {
    {Value::integer(7LL), Value::integer(2LL), BinaryOp::kAdd, "9"},
    {Value::integer(7LL), Value::integer(2LL), BinaryOp::kSub, "5"},
    {Value::integer(7LL), Value::integer(2LL), BinaryOp::kMul, "14"},
    {Value::integer(7LL), Value::integer(2LL), BinaryOp::kDiv, "3.5"},
    {Value::integer(7LL), Value::integer(2LL), BinaryOp::kFloorDiv, "3"},
    {Value::integer(7LL), Value::integer(2LL), BinaryOp::kMod, "1"},
    {Value::integer(-7LL), Value::integer(2LL), BinaryOp::kAdd, "-5"},
    {Value::integer(-7LL), Value::integer(2LL), BinaryOp::kSub, "-9"},
    {Value::integer(-7LL), Value::integer(2LL), BinaryOp::kMul, "-14"},
    {Value::integer(-7LL), Value::integer(2LL), BinaryOp::kDiv, "-3.5"},
    {Value::integer(-7LL), Value::integer(2LL), BinaryOp::kFloorDiv, "-4"},
    {Value::integer(-7LL), Value::integer(2LL), BinaryOp::kMod, "1"},
    {Value::integer(7LL), Value::integer(-2LL), BinaryOp::kAdd, "5"},
    {Value::integer(7LL), Value::integer(-2LL), BinaryOp::kSub, "9"},
    {Value::integer(7LL), Value::integer(-2LL), BinaryOp::kMul, "-14"},
    {Value::integer(7LL), Value::integer(-2LL), BinaryOp::kDiv, "-3.5"},
    {Value::integer(7LL), Value::integer(-2LL), BinaryOp::kFloorDiv, "-4"},
    {Value::integer(7LL), Value::integer(-2LL), BinaryOp::kMod, "-1"},
    {Value::integer(-7LL), Value::integer(-2LL), BinaryOp::kAdd, "-9"},
    {Value::integer(-7LL), Value::integer(-2LL), BinaryOp::kSub, "-5"},
    {Value::integer(-7LL), Value::integer(-2LL), BinaryOp::kMul, "14"},
    {Value::integer(-7LL), Value::integer(-2LL), BinaryOp::kDiv, "3.5"},
    {Value::integer(-7LL), Value::integer(-2LL), BinaryOp::kFloorDiv, "3"},
    {Value::integer(-7LL), Value::integer(-2LL), BinaryOp::kMod, "-1"},
    {Value::floating(7.5), Value::integer(2LL), BinaryOp::kAdd, "9.5"},
    {Value::floating(7.5), Value::integer(2LL), BinaryOp::kSub, "5.5"},
    {Value::floating(7.5), Value::integer(2LL), BinaryOp::kMul, "15.0"},
    {Value::floating(7.5), Value::integer(2LL), BinaryOp::kDiv, "3.75"},
    {Value::floating(7.5), Value::integer(2LL), BinaryOp::kFloorDiv, "3.0"},
    {Value::floating(7.5), Value::integer(2LL), BinaryOp::kMod, "1.5"},
    {Value::floating(-7.5), Value::integer(2LL), BinaryOp::kAdd, "-5.5"},
    {Value::floating(-7.5), Value::integer(2LL), BinaryOp::kSub, "-9.5"},
    {Value::floating(-7.5), Value::integer(2LL), BinaryOp::kMul, "-15.0"},
    {Value::floating(-7.5), Value::integer(2LL), BinaryOp::kDiv, "-3.75"},
    {Value::floating(-7.5), Value::integer(2LL), BinaryOp::kFloorDiv, "-4.0"},
    {Value::floating(-7.5), Value::integer(2LL), BinaryOp::kMod, "0.5"},
    {Value::floating(7.5), Value::integer(-2LL), BinaryOp::kAdd, "5.5"},
    {Value::floating(7.5), Value::integer(-2LL), BinaryOp::kSub, "9.5"},
    {Value::floating(7.5), Value::integer(-2LL), BinaryOp::kMul, "-15.0"},
    {Value::floating(7.5), Value::integer(-2LL), BinaryOp::kDiv, "-3.75"},
    {Value::floating(7.5), Value::integer(-2LL), BinaryOp::kFloorDiv, "-4.0"},
    {Value::floating(7.5), Value::integer(-2LL), BinaryOp::kMod, "-0.5"},
    {Value::floating(-0.0), Value::integer(5LL), BinaryOp::kAdd, "5.0"},
    {Value::floating(-0.0), Value::integer(5LL), BinaryOp::kSub, "-5.0"},
    {Value::floating(-0.0), Value::integer(5LL), BinaryOp::kMul, "-0.0"},
    {Value::floating(-0.0), Value::integer(5LL), BinaryOp::kDiv, "-0.0"},
    {Value::floating(-0.0), Value::integer(5LL), BinaryOp::kFloorDiv, "-0.0"},
    {Value::floating(-0.0), Value::integer(5LL), BinaryOp::kMod, "0.0"},
    {Value::floating(0.0), Value::integer(-5LL), BinaryOp::kAdd, "-5.0"},
    {Value::floating(0.0), Value::integer(-5LL), BinaryOp::kSub, "5.0"},
    {Value::floating(0.0), Value::integer(-5LL), BinaryOp::kMul, "-0.0"},
    {Value::floating(0.0), Value::integer(-5LL), BinaryOp::kDiv, "-0.0"},
    {Value::floating(0.0), Value::integer(-5LL), BinaryOp::kFloorDiv, "-0.0"},
    {Value::floating(0.0), Value::integer(-5LL), BinaryOp::kMod, "-0.0"},
    {Value::boolean(true), Value::boolean(true), BinaryOp::kAdd, "2"},
    {Value::boolean(true), Value::boolean(true), BinaryOp::kSub, "0"},
    {Value::boolean(true), Value::boolean(true), BinaryOp::kMul, "1"},
    {Value::boolean(true), Value::boolean(true), BinaryOp::kDiv, "1.0"},
    {Value::boolean(true), Value::boolean(true), BinaryOp::kFloorDiv, "1"},
    {Value::boolean(true), Value::boolean(true), BinaryOp::kMod, "0"},
    {Value::boolean(true), Value::floating(2.5), BinaryOp::kAdd, "3.5"},
    {Value::boolean(true), Value::floating(2.5), BinaryOp::kSub, "-1.5"},
    {Value::boolean(true), Value::floating(2.5), BinaryOp::kMul, "2.5"},
    {Value::boolean(true), Value::floating(2.5), BinaryOp::kDiv, "0.4"},
    {Value::boolean(true), Value::floating(2.5), BinaryOp::kFloorDiv, "0.0"},
    {Value::boolean(true), Value::floating(2.5), BinaryOp::kMod, "1.0"},
    {Value::integer(9223372036854775807LL), Value::integer(1LL), BinaryOp::kAdd, "9223372036854775808"},
    {Value::integer(9223372036854775807LL), Value::integer(1LL), BinaryOp::kSub, "9223372036854775806"},
    {Value::integer(9223372036854775807LL), Value::integer(1LL), BinaryOp::kMul, "9223372036854775807"},
    {Value::integer(9223372036854775807LL), Value::integer(1LL), BinaryOp::kDiv, "9.223372036854776e+18"},
    {Value::integer(9223372036854775807LL), Value::integer(1LL), BinaryOp::kFloorDiv, "9223372036854775807"},
    {Value::integer(9223372036854775807LL), Value::integer(1LL), BinaryOp::kMod, "0"},
    {Value::integer(INT64_MIN), Value::integer(-1LL), BinaryOp::kAdd, "-9223372036854775809"},
    {Value::integer(INT64_MIN), Value::integer(-1LL), BinaryOp::kSub, "-9223372036854775807"},
    {Value::integer(INT64_MIN), Value::integer(-1LL), BinaryOp::kMul, "9223372036854775808"},
    {Value::integer(INT64_MIN), Value::integer(-1LL), BinaryOp::kDiv, "9.223372036854776e+18"},
    {Value::integer(INT64_MIN), Value::integer(-1LL), BinaryOp::kFloorDiv, "9223372036854775808"},
    {Value::integer(INT64_MIN), Value::integer(-1LL), BinaryOp::kMod, "0"},
    {Value::integer(INT64_MIN), Value::integer(1LL), BinaryOp::kAdd, "-9223372036854775807"},
    {Value::integer(INT64_MIN), Value::integer(1LL), BinaryOp::kSub, "-9223372036854775809"},
    {Value::integer(INT64_MIN), Value::integer(1LL), BinaryOp::kMul, "-9223372036854775808"},
    {Value::integer(INT64_MIN), Value::integer(1LL), BinaryOp::kDiv, "-9.223372036854776e+18"},
    {Value::integer(INT64_MIN), Value::integer(1LL), BinaryOp::kFloorDiv, "-9223372036854775808"},
    {Value::integer(INT64_MIN), Value::integer(1LL), BinaryOp::kMod, "0"},
    {big("18446744073709551616"), big("18446744073709551616"), BinaryOp::kAdd, "36893488147419103232"},
    {big("18446744073709551616"), big("18446744073709551616"), BinaryOp::kSub, "0"},
    {big("18446744073709551616"), big("18446744073709551616"), BinaryOp::kMul, "340282366920938463463374607431768211456"},
    {big("18446744073709551616"), big("18446744073709551616"), BinaryOp::kDiv, "1.0"},
    {big("18446744073709551616"), big("18446744073709551616"), BinaryOp::kFloorDiv, "1"},
    {big("18446744073709551616"), big("18446744073709551616"), BinaryOp::kMod, "0"},
    {big("1000000000000000000000000000000"), Value::integer(7LL), BinaryOp::kAdd, "1000000000000000000000000000007"},
    {big("1000000000000000000000000000000"), Value::integer(7LL), BinaryOp::kSub, "999999999999999999999999999993"},
    {big("1000000000000000000000000000000"), Value::integer(7LL), BinaryOp::kMul, "7000000000000000000000000000000"},
    {big("1000000000000000000000000000000"), Value::integer(7LL), BinaryOp::kDiv, "1.4285714285714285e+29"},
    {big("1000000000000000000000000000000"), Value::integer(7LL), BinaryOp::kFloorDiv, "142857142857142857142857142857"},
    {big("1000000000000000000000000000000"), Value::integer(7LL), BinaryOp::kMod, "1"},
    {big("-1000000000000000000000000000000"), Value::integer(7LL), BinaryOp::kAdd, "-999999999999999999999999999993"},
    {big("-1000000000000000000000000000000"), Value::integer(7LL), BinaryOp::kSub, "-1000000000000000000000000000007"},
    {big("-1000000000000000000000000000000"), Value::integer(7LL), BinaryOp::kMul, "-7000000000000000000000000000000"},
    {big("-1000000000000000000000000000000"), Value::integer(7LL), BinaryOp::kDiv, "-1.4285714285714285e+29"},
    {big("-1000000000000000000000000000000"), Value::integer(7LL), BinaryOp::kFloorDiv, "-142857142857142857142857142858"},
    {big("-1000000000000000000000000000000"), Value::integer(7LL), BinaryOp::kMod, "6"},
    {big("1000000000000000000000000000000"), Value::integer(-7LL), BinaryOp::kAdd, "999999999999999999999999999993"},
    {big("1000000000000000000000000000000"), Value::integer(-7LL), BinaryOp::kSub, "1000000000000000000000000000007"},
    {big("1000000000000000000000000000000"), Value::integer(-7LL), BinaryOp::kMul, "-7000000000000000000000000000000"},
    {big("1000000000000000000000000000000"), Value::integer(-7LL), BinaryOp::kDiv, "-1.4285714285714285e+29"},
    {big("1000000000000000000000000000000"), Value::integer(-7LL), BinaryOp::kFloorDiv, "-142857142857142857142857142858"},
    {big("1000000000000000000000000000000"), Value::integer(-7LL), BinaryOp::kMod, "-6"},
    {big("1000000000000000000000000000000"), Value::floating(2.5), BinaryOp::kAdd, "1e+30"},
    {big("1000000000000000000000000000000"), Value::floating(2.5), BinaryOp::kSub, "1e+30"},
    {big("1000000000000000000000000000000"), Value::floating(2.5), BinaryOp::kMul, "2.5e+30"},
    {big("1000000000000000000000000000000"), Value::floating(2.5), BinaryOp::kDiv, "4.0000000000000004e+29"},
    {big("1000000000000000000000000000000"), Value::floating(2.5), BinaryOp::kFloorDiv, "4.0000000000000004e+29"},
    {big("1000000000000000000000000000000"), Value::floating(2.5), BinaryOp::kMod, "1.0"},
    {Value::floating(0.1), Value::floating(0.2), BinaryOp::kAdd, "0.30000000000000004"},
    {Value::floating(0.1), Value::floating(0.2), BinaryOp::kSub, "-0.1"},
    {Value::floating(0.1), Value::floating(0.2), BinaryOp::kMul, "0.020000000000000004"},
    {Value::floating(0.1), Value::floating(0.2), BinaryOp::kDiv, "0.5"},
    {Value::floating(0.1), Value::floating(0.2), BinaryOp::kFloorDiv, "0.0"},
    {Value::floating(0.1), Value::floating(0.2), BinaryOp::kMod, "0.1"},
    {Value::floating(1e+308), Value::floating(10.0), BinaryOp::kAdd, "1e+308"},
    {Value::floating(1e+308), Value::floating(10.0), BinaryOp::kSub, "1e+308"},
    {Value::floating(1e+308), Value::floating(10.0), BinaryOp::kMul, "inf"},
    {Value::floating(1e+308), Value::floating(10.0), BinaryOp::kDiv, "1e+307"},
    {Value::floating(1e+308), Value::floating(10.0), BinaryOp::kFloorDiv, "1e+307"},
    {Value::floating(1e+308), Value::floating(10.0), BinaryOp::kMod, "6.0"},
    {Value::integer(3LL), Value::integer(0LL), BinaryOp::kAdd, "3"},
    {Value::integer(3LL), Value::integer(0LL), BinaryOp::kSub, "3"},
    {Value::integer(3LL), Value::integer(0LL), BinaryOp::kMul, "0"},
    {Value::integer(3LL), Value::integer(0LL), BinaryOp::kDiv, "!division by zero"},
    {Value::integer(3LL), Value::integer(0LL), BinaryOp::kFloorDiv, "!integer division or modulo by zero"},
    {Value::integer(3LL), Value::integer(0LL), BinaryOp::kMod, "!integer modulo by zero"},
    {Value::floating(3.0), Value::integer(0LL), BinaryOp::kAdd, "3.0"},
    {Value::floating(3.0), Value::integer(0LL), BinaryOp::kSub, "3.0"},
    {Value::floating(3.0), Value::integer(0LL), BinaryOp::kMul, "0.0"},
    {Value::floating(3.0), Value::integer(0LL), BinaryOp::kDiv, "!float division by zero"},
    {Value::floating(3.0), Value::integer(0LL), BinaryOp::kFloorDiv, "!float floor division by zero"},
    {Value::floating(3.0), Value::integer(0LL), BinaryOp::kMod, "!float modulo"},
    {Value::integer(0LL), Value::floating(0.0), BinaryOp::kAdd, "0.0"},
    {Value::integer(0LL), Value::floating(0.0), BinaryOp::kSub, "0.0"},
    {Value::integer(0LL), Value::floating(0.0), BinaryOp::kMul, "0.0"},
    {Value::integer(0LL), Value::floating(0.0), BinaryOp::kDiv, "!float division by zero"},
    {Value::integer(0LL), Value::floating(0.0), BinaryOp::kFloorDiv, "!float floor division by zero"},
    {Value::integer(0LL), Value::floating(0.0), BinaryOp::kMod, "!float modulo"},
    {big("18446744073709551616"), Value::integer(0LL), BinaryOp::kAdd, "18446744073709551616"},
    {big("18446744073709551616"), Value::integer(0LL), BinaryOp::kSub, "18446744073709551616"},
    {big("18446744073709551616"), Value::integer(0LL), BinaryOp::kMul, "0"},
    {big("18446744073709551616"), Value::integer(0LL), BinaryOp::kDiv, "!division by zero"},
    {big("18446744073709551616"), Value::integer(0LL), BinaryOp::kFloorDiv, "!integer division or modulo by zero"},
    {big("18446744073709551616"), Value::integer(0LL), BinaryOp::kMod, "!integer modulo by zero"},
    {Value::integer(3LL), Value::floating(1e-320), BinaryOp::kAdd, "3.0"},
    {Value::integer(3LL), Value::floating(1e-320), BinaryOp::kSub, "3.0"},
    {Value::integer(3LL), Value::floating(1e-320), BinaryOp::kMul, "3e-320"},
    {Value::integer(3LL), Value::floating(1e-320), BinaryOp::kDiv, "inf"},
    {Value::integer(3LL), Value::floating(1e-320), BinaryOp::kFloorDiv, "inf"},
    {Value::integer(3LL), Value::floating(1e-320), BinaryOp::kMod, "3.715e-321"},
    {big("100000000000000000000"), Value::integer(3LL), BinaryOp::kAdd, "100000000000000000003"},
    {big("100000000000000000000"), Value::integer(3LL), BinaryOp::kSub, "99999999999999999997"},
    {big("100000000000000000000"), Value::integer(3LL), BinaryOp::kMul, "300000000000000000000"},
    {big("100000000000000000000"), Value::integer(3LL), BinaryOp::kDiv, "3.333333333333333e+19"},
    {big("100000000000000000000"), Value::integer(3LL), BinaryOp::kFloorDiv, "33333333333333333333"},
    {big("100000000000000000000"), Value::integer(3LL), BinaryOp::kMod, "1"},
    {Value::integer(-1LL), big("1180591620717411303424"), BinaryOp::kAdd, "1180591620717411303423"},
    {Value::integer(-1LL), big("1180591620717411303424"), BinaryOp::kSub, "-1180591620717411303425"},
    {Value::integer(-1LL), big("1180591620717411303424"), BinaryOp::kMul, "-1180591620717411303424"},
    {Value::integer(-1LL), big("1180591620717411303424"), BinaryOp::kDiv, "-8.470329472543003e-22"},
    {Value::integer(-1LL), big("1180591620717411303424"), BinaryOp::kFloorDiv, "-1"},
    {Value::integer(-1LL), big("1180591620717411303424"), BinaryOp::kMod, "1180591620717411303423"},
    {big("9223372036854775808"), Value::integer(-1LL), BinaryOp::kAdd, "9223372036854775807"},
    {big("9223372036854775808"), Value::integer(-1LL), BinaryOp::kSub, "9223372036854775809"},
    {big("9223372036854775808"), Value::integer(-1LL), BinaryOp::kMul, "-9223372036854775808"},
    {big("9223372036854775808"), Value::integer(-1LL), BinaryOp::kDiv, "-9.223372036854776e+18"},
    {big("9223372036854775808"), Value::integer(-1LL), BinaryOp::kFloorDiv, "-9223372036854775808"},
    {big("9223372036854775808"), Value::integer(-1LL), BinaryOp::kMod, "0"},
    {Value::integer(1LL), Value::integer(3LL), BinaryOp::kAdd, "4"},
    {Value::integer(1LL), Value::integer(3LL), BinaryOp::kSub, "-2"},
    {Value::integer(1LL), Value::integer(3LL), BinaryOp::kMul, "3"},
    {Value::integer(1LL), Value::integer(3LL), BinaryOp::kDiv, "0.3333333333333333"},
    {Value::integer(1LL), Value::integer(3LL), BinaryOp::kFloorDiv, "0"},
    {Value::integer(1LL), Value::integer(3LL), BinaryOp::kMod, "1"},
    {Value::integer(2LL), Value::integer(3LL), BinaryOp::kAdd, "5"},
    {Value::integer(2LL), Value::integer(3LL), BinaryOp::kSub, "-1"},
    {Value::integer(2LL), Value::integer(3LL), BinaryOp::kMul, "6"},
    {Value::integer(2LL), Value::integer(3LL), BinaryOp::kDiv, "0.6666666666666666"},
    {Value::integer(2LL), Value::integer(3LL), BinaryOp::kFloorDiv, "0"},
    {Value::integer(2LL), Value::integer(3LL), BinaryOp::kMod, "2"},
    {Value::floating(1e+16), Value::integer(3LL), BinaryOp::kAdd, "1.0000000000000004e+16"},
    {Value::floating(1e+16), Value::integer(3LL), BinaryOp::kSub, "9999999999999996.0"},
    {Value::floating(1e+16), Value::integer(3LL), BinaryOp::kMul, "3e+16"},
    {Value::floating(1e+16), Value::integer(3LL), BinaryOp::kDiv, "3333333333333333.5"},
    {Value::floating(1e+16), Value::integer(3LL), BinaryOp::kFloorDiv, "3333333333333333.0"},
    {Value::floating(1e+16), Value::integer(3LL), BinaryOp::kMod, "1.0"},
    {Value::integer(6LL), Value::integer(4LL), BinaryOp::kAdd, "10"},
    {Value::integer(6LL), Value::integer(4LL), BinaryOp::kSub, "2"},
    {Value::integer(6LL), Value::integer(4LL), BinaryOp::kMul, "24"},
    {Value::integer(6LL), Value::integer(4LL), BinaryOp::kDiv, "1.5"},
    {Value::integer(6LL), Value::integer(4LL), BinaryOp::kFloorDiv, "1"},
    {Value::integer(6LL), Value::integer(4LL), BinaryOp::kMod, "2"},
    {Value::integer(5LL), Value::floating(0.5), BinaryOp::kAdd, "5.5"},
    {Value::integer(5LL), Value::floating(0.5), BinaryOp::kSub, "4.5"},
    {Value::integer(5LL), Value::floating(0.5), BinaryOp::kMul, "2.5"},
    {Value::integer(5LL), Value::floating(0.5), BinaryOp::kDiv, "10.0"},
    {Value::integer(5LL), Value::floating(0.5), BinaryOp::kFloorDiv, "10.0"},
    {Value::integer(5LL), Value::floating(0.5), BinaryOp::kMod, "0.0"},
    {Value::integer(-5LL), Value::floating(0.5), BinaryOp::kAdd, "-4.5"},
    {Value::integer(-5LL), Value::floating(0.5), BinaryOp::kSub, "-5.5"},
    {Value::integer(-5LL), Value::floating(0.5), BinaryOp::kMul, "-2.5"},
    {Value::integer(-5LL), Value::floating(0.5), BinaryOp::kDiv, "-10.0"},
    {Value::integer(-5LL), Value::floating(0.5), BinaryOp::kFloorDiv, "-10.0"},
    {Value::integer(-5LL), Value::floating(0.5), BinaryOp::kMod, "0.0"},
    {Value::floating(1e+300), Value::floating(1e-300), BinaryOp::kAdd, "1e+300"},
    {Value::floating(1e+300), Value::floating(1e-300), BinaryOp::kSub, "1e+300"},
    {Value::floating(1e+300), Value::floating(1e-300), BinaryOp::kMul, "1.0"},
    {Value::floating(1e+300), Value::floating(1e-300), BinaryOp::kDiv, "inf"},
    {Value::floating(1e+300), Value::floating(1e-300), BinaryOp::kFloorDiv, "inf"},
    {Value::floating(1e+300), Value::floating(1e-300), BinaryOp::kMod, "4.891554850853602e-301"},
    {big("10000000000000000000000000000000000000000"), big("100000000000000000000"), BinaryOp::kAdd, "10000000000000000000100000000000000000000"},
    {big("10000000000000000000000000000000000000000"), big("100000000000000000000"), BinaryOp::kSub, "9999999999999999999900000000000000000000"},
    {big("10000000000000000000000000000000000000000"), big("100000000000000000000"), BinaryOp::kMul, "1000000000000000000000000000000000000000000000000000000000000"},
    {big("10000000000000000000000000000000000000000"), big("100000000000000000000"), BinaryOp::kDiv, "1e+20"},
    {big("10000000000000000000000000000000000000000"), big("100000000000000000000"), BinaryOp::kFloorDiv, "100000000000000000000"},
    {big("10000000000000000000000000000000000000000"), big("100000000000000000000"), BinaryOp::kMod, "0"},
    {Value::integer(INT64_MIN), big("9223372036854775808"), BinaryOp::kAdd, "0"},
    {Value::integer(INT64_MIN), big("9223372036854775808"), BinaryOp::kSub, "-18446744073709551616"},
    {Value::integer(INT64_MIN), big("9223372036854775808"), BinaryOp::kMul, "-85070591730234615865843651857942052864"},
    {Value::integer(INT64_MIN), big("9223372036854775808"), BinaryOp::kDiv, "-1.0"},
    {Value::integer(INT64_MIN), big("9223372036854775808"), BinaryOp::kFloorDiv, "-1"},
    {Value::integer(INT64_MIN), big("9223372036854775808"), BinaryOp::kMod, "0"},
    {Value::integer(9007199254740993LL), Value::integer(1LL), BinaryOp::kAdd, "9007199254740994"},
    {Value::integer(9007199254740993LL), Value::integer(1LL), BinaryOp::kSub, "9007199254740992"},
    {Value::integer(9007199254740993LL), Value::integer(1LL), BinaryOp::kMul, "9007199254740993"},
    {Value::integer(9007199254740993LL), Value::integer(1LL), BinaryOp::kDiv, "9007199254740992.0"},
    {Value::integer(9007199254740993LL), Value::integer(1LL), BinaryOp::kFloorDiv, "9007199254740993"},
    {Value::integer(9007199254740993LL), Value::integer(1LL), BinaryOp::kMod, "0"},
    {big("1180591620717411303425"), Value::integer(131072LL), BinaryOp::kAdd, "1180591620717411434497"},
    {big("1180591620717411303425"), Value::integer(131072LL), BinaryOp::kSub, "1180591620717411172353"},
    {big("1180591620717411303425"), Value::integer(131072LL), BinaryOp::kMul, "154742504910672534362521600"},
    {big("1180591620717411303425"), Value::integer(131072LL), BinaryOp::kDiv, "9007199254740992.0"},
    {big("1180591620717411303425"), Value::integer(131072LL), BinaryOp::kFloorDiv, "9007199254740992"},
    {big("1180591620717411303425"), Value::integer(131072LL), BinaryOp::kMod, "1"},
    {Value::integer(2LL), Value::integer(10LL), BinaryOp::kPow, "1024"},
    {Value::integer(2LL), Value::integer(-1LL), BinaryOp::kPow, "0.5"},
    {Value::integer(2LL), Value::integer(0LL), BinaryOp::kPow, "1"},
    {Value::integer(0LL), Value::integer(0LL), BinaryOp::kPow, "1"},
    {Value::integer(0LL), Value::integer(-1LL), BinaryOp::kPow, "!0.0 cannot be raised to a negative power"},
    {Value::floating(0.0), Value::integer(-1LL), BinaryOp::kPow, "!0.0 cannot be raised to a negative power"},
    {Value::integer(-2LL), Value::integer(3LL), BinaryOp::kPow, "-8"},
    {Value::integer(-2LL), Value::integer(63LL), BinaryOp::kPow, "-9223372036854775808"},
    {Value::integer(2LL), Value::integer(63LL), BinaryOp::kPow, "9223372036854775808"},
    {Value::integer(2LL), Value::integer(64LL), BinaryOp::kPow, "18446744073709551616"},
    {Value::integer(10LL), Value::integer(30LL), BinaryOp::kPow, "1000000000000000000000000000000"},
    {Value::integer(-1LL), big("100000000000000000001"), BinaryOp::kPow, "-1"},
    {Value::integer(1LL), big("1000000000000000000000000000000"), BinaryOp::kPow, "1"},
    {Value::floating(2.0), Value::floating(0.5), BinaryOp::kPow, "1.4142135623730951"},
    {Value::integer(2LL), Value::floating(0.5), BinaryOp::kPow, "1.4142135623730951"},
    {Value::integer(4LL), Value::floating(-0.5), BinaryOp::kPow, "0.5"},
    {Value::integer(-8LL), Value::floating(0.3333333333333333), BinaryOp::kPow, "!complex"},
    {Value::floating(10.0), Value::integer(400LL), BinaryOp::kPow, "!(34, 'Numerical result out of range')"},
    {Value::floating(1.5), Value::integer(2LL), BinaryOp::kPow, "2.25"},
    {Value::floating(-1.5), Value::integer(3LL), BinaryOp::kPow, "-3.375"},
    {Value::boolean(true), Value::integer(5LL), BinaryOp::kPow, "1"},
    {Value::integer(3LL), Value::boolean(true), BinaryOp::kPow, "3"},
    {Value::integer(7LL), Value::integer(-2LL), BinaryOp::kPow, "0.02040816326530612"},
    {Value::integer(0LL), Value::integer(5LL), BinaryOp::kPow, "0"},
    {Value::integer(-3LL), Value::integer(-3LL), BinaryOp::kPow, "-0.037037037037037035"},
    {Value::floating(INFINITY), Value::integer(-1LL), BinaryOp::kPow, "0.0"},
    {Value::string("ab"), Value::string("cd"), BinaryOp::kAdd, "abcd"},
    {Value::string("ab"), Value::integer(3LL), BinaryOp::kMul, "ababab"},
    {Value::integer(3LL), Value::string("ab"), BinaryOp::kMul, "ababab"},
    {Value::string("ab"), Value::integer(-1LL), BinaryOp::kMul, ""},
    {Value::string("ab"), Value::boolean(true), BinaryOp::kMul, "ab"},
    {Value::list({Value::integer(1LL)}), Value::list({Value::integer(2LL), Value::string("x")}), BinaryOp::kAdd, "[1, 2, 'x']"},
    {Value::tuple({Value::integer(1LL)}), Value::tuple({Value::integer(2LL)}), BinaryOp::kAdd, "(1, 2)"},
    {Value::list({Value::integer(1LL), Value::integer(2LL)}), Value::integer(2LL), BinaryOp::kMul, "[1, 2, 1, 2]"},
    {Value::integer(2LL), Value::tuple({Value::integer(1LL)}), BinaryOp::kMul, "(1, 1)"},
    {Value::tuple({Value::integer(1LL)}), Value::integer(0LL), BinaryOp::kMul, "()"},
    {Value::string("a"), Value::integer(1LL), BinaryOp::kAdd, "!can only concatenate str (not \"int\") to str"},
    {Value::integer(1LL), Value::string("a"), BinaryOp::kAdd, "!unsupported operand type(s) for +: 'int' and 'str'"},
    {Value::list({Value::integer(1LL)}), Value::tuple({Value::integer(2LL)}), BinaryOp::kAdd, "!can only concatenate list (not \"tuple\") to list"},
    {Value::tuple({Value::integer(1LL)}), Value::list({Value::integer(2LL)}), BinaryOp::kAdd, "!can only concatenate tuple (not \"list\") to tuple"},
    {Value::list({Value::integer(1LL)}), Value::floating(1.5), BinaryOp::kMul, "!can't multiply sequence by non-int of type 'float'"},
    {Value::string("a"), Value::floating(1.5), BinaryOp::kMul, "!can't multiply sequence by non-int of type 'float'"},
    {Value::floating(1.5), Value::string("a"), BinaryOp::kMul, "!can't multiply sequence by non-int of type 'float'"},
    {Value::string("a"), Value::string("b"), BinaryOp::kMul, "!can't multiply sequence by non-int of type 'str'"},
    {Value::string("a"), Value::string("b"), BinaryOp::kSub, "!unsupported operand type(s) for -: 'str' and 'str'"},
    {dict_of({{Value::string("a"), Value::integer(1LL)}}), dict_of({}), BinaryOp::kAdd, "!unsupported operand type(s) for +: 'dict' and 'dict'"},
    {Value::none(), Value::integer(1LL), BinaryOp::kAdd, "!unsupported operand type(s) for +: 'NoneType' and 'int'"},
    {Value::integer(1LL), Value::none(), BinaryOp::kMul, "!unsupported operand type(s) for *: 'int' and 'NoneType'"},
    {Value::string("a"), Value::list({Value::integer(1LL)}), BinaryOp::kMul, "!can't multiply sequence by non-int of type 'list'"},
    {Value::list({Value::integer(1LL)}), Value::none(), BinaryOp::kAdd, "!can only concatenate list (not \"NoneType\") to list"},
    {Value::integer(1LL), Value::list({Value::integer(1LL)}), BinaryOp::kAdd, "!unsupported operand type(s) for +: 'int' and 'list'"},
    {Value::string("\xc3""\xa9"""), Value::integer(2LL), BinaryOp::kMul, "\xc3""\xa9""\xc3""\xa9"""},
    {Value::boolean(true), Value::string("x"), BinaryOp::kAdd, "!unsupported operand type(s) for +: 'bool' and 'str'"},
    {Value::string("a"), Value::integer(2LL), BinaryOp::kDiv, "!unsupported operand type(s) for /: 'str' and 'int'"},
    {Value::list({Value::integer(1LL)}), Value::integer(2LL), BinaryOp::kSub, "!unsupported operand type(s) for -: 'list' and 'int'"},
    {Value::none(), Value::none(), BinaryOp::kMod, "!unsupported operand type(s) for %: 'NoneType' and 'NoneType'"},
    {Value::integer(2LL), Value::string("a"), BinaryOp::kMod, "!unsupported operand type(s) for %: 'int' and 'str'"},
    {Value::string("\xc3""\xa9"""), Value::string("\xc3""\xbc"""), BinaryOp::kAdd, "\xc3""\xa9""\xc3""\xbc"""},
    {Value::string(""), Value::integer(5LL), BinaryOp::kMul, ""},
    {Value::list({}), Value::list({}), BinaryOp::kAdd, "[]"},
    {Value::safe_string("<b>"), Value::string("<i>"), BinaryOp::kAdd, "@<b>&lt;i&gt;"},
    {Value::string("<i>"), Value::safe_string("<b>"), BinaryOp::kAdd, "@&lt;i&gt;<b>"},
    {Value::safe_string("<b>"), Value::safe_string("&"), BinaryOp::kAdd, "@<b>&"},
    {Value::safe_string("<b>"), Value::integer(2LL), BinaryOp::kMul, "@<b><b>"},
    {Value::safe_string("<b>"), Value::integer(1LL), BinaryOp::kAdd, "!unsupported operand type(s) for +: 'Markup' and 'int'"},
    {Value::integer(2LL), Value::safe_string("<b>"), BinaryOp::kMul, "@<b><b>"},
};

// What a case produced, in the table's notation.
std::string outcome(CallContext& ctx, const ArithCase& c) {
  try {
    Value r = apply_binary(ctx, c.op, c.a, c.b);
    return (r.is_safe() ? "@" : "") + r.str();
  } catch (const TemplateError& e) {
    return "!" + e.error.message;
  }
}

TEST(OpsArith, MatchesPython) {
  FakeCallContext ctx;
  for (const ArithCase& c : kArithCases) {
    std::string got = outcome(ctx, c);
    std::string want = c.expected;
    if (want == "!complex") {
      EXPECT_EQ(got.rfind("!complex results are not supported", 0), 0u)
          << c.a.repr() << " op " << static_cast<int>(c.op) << " " << c.b.repr();
      continue;
    }
    EXPECT_EQ(got, want) << c.a.repr() << " op " << static_cast<int>(c.op) << " " << c.b.repr();
  }
}

TEST(OpsArith, ResultKinds) {
  FakeCallContext ctx;
  EXPECT_TRUE(apply_binary(ctx, BinaryOp::kAdd, Value::boolean(true), Value::boolean(true)).is_int());
  EXPECT_TRUE(apply_binary(ctx, BinaryOp::kDiv, Value::integer(4), Value::integer(2)).is_float());
  EXPECT_TRUE(apply_binary(ctx, BinaryOp::kFloorDiv, Value::floating(7), Value::integer(2)).is_float());
  Value sum = apply_binary(ctx, BinaryOp::kAdd, Value::integer(INT64_MAX), Value::integer(1));
  EXPECT_TRUE(sum.is_big_int());
  // Back to a small int when the result fits again.
  Value back = apply_binary(ctx, BinaryOp::kSub, sum, Value::integer(1));
  EXPECT_TRUE(back.is_int());
  EXPECT_EQ(back.as_int(), INT64_MAX);
  Value t = apply_binary(ctx, BinaryOp::kAdd, Value::tuple({Value::integer(1)}),
                         Value::tuple({Value::integer(2)}));
  EXPECT_TRUE(t.is_tuple());
}

TEST(OpsArith, ErrorKinds) {
  FakeCallContext ctx;
  try {
    apply_binary(ctx, BinaryOp::kAdd, Value::integer(1), Value::string("a"));
    FAIL() << "no error";
  } catch (const TemplateError& e) {
    EXPECT_EQ(e.error.kind, ErrorKind::kType);
  }
  try {
    apply_binary(ctx, BinaryOp::kAdd, Value::undefined("x"), Value::integer(1));
    FAIL() << "no error";
  } catch (const TemplateError& e) {
    EXPECT_EQ(e.error.kind, ErrorKind::kUndefined);
    EXPECT_EQ(e.error.message, "'x' is undefined");
  }
}

TEST(OpsArith, HugeResultsFailFastWithLimit) {
  FakeCallContext ctx;
  // 2 ** 10**9 and 'a' * 10**9 are refused before anything is computed or allocated.
  try {
    apply_binary(ctx, BinaryOp::kPow, Value::integer(2), Value::integer(1000000000));
    FAIL() << "no error";
  } catch (const TemplateError& e) {
    EXPECT_EQ(e.error.kind, ErrorKind::kLimit);
  }
  try {
    apply_binary(ctx, BinaryOp::kMul, Value::string("a"), Value::integer(1000000000));
    FAIL() << "no error";
  } catch (const TemplateError& e) {
    EXPECT_EQ(e.error.kind, ErrorKind::kLimit);
  }
  try {
    apply_binary(ctx, BinaryOp::kMul, Value::list({Value::integer(1)}), big("100000000000000000000"));
    FAIL() << "no error";
  } catch (const TemplateError& e) {
    EXPECT_EQ(e.error.kind, ErrorKind::kLimit);
  }
  try {
    apply_binary(ctx, BinaryOp::kPow, Value::integer(3), big("100000000000000000000"));
    FAIL() << "no error";
  } catch (const TemplateError& e) {
    EXPECT_EQ(e.error.kind, ErrorKind::kLimit);
  }
  // Even with fuel and value size unlimited, integers past 2**20 bits are refused.
  FakeCallContext unlimited;
  unlimited.limit_values.fuel = 0;
  unlimited.limit_values.max_value_bytes = UINT64_MAX;
  try {
    apply_binary(unlimited, BinaryOp::kPow, Value::integer(2), Value::integer(500000000));
    FAIL() << "no error";
  } catch (const TemplateError& e) {
    EXPECT_EQ(e.error.kind, ErrorKind::kLimit);
  }
  EXPECT_EQ(apply_binary(unlimited, BinaryOp::kPow, Value::integer(2), Value::integer(1000000))
                .as_big_int()
                .bit_length(),
            1000001u);
  // Trivial bases stay cheap whatever the exponent.
  EXPECT_EQ(apply_binary(ctx, BinaryOp::kPow, Value::integer(1), big("100000000000000000000")).str(), "1");
  EXPECT_EQ(apply_binary(ctx, BinaryOp::kPow, Value::integer(-1), big("100000000000000000001")).str(), "-1");
}

TEST(OpsArith, Tilde) {
  FakeCallContext ctx;
  auto tilde = [&](const Value& a, const Value& b) {
    Value r = apply_binary(ctx, BinaryOp::kConcat, a, b);
    return (r.is_safe() ? "@" : "") + r.str();
  };
  EXPECT_EQ(tilde(Value::integer(1), Value::none()), "1None");
  EXPECT_EQ(tilde(Value::undefined("x"), Value::boolean(true)), "True");
  EXPECT_EQ(tilde(Value::integer(1), Value::floating(2.0)), "12.0");
  // Autoescape off: plain concatenation, Markup is not special.
  EXPECT_EQ(tilde(Value::safe_string("<b>"), Value::string("<i>")), "<b><i>");
  ctx.autoescape_on = true;
  EXPECT_EQ(tilde(Value::safe_string("<b>"), Value::string("<i>")), "@<b>&lt;i&gt;");
  EXPECT_EQ(tilde(Value::string("<i>"), Value::safe_string("<b>")), "@&lt;i&gt;<b>");
  EXPECT_EQ(tilde(Value::string("<i>"), Value::string("<b>")), "<i><b>");
  ctx.policy = UndefinedPolicy::kStrict;
  EXPECT_THROW(tilde(Value::undefined("x"), Value::integer(1)), TemplateError);
}

TEST(OpsArith, Unary) {
  FakeCallContext ctx;
  EXPECT_EQ(apply_negate(ctx, Value::boolean(true)).str(), "-1");
  EXPECT_EQ(apply_negate(ctx, Value::integer(INT64_MIN)).str(), "9223372036854775808");
  EXPECT_EQ(apply_negate(ctx, Value::floating(0.0)).str(), "-0.0");
  EXPECT_EQ(apply_negate(ctx, big("-9223372036854775808")).str(), "9223372036854775808");
  EXPECT_EQ(apply_positive(ctx, Value::boolean(true)).str(), "1");
  EXPECT_EQ(apply_positive(ctx, Value::floating(-1.5)).str(), "-1.5");
  try {
    apply_negate(ctx, Value::string("a"));
    FAIL() << "no error";
  } catch (const TemplateError& e) {
    EXPECT_EQ(e.error.message, "bad operand type for unary -: 'str'");
  }
  try {
    apply_positive(ctx, Value::none());
    FAIL() << "no error";
  } catch (const TemplateError& e) {
    EXPECT_EQ(e.error.message, "bad operand type for unary +: 'NoneType'");
  }
}

}  // namespace
}  // namespace docforge
