// Digits for Python's integer and float formatting (see format_number.h).
#include "template/builtins/format_number.h"

#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "template/builtins/ops_util.h"

namespace docforge::fmtnum {

std::string int_abs_digits(const Value& v, int base, bool* negative) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::int64_t small = 0;
  if (ops::small_int(v, &small)) {
    *negative = small < 0;
    std::uint64_t u = small < 0 ? 0 - static_cast<std::uint64_t>(small) : small;
    std::string out;
    do {
      out.push_back(kDigits[u % static_cast<unsigned>(base)]);
      u /= static_cast<unsigned>(base);
    } while (u != 0);
    std::reverse(out.begin(), out.end());
    return out;
  }
  BigInt b = ops::to_big(v);
  *negative = b.negative();
  if (b.negative()) b = -b;
  if (base == 10) return b.to_string();
  // Peel off chunks of digits that fit in 32 bits.
  int per_chunk = base == 2 ? 31 : base == 8 ? 10 : 7;
  std::uint64_t chunk = 1;
  for (int i = 0; i < per_chunk; ++i) chunk *= static_cast<unsigned>(base);
  BigInt divisor(static_cast<std::int64_t>(chunk));
  std::string out;  // reversed
  while (!b.is_zero()) {
    BigInt q = b.floordiv(divisor);
    std::uint64_t r = static_cast<std::uint64_t>(b.mod(divisor).to_int64());
    b = q;
    for (int i = 0; i < per_chunk; ++i) {
      out.push_back(kDigits[r % static_cast<unsigned>(base)]);
      r /= static_cast<unsigned>(base);
      if (b.is_zero() && r == 0) break;
    }
  }
  if (out.empty()) out = "0";
  std::reverse(out.begin(), out.end());
  return out;
}

bool round_scaled(double ad, int precision, std::uint64_t* scaled) {
  static constexpr std::uint64_t kPow10[] = {1,      10,      100,      1000,      10000,
                                             100000, 1000000, 10000000, 100000000, 1000000000};
  if (precision < 0 || precision > 9 || !(ad < 9007199254740992.0)) return false;
  // ad = m * 2**e exactly (subnormals included).
  const auto bits = std::bit_cast<std::uint64_t>(ad);
  const int biased = static_cast<int>(bits >> 52);
  std::uint64_t m = bits & ((std::uint64_t{1} << 52) - 1);
  int e = -1074;
  if (biased != 0) {
    m |= std::uint64_t{1} << 52;
    e = biased - 1075;
  }
  // ad < 2**53, so e <= 0: divide m * 10**precision (< 2**83) by 2**-e, half to even.
  const unsigned __int128 num = static_cast<unsigned __int128>(m) * kPow10[precision];
  const int shift = -e;
  unsigned __int128 q = 0;
  if (shift == 0) {
    q = num;
  } else if (shift < 128) {
    q = num >> shift;
    const unsigned __int128 rem = num - (q << shift);
    const unsigned __int128 half = static_cast<unsigned __int128>(1) << (shift - 1);
    if (rem > half || (rem == half && (q & 1) != 0)) ++q;
  }  // else num < 2**83 <= half: rounds to 0
  if (q > UINT64_MAX) return false;
  *scaled = static_cast<std::uint64_t>(q);
  return true;
}

namespace {

// "%.{precision}f" of scaled / 10**precision: the digits with the point put back.
std::string fixed_from_scaled(std::uint64_t scaled, int precision) {
  char digits[24];
  auto res = std::to_chars(digits, digits + sizeof digits, scaled);
  std::string_view d(digits, static_cast<std::size_t>(res.ptr - digits));
  std::string out;
  const std::size_t p = static_cast<std::size_t>(precision);
  if (p == 0) return std::string(d);
  if (d.size() <= p) {
    out.reserve(p + 2);
    out += "0.";
    out.append(p - d.size(), '0');
    out += d;
    return out;
  }
  out.reserve(d.size() + 1);
  out.append(d.substr(0, d.size() - p));
  out.push_back('.');
  out.append(d.substr(d.size() - p));
  return out;
}

}  // namespace

std::string float_abs_body(double d, char type, int precision, bool alt, bool* negative) {
  bool upper = type == 'E' || type == 'F' || type == 'G';
  if (std::isnan(d)) {
    *negative = false;
    return upper ? "NAN" : "nan";
  }
  *negative = std::signbit(d);
  d = std::fabs(d);
  if (std::isinf(d)) return upper ? "INF" : "inf";
  if (type == 'g' || type == 'G') {
    // C's %g, spelled out: glibc's "%#g" loses the trailing zeros when rounding carries into a
    // new power of ten (999999.5 -> "1.e+06" instead of "1.00000e+06").
    int p = precision == 0 ? 1 : precision;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.*e", p - 1, d);
    const char* e = std::strchr(buf, 'e');
    int x = e != nullptr ? std::atoi(e + 1) : 0;
    std::string out;
    bool ignored = false;
    if (x < -4 || x >= p) {
      out = float_abs_body(d, type == 'g' ? 'e' : 'E', p - 1, alt, &ignored);
    } else {
      out = float_abs_body(d, 'f', p - 1 - x, alt, &ignored);
    }
    if (!alt) {
      std::size_t epos = out.find_first_of("eE");
      std::string mant = out.substr(0, epos);
      std::string exp = epos == std::string::npos ? "" : out.substr(epos);
      if (mant.find('.') != std::string::npos) {
        while (!mant.empty() && mant.back() == '0') mant.pop_back();
        if (!mant.empty() && mant.back() == '.') mant.pop_back();
      }
      out = mant + exp;
    }
    return out;
  }
  std::uint64_t scaled = 0;
  if ((type == 'f' || type == 'F') && !alt && round_scaled(d, precision, &scaled)) {
    return fixed_from_scaled(scaled, precision);
  }
  if ((type == 'f' || type == 'F') && !alt && precision <= 64) {
    // Fast path for the common "%.2f": to_chars is correctly rounded from the exact binary
    // value, as glibc's printf is, and about ten times cheaper.
    char buf[400];  // 309 integer digits + '.' + 64 decimals fit
    auto res = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::fixed, precision);
    if (res.ec == std::errc()) return std::string(buf, res.ptr);
  }
  char spec[16];
  std::snprintf(spec, sizeof spec, "%%%s.*%c", alt ? "#" : "", type);
  int n = std::snprintf(nullptr, 0, spec, precision, d);
  std::string out(static_cast<std::size_t>(n), '\0');
  std::snprintf(out.data(), out.size() + 1, spec, precision, d);
  return out;
}

std::string float_repr(double d) {
  std::string out;
  append_python_float(out, d);
  return out;
}

}  // namespace docforge::fmtnum
