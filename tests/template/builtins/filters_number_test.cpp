// Number and markup filters against python3 jinja2 3.1 (expected strings were produced by
// rendering `{{ v|filter(*a, **k) }}` with jinja2; "ERR" marks calls jinja2 rejects).

#include <cmath>

#include <gtest/gtest.h>

#include "template/builtins/fake_call_context.h"

namespace docforge {
namespace {

using namespace fake;  // NOLINT: test-local value constructors

TEST(FiltersNumber, MatchJinja2) {
  EXPECT_EQ(RunF("abs", I(-3LL), {}, {}, 0), "3");
  EXPECT_EQ(RunF("abs", D(-2.5), {}, {}, 0), "2.5");
  EXPECT_EQ(RunF("abs", B(true), {}, {}, 0), "1");
  EXPECT_EQ(RunF("abs", S("x"), {}, {}, 0), "ERR");
  EXPECT_EQ(RunF("abs", I(INT64_MIN), {}, {}, 0), "9223372036854775808");
  EXPECT_EQ(RunF("abs", Big("-1180591620717411303424"), {}, {}, 0), "1180591620717411303424");
  EXPECT_EQ(RunF("abs", Und("x"), {}, {}, 0), "ERR");
  EXPECT_EQ(RunF("int", S("42"), {}, {}, 0), "42");
  EXPECT_EQ(RunF("int", S("3.5"), {}, {}, 0), "3");
  EXPECT_EQ(RunF("int", S("0x1A"), {}, {{"base", I(16LL)}}, 0), "26");
  EXPECT_EQ(RunF("int", S("1A"), {}, {{"base", I(16LL)}}, 0), "26");
  EXPECT_EQ(RunF("int", S("0b101"), {I(0LL), I(2LL)}, {}, 0), "5");
  EXPECT_EQ(RunF("int", S("0o17"), {I(0LL), I(0LL)}, {}, 0), "15");
  EXPECT_EQ(RunF("int", S("017"), {I(0LL), I(0LL)}, {}, 0), "17");
  EXPECT_EQ(RunF("int", S("  12  "), {}, {}, 0), "12");
  EXPECT_EQ(RunF("int", S("1_000"), {}, {}, 0), "1000");
  EXPECT_EQ(RunF("int", S("_1"), {}, {}, 0), "0");
  EXPECT_EQ(RunF("int", S("abc"), {}, {}, 0), "0");
  EXPECT_EQ(RunF("int", S("abc"), {I(7LL)}, {}, 0), "7");
  EXPECT_EQ(RunF("int", D(3.99), {}, {}, 0), "3");
  EXPECT_EQ(RunF("int", D(-3.99), {}, {}, 0), "-3");
  EXPECT_EQ(RunF("int", B(true), {}, {}, 0), "1");
  EXPECT_EQ(RunF("int", N(), {}, {}, 0), "0");
  EXPECT_EQ(RunF("int", L({I(1LL)}), {}, {}, 0), "0");
  EXPECT_EQ(RunF("int", S("1e3"), {}, {}, 0), "1000");
  EXPECT_EQ(RunF("int", S("99999999999999999999"), {}, {}, 0), "99999999999999999999");
  EXPECT_EQ(RunF("int", D(1e+20), {}, {}, 0), "100000000000000000000");
  EXPECT_EQ(RunF("int", S("nan"), {}, {}, 0), "0");
  EXPECT_EQ(RunF("int", S("-7"), {}, {}, 0), "-7");
  EXPECT_EQ(RunF("int", S("+7"), {}, {}, 0), "7");
  EXPECT_EQ(RunF("int", S("1.5e300"), {}, {}, 0), "1500000000000000078757140382806630373056702871662238732373781173267703686983362293679557062620671796065556665749325817265413784853040645863467188277180060474272580801389863705606745350692182135089053429852456199917621678558451461320111979114170213741868888183230085264257173504208294580298189100810240");
  EXPECT_EQ(RunF("int", Und("x"), {}, {}, 0), "ERR undefined");
  EXPECT_EQ(RunF("int", S("12"), {I(0LL), I(36LL)}, {}, 0), "38");
  EXPECT_EQ(RunF("int", S("zz"), {I(0LL), I(36LL)}, {}, 0), "1295");
  EXPECT_EQ(RunF("int", S(".5"), {}, {}, 0), "0");
  EXPECT_EQ(RunF("int", S("5."), {}, {}, 0), "5");
  EXPECT_EQ(RunF("int", S("1__0"), {}, {}, 0), "0");
  EXPECT_EQ(RunF("float", S("3.5"), {}, {}, 0), "3.5");
  EXPECT_EQ(RunF("float", S("  -1e3 "), {}, {}, 0), "-1000.0");
  EXPECT_EQ(RunF("float", S("abc"), {}, {}, 0), "0.0");
  EXPECT_EQ(RunF("float", S("abc"), {D(1.5)}, {}, 0), "1.5");
  EXPECT_EQ(RunF("float", I(3LL), {}, {}, 0), "3.0");
  EXPECT_EQ(RunF("float", S("inf"), {}, {}, 0), "inf");
  EXPECT_EQ(RunF("float", S("-Infinity"), {}, {}, 0), "-inf");
  EXPECT_EQ(RunF("float", S("nan"), {}, {}, 0), "nan");
  EXPECT_EQ(RunF("float", N(), {}, {}, 0), "0.0");
  EXPECT_EQ(RunF("float", S("1_0.5"), {}, {}, 0), "10.5");
  EXPECT_EQ(RunF("float", S("0x10"), {}, {}, 0), "0.0");
  EXPECT_EQ(RunF("float", B(true), {}, {}, 0), "1.0");
  EXPECT_EQ(RunF("round", D(3.14159), {}, {}, 0), "3.0");
  EXPECT_EQ(RunF("round", D(3.14159), {I(2LL)}, {}, 0), "3.14");
  EXPECT_EQ(RunF("round", D(2.5), {}, {}, 0), "2.0");
  EXPECT_EQ(RunF("round", D(3.5), {}, {}, 0), "4.0");
  EXPECT_EQ(RunF("round", D(27099.605), {I(2LL)}, {}, 0), "27099.6");
  EXPECT_EQ(RunF("round", D(2.675), {I(2LL)}, {}, 0), "2.67");
  EXPECT_EQ(RunF("round", I(3LL), {}, {}, 0), "3");
  EXPECT_EQ(RunF("round", I(3LL), {I(2LL)}, {}, 0), "3");
  EXPECT_EQ(RunF("round", D(3.14159), {I(2LL), S("ceil")}, {}, 0), "3.15");
  EXPECT_EQ(RunF("round", D(3.14159), {I(2LL), S("floor")}, {}, 0), "3.14");
  EXPECT_EQ(RunF("round", D(-3.14159), {I(1LL), S("floor")}, {}, 0), "-3.2");
  EXPECT_EQ(RunF("round", I(3LL), {I(0LL), S("ceil")}, {}, 0), "3.0");
  EXPECT_EQ(RunF("round", D(1234.5678), {I(-2LL)}, {}, 0), "1200.0");
  EXPECT_EQ(RunF("round", I(1250LL), {I(-2LL)}, {}, 0), "1200");
  EXPECT_EQ(RunF("round", I(1350LL), {I(-2LL)}, {}, 0), "1400");
  EXPECT_EQ(RunF("round", D(1250.0), {I(-2LL)}, {}, 0), "1200.0");
  EXPECT_EQ(RunF("round", D(1251.0), {I(-2LL)}, {}, 0), "1300.0");
  EXPECT_EQ(RunF("round", I(-1250LL), {I(-2LL)}, {}, 0), "-1200");
  EXPECT_EQ(RunF("round", D(3.1), {I(0LL), S("bogus")}, {}, 0), "ERR");
  EXPECT_EQ(RunF("round", S("x"), {}, {}, 0), "ERR");
  EXPECT_EQ(RunF("round", B(true), {}, {}, 0), "1");
  EXPECT_EQ(RunF("round", D(0.5), {}, {}, 0), "0.0");
  EXPECT_EQ(RunF("round", D(1.5), {}, {}, 0), "2.0");
  EXPECT_EQ(RunF("round", D(-0.5), {}, {}, 0), "-0.0");
  EXPECT_EQ(RunF("round", D(1e+300), {I(2LL)}, {}, 0), "1e+300");
  EXPECT_EQ(RunF("round", D(0.30000000000000004), {I(15LL)}, {}, 0), "0.3");
  EXPECT_EQ(RunF("round", D(5.55), {I(1LL)}, {}, 0), "5.5");
  EXPECT_EQ(RunF("round", D(123.456), {I(-1LL), S("ceil")}, {}, 0), "130.0");
  EXPECT_EQ(RunF("filesizeformat", I(0LL), {}, {}, 0), "0 Bytes");
  EXPECT_EQ(RunF("filesizeformat", I(1LL), {}, {}, 0), "1 Byte");
  EXPECT_EQ(RunF("filesizeformat", I(999LL), {}, {}, 0), "999 Bytes");
  EXPECT_EQ(RunF("filesizeformat", I(1000LL), {}, {}, 0), "1.0 kB");
  EXPECT_EQ(RunF("filesizeformat", I(1500LL), {}, {}, 0), "1.5 kB");
  EXPECT_EQ(RunF("filesizeformat", I(1234567LL), {}, {}, 0), "1.2 MB");
  EXPECT_EQ(RunF("filesizeformat", I(1024LL), {B(true)}, {}, 0), "1.0 KiB");
  EXPECT_EQ(RunF("filesizeformat", Big("1000000000000000000000000000000"), {}, {}, 0), "1000000.0 YB");
  EXPECT_EQ(RunF("filesizeformat", D(1.5), {}, {}, 0), "1 Bytes");
  EXPECT_EQ(RunF("filesizeformat", S("2048"), {B(true)}, {}, 0), "2.0 KiB");
  EXPECT_EQ(RunF("filesizeformat", I(-5LL), {}, {}, 0), "-5 Bytes");
  EXPECT_EQ(RunF("filesizeformat", S("x"), {}, {}, 0), "ERR");
  EXPECT_EQ(RunF("filesizeformat", I(123456789012LL), {}, {}, 0), "123.5 GB");
  EXPECT_EQ(RunF("filesizeformat", I(1048576LL), {B(true)}, {}, 0), "1.0 MiB");
  EXPECT_EQ(RunF("filesizeformat", I(999999LL), {}, {}, 0), "1000.0 kB");
  EXPECT_EQ(RunF("filesizeformat", Big("1000000000000000000000000000"), {}, {}, 0), "1000.0 YB");
}

// Python int()/float() string syntax: underscores, prefixes, Unicode digits, inf/nan.
TEST(FiltersNumber, IntAndFloatParsing) {
  EXPECT_EQ(RunF("int", S("0"), {}, {}, 0), "0");
  EXPECT_EQ(RunF("int", S("0"), {I(0LL), I(16LL)}, {}, 0), "0");
  EXPECT_EQ(RunF("int", S("0"), {I(0LL), I(0LL)}, {}, 0), "0");
  EXPECT_EQ(RunF("float", S("0"), {}, {}, 0), "0.0");
  EXPECT_EQ(RunF("int", S("00"), {}, {}, 0), "0");
  EXPECT_EQ(RunF("int", S("00"), {I(0LL), I(16LL)}, {}, 0), "0");
  EXPECT_EQ(RunF("int", S("00"), {I(0LL), I(0LL)}, {}, 0), "0");
  EXPECT_EQ(RunF("float", S("00"), {}, {}, 0), "0.0");
  EXPECT_EQ(RunF("int", S("-0"), {}, {}, 0), "0");
  EXPECT_EQ(RunF("int", S("-0"), {I(0LL), I(16LL)}, {}, 0), "0");
  EXPECT_EQ(RunF("int", S("-0"), {I(0LL), I(0LL)}, {}, 0), "0");
  EXPECT_EQ(RunF("float", S("-0"), {}, {}, 0), "-0.0");
  EXPECT_EQ(RunF("int", S("1_2_3"), {}, {}, 0), "123");
  EXPECT_EQ(RunF("int", S("1_2_3"), {I(0LL), I(16LL)}, {}, 0), "291");
  EXPECT_EQ(RunF("int", S("1_2_3"), {I(0LL), I(0LL)}, {}, 0), "123");
  EXPECT_EQ(RunF("float", S("1_2_3"), {}, {}, 0), "123.0");
  EXPECT_EQ(RunF("int", S("0x_1f"), {}, {}, 0), "0");
  EXPECT_EQ(RunF("int", S("0x_1f"), {I(0LL), I(16LL)}, {}, 0), "31");
  EXPECT_EQ(RunF("int", S("0x_1f"), {I(0LL), I(0LL)}, {}, 0), "31");
  EXPECT_EQ(RunF("float", S("0x_1f"), {}, {}, 0), "0.0");
  EXPECT_EQ(RunF("int", S("0X1F"), {}, {}, 0), "0");
  EXPECT_EQ(RunF("int", S("0X1F"), {I(0LL), I(16LL)}, {}, 0), "31");
  EXPECT_EQ(RunF("int", S("0X1F"), {I(0LL), I(0LL)}, {}, 0), "31");
  EXPECT_EQ(RunF("float", S("0X1F"), {}, {}, 0), "0.0");
  EXPECT_EQ(RunF("int", S("1f"), {}, {}, 0), "0");
  EXPECT_EQ(RunF("int", S("1f"), {I(0LL), I(16LL)}, {}, 0), "31");
  EXPECT_EQ(RunF("int", S("1f"), {I(0LL), I(0LL)}, {}, 0), "0");
  EXPECT_EQ(RunF("float", S("1f"), {}, {}, 0), "0.0");
  EXPECT_EQ(RunF("int", S("  0b11  "), {}, {}, 0), "0");
  EXPECT_EQ(RunF("int", S("  0b11  "), {I(0LL), I(16LL)}, {}, 0), "2833");
  EXPECT_EQ(RunF("int", S("  0b11  "), {I(0LL), I(0LL)}, {}, 0), "3");
  EXPECT_EQ(RunF("float", S("  0b11  "), {}, {}, 0), "0.0");
  EXPECT_EQ(RunF("int", S("0b2"), {}, {}, 0), "0");
  EXPECT_EQ(RunF("int", S("0b2"), {I(0LL), I(16LL)}, {}, 0), "178");
  EXPECT_EQ(RunF("int", S("0b2"), {I(0LL), I(0LL)}, {}, 0), "0");
  EXPECT_EQ(RunF("float", S("0b2"), {}, {}, 0), "0.0");
  EXPECT_EQ(RunF("int", S("9999999999999999999999999"), {}, {}, 0), "9999999999999999999999999");
  EXPECT_EQ(RunF("int", S("9999999999999999999999999"), {I(0LL), I(16LL)}, {}, 0), "760590360136937640898021923225");
  EXPECT_EQ(RunF("int", S("9999999999999999999999999"), {I(0LL), I(0LL)}, {}, 0), "9999999999999999999999999");
  EXPECT_EQ(RunF("float", S("9999999999999999999999999"), {}, {}, 0), "1e+25");
  EXPECT_EQ(RunF("int", S("-9999999999999999999999999"), {}, {}, 0), "-9999999999999999999999999");
  EXPECT_EQ(RunF("int", S("-9999999999999999999999999"), {I(0LL), I(16LL)}, {}, 0), "-760590360136937640898021923225");
  EXPECT_EQ(RunF("int", S("-9999999999999999999999999"), {I(0LL), I(0LL)}, {}, 0), "-9999999999999999999999999");
  EXPECT_EQ(RunF("float", S("-9999999999999999999999999"), {}, {}, 0), "-1e+25");
  EXPECT_EQ(RunF("int", S("1e-3"), {}, {}, 0), "0");
  EXPECT_EQ(RunF("int", S("1e-3"), {I(0LL), I(16LL)}, {}, 0), "0");
  EXPECT_EQ(RunF("int", S("1e-3"), {I(0LL), I(0LL)}, {}, 0), "0");
  EXPECT_EQ(RunF("float", S("1e-3"), {}, {}, 0), "0.001");
  EXPECT_EQ(RunF("int", S("-1.5"), {}, {}, 0), "-1");
  EXPECT_EQ(RunF("int", S("-1.5"), {I(0LL), I(16LL)}, {}, 0), "-1");
  EXPECT_EQ(RunF("int", S("-1.5"), {I(0LL), I(0LL)}, {}, 0), "-1");
  EXPECT_EQ(RunF("float", S("-1.5"), {}, {}, 0), "-1.5");
  EXPECT_EQ(RunF("int", S("1.5e"), {}, {}, 0), "0");
  EXPECT_EQ(RunF("int", S("1.5e"), {I(0LL), I(16LL)}, {}, 0), "0");
  EXPECT_EQ(RunF("int", S("1.5e"), {I(0LL), I(0LL)}, {}, 0), "0");
  EXPECT_EQ(RunF("float", S("1.5e"), {}, {}, 0), "0.0");
  EXPECT_EQ(RunF("int", S("e5"), {}, {}, 0), "0");
  EXPECT_EQ(RunF("int", S("e5"), {I(0LL), I(16LL)}, {}, 0), "229");
  EXPECT_EQ(RunF("int", S("e5"), {I(0LL), I(0LL)}, {}, 0), "0");
  EXPECT_EQ(RunF("float", S("e5"), {}, {}, 0), "0.0");
  EXPECT_EQ(RunF("int", S("inf"), {}, {}, 0), "0");
  EXPECT_EQ(RunF("int", S("inf"), {I(0LL), I(16LL)}, {}, 0), "0");
  EXPECT_EQ(RunF("int", S("inf"), {I(0LL), I(0LL)}, {}, 0), "0");
  EXPECT_EQ(RunF("float", S("inf"), {}, {}, 0), "inf");
  EXPECT_EQ(RunF("int", S("-nan"), {}, {}, 0), "0");
  EXPECT_EQ(RunF("int", S("-nan"), {I(0LL), I(16LL)}, {}, 0), "0");
  EXPECT_EQ(RunF("int", S("-nan"), {I(0LL), I(0LL)}, {}, 0), "0");
  EXPECT_EQ(RunF("float", S("-nan"), {}, {}, 0), "nan");
  EXPECT_EQ(RunF("int", S("1_000.5"), {}, {}, 0), "1000");
  EXPECT_EQ(RunF("int", S("1_000.5"), {I(0LL), I(16LL)}, {}, 0), "1000");
  EXPECT_EQ(RunF("int", S("1_000.5"), {I(0LL), I(0LL)}, {}, 0), "1000");
  EXPECT_EQ(RunF("float", S("1_000.5"), {}, {}, 0), "1000.5");
  EXPECT_EQ(RunF("int", S("\331\241\331\242\331\243"), {}, {}, 0), "123");
  EXPECT_EQ(RunF("int", S("\331\241\331\242\331\243"), {I(0LL), I(16LL)}, {}, 0), "291");
  EXPECT_EQ(RunF("int", S("\331\241\331\242\331\243"), {I(0LL), I(0LL)}, {}, 0), "123");
  EXPECT_EQ(RunF("float", S("\331\241\331\242\331\243"), {}, {}, 0), "123.0");
}

// Python round() on the exact double, half to even, negative precision.
TEST(FiltersNumber, RoundIsExact) {
  EXPECT_EQ(RunF("round", D(0.5), {I(0LL)}, {}, 0), "0.0");
  EXPECT_EQ(RunF("round", D(0.5), {I(1LL)}, {}, 0), "0.5");
  EXPECT_EQ(RunF("round", D(0.5), {I(2LL)}, {}, 0), "0.5");
  EXPECT_EQ(RunF("round", D(0.5), {I(3LL)}, {}, 0), "0.5");
  EXPECT_EQ(RunF("round", D(0.5), {I(-1LL)}, {}, 0), "0.0");
  EXPECT_EQ(RunF("round", D(1.5), {I(0LL)}, {}, 0), "2.0");
  EXPECT_EQ(RunF("round", D(1.5), {I(1LL)}, {}, 0), "1.5");
  EXPECT_EQ(RunF("round", D(1.5), {I(2LL)}, {}, 0), "1.5");
  EXPECT_EQ(RunF("round", D(1.5), {I(3LL)}, {}, 0), "1.5");
  EXPECT_EQ(RunF("round", D(1.5), {I(-1LL)}, {}, 0), "0.0");
  EXPECT_EQ(RunF("round", D(2.5), {I(0LL)}, {}, 0), "2.0");
  EXPECT_EQ(RunF("round", D(2.5), {I(1LL)}, {}, 0), "2.5");
  EXPECT_EQ(RunF("round", D(2.5), {I(2LL)}, {}, 0), "2.5");
  EXPECT_EQ(RunF("round", D(2.5), {I(3LL)}, {}, 0), "2.5");
  EXPECT_EQ(RunF("round", D(2.5), {I(-1LL)}, {}, 0), "0.0");
  EXPECT_EQ(RunF("round", D(-2.5), {I(0LL)}, {}, 0), "-2.0");
  EXPECT_EQ(RunF("round", D(-2.5), {I(1LL)}, {}, 0), "-2.5");
  EXPECT_EQ(RunF("round", D(-2.5), {I(2LL)}, {}, 0), "-2.5");
  EXPECT_EQ(RunF("round", D(-2.5), {I(3LL)}, {}, 0), "-2.5");
  EXPECT_EQ(RunF("round", D(-2.5), {I(-1LL)}, {}, 0), "-0.0");
  EXPECT_EQ(RunF("round", D(0.125), {I(0LL)}, {}, 0), "0.0");
  EXPECT_EQ(RunF("round", D(0.125), {I(1LL)}, {}, 0), "0.1");
  EXPECT_EQ(RunF("round", D(0.125), {I(2LL)}, {}, 0), "0.12");
  EXPECT_EQ(RunF("round", D(0.125), {I(3LL)}, {}, 0), "0.125");
  EXPECT_EQ(RunF("round", D(0.125), {I(-1LL)}, {}, 0), "0.0");
  EXPECT_EQ(RunF("round", D(0.375), {I(0LL)}, {}, 0), "0.0");
  EXPECT_EQ(RunF("round", D(0.375), {I(1LL)}, {}, 0), "0.4");
  EXPECT_EQ(RunF("round", D(0.375), {I(2LL)}, {}, 0), "0.38");
  EXPECT_EQ(RunF("round", D(0.375), {I(3LL)}, {}, 0), "0.375");
  EXPECT_EQ(RunF("round", D(0.375), {I(-1LL)}, {}, 0), "0.0");
  EXPECT_EQ(RunF("round", D(1.005), {I(0LL)}, {}, 0), "1.0");
  EXPECT_EQ(RunF("round", D(1.005), {I(1LL)}, {}, 0), "1.0");
  EXPECT_EQ(RunF("round", D(1.005), {I(2LL)}, {}, 0), "1.0");
  EXPECT_EQ(RunF("round", D(1.005), {I(3LL)}, {}, 0), "1.005");
  EXPECT_EQ(RunF("round", D(1.005), {I(-1LL)}, {}, 0), "0.0");
  EXPECT_EQ(RunF("round", D(2.675), {I(0LL)}, {}, 0), "3.0");
  EXPECT_EQ(RunF("round", D(2.675), {I(1LL)}, {}, 0), "2.7");
  EXPECT_EQ(RunF("round", D(2.675), {I(2LL)}, {}, 0), "2.67");
  EXPECT_EQ(RunF("round", D(2.675), {I(3LL)}, {}, 0), "2.675");
  EXPECT_EQ(RunF("round", D(2.675), {I(-1LL)}, {}, 0), "0.0");
  EXPECT_EQ(RunF("round", D(1e-10), {I(0LL)}, {}, 0), "0.0");
  EXPECT_EQ(RunF("round", D(1e-10), {I(1LL)}, {}, 0), "0.0");
  EXPECT_EQ(RunF("round", D(1e-10), {I(2LL)}, {}, 0), "0.0");
  EXPECT_EQ(RunF("round", D(1e-10), {I(3LL)}, {}, 0), "0.0");
  EXPECT_EQ(RunF("round", D(1e-10), {I(-1LL)}, {}, 0), "0.0");
  EXPECT_EQ(RunF("round", D(123456.789), {I(0LL)}, {}, 0), "123457.0");
  EXPECT_EQ(RunF("round", D(123456.789), {I(1LL)}, {}, 0), "123456.8");
  EXPECT_EQ(RunF("round", D(123456.789), {I(2LL)}, {}, 0), "123456.79");
  EXPECT_EQ(RunF("round", D(123456.789), {I(3LL)}, {}, 0), "123456.789");
  EXPECT_EQ(RunF("round", D(123456.789), {I(-1LL)}, {}, 0), "123460.0");
  EXPECT_EQ(RunF("round", D(-0.0), {I(0LL)}, {}, 0), "-0.0");
  EXPECT_EQ(RunF("round", D(-0.0), {I(1LL)}, {}, 0), "-0.0");
  EXPECT_EQ(RunF("round", D(-0.0), {I(2LL)}, {}, 0), "-0.0");
  EXPECT_EQ(RunF("round", D(-0.0), {I(3LL)}, {}, 0), "-0.0");
  EXPECT_EQ(RunF("round", D(-0.0), {I(-1LL)}, {}, 0), "-0.0");
  EXPECT_EQ(RunF("round", D(0.3333333333333333), {I(0LL)}, {}, 0), "0.0");
  EXPECT_EQ(RunF("round", D(0.3333333333333333), {I(1LL)}, {}, 0), "0.3");
  EXPECT_EQ(RunF("round", D(0.3333333333333333), {I(2LL)}, {}, 0), "0.33");
  EXPECT_EQ(RunF("round", D(0.3333333333333333), {I(3LL)}, {}, 0), "0.333");
  EXPECT_EQ(RunF("round", D(0.3333333333333333), {I(-1LL)}, {}, 0), "0.0");
  EXPECT_EQ(RunF("round", D(0.6666666666666666), {I(0LL)}, {}, 0), "1.0");
  EXPECT_EQ(RunF("round", D(0.6666666666666666), {I(1LL)}, {}, 0), "0.7");
  EXPECT_EQ(RunF("round", D(0.6666666666666666), {I(2LL)}, {}, 0), "0.67");
  EXPECT_EQ(RunF("round", D(0.6666666666666666), {I(3LL)}, {}, 0), "0.667");
  EXPECT_EQ(RunF("round", D(0.6666666666666666), {I(-1LL)}, {}, 0), "0.0");
  EXPECT_EQ(RunF("round", D(9.995), {I(0LL)}, {}, 0), "10.0");
  EXPECT_EQ(RunF("round", D(9.995), {I(1LL)}, {}, 0), "10.0");
  EXPECT_EQ(RunF("round", D(9.995), {I(2LL)}, {}, 0), "9.99");
  EXPECT_EQ(RunF("round", D(9.995), {I(3LL)}, {}, 0), "9.995");
  EXPECT_EQ(RunF("round", D(9.995), {I(-1LL)}, {}, 0), "10.0");
  EXPECT_EQ(RunF("round", D(99.995), {I(0LL)}, {}, 0), "100.0");
  EXPECT_EQ(RunF("round", D(99.995), {I(1LL)}, {}, 0), "100.0");
  EXPECT_EQ(RunF("round", D(99.995), {I(2LL)}, {}, 0), "100.0");
  EXPECT_EQ(RunF("round", D(99.995), {I(3LL)}, {}, 0), "99.995");
  EXPECT_EQ(RunF("round", D(99.995), {I(-1LL)}, {}, 0), "100.0");
  EXPECT_EQ(RunF("round", D(0.045), {I(0LL)}, {}, 0), "0.0");
  EXPECT_EQ(RunF("round", D(0.045), {I(1LL)}, {}, 0), "0.0");
  EXPECT_EQ(RunF("round", D(0.045), {I(2LL)}, {}, 0), "0.04");
  EXPECT_EQ(RunF("round", D(0.045), {I(3LL)}, {}, 0), "0.045");
  EXPECT_EQ(RunF("round", D(0.045), {I(-1LL)}, {}, 0), "0.0");
}

// Python 3.11's 4300-digit limit for int(str): Jinja2 then tries float(), which overflows.
TEST(FiltersNumber, IntDigitLimit) {
  // jinja2: ("9"*5000)|int -> 0; ("1"*4300)|int|string|length -> 4300; ("1"*4301)|int(3) -> 3
  EXPECT_EQ(RunF("int", S(std::string(5000, '9')), {}, {}, 0), "0");
  EXPECT_EQ(RunF("int", S(std::string(4300, '1')), {}, {}, 0), std::string(4300, '1'));
  EXPECT_EQ(RunF("int", S(std::string(4301, '1')), {I(3)}, {}, 0), "3");
}

TEST(FiltersMarkup, MatchJinja2) {
  EXPECT_EQ(RunF("tojson", M({{S("b"), I(1LL)}, {S("a"), L({I(1LL), D(2.5), N(), B(true)})}, {S("c"), S("<a href='x'>&</a>")}}), {}, {}, 0), "{\"a\": [1, 2.5, null, true], \"b\": 1, \"c\": \"\\u003ca href=\\u0027x\\u0027\\u003e\\u0026\\u003c/a\\u003e\"}");
  EXPECT_EQ(RunF("tojson", S("h\303\251llo \342\230\203 \360\237\230\200 \"q\" \\ \n\t\001"), {}, {}, 0), "\"h\\u00e9llo \\u2603 \\ud83d\\ude00 \\\"q\\\" \\\\ \\n\\t\\u0001\"");
  EXPECT_EQ(RunF("tojson", L({I(1LL), M({{S("z"), M({})}, {S("y"), L({})}})}), {I(2LL)}, {}, 0), "[\n  1,\n  {\n    \"y\": [],\n    \"z\": {}\n  }\n]");
  EXPECT_EQ(RunF("tojson", M({{S("a"), I(1LL)}, {S("b"), M({{S("c"), I(2LL)}})}}), {}, {{"indent", S("\t")}}, 0), "{\n\t\"a\": 1,\n\t\"b\": {\n\t\t\"c\": 2\n\t}\n}");
  EXPECT_EQ(RunF("tojson", L({I(1LL), I(2LL)}), {I(0LL)}, {}, 0), "[\n1,\n2\n]");
  EXPECT_EQ(RunF("tojson", M({{I(1LL), S("a")}, {I(2LL), S("b")}}), {}, {}, 0), "{\"1\": \"a\", \"2\": \"b\"}");
  EXPECT_EQ(RunF("tojson", M({{S("a"), I(1LL)}, {I(2LL), S("b")}}), {}, {}, 0), "ERR");
  EXPECT_EQ(RunF("tojson", Und("x"), {}, {}, 0), "ERR");
  EXPECT_EQ(RunF("tojson", D(NAN), {}, {}, 0), "NaN");
  EXPECT_EQ(RunF("tojson", D(1e+100), {}, {}, 0), "1e+100");
  EXPECT_EQ(RunF("tojson", Tup({I(1LL), I(2LL)}), {}, {}, 0), "[1, 2]");
  EXPECT_EQ(RunF("tojson", Safe("<b>"), {}, {}, 0), "\"\\u003cb\\u003e\"");
  EXPECT_EQ(RunF("tojson", M({{B(true), I(1LL)}, {N(), I(2LL)}}), {}, {}, 0), "ERR");
  EXPECT_EQ(RunF("tojson", M({{S("a"), L({})}}), {}, {}, kAe), "{\"a\": []}");
  EXPECT_EQ(RunF("pprint", M({{S("b"), I(1LL)}, {S("a"), L({I(1LL), S("x"), N()})}}), {}, {}, 0), "{'a': [1, 'x', None], 'b': 1}");
  EXPECT_EQ(RunF("pprint", S("str"), {}, {}, 0), "'str'");
  EXPECT_EQ(RunF("pprint", Tup({I(1LL)}), {}, {}, 0), "(1,)");
  EXPECT_EQ(RunF("pprint", Und("x"), {}, {}, 0), "Undefined");
  EXPECT_EQ(RunF("pprint", L({I(0LL), I(1LL), I(2LL), I(3LL), I(4LL), I(5LL), I(6LL), I(7LL), I(8LL), I(9LL), I(10LL), I(11LL), I(12LL), I(13LL), I(14LL), I(15LL), I(16LL), I(17LL), I(18LL), I(19LL), I(20LL), I(21LL), I(22LL), I(23LL), I(24LL), I(25LL), I(26LL), I(27LL), I(28LL), I(29LL)}), {}, {}, 0), "[0,\n 1,\n 2,\n 3,\n 4,\n 5,\n 6,\n 7,\n 8,\n 9,\n 10,\n 11,\n 12,\n 13,\n 14,\n 15,\n 16,\n 17,\n 18,\n 19,\n 20,\n 21,\n 22,\n 23,\n 24,\n 25,\n 26,\n 27,\n 28,\n 29]");
  EXPECT_EQ(RunF("pprint", M({{S("key0"), S("value 0")}, {S("key1"), S("value 1")}, {S("key2"), S("value 2")}, {S("key3"), S("value 3")}, {S("key4"), S("value 4")}, {S("key5"), S("value 5")}, {S("key6"), S("value 6")}, {S("key7"), S("value 7")}}), {}, {}, 0), "{'key0': 'value 0',\n 'key1': 'value 1',\n 'key2': 'value 2',\n 'key3': 'value 3',\n 'key4': 'value 4',\n 'key5': 'value 5',\n 'key6': 'value 6',\n 'key7': 'value 7'}");
  EXPECT_EQ(RunF("pprint", L({L({I(0LL), I(1LL), I(2LL), I(3LL), I(4LL), I(5LL), I(6LL), I(7LL), I(8LL), I(9LL), I(10LL), I(11LL)}), L({I(0LL), I(1LL), I(2LL), I(3LL), I(4LL), I(5LL), I(6LL), I(7LL), I(8LL), I(9LL), I(10LL), I(11LL)}), M({{S("a"), S("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")}})}), {}, {}, 0), "[[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],\n [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],\n {'a': 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'}]");
  EXPECT_EQ(RunF("pprint", Safe("<a>"), {}, {}, 0), "Markup('<a>')");
  EXPECT_EQ(RunF("urlencode", S("a b/c?d=\303\251&"), {}, {}, 0), "a%20b/c%3Fd%3D%C3%A9%26");
  EXPECT_EQ(RunF("urlencode", M({{S("a b"), S("c&d")}, {S("e"), I(1LL)}}), {}, {}, 0), "a+b=c%26d&e=1");
  EXPECT_EQ(RunF("urlencode", L({L({S("x"), S("1 2")}), Tup({S("y"), S("/")})}), {}, {}, 0), "x=1+2&y=%2F");
  EXPECT_EQ(RunF("urlencode", I(42LL), {}, {}, 0), "42");
  EXPECT_EQ(RunF("urlencode", Und("x"), {}, {}, 0), "");
  EXPECT_EQ(RunF("urlize", S("Visit http://example.com/path?x=1. or www.example.org, mail me@example.com!"), {}, {}, 0), "Visit <a href=\"http://example.com/path?x=1\" rel=\"noopener\">http://example.com/path?x=1</a>. or <a href=\"https://www.example.org\" rel=\"noopener\">www.example.org</a>, mail me@example.com!");
  EXPECT_EQ(RunF("urlize", S("(see https://example.com/a_(b))"), {}, {}, 0), "(see <a href=\"https://example.com/a_(b)\" rel=\"noopener\">https://example.com/a_(b)</a>)");
  EXPECT_EQ(RunF("urlize", S("<http://x.com>"), {}, {}, 0), "&lt;<a href=\"http://x.com\" rel=\"noopener\">http://x.com</a>&gt;");
  EXPECT_EQ(RunF("urlize", S("go to example.com now"), {}, {}, 0), "go to <a href=\"https://example.com\" rel=\"noopener\">example.com</a> now");
  EXPECT_EQ(RunF("urlize", S("http://averyveryverylongurl.com/abcdefghijkl"), {I(15LL)}, {}, 0), "<a href=\"http://averyveryverylongurl.com/abcdefghijkl\" rel=\"noopener\">http://averyver...</a>");
  EXPECT_EQ(RunF("urlize", S("http://x.com"), {}, {{"nofollow", B(true)}, {"target", S("_blank")}}, 0), "<a href=\"http://x.com\" rel=\"nofollow noopener\" target=\"_blank\">http://x.com</a>");
  EXPECT_EQ(RunF("urlize", S("http://x.com"), {}, {{"rel", S("me noopener")}}, 0), "<a href=\"http://x.com\" rel=\"me noopener\">http://x.com</a>");
  EXPECT_EQ(RunF("urlize", S("mailto:a@b.cd and ftp://files x"), {}, {}, 0), "<a href=\"mailto:a@b.cd\">a@b.cd</a> and ftp://files x");
  EXPECT_EQ(RunF("urlize", S("ftp://files"), {}, {{"extra_schemes", L({S("ftp://")})}}, 0), "<a href=\"ftp://files\" rel=\"noopener\">ftp://files</a>");
  EXPECT_EQ(RunF("urlize", S("a <b> & http://x.com"), {}, {}, kAe), "a &lt;b&gt; &amp; <a href=\"http://x.com\" rel=\"noopener\">http://x.com</a>");
  EXPECT_EQ(RunF("urlize", S("http://127.0.0.1:8080/x"), {}, {}, 0), "<a href=\"http://127.0.0.1:8080/x\" rel=\"noopener\">http://127.0.0.1:8080/x</a>");
  EXPECT_EQ(RunF("urlize", S("https://[::1]:80 plain"), {}, {}, 0), "<a href=\"https://[::1]:80\" rel=\"noopener\">https://[::1]:80</a> plain");
  EXPECT_EQ(RunF("urlize", S("x"), {}, {{"extra_schemes", L({S("b a d")})}}, 0), "ERR");
  EXPECT_EQ(RunF("xmlattr", M({{S("class"), S("a<b")}, {S("id"), S("x")}, {S("skip"), N()}, {S("u"), Und("z")}}), {}, {}, 0), " class=\"a&lt;b\" id=\"x\"");
  EXPECT_EQ(RunF("xmlattr", M({{S("class"), S("a")}}), {B(false)}, {}, 0), "class=\"a\"");
  EXPECT_EQ(RunF("xmlattr", M({{S("a b"), I(1LL)}}), {}, {}, 0), "ERR");
  EXPECT_EQ(RunF("xmlattr", M({}), {}, {}, 0), "");
  EXPECT_EQ(RunF("xmlattr", M({{S("data-x"), S("\"q\"")}}), {}, {}, kAe), " data-x=\"&#34;q&#34;\"");
  EXPECT_EQ(RunF("xmlattr", M({{S("x"), Safe("<b>")}}), {}, {}, 0), " x=\"<b>\"");
  EXPECT_EQ(RunF("xmlattr", L({I(1LL)}), {}, {}, 0), "ERR");
  EXPECT_EQ(RunF("xmlattr", M({{S("a/"), I(1LL)}}), {}, {}, 0), "ERR");
}

TEST(FiltersMarkup, TojsonIsSafe) {
  FakeCallContext ctx;
  EXPECT_TRUE(F(ctx, "tojson", L({I(1)})).is_safe());
  EXPECT_FALSE(F(ctx, "pprint", L({I(1)})).is_safe());
}

TEST(FiltersMarkup, UrlizeSurvivesHugeWords) {
  FakeCallContext ctx;
  std::string big = "http://" + std::string(200000, 'a') + ".com";
  Value v = F(ctx, "urlize", S(big));
  EXPECT_EQ(v.str(), big);
}

}  // namespace
}  // namespace docforge
