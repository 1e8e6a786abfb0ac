// BigInt: sign-magnitude, little-endian base 2^32 limbs, schoolbook algorithms (Knuth D for
// division). Sizes in templates are small; the sandbox bounds how large they can grow.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>

#include "docforge/value.h"

namespace docforge {

namespace {

using Mag = std::vector<std::uint32_t>;

void trim(Mag& m) {
  while (!m.empty() && m.back() == 0) m.pop_back();
}

int compare_mag(const Mag& a, const Mag& b) noexcept {
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  for (std::size_t i = a.size(); i-- > 0;) {
    if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return 0;
}

Mag add_mag(const Mag& a, const Mag& b) {
  const Mag& big = a.size() >= b.size() ? a : b;
  const Mag& small = a.size() >= b.size() ? b : a;
  Mag r(big.size() + 1);
  std::uint64_t carry = 0;
  for (std::size_t i = 0; i < big.size(); ++i) {
    std::uint64_t s = carry + big[i] + (i < small.size() ? small[i] : 0);
    r[i] = static_cast<std::uint32_t>(s);
    carry = s >> 32;
  }
  r[big.size()] = static_cast<std::uint32_t>(carry);
  trim(r);
  return r;
}

// REQUIRES: a >= b.
Mag sub_mag(const Mag& a, const Mag& b) {
  Mag r(a.size());
  std::int64_t borrow = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    std::int64_t d = static_cast<std::int64_t>(a[i]) - borrow - (i < b.size() ? b[i] : 0);
    borrow = d < 0;
    if (d < 0) d += (std::int64_t{1} << 32);
    r[i] = static_cast<std::uint32_t>(d);
  }
  trim(r);
  return r;
}

Mag mul_mag(const Mag& a, const Mag& b) {
  if (a.empty() || b.empty()) return {};
  Mag r(a.size() + b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    std::uint64_t carry = 0;
    const std::uint64_t ai = a[i];
    if (ai == 0) continue;
    for (std::size_t j = 0; j < b.size(); ++j) {
      std::uint64_t t = ai * b[j] + r[i + j] + carry;
      r[i + j] = static_cast<std::uint32_t>(t);
      carry = t >> 32;
    }
    std::size_t k = i + b.size();
    while (carry) {
      std::uint64_t t = static_cast<std::uint64_t>(r[k]) + carry;
      r[k] = static_cast<std::uint32_t>(t);
      carry = t >> 32;
      ++k;
    }
  }
  trim(r);
  return r;
}

// Divides m in place by a single limb d, returning the remainder.
std::uint32_t divmod_small(Mag& m, std::uint32_t d) {
  std::uint64_t rem = 0;
  for (std::size_t i = m.size(); i-- > 0;) {
    std::uint64_t cur = (rem << 32) | m[i];
    m[i] = static_cast<std::uint32_t>(cur / d);
    rem = cur % d;
  }
  trim(m);
  return static_cast<std::uint32_t>(rem);
}

int leading_zeros(std::uint32_t x) { return x == 0 ? 32 : __builtin_clz(x); }

// Knuth, TAOCP vol. 2, 4.3.1 Algorithm D. Truncating division of magnitudes.
// REQUIRES: !b.empty().
void divmod_mag(const Mag& a, const Mag& b, Mag* q, Mag* r) {
  if (compare_mag(a, b) < 0) {
    q->clear();
    *r = a;
    return;
  }
  if (b.size() == 1) {
    *q = a;
    std::uint32_t rem = divmod_small(*q, b[0]);
    r->clear();
    if (rem) r->push_back(rem);
    return;
  }
  const int s = leading_zeros(b.back());
  const std::size_t n = b.size();
  const std::size_t m = a.size() - n;
  Mag v(n), u(a.size() + 1);
  for (std::size_t i = n; i-- > 0;) {
    v[i] =
        (b[i] << s) |
        (s && i > 0 ? static_cast<std::uint32_t>(static_cast<std::uint64_t>(b[i - 1]) >> (32 - s))
                    : 0);
  }
  u[a.size()] =
      s ? static_cast<std::uint32_t>(static_cast<std::uint64_t>(a.back()) >> (32 - s)) : 0;
  for (std::size_t i = a.size(); i-- > 0;) {
    u[i] =
        (a[i] << s) |
        (s && i > 0 ? static_cast<std::uint32_t>(static_cast<std::uint64_t>(a[i - 1]) >> (32 - s))
                    : 0);
  }
  Mag qq(m + 1);
  const std::uint64_t base = std::uint64_t{1} << 32;
  for (std::size_t j = m + 1; j-- > 0;) {
    const std::uint64_t num = (static_cast<std::uint64_t>(u[j + n]) << 32) | u[j + n - 1];
    std::uint64_t qhat = num / v[n - 1];
    std::uint64_t rhat = num % v[n - 1];
    while (qhat >= base || qhat * v[n - 2] > ((rhat << 32) | u[j + n - 2])) {
      --qhat;
      rhat += v[n - 1];
      if (rhat >= base) break;
    }
    // Multiply and subtract.
    std::int64_t borrow = 0;
    std::uint64_t carry = 0;
    for (std::size_t i = 0; i < n; ++i) {
      std::uint64_t p = qhat * v[i] + carry;
      carry = p >> 32;
      std::int64_t t =
          static_cast<std::int64_t>(u[i + j]) - borrow - static_cast<std::int64_t>(p & 0xFFFFFFFFu);
      borrow = t < 0;
      u[i + j] = static_cast<std::uint32_t>(t);
    }
    std::int64_t t =
        static_cast<std::int64_t>(u[j + n]) - borrow - static_cast<std::int64_t>(carry);
    u[j + n] = static_cast<std::uint32_t>(t);
    if (t < 0) {
      // Add back.
      --qhat;
      std::uint64_t c = 0;
      for (std::size_t i = 0; i < n; ++i) {
        std::uint64_t sum = static_cast<std::uint64_t>(u[i + j]) + v[i] + c;
        u[i + j] = static_cast<std::uint32_t>(sum);
        c = sum >> 32;
      }
      u[j + n] = static_cast<std::uint32_t>(static_cast<std::uint64_t>(u[j + n]) + c);
    }
    qq[j] = static_cast<std::uint32_t>(qhat);
  }
  trim(qq);
  *q = std::move(qq);
  // Unnormalise the remainder.
  Mag rr(n);
  for (std::size_t i = 0; i < n; ++i) {
    rr[i] = (u[i] >> s) |
            (s ? static_cast<std::uint32_t>(static_cast<std::uint64_t>(u[i + 1]) << (32 - s)) : 0);
  }
  trim(rr);
  *r = std::move(rr);
}

}  // namespace

BigInt::BigInt(std::int64_t v) {
  neg_ = v < 0;
  std::uint64_t m = neg_ ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
  while (m) {
    mag_.push_back(static_cast<std::uint32_t>(m));
    m >>= 32;
  }
}

bool BigInt::parse(std::string_view text, BigInt* out) {
  std::size_t i = 0;
  bool neg = false;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
    neg = text[i] == '-';
    ++i;
  }
  if (i >= text.size()) return false;
  BigInt r;
  while (i < text.size()) {
    std::uint32_t chunk = 0;
    std::uint32_t mult = 1;
    for (int k = 0; k < 9 && i < text.size(); ++k, ++i) {
      const char c = text[i];
      if (c < '0' || c > '9') return false;
      chunk = chunk * 10 + static_cast<std::uint32_t>(c - '0');
      mult *= 10;
    }
    // r = r * mult + chunk
    std::uint64_t carry = chunk;
    for (auto& limb : r.mag_) {
      std::uint64_t t = static_cast<std::uint64_t>(limb) * mult + carry;
      limb = static_cast<std::uint32_t>(t);
      carry = t >> 32;
    }
    if (carry) r.mag_.push_back(static_cast<std::uint32_t>(carry));
  }
  trim(r.mag_);
  r.neg_ = neg && !r.mag_.empty();
  *out = std::move(r);
  return true;
}

