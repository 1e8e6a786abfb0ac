// Python's printf-style `fmt % args` (python_percent_format): expected strings were produced by
// python3, including Markup format strings (arguments escaped, result Markup).
#include <gtest/gtest.h>

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

struct PercentCase {
  Value fmt;
  Value args;
  const char* expected;
};

// Generated from python3 3.11.7: "!" + message for errors, "@" + text for Markup results.
const PercentCase kPercentCases[] = {
    {Value::string("%s"), Value::integer(1LL), "1"},
    {Value::string("%s"), Value::string("\xc3""\xa9"""), "\xc3""\xa9"""},
    {Value::string("%s"), Value::none(), "None"},
    {Value::string("%s"), Value::boolean(true), "True"},
    {Value::string("%s"), Value::list({Value::integer(1LL), Value::string("a")}), "[1, 'a']"},
    {Value::string("%s"), Value::tuple({Value::integer(1LL)}), "1"},
    {Value::string("%s %s"), Value::tuple({Value::integer(1LL), Value::integer(2LL)}), "1 2"},
    {Value::string("%r"), Value::string("a"), "'a'"},
    {Value::string("%r"), Value::list({Value::integer(1LL)}), "[1]"},
    {Value::string("%a"), Value::string("\xc3""\xa9"""), "'\\xe9'"},
    {Value::string("%d"), Value::floating(3.9), "3"},
    {Value::string("%d"), Value::floating(-3.9), "-3"},
    {Value::string("%d"), Value::boolean(true), "1"},
    {Value::string("%i"), big("1000000000000000000000000000000"), "1000000000000000000000000000000"},
    {Value::string("%u"), Value::integer(5LL), "5"},
    {Value::string("%d"), Value::floating(1e+30), "1000000000000000019884624838656"},
    {Value::string("%5d|%-5d|%05d"), Value::tuple({Value::integer(42LL), Value::integer(42LL), Value::integer(42LL)}), "   42|42   |00042"},
    {Value::string("%+d % d %+d"), Value::tuple({Value::integer(5LL), Value::integer(5LL), Value::integer(-5LL)}), "+5  5 -5"},
    {Value::string("%.3d"), Value::integer(5LL), "005"},
    {Value::string("%x %X %o"), Value::tuple({Value::integer(255LL), Value::integer(255LL), Value::integer(8LL)}), "ff FF 10"},
    {Value::string("%#x %#X %#o"), Value::tuple({Value::integer(255LL), Value::integer(255LL), Value::integer(8LL)}), "0xff 0XFF 0o10"},
    {Value::string("%x"), Value::integer(-255LL), "-ff"},
    {Value::string("%x"), big("1180591620717411303424"), "400000000000000000"},
    {Value::string("%#010x"), Value::integer(255LL), "0x000000ff"},
    {Value::string("%-#10o|"), Value::integer(8LL), "0o10      |"},
    {Value::string("%f"), Value::floating(1.5), "1.500000"},
    {Value::string("%.2f"), Value::floating(2.675), "2.67"},
    {Value::string("%.0f"), Value::floating(0.5), "0"},
    {Value::string("%.0f"), Value::floating(1.5), "2"},
    {Value::string("%e"), Value::floating(12345.678), "1.234568e+04"},
    {Value::string("%E"), Value::floating(0.000123), "1.230000E-04"},
    {Value::string("%g"), Value::floating(1e-05), "1e-05"},
    {Value::string("%g"), Value::integer(123456789LL), "1.23457e+08"},
    {Value::string("%G"), Value::floating(1e-10), "1E-10"},
    {Value::string("%#g"), Value::floating(1.0), "1.00000"},
    {Value::string("%#.3g"), Value::integer(1LL), "1.00"},
    {Value::string("%10.3f|"), Value::floating(-3.14159), "    -3.142|"},
    {Value::string("%-10.3f|"), Value::floating(3.14159), "3.142     |"},
    {Value::string("%+.1e"), Value::floating(1234.5), "+1.2e+03"},
    {Value::string("%010.3e"), Value::floating(-1.5), "-1.500e+00"},
    {Value::string("%f"), Value::floating(INFINITY), "inf"},
    {Value::string("%05f"), Value::floating(-INFINITY), "-0inf"},
    {Value::string("%F"), Value::floating(NAN), "NAN"},
    {Value::string("%f"), Value::floating(NAN), "nan"},
    {Value::string("%f"), Value::integer(10LL), "10.000000"},
    {Value::string("%.2f"), big("1180591620717411303424"), "1180591620717411303424.00"},
    {Value::string("%s%%"), Value::integer(5LL), "5%"},
    {Value::string("%c"), Value::integer(65LL), "A"},
    {Value::string("%c"), Value::string("\xc3""\xa9"""), "\xc3""\xa9"""},
    {Value::string("%c"), Value::integer(233LL), "\xc3""\xa9"""},
    {Value::string("%5s|%-5s|"), Value::tuple({Value::string("ab"), Value::string("cd")}), "   ab|cd   |"},
    {Value::string("%.2s"), Value::string("h\xc3""\xa9""llo"), "h\xc3""\xa9"""},
    {Value::string("%5s|"), Value::string("\xc3""\xa9"""), "    \xc3""\xa9""|"},
    {Value::string("%05s"), Value::string("a"), "    a"},
    {Value::string("%*d"), Value::tuple({Value::integer(5LL), Value::integer(42LL)}), "   42"},
    {Value::string("%-*d|"), Value::tuple({Value::integer(5LL), Value::integer(42LL)}), "42   |"},
    {Value::string("%*d|"), Value::tuple({Value::integer(-5LL), Value::integer(42LL)}), "42   |"},
    {Value::string("%.*f"), Value::tuple({Value::integer(2LL), Value::floating(3.14159)}), "3.14"},
    {Value::string("%(a)s-%(b)d"), dict_of({{Value::string("a"), Value::string("x")}, {Value::string("b"), Value::integer(3LL)}}), "x-3"},
    {Value::string("%(a)s %(a)r"), dict_of({{Value::string("a"), Value::string("x")}}), "x 'x'"},
    {Value::string("x"), dict_of({{Value::string("a"), Value::integer(1LL)}}), "x"},
    {Value::string("%s"), dict_of({{Value::string("a"), Value::integer(1LL)}}), "{'a': 1}"},
    {Value::string("%s"), Value::list({Value::integer(1LL)}), "[1]"},
    {Value::string("abc"), Value::tuple({}), "abc"},
    {Value::string("%ld %hd %Ld"), Value::tuple({Value::integer(1LL), Value::integer(2LL), Value::integer(3LL)}), "1 2 3"},
    {Value::string("%.3s|%5.1s|"), Value::tuple({Value::string("abcdef"), Value::string("xyz")}), "abc|    x|"},
    {Value::string("%g"), Value::integer(100000LL), "100000"},
    {Value::string("%g"), Value::integer(1000000LL), "1e+06"},
    {Value::string("%.10g"), Value::floating(0.3333333333333333), "0.3333333333"},
    {Value::string("%s %s"), Value::integer(1LL), "!not enough arguments for format string"},
    {Value::string("%s"), Value::tuple({Value::integer(1LL), Value::integer(2LL)}), "!not all arguments converted during string formatting"},
    {Value::string("abc"), Value::integer(5LL), "!not all arguments converted during string formatting"},
    {Value::string("%d"), Value::string("x"), "!%d format: a real number is required, not str"},
    {Value::string("%x"), Value::floating(1.5), "!%x format: an integer is required, not float"},
    {Value::string("%f"), Value::string("x"), "!must be real number, not str"},
    {Value::string("%c"), Value::string("ab"), "!%c requires int or char"},
    {Value::string("%c"), Value::floating(1.5), "!%c requires int or char"},
    {Value::string("%y"), Value::integer(1LL), "!unsupported format character 'y' (0x79) at index 1"},
    {Value::string("%"), Value::integer(1LL), "!incomplete format"},
    {Value::string("%(a)s"), Value::integer(1LL), "!format requires a mapping"},
    {Value::string("%*d"), Value::tuple({Value::string("x"), Value::integer(1LL)}), "!* wants int"},
    {Value::string("%c"), Value::integer(1114112LL), "!%c arg not in range(0x110000)"},
    {Value::string("%d"), Value::floating(INFINITY), "!cannot convert float infinity to integer"},
    {Value::string("%d"), Value::floating(NAN), "!cannot convert float NaN to integer"},
    {Value::string("%(a)s"), Value::list({Value::integer(1LL)}), "!list indices must be integers or slices, not str"},
    {Value::string("%s %s"), Value::list({Value::integer(1LL)}), "!not enough arguments for format string"},
    {Value::string("%(a)s %s"), dict_of({{Value::string("a"), Value::integer(1LL)}}), "!not enough arguments for format string"},
    {Value::string("%(b)s"), dict_of({{Value::string("a"), Value::integer(1LL)}}), "!'b'"},
    {Value::string("%(a"), dict_of({{Value::string("a"), Value::integer(1LL)}}), "!incomplete format key"},
    {Value::string("%d"), Value::none(), "!%d format: a real number is required, not NoneType"},
    {Value::string("%s \xc3""\xa9"" %s"), Value::tuple({Value::string("\xc3""\xa0"""), Value::string("\xc3""\xbc""")}), "\xc3""\xa0"" \xc3""\xa9"" \xc3""\xbc"""},
    {Value::string("%\xc3""\xa9""x"), Value::integer(1LL), "!unsupported format character '?' (0xe9) at index 1"},
    {Value::string("%.1f%%"), Value::floating(99.5), "99.5%"},
    {Value::string("%3c|"), Value::string("x"), "  x|"},
    {Value::string("%-3c|"), Value::integer(66LL), "B  |"},
    {Value::string("%+5s"), Value::string("a"), "    a"},
    {Value::string("% 5d"), Value::integer(42LL), "   42"},
    {Value::string("%#5x"), Value::integer(0LL), "  0x0"},
    {Value::string("%.0e"), Value::integer(12345LL), "1e+04"},
    {Value::string("%#.0e"), Value::integer(12345LL), "1.e+04"},
    {Value::string("%#.0f"), Value::integer(3LL), "3."},
    {Value::string("%08.3f"), Value::floating(3.14159), "0003.142"},
    {Value::string("%-08.3f|"), Value::floating(3.14159), "3.142   |"},
    {Value::safe_string("<b>%s</b>"), Value::string("<i>"), "@<b>&lt;i&gt;</b>"},
    {Value::safe_string("<b>%s</b>"), Value::safe_string("<i>"), "@<b><i></b>"},
    {Value::safe_string("%r"), Value::string("<"), "@&#39;&lt;&#39;"},
    {Value::safe_string("%d|%s"), Value::tuple({Value::integer(3LL), Value::string("&")}), "@3|&amp;"},
    {Value::safe_string("%(a)s"), dict_of({{Value::string("a"), Value::string("<")}}), "@&lt;"},
    {Value::safe_string("%c"), Value::string("<"), "!%c requires int or char"},
    {Value::safe_string("%c"), Value::integer(65LL), "!%c requires int or char"},
    {Value::safe_string("%x"), Value::integer(65LL), "!%x format: an integer is required, not _MarkupEscapeHelper"},
    {Value::safe_string("%d|%f"), Value::tuple({Value::string("12"), Value::string("1.5")}), "@12|1.500000"},
    {Value::safe_string("%d"), Value::string("a"), "!invalid literal for int() with base 10: 'a'"},
    {Value::safe_string("%f"), Value::string("a"), "!could not convert string to float: 'a'"},
};

