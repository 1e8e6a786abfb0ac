// The integer fast path of "%.Nf" and round(x, N) (fmtnum::round_scaled) against std::to_chars,
// which is correctly rounded from the exact binary value as CPython's dtoa is: random doubles
// of every magnitude the fast path takes, exact decimal ties (k / 2**n), and values next to them.
#include <gtest/gtest.h>

#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <random>
#include <string>

#include "template/builtins/fake_call_context.h"
#include "template/builtins/format_number.h"

namespace docforge {
namespace {

std::string reference_fixed(double ad, int precision) {
  char buf[400];
  auto res = std::to_chars(buf, buf + sizeof buf, ad, std::chars_format::fixed, precision);
  return std::string(buf, res.ptr);
}

// The reference digits without the decimal point, as an integer.
std::uint64_t reference_scaled(double ad, int precision) {
  std::string s = reference_fixed(ad, precision);
  std::string digits;
  for (char c : s) {
    if (c != '.') digits.push_back(c);
  }
  return std::stoull(digits);
}

void expect_matches(double ad, int precision) {
  std::uint64_t scaled = 0;
  if (!fmtnum::round_scaled(ad, precision, &scaled)) return;  // outside the fast range
  ASSERT_EQ(scaled, reference_scaled(ad, precision))
      << "ad=" << reference_fixed(ad, 30) << " precision=" << precision;
  bool negative = true;
  EXPECT_EQ(fmtnum::float_abs_body(ad, 'f', precision, false, &negative),
            reference_fixed(ad, precision));
  EXPECT_FALSE(negative);
}

TEST(RoundScaled, RandomDoublesOfEveryMagnitude) {
  std::mt19937_64 rng(20261122);
  std::uniform_real_distribution<double> exponent(-40.0, 16.0);
  std::uniform_real_distribution<double> unit(1.0, 10.0);
  for (int i = 0; i < 200000; ++i) {
    const double ad = unit(rng) * std::pow(10.0, std::floor(exponent(rng)));
    expect_matches(ad, static_cast<int>(rng() % 10));
  }
}

TEST(RoundScaled, ExactTiesRoundHalfToEven) {
  // k / 2**n with n <= 9 is exactly representable and, for precision < n, often a tie.
  for (int n = 1; n <= 9; ++n) {
    for (std::uint64_t k = 0; k < 4096; ++k) {
      const double ad = std::ldexp(static_cast<double>(k), -n);
      for (int p = 0; p <= 9; ++p) expect_matches(ad, p);
    }
  }
  std::uint64_t scaled = 0;
  ASSERT_TRUE(fmtnum::round_scaled(0.125, 2, &scaled));
  EXPECT_EQ(scaled, 12u);  // tie: to even
  ASSERT_TRUE(fmtnum::round_scaled(0.375, 2, &scaled));
  EXPECT_EQ(scaled, 38u);
  ASSERT_TRUE(fmtnum::round_scaled(2.5, 0, &scaled));
  EXPECT_EQ(scaled, 2u);
}

TEST(RoundScaled, NeighboursOfDecimalHalves) {
  // 2.675 is stored just below the half, 27099.605 as well: both round down, as Python does.
  std::uint64_t scaled = 0;
  ASSERT_TRUE(fmtnum::round_scaled(2.675, 2, &scaled));
  EXPECT_EQ(scaled, 267u);
  ASSERT_TRUE(fmtnum::round_scaled(27099.605, 2, &scaled));
  EXPECT_EQ(scaled, 2709960u);
  for (int k = 0; k < 20000; ++k) {
    const double half = (k + 0.5) / 100.0;
    for (double d : {std::nextafter(half, 0.0), half, std::nextafter(half, 1e9)}) {
      expect_matches(d, 2);
    }
  }
}

TEST(RoundScaled, EdgesOfTheFastRange) {
  std::uint64_t scaled = 0;
  EXPECT_TRUE(fmtnum::round_scaled(0.0, 2, &scaled));
  EXPECT_EQ(scaled, 0u);
  EXPECT_TRUE(fmtnum::round_scaled(5e-324, 9, &scaled));  // smallest subnormal
  EXPECT_EQ(scaled, 0u);
  EXPECT_FALSE(fmtnum::round_scaled(9007199254740992.0, 0, &scaled));  // 2**53: slow path
  EXPECT_FALSE(fmtnum::round_scaled(1.5, 10, &scaled));
  EXPECT_FALSE(fmtnum::round_scaled(1e15, 9, &scaled));  // result >= 2**64
  expect_matches(9007199254740991.0, 0);
  expect_matches(18446744073.709551, 9);
  bool negative = false;
  EXPECT_EQ(fmtnum::float_abs_body(-0.001, 'f', 2, false, &negative), "0.00");
  EXPECT_TRUE(negative);
  EXPECT_EQ(fmtnum::float_abs_body(0.5, 'f', 0, false, &negative), "0");
  EXPECT_EQ(fmtnum::float_abs_body(1.5, 'f', 0, false, &negative), "2");
  EXPECT_EQ(fmtnum::float_abs_body(0.05, 'f', 3, false, &negative), "0.050");
}

// round(x, n) takes the same fast path and divides by 10**n: the value must be the double
// nearest the correctly rounded decimal, as CPython's round() gives.
TEST(RoundScaled, RoundFilterMatchesTheDecimalRoundTrip) {
  FakeCallContext ctx;
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> exponent(-12.0, 15.0);
  std::uniform_real_distribution<double> unit(-10.0, 10.0);
  for (int i = 0; i < 50000; ++i) {
    const double x = unit(rng) * std::pow(10.0, std::floor(exponent(rng)));
    const int p = static_cast<int>(rng() % 10);
    const std::string text = reference_fixed(std::fabs(x), p);
    double expected = 0;
    std::from_chars(text.data(), text.data() + text.size(), expected);
    expected = std::copysign(expected, x);
    const Value r = F(ctx, "round", Value::floating(x), {Value::integer(p)});
    ASSERT_TRUE(r.is_float());
    ASSERT_EQ(std::bit_cast<std::uint64_t>(r.as_float()), std::bit_cast<std::uint64_t>(expected))
        << "round(" << reference_fixed(x, 25) << ", " << p << ")";
  }
}

}  // namespace
}  // namespace docforge
