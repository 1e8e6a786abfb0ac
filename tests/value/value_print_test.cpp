// str()/repr() against Python 3 (expected strings generated with python3).

#include <gtest/gtest.h>

#include <limits>
#include <string>

#include "docforge/value.h"

namespace docforge {
namespace {

struct FloatCase {
  double value;
  const char* repr;
};

constexpr FloatCase kFloatCases[] = {
#include "value/float_cases.inc"
};

std::string float_repr(double d) {
  std::string out;
  append_python_float(out, d);
  return out;
}

TEST(ValuePrint, FloatsMatchPythonRepr) {
  for (const FloatCase& c : kFloatCases) {
    EXPECT_EQ(float_repr(c.value), c.repr) << std::hexfloat << c.value;
  }
}

TEST(ValuePrint, FloatSpecials) {
  EXPECT_EQ(float_repr(std::numeric_limits<double>::infinity()), "inf");
  EXPECT_EQ(float_repr(-std::numeric_limits<double>::infinity()), "-inf");
  EXPECT_EQ(float_repr(std::numeric_limits<double>::quiet_NaN()), "nan");
  EXPECT_EQ(Value::floating(1.0).str(), "1.0");
  EXPECT_EQ(Value::floating(0.1 + 0.2).str(), "0.30000000000000004");
  EXPECT_EQ(Value::floating(1e16).str(), "1e+16");
  EXPECT_EQ(Value::floating(1e-5).str(), "1e-05");
  EXPECT_EQ(Value::floating(1.5e300).str(), "1.5e+300");
  EXPECT_EQ(Value::floating(123456789.0).str(), "123456789.0");
}

TEST(ValuePrint, Scalars) {
  EXPECT_EQ(Value::none().str(), "None");
  EXPECT_EQ(Value::boolean(true).str(), "True");
  EXPECT_EQ(Value::boolean(false).str(), "False");
  EXPECT_EQ(Value::integer(0).str(), "0");
  EXPECT_EQ(Value::integer(-42).str(), "-42");
  EXPECT_EQ(Value::integer(std::numeric_limits<std::int64_t>::min()).str(), "-9223372036854775808");
  EXPECT_EQ(Value::string("it's").str(), "it's");
  EXPECT_EQ(Value().str(), "");
  EXPECT_EQ(Value().repr(), "Undefined");
  EXPECT_EQ(Value::undefined("x").str(), "");
  EXPECT_EQ(Value::undefined("x").repr(), "Undefined");
  BigInt b;
  ASSERT_TRUE(BigInt::parse("123456789012345678901234567890", &b));
  EXPECT_EQ(Value::big_integer(b).str(), "123456789012345678901234567890");
}

TEST(ValuePrint, StringRepr) {
  // python3: repr(s) for each.
  EXPECT_EQ(Value::string("a").repr(), "'a'");
  EXPECT_EQ(Value::string("it's").repr(), "\"it's\"");
  EXPECT_EQ(Value::string("say \"hi\"").repr(), "'say \"hi\"'");
  EXPECT_EQ(Value::string("both ' and \"").repr(), "'both \\' and \"'");
  EXPECT_EQ(Value::string("back\\slash").repr(), "'back\\\\slash'");
  EXPECT_EQ(Value::string("a\nb\tc\rd").repr(), "'a\\nb\\tc\\rd'");
  EXPECT_EQ(Value::string(std::string("\x00\x01\x1f\x7f", 4)).repr(), "'\\x00\\x01\\x1f\\x7f'");
  EXPECT_EQ(Value::string("é").repr(), "'é'");
  EXPECT_EQ(Value::string("日本").repr(), "'日本'");
  EXPECT_EQ(Value::string("😀").repr(), "'😀'");
  EXPECT_EQ(Value::string("\u0085").repr(), "'\\x85'");            // C1 control
  EXPECT_EQ(Value::string("\u00a0").repr(), "'\\xa0'");            // no-break space
  EXPECT_EQ(Value::string("\u200b").repr(), "'\\u200b'");          // zero width space (Cf)
  EXPECT_EQ(Value::string("\u2028").repr(), "'\\u2028'");          // line separator
  EXPECT_EQ(Value::string("\U000e0001").repr(), "'\\U000e0001'");  // language tag (Cf)
  EXPECT_EQ(Value::string("\U0010ffff").repr(), "'\\U0010ffff'");  // unassigned
  EXPECT_EQ(Value::string("").repr(), "''");
}

TEST(ValuePrint, Containers) {
  Value l = Value::list({Value::integer(1), Value::string("a"), Value::none()});
  EXPECT_EQ(l.str(), "[1, 'a', None]");
  EXPECT_EQ(Value::list().str(), "[]");
  EXPECT_EQ(Value::tuple({}).str(), "()");
  EXPECT_EQ(Value::tuple({Value::integer(1)}).str(), "(1,)");
  EXPECT_EQ(Value::tuple({Value::integer(1), Value::integer(2)}).str(), "(1, 2)");
  Map m;
  m.set("a", Value::integer(1));
  m.set(Value::integer(2), Value::list({Value::integer(3)}));
  EXPECT_EQ(Value::map(std::move(m)).str(), "{'a': 1, 2: [3]}");
  EXPECT_EQ(Value::map().str(), "{}");
  Value nested = Value::list({Value::safe_string("x"), Value::floating(1.0), Value::boolean(true),
                              Value(), Value::tuple({Value::string("it's")})});
  EXPECT_EQ(nested.str(), "[Markup('x'), 1.0, True, Undefined, (\"it's\",)]");
  EXPECT_EQ(Value::safe_string("<b>").str(), "<b>");
  EXPECT_EQ(Value::safe_string("<b>").repr(), "Markup('<b>')");
}

TEST(ValuePrint, SelfContainingContainersPrintEllipsis) {
  // python3: l = [1]; l.append(l); d = {}; d['d'] = d; t = ([],); t[0].append(t)
  //          repr(l) == '[1, [...]]', repr(d) == "{'d': {...}}", repr(t) == '([(...)],)'
  Value l = Value::list({Value::integer(1)});
  l.list_mut().push_back(l);
  EXPECT_EQ(l.str(), "[1, [...]]");
  l.list_mut().clear();  // break the cycle so nothing leaks

  Value d = Value::map();
  d.map_mut().set("d", d);
  EXPECT_EQ(d.str(), "{'d': {...}}");
  d.map_mut() = Map();

  Value inner = Value::list();
  Value t = Value::tuple({inner});
  inner.list_mut().push_back(t);
  EXPECT_EQ(t.str(), "([(...)],)");
  inner.list_mut().clear();

  // Deep but acyclic nesting repeats nothing.
  Value shared = Value::list({Value::integer(7)});
  Value deep = Value::list({shared, shared});
  for (int i = 0; i < 20; ++i) deep = Value::list({deep});
  EXPECT_EQ(deep.str(), std::string(21, '[') + "[7], [7]" + std::string(21, ']'));
}

}  // namespace
}  // namespace docforge