bool BigInt::fits_int64() const noexcept {
  if (mag_.size() > 2) return false;
  std::uint64_t m = 0;
  if (mag_.size() > 0) m = mag_[0];
  if (mag_.size() > 1) m |= static_cast<std::uint64_t>(mag_[1]) << 32;
  return neg_ ? m <= (std::uint64_t{1} << 63) : m < (std::uint64_t{1} << 63);
}

std::int64_t BigInt::to_int64() const noexcept {
  std::uint64_t m = 0;
  if (mag_.size() > 0) m = mag_[0];
  if (mag_.size() > 1) m |= static_cast<std::uint64_t>(mag_[1]) << 32;
  return neg_ ? static_cast<std::int64_t>(0 - m) : static_cast<std::int64_t>(m);
}

double BigInt::to_double() const noexcept {
  if (mag_.empty()) return 0.0;
  const std::size_t bits = bit_length();
  double r;
  if (bits <= 64) {
    std::uint64_t m = mag_[0];
    if (mag_.size() > 1) m |= static_cast<std::uint64_t>(mag_[1]) << 32;
    r = static_cast<double>(m);
  } else {
    // Top 64 bits, with a sticky bit for everything below, rounds exactly once.
    const std::size_t shift = bits - 64;
    std::uint64_t top = 0;
    bool sticky = false;
    for (std::size_t bit = 0; bit < 64; ++bit) {
      const std::size_t pos = shift + bit;
      if ((mag_[pos / 32] >> (pos % 32)) & 1u) top |= std::uint64_t{1} << bit;
    }
    for (std::size_t i = 0; i < shift / 32 && !sticky; ++i) sticky = mag_[i] != 0;
    if (!sticky && shift % 32) sticky = (mag_[shift / 32] & ((1u << (shift % 32)) - 1)) != 0;
    if (sticky) top |= 1;
    r = std::ldexp(static_cast<double>(top), static_cast<int>(shift));
  }
  return neg_ ? -r : r;
}

