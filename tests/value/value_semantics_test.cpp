// Python semantics of Value: equality, hashing, truthiness, len(), type names, kinds.

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>

#include "docforge/value.h"

namespace docforge {
namespace {

BigInt big(const char* s) {
  BigInt b;
  EXPECT_TRUE(BigInt::parse(s, &b)) << s;
  return b;
}

TEST(ValueSemantics, SizeAndDefault) {
  static_assert(sizeof(Value) == 16);
  Value v;
  EXPECT_TRUE(v.is_undefined());
  EXPECT_EQ(v.heap(), nullptr);
  EXPECT_EQ(v.undefined_name(), "");
  Value named = Value::undefined("user");
  EXPECT_TRUE(named.is_undefined());
  EXPECT_EQ(named.undefined_name(), "user");
  EXPECT_EQ(Value::undefined("").heap(), nullptr);
}

TEST(ValueSemantics, ScalarsDoNotAllocate) {
  EXPECT_EQ(Value::none().heap(), nullptr);
  EXPECT_EQ(Value::boolean(true).heap(), nullptr);
  EXPECT_EQ(Value::integer(5).heap(), nullptr);
  EXPECT_EQ(Value::floating(5.5).heap(), nullptr);
}

TEST(ValueSemantics, NumericEquality) {
  const Value one = Value::integer(1);
  EXPECT_TRUE(one.equals(Value::floating(1.0)));
  EXPECT_TRUE(one.equals(Value::boolean(true)));
  EXPECT_TRUE(Value::boolean(true).equals(Value::floating(1.0)));
  EXPECT_TRUE(Value::boolean(false).equals(Value::integer(0)));
  EXPECT_FALSE(one.equals(Value::floating(1.5)));
  EXPECT_FALSE(one.equals(Value::string("1")));
  EXPECT_FALSE(Value::floating(NAN).equals(Value::floating(NAN)));
  EXPECT_TRUE(Value::floating(0.0).equals(Value::floating(-0.0)));
  // 2**63 is not an int64 but is an exact float.
  const Value two63 = Value::big_integer(big("9223372036854775808"));
  EXPECT_TRUE(two63.is_big_int());
  EXPECT_TRUE(two63.equals(Value::floating(9223372036854775808.0)));
  EXPECT_FALSE(Value::big_integer(big("9223372036854775809"))
                   .equals(Value::floating(9223372036854775808.0)));
  EXPECT_FALSE(Value::integer(std::numeric_limits<std::int64_t>::max())
                   .equals(Value::floating(9223372036854775808.0)));
  EXPECT_TRUE(Value::big_integer(big("1267650600228229401496703205376"))
                  .equals(Value::floating(std::ldexp(1.0, 100))));
  EXPECT_TRUE(two63.equals(Value::big_integer(big("9223372036854775808"))));
  EXPECT_FALSE(two63.equals(Value::floating(INFINITY)));
  // 9007199254740993 (2**53 + 1) is not representable: not equal to 2**53 as a float.
  EXPECT_FALSE(Value::integer(9007199254740993).equals(Value::floating(9007199254740992.0)));
}

TEST(ValueSemantics, BigIntegerNormalises) {
  Value v = Value::big_integer(big("-9223372036854775808"));
  EXPECT_TRUE(v.is_int());
  EXPECT_EQ(v.as_int(), std::numeric_limits<std::int64_t>::min());
  EXPECT_TRUE(Value::big_integer(big("12")).is_int());
  EXPECT_TRUE(Value::big_integer(big("-9223372036854775809")).is_big_int());
}

TEST(ValueSemantics, StringAndContainerEquality) {
  EXPECT_TRUE(Value::string("a").equals(Value::safe_string("a")));
  EXPECT_FALSE(Value::string("a").equals(Value::string("b")));
  List items = {Value::integer(1), Value::string("x")};
  const Value l = Value::list(items);
  const Value t = Value::tuple(items);
  EXPECT_TRUE(l.equals(Value::list({Value::floating(1.0), Value::string("x")})));
  EXPECT_FALSE(l.equals(t));
  EXPECT_TRUE(t.equals(l.as_tuple()));
  EXPECT_FALSE(l.equals(Value::list({Value::integer(1)})));
  Map a, b;
  a.set("x", Value::integer(1));
  a.set("y", Value::integer(2));
  b.set("y", Value::floating(2.0));
  b.set("x", Value::boolean(true));
  EXPECT_TRUE(Value::map(a).equals(Value::map(b)));
  b.set("x", Value::integer(3));
  EXPECT_FALSE(Value::map(a).equals(Value::map(b)));
  EXPECT_TRUE(Value::none().equals(Value::none()));
  EXPECT_TRUE(Value().equals(Value::undefined("q")));
  EXPECT_FALSE(Value().equals(Value::none()));
  EXPECT_FALSE(Value::integer(0).equals(Value::none()));
}

TEST(ValueSemantics, HashConsistentWithEquals) {
  // python3: hash(1), hash(-1), hash(2**61 - 1), hash(2**70), hash(1.5), hash(-2.5), hash(1e100)
  EXPECT_EQ(Value::integer(1).hash(), Value::floating(1.0).hash());
  EXPECT_EQ(Value::integer(1).hash(), Value::boolean(true).hash());
  EXPECT_EQ(Value::integer(0).hash(), Value::boolean(false).hash());
  EXPECT_EQ(Value::integer(-1).hash(), static_cast<std::size_t>(-2));
  EXPECT_EQ(Value::integer(2305843009213693951).hash(), 0u);
  EXPECT_EQ(Value::floating(1.5).hash(), 1152921504606846977u);
  EXPECT_EQ(static_cast<std::int64_t>(Value::floating(-2.5).hash()), -1152921504606846978);
  EXPECT_EQ(Value::floating(1e100).hash(), 1822893315824342674u);
  const Value big70 = Value::big_integer(BigInt(2).pow(70));
  EXPECT_EQ(big70.hash(), 512u);
  EXPECT_EQ(big70.hash(), Value::floating(std::ldexp(1.0, 70)).hash());
  EXPECT_EQ(Value::integer(-7).hash(), Value::floating(-7.0).hash());
  EXPECT_EQ(Value::string("abc").hash(), Value::safe_string("abc").hash());
  Map a, b;
  a.set("x", Value::integer(1));
  a.set("y", Value::integer(2));
  b.set("y", Value::integer(2));
  b.set("x", Value::integer(1));
  EXPECT_EQ(Value::map(a).hash(), Value::map(b).hash());
  EXPECT_EQ(Value::list({Value::integer(1)}).hash(), Value::list({Value::floating(1.0)}).hash());
}

TEST(ValueSemantics, HashAgreesAcrossNumericKindsForManyValues) {
  std::mt19937_64 rng(42);
  for (int i = 0; i < 20000; ++i) {
    // Integers exactly representable as doubles (53 significant bits), over every magnitude.
    const std::uint64_t mantissa = (rng() >> 11) >> (rng() % 53);
    const auto magnitude = static_cast<std::int64_t>(mantissa << (rng() % 11));
    const std::int64_t value = rng() % 2 ? -magnitude : magnitude;
    const double d = static_cast<double>(value);
    const Value a = Value::integer(value);
    const Value b = Value::floating(d);
    ASSERT_TRUE(a.equals(b)) << value;
    ASSERT_EQ(a.hash(), b.hash()) << value;
  }
  for (int e = 63; e < 1000; e += 7) {
    const Value big = Value::big_integer(BigInt(3) * BigInt(2).pow(static_cast<std::uint64_t>(e)));
    const Value f = Value::floating(std::ldexp(3.0, e));
    ASSERT_TRUE(big.equals(f)) << e;
    ASSERT_EQ(big.hash(), f.hash()) << e;
    const Value neg =
        Value::big_integer(-(BigInt(3) * BigInt(2).pow(static_cast<std::uint64_t>(e))));
    ASSERT_EQ(neg.hash(), Value::floating(-std::ldexp(3.0, e)).hash()) << e;
  }
}

TEST(ValueSemantics, Truthy) {
  EXPECT_FALSE(Value().truthy());
  EXPECT_FALSE(Value::undefined("x").truthy());
  EXPECT_FALSE(Value::none().truthy());
  EXPECT_FALSE(Value::boolean(false).truthy());
  EXPECT_TRUE(Value::boolean(true).truthy());
  EXPECT_FALSE(Value::integer(0).truthy());
  EXPECT_TRUE(Value::integer(-3).truthy());
  EXPECT_FALSE(Value::floating(0.0).truthy());
  EXPECT_FALSE(Value::floating(-0.0).truthy());
  EXPECT_TRUE(Value::floating(NAN).truthy());
  EXPECT_FALSE(Value::string("").truthy());
  EXPECT_TRUE(Value::string("0").truthy());
  EXPECT_FALSE(Value::list().truthy());
  EXPECT_TRUE(Value::list({Value()}).truthy());
  EXPECT_FALSE(Value::map().truthy());
  EXPECT_TRUE(Value::big_integer(BigInt(2).pow(100)).truthy());
}

TEST(ValueSemantics, LengthAndTypeName) {
  EXPECT_EQ(Value::string("héllo 日本").length(), 8u);
  EXPECT_EQ(Value::string("").length(), 0u);
  EXPECT_EQ(Value::list({Value(), Value()}).length(), 2u);
  Map m;
  m.set("a", Value());
  EXPECT_EQ(Value::map(m).length(), 1u);
  EXPECT_EQ(Value::integer(5).length(), 0u);

  EXPECT_STREQ(Value::none().type_name(), "NoneType");
  EXPECT_STREQ(Value::boolean(true).type_name(), "bool");
  EXPECT_STREQ(Value::integer(1).type_name(), "int");
  EXPECT_STREQ(Value::big_integer(BigInt(2).pow(80)).type_name(), "int");
  EXPECT_STREQ(Value::floating(1).type_name(), "float");
  EXPECT_STREQ(Value::string("").type_name(), "str");
  EXPECT_STREQ(Value::safe_string("").type_name(), "str");
  EXPECT_STREQ(Value::list().type_name(), "list");
  EXPECT_STREQ(Value::tuple({}).type_name(), "tuple");
  EXPECT_STREQ(Value::map().type_name(), "dict");
  EXPECT_STREQ(Value().type_name(), "Undefined");
}

TEST(ValueSemantics, ToDouble) {
  EXPECT_EQ(Value::boolean(true).to_double(), 1.0);
  EXPECT_EQ(Value::integer(-3).to_double(), -3.0);
  EXPECT_EQ(Value::floating(2.5).to_double(), 2.5);
  EXPECT_EQ(Value::big_integer(BigInt(2).pow(70)).to_double(), std::ldexp(1.0, 70));
  EXPECT_EQ(Value::string("3").to_double(), 0.0);
  EXPECT_EQ(Value::none().to_double(), 0.0);
}

TEST(ValueSemantics, SafeAndTupleFlags) {
  Value s = Value::string("<a>");
  EXPECT_FALSE(s.is_safe());
  Value safe = s.with_safe(true);
  EXPECT_TRUE(safe.is_safe());
  EXPECT_FALSE(s.is_safe());
  EXPECT_EQ(safe.heap(), s.heap());  // shares the string
  EXPECT_EQ(safe.as_string().data(), s.as_string().data());
  EXPECT_FALSE(safe.with_safe(false).is_safe());

  Value l = Value::list({Value::integer(1)});
  Value t = l.as_tuple();
  EXPECT_TRUE(t.is_tuple());
  EXPECT_TRUE(t.is_list());
  EXPECT_FALSE(l.is_tuple());
  EXPECT_EQ(t.heap(), l.heap());
}

TEST(ValueSemantics, KindPredicates) {
  EXPECT_TRUE(Value::integer(1).is_integer());
  EXPECT_TRUE(Value::integer(1).is_number());
  EXPECT_FALSE(Value::boolean(true).is_number());
  EXPECT_FALSE(Value::boolean(true).is_integer());
  EXPECT_TRUE(Value::floating(1).is_number());
  EXPECT_TRUE(Value::big_integer(BigInt(2).pow(64)).is_integer());
}

}  // namespace
}  // namespace docforge