TEST(FormatPercent, MatchesPython) {
  FakeCallContext ctx;
  for (const PercentCase& c : kPercentCases) {
    std::string got;
    try {
      Value r = python_percent_format(ctx, c.fmt, c.args);
      got = (r.is_safe() ? "@" : "") + r.str();
    } catch (const TemplateError& e) {
      got = "!" + e.error.message;
    }
    EXPECT_EQ(got, c.expected) << c.fmt.repr() << " % " << c.args.repr();
  }
}

TEST(FormatPercent, ModOperatorOnStrings) {
  FakeCallContext ctx;
  Value r = apply_binary(ctx, BinaryOp::kMod, Value::string("%s-%s"),
                         Value::tuple({Value::integer(1), Value::string("a")}));
  EXPECT_EQ(r.str(), "1-a");
}

TEST(FormatPercent, UndefinedArguments) {
  FakeCallContext ctx;
  // Jinja2: "%s" % undefined is "" (str of Undefined); numeric conversions fail as undefined.
  Value r = apply_binary(ctx, BinaryOp::kMod, Value::string("[%s]"), Value::undefined("x"));
  EXPECT_EQ(r.str(), "[]");
  try {
    apply_binary(ctx, BinaryOp::kMod, Value::string("%d"), Value::undefined("x"));
    FAIL() << "no error";
  } catch (const TemplateError& e) {
    EXPECT_EQ(e.error.kind, ErrorKind::kUndefined);
  }
  ctx.policy = UndefinedPolicy::kStrict;
  EXPECT_THROW(apply_binary(ctx, BinaryOp::kMod, Value::string("%s"), Value::undefined("x")),
               TemplateError);
}

TEST(FormatPercent, HugeWidthIsALimitError) {
  FakeCallContext ctx;
  try {
    python_percent_format(ctx, Value::string("%999999999d"), Value::integer(1));
    FAIL() << "no error";
  } catch (const TemplateError& e) {
    EXPECT_EQ(e.error.kind, ErrorKind::kLimit);
  }
}

}  // namespace
}  // namespace docforge