std::string BigInt::to_string() const {
  if (mag_.empty()) return "0";
  Mag m = mag_;
  std::vector<std::uint32_t> chunks;  // base 10^9, little-endian
  while (!m.empty()) chunks.push_back(divmod_small(m, 1000000000u));
  std::string out;
  if (neg_) out += '-';
  out += std::to_string(chunks.back());
  for (std::size_t i = chunks.size() - 1; i-- > 0;) {
    std::string part = std::to_string(chunks[i]);
    out.append(9 - part.size(), '0');
    out += part;
  }
  return out;
}

int BigInt::compare(const BigInt& o) const noexcept {
  if (neg_ != o.neg_) return neg_ ? -1 : 1;
  const int c = compare_mag(mag_, o.mag_);
  return neg_ ? -c : c;
}

BigInt BigInt::operator+(const BigInt& o) const {
  BigInt r;
  if (neg_ == o.neg_) {
    r.mag_ = add_mag(mag_, o.mag_);
    r.neg_ = neg_;
  } else if (compare_mag(mag_, o.mag_) >= 0) {
    r.mag_ = sub_mag(mag_, o.mag_);
    r.neg_ = neg_;
  } else {
    r.mag_ = sub_mag(o.mag_, mag_);
    r.neg_ = o.neg_;
  }
  if (r.mag_.empty()) r.neg_ = false;
  return r;
}

BigInt BigInt::operator-() const {
  BigInt r = *this;
  if (!r.mag_.empty()) r.neg_ = !r.neg_;
  return r;
}

BigInt BigInt::operator-(const BigInt& o) const { return *this + (-o); }

BigInt BigInt::operator*(const BigInt& o) const {
  BigInt r;
  r.mag_ = mul_mag(mag_, o.mag_);
  r.neg_ = !r.mag_.empty() && neg_ != o.neg_;
  return r;
}

BigInt BigInt::floordiv(const BigInt& o) const {
  BigInt q, r;
  divmod_mag(mag_, o.mag_, &q.mag_, &r.mag_);
  q.neg_ = !q.mag_.empty() && neg_ != o.neg_;
  if (neg_ != o.neg_ && !r.mag_.empty()) q = q - BigInt(1);
  return q;
}

BigInt BigInt::mod(const BigInt& o) const {
  BigInt q, r;
  divmod_mag(mag_, o.mag_, &q.mag_, &r.mag_);
  r.neg_ = !r.mag_.empty() && neg_;
  if (!r.mag_.empty() && r.neg_ != o.neg_) r = r + o;
  return r;
}

BigInt BigInt::pow(std::uint64_t exp) const {
  BigInt result(1);
  BigInt base = *this;
  while (exp) {
    if (exp & 1) result = result * base;
    exp >>= 1;
    if (exp) base = base * base;
  }
  return result;
}

std::size_t BigInt::bit_length() const noexcept {
  if (mag_.empty()) return 0;
  return (mag_.size() - 1) * 32 + static_cast<std::size_t>(32 - leading_zeros(mag_.back()));
}

}  // namespace docforge
