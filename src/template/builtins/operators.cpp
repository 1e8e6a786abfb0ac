// Python operators on Values: arithmetic with Python's numeric tower, sequence concatenation and
// repetition, Jinja2's `~`, Markup rules, ordering comparisons and `in` (see builtins.h).
//
// Sizes are charged to the CallContext before a big result is built, so `'a' * 10**9` or
// `2 ** 10**9` fail fast with a kLimit error instead of allocating. Big-integer work is also
// charged as fuel in proportion to its quadratic cost, and integers of more than 2**20 bits are
// refused outright (a deliberate difference from Python, which has no cap).
#include <climits>
#include <cmath>
#include <cstdint>
#include <string>

#include <fmt/format.h>

#include "template/builtins.h"
#include "template/builtins/ops_util.h"

namespace docforge {
namespace {

using ops::is_int_like;
using ops::is_numeric;
using ops::py_type_name;
using ops::throw_type_error;

const char* op_symbol(BinaryOp op) {
  switch (op) {
    case BinaryOp::kAdd: return "+";
    case BinaryOp::kSub: return "-";
    case BinaryOp::kMul: return "*";
    case BinaryOp::kDiv: return "/";
    case BinaryOp::kFloorDiv: return "//";
    case BinaryOp::kMod: return "%";
    case BinaryOp::kPow: return "** or pow()";
    case BinaryOp::kConcat: return "~";
  }
  return "?";
}

[[noreturn]] void unsupported(BinaryOp op, const Value& a, const Value& b) {
  throw_type_error(fmt::format("unsupported operand type(s) for {}: '{}' and '{}'", op_symbol(op),
                               py_type_name(a), py_type_name(b)));
}

[[noreturn]] void zero_division(const char* message) {
  throw_template_error(ErrorKind::kValue, message);
}

// Integers beyond this many bits are refused whatever the limits say (Python has no such cap):
// schoolbook big-integer arithmetic on them would take seconds, and their decimal text is
// over 300,000 digits.
constexpr long double kMaxIntBits = 1 << 20;

void check_int_bits(long double bits) {
  if (bits > kMaxIntBits) {
    throw_template_error(ErrorKind::kLimit,
                         "integer result too large (more than 1048576 bits)");
  }
}

// Charges fuel for big-integer arithmetic on operands of the given bit lengths (schoolbook
// multiplication and division cost the product of the word counts).
void charge_big_work(CallContext& ctx, std::size_t bits_a, std::size_t bits_b) {
  std::uint64_t wa = bits_a / 32 + 1;
  std::uint64_t wb = bits_b / 32 + 1;
  if (wa > 4 && wb > 4) ctx.consume_fuel(wa * wb / 16);
}

Value big_result(CallContext& ctx, BigInt r) {
  if (!r.fits_int64()) ctx.charge_value_size(r.bit_length() / 8 + 1);
  return Value::big_integer(std::move(r));
}

// ---- floats -------------------------------------------------------------------------------

double float_floordiv(double vx, double wx) {
  if (wx == 0.0) zero_division("float floor division by zero");
  double mod = std::fmod(vx, wx);
  double div = (vx - mod) / wx;
  if (mod != 0.0) {
    if ((wx < 0) != (mod < 0)) div -= 1.0;
  }
  if (div != 0.0) {
    double floordiv = std::floor(div);
    if (div - floordiv > 0.5) floordiv += 1.0;
    return floordiv;
  }
  return std::copysign(0.0, vx / wx);
}

double float_mod(double vx, double wx) {
  if (wx == 0.0) zero_division("float modulo");
  double mod = std::fmod(vx, wx);
  if (mod != 0.0) {
    if ((wx < 0) != (mod < 0)) mod += wx;
  } else {
    mod = std::copysign(0.0, wx);
  }
  return mod;
}

double float_pow(double x, double y) {
  if (y == 0.0) return 1.0;
  if (std::isnan(x)) return x;
  if (std::isnan(y)) return x == 1.0 ? 1.0 : y;
  if (x == 0.0 && y < 0.0 && std::isfinite(y)) {
    zero_division("0.0 cannot be raised to a negative power");
  }
  if (x < 0.0 && std::isfinite(x) && std::isfinite(y) && std::floor(y) != y) {
    throw_template_error(ErrorKind::kValue,
                         "complex results are not supported (negative number raised to a "
                         "fractional power)");
  }
  double r = std::pow(x, y);
  if (std::isinf(r) && std::isfinite(x) && std::isfinite(y)) {
    throw_template_error(ErrorKind::kValue, "(34, 'Numerical result out of range')");
  }
  return r;
}

Value float_arith(BinaryOp op, double x, double y) {
  switch (op) {
    case BinaryOp::kAdd: return Value::floating(x + y);
    case BinaryOp::kSub: return Value::floating(x - y);
    case BinaryOp::kMul: return Value::floating(x * y);
    case BinaryOp::kDiv:
      if (y == 0.0) zero_division("float division by zero");
      return Value::floating(x / y);
    case BinaryOp::kFloorDiv: return Value::floating(float_floordiv(x, y));
    case BinaryOp::kMod: return Value::floating(float_mod(x, y));
    case BinaryOp::kPow: return Value::floating(float_pow(x, y));
    case BinaryOp::kConcat: break;
  }
  return Value::undefined();
}

// ---- integers -----------------------------------------------------------------------------

// True division of two integers, correctly rounded when both fit in 53 bits and within one
// unit in the last place otherwise.
Value int_true_div(const Value& a, const Value& b) {
  std::int64_t x = 0, y = 0;
  constexpr std::int64_t kExact = std::int64_t{1} << 53;
  if (ops::small_int(a, &x) && ops::small_int(b, &y) && x <= kExact && x >= -kExact &&
      y <= kExact && y >= -kExact) {
    if (y == 0) zero_division("division by zero");
    return Value::floating(static_cast<double>(x) / static_cast<double>(y));
  }
  BigInt ba = ops::to_big(a);
  BigInt bb = ops::to_big(b);
  if (bb.is_zero()) zero_division("division by zero");
  if (ba.is_zero()) return Value::floating(bb.negative() ? -0.0 : 0.0);
  long la = static_cast<long>(ba.bit_length());
  long lb = static_cast<long>(bb.bit_length());
  if (la - lb > 1025) {
    throw_template_error(ErrorKind::kValue, "integer division result too large for a float");
  }
  // Scale so the quotient carries 64+ significant bits, then convert.
  long shift = 64 - (la - lb);
  BigInt num = ba;
  BigInt den = bb;
  if (shift > 0) {
    num = num * BigInt(2).pow(static_cast<std::uint64_t>(shift));
  } else if (shift < 0) {
    den = den * BigInt(2).pow(static_cast<std::uint64_t>(-shift));
  }
  // Truncating quotient (floordiv rounds toward -inf; correct it for a negative result).
  bool neg = ba.negative() != bb.negative();
  BigInt an = num.negative() ? -num : num;
  BigInt ad = den.negative() ? -den : den;
  BigInt q = an.floordiv(ad);
  double r = std::ldexp(q.to_double(), static_cast<int>(-shift));
  if (std::isinf(r)) {
    throw_template_error(ErrorKind::kValue, "integer division result too large for a float");
  }
  return Value::floating(neg ? -r : r);
}

Value int_pow(CallContext& ctx, const Value& a, const Value& b) {
  BigInt base = ops::to_big(a);
  BigInt exp = ops::to_big(b);
  if (exp.negative()) {
    double x = ops::to_float_checked(a);
    double y = ops::to_float_checked(b);
    return Value::floating(float_pow(x, y));
  }
  // Trivial bases never grow.
  std::int64_t sb = 0;
  if (ops::small_int(a, &sb) && (sb == 0 || sb == 1 || sb == -1)) {
    if (exp.is_zero()) return Value::integer(1);
    if (sb == -1) {
      bool odd = exp.mod(BigInt(2)).compare(BigInt(1)) == 0;
      return Value::integer(odd ? -1 : 1);
    }
    return Value::integer(sb);
  }
  if (!exp.fits_int64()) {
    ctx.charge_value_size(SIZE_MAX);
    throw_template_error(ErrorKind::kLimit, "integer power too large");
  }
  std::uint64_t e = static_cast<std::uint64_t>(exp.to_int64());
  // The result has about (bit_length(base) - 1) * e + 1 bits; charge before computing.
  long double bits = static_cast<long double>(base.bit_length() - 1) * static_cast<long double>(e);
  if (bits > 62) {
    check_int_bits(bits);
    long double bytes = bits / 8 + 1;
    ctx.charge_value_size(bytes > static_cast<long double>(SIZE_MAX / 2)
                              ? SIZE_MAX / 2
                              : static_cast<std::size_t>(bytes));
    std::uint64_t words = static_cast<std::uint64_t>(bits / 32) + 1;
    ctx.consume_fuel(words * words / 16 + 1);
  }
  return big_result(ctx, base.pow(e));
}

Value int_arith(CallContext& ctx, BinaryOp op, const Value& a, const Value& b) {
  std::int64_t x = 0, y = 0;
  if (ops::small_int(a, &x) && ops::small_int(b, &y)) {
    std::int64_t r = 0;
    switch (op) {
      case BinaryOp::kAdd:
        if (!__builtin_add_overflow(x, y, &r)) return Value::integer(r);
        break;
      case BinaryOp::kSub:
        if (!__builtin_sub_overflow(x, y, &r)) return Value::integer(r);
        break;
      case BinaryOp::kMul:
        if (!__builtin_mul_overflow(x, y, &r)) return Value::integer(r);
        break;
      case BinaryOp::kFloorDiv:
        if (y == 0) zero_division("integer division or modulo by zero");
        if (x == INT64_MIN && y == -1) break;
        r = x / y;
        if (x % y != 0 && ((x < 0) != (y < 0))) --r;
        return Value::integer(r);
      case BinaryOp::kMod:
        if (y == 0) zero_division("integer modulo by zero");
        if (y == -1) return Value::integer(0);
        r = x % y;
        if (r != 0 && ((r < 0) != (y < 0))) r += y;
        return Value::integer(r);
      case BinaryOp::kDiv:
      case BinaryOp::kPow:
      case BinaryOp::kConcat: break;
    }
  }
  switch (op) {
    case BinaryOp::kDiv: return int_true_div(a, b);
    case BinaryOp::kPow: return int_pow(ctx, a, b);
    default: break;
  }
  BigInt ba = ops::to_big(a);
  BigInt bb = ops::to_big(b);
  switch (op) {
    case BinaryOp::kAdd: return big_result(ctx, ba + bb);
    case BinaryOp::kSub: return big_result(ctx, ba - bb);
    case BinaryOp::kMul:
      check_int_bits(static_cast<long double>(ba.bit_length() + bb.bit_length()));
      ctx.charge_value_size((ba.bit_length() + bb.bit_length()) / 8 + 1);
      charge_big_work(ctx, ba.bit_length(), bb.bit_length());
      return big_result(ctx, ba * bb);
    case BinaryOp::kFloorDiv:
      if (bb.is_zero()) zero_division("integer division or modulo by zero");
      charge_big_work(ctx, ba.bit_length(), bb.bit_length());
      return big_result(ctx, ba.floordiv(bb));
    case BinaryOp::kMod:
      if (bb.is_zero()) zero_division("integer modulo by zero");
      charge_big_work(ctx, ba.bit_length(), bb.bit_length());
      return big_result(ctx, ba.mod(bb));
    default: break;
  }
  return Value::undefined();
}

Value numeric_arith(CallContext& ctx, BinaryOp op, const Value& a, const Value& b) {
  if (a.is_float() || b.is_float()) {
    return float_arith(op, ops::to_float_checked(a), ops::to_float_checked(b));
  }
  return int_arith(ctx, op, a, b);
}

// ---- sequences ----------------------------------------------------------------------------

Value concat_strings(CallContext& ctx, const Value& a, const Value& b) {
  std::string_view sa = a.as_string();
  std::string_view sb = b.as_string();
  if (a.is_safe() == b.is_safe()) {
    ctx.charge_value_size(sa.size() + sb.size());
    std::string out;
    out.reserve(sa.size() + sb.size());
    out += sa;
    out += sb;
    return a.is_safe() ? Value::safe_string(std::move(out)) : Value::string(std::move(out));
  }
  // Markup + str escapes the str (and str + Markup likewise).
  std::string out;
  if (a.is_safe()) {
    out += sa;
    ops::append_escaped(ctx, out, sb);
  } else {
    ops::append_escaped(ctx, out, sa);
    out += sb;
  }
  ctx.charge_value_size(out.size());
  return Value::safe_string(std::move(out));
}

Value add_values(CallContext& ctx, const Value& a, const Value& b) {
  if (a.is_string()) {
    if (b.is_string()) return concat_strings(ctx, a, b);
    if (a.is_safe()) unsupported(BinaryOp::kAdd, a, b);
    throw_type_error(
        fmt::format("can only concatenate str (not \"{}\") to str", py_type_name(b)));
  }
  if (a.is_list()) {
    if (b.is_list() && a.is_tuple() == b.is_tuple()) {
      const List& la = a.as_list();
      const List& lb = b.as_list();
      ctx.charge_value_size((la.size() + lb.size()) * sizeof(Value));
      List out;
      out.reserve(la.size() + lb.size());
      out.insert(out.end(), la.begin(), la.end());
      out.insert(out.end(), lb.begin(), lb.end());
      return a.is_tuple() ? Value::tuple(std::move(out)) : Value::list(std::move(out));
    }
    const char* self = a.is_tuple() ? "tuple" : "list";
    throw_type_error(fmt::format("can only concatenate {} (not \"{}\") to {}", self,
                                 py_type_name(b), self));
  }
  unsupported(BinaryOp::kAdd, a, b);
}

Value repeat_sequence(CallContext& ctx, const Value& seq, const Value& count) {
  if (!is_int_like(count)) {
    throw_type_error(
        fmt::format("can't multiply sequence by non-int of type '{}'", py_type_name(count)));
  }
  std::int64_t n = 0;
  if (!ops::small_int(count, &n)) {
    if (count.as_big_int().negative()) n = 0;
    else {
      ctx.charge_value_size(SIZE_MAX);
      throw_template_error(ErrorKind::kLimit, "cannot fit 'int' into an index-sized integer");
    }
  }
  if (n < 0) n = 0;
  std::size_t times = static_cast<std::size_t>(n);
  if (seq.is_string()) {
    std::string_view s = seq.as_string();
    std::size_t total = 0;
    if (__builtin_mul_overflow(s.size(), times, &total)) total = SIZE_MAX;
    ctx.charge_value_size(total);
    std::string out;
    out.reserve(total);
    for (std::size_t i = 0; i < times; ++i) out += s;
    return seq.is_safe() ? Value::safe_string(std::move(out)) : Value::string(std::move(out));
  }
  const List& items = seq.as_list();
  std::size_t total = 0;
  if (__builtin_mul_overflow(items.size(), times, &total) ||
      __builtin_mul_overflow(total, sizeof(Value), &total)) {
    total = SIZE_MAX;
  }
  ctx.charge_value_size(total);
  List out;
  out.reserve(items.size() * times);
  for (std::size_t i = 0; i < times; ++i) out.insert(out.end(), items.begin(), items.end());
  return seq.is_tuple() ? Value::tuple(std::move(out)) : Value::list(std::move(out));
}

Value multiply_values(CallContext& ctx, const Value& a, const Value& b) {
  if (a.is_string() || a.is_list()) {
    if (b.is_string() || b.is_list() || b.is_float() || is_int_like(b)) {
      return repeat_sequence(ctx, a, b);
    }
    unsupported(BinaryOp::kMul, a, b);
  }
  if (b.is_string() || b.is_list()) {
    if (a.is_float() || is_int_like(a)) return repeat_sequence(ctx, b, a);
    unsupported(BinaryOp::kMul, a, b);
  }
  unsupported(BinaryOp::kMul, a, b);
}

// Jinja2's `~`: str() of both sides; with autoescape on and a Markup operand the result is
// Markup and the other side is escaped.
Value concat_tilde(CallContext& ctx, const Value& a, const Value& b) {
  ctx.check_defined(a);
  ctx.check_defined(b);
  std::string out;
  if (ctx.autoescape() && (a.is_safe() || b.is_safe())) {
    ops::append_escaped_value(ctx, out, a);
    ops::append_escaped_value(ctx, out, b);
    ctx.charge_value_size(out.size());
    return Value::safe_string(std::move(out));
  }
  if (!a.is_undefined()) a.append_str(out);
  if (!b.is_undefined()) b.append_str(out);
  ctx.charge_value_size(out.size());
  return Value::string(std::move(out));
}

// ---- comparisons --------------------------------------------------------------------------

// Three-way comparison of two numbers (bool, int, big int, float). Returns false when the
// comparison is unordered (NaN).
bool compare_numbers(const Value& a, const Value& b, int* result) {
  if (a.is_float() || b.is_float()) {
    if (a.is_float() && b.is_float()) {
      double x = a.as_float(), y = b.as_float();
      if (std::isnan(x) || std::isnan(y)) return false;
      *result = x < y ? -1 : (x > y ? 1 : 0);
      return true;
    }
    bool flip = !a.is_float();
    const Value& f = flip ? b : a;
    const Value& i = flip ? a : b;
    double d = f.as_float();
    if (std::isnan(d)) return false;
    int r = 0;  // compare(f, i)
    if (std::isinf(d)) {
      r = d > 0 ? 1 : -1;
    } else {
      std::int64_t si = 0;
      if (ops::small_int(i, &si)) {
        long double ld = static_cast<long double>(si);  // exact: 64-bit mantissa
        long double dd = d;
        r = dd < ld ? -1 : (dd > ld ? 1 : 0);
      } else {
        Value t = ops::int_from_double(d);
        int c = ops::to_big(t).compare(ops::to_big(i));
        if (c != 0) {
          r = c;
        } else {
          double frac = d - std::trunc(d);
          r = frac > 0 ? 1 : (frac < 0 ? -1 : 0);
        }
      }
    }
    *result = flip ? -r : r;
    return true;
  }
  std::int64_t x = 0, y = 0;
  if (ops::small_int(a, &x) && ops::small_int(b, &y)) {
    *result = x < y ? -1 : (x > y ? 1 : 0);
    return true;
  }
  *result = ops::to_big(a).compare(ops::to_big(b));
  return true;
}

const char* compare_symbol(CompareOp op) {
  switch (op) {
    case CompareOp::kLt: return "<";
    case CompareOp::kLe: return "<=";
    case CompareOp::kGt: return ">";
    case CompareOp::kGe: return ">=";
  }
  return "?";
}

bool from_three_way(CompareOp op, int c) {
  switch (op) {
    case CompareOp::kLt: return c < 0;
    case CompareOp::kLe: return c <= 0;
    case CompareOp::kGt: return c > 0;
    case CompareOp::kGe: return c >= 0;
  }
  return false;
}

bool compare_values(CallContext& ctx, CompareOp op, const Value& a, const Value& b) {
  if (a.is_undefined()) ops::throw_undefined(a);
  if (b.is_undefined()) ops::throw_undefined(b);
  if (is_numeric(a) && is_numeric(b)) {
    int c = 0;
    if (!compare_numbers(a, b, &c)) return false;
    return from_three_way(op, c);
  }
  if (a.is_string() && b.is_string()) {
    int c = a.as_string().compare(b.as_string());
    return from_three_way(op, c);
  }
  if (a.is_list() && b.is_list() && a.is_tuple() == b.is_tuple()) {
    const List& la = a.as_list();
    const List& lb = b.as_list();
    std::size_t n = std::min(la.size(), lb.size());
    for (std::size_t i = 0; i < n; ++i) {
      if (!la[i].equals(lb[i])) return compare_values(ctx, op, la[i], lb[i]);
    }
    int c = la.size() < lb.size() ? -1 : (la.size() > lb.size() ? 1 : 0);
    return from_three_way(op, c);
  }
  throw_type_error(fmt::format("'{}' not supported between instances of '{}' and '{}'",
                               compare_symbol(op), py_type_name(a), py_type_name(b)));
}

}  // namespace

Value apply_binary(CallContext& ctx, BinaryOp op, const Value& a, const Value& b) {
  if (op == BinaryOp::kConcat) return concat_tilde(ctx, a, b);
  // str % undefined formats the undefined (str() of it is ""), as Python does.
  if (op == BinaryOp::kMod && a.is_string()) return python_percent_format(ctx, a, b);
  if (a.is_undefined()) ops::throw_undefined(a);
  if (b.is_undefined()) ops::throw_undefined(b);
  if (is_numeric(a) && is_numeric(b)) return numeric_arith(ctx, op, a, b);
  switch (op) {
    case BinaryOp::kAdd: return add_values(ctx, a, b);
    case BinaryOp::kMul: return multiply_values(ctx, a, b);
    case BinaryOp::kMod:
      if (a.is_string()) return python_percent_format(ctx, a, b);
      break;
    default: break;
  }
  unsupported(op, a, b);
}

Value apply_negate(CallContext& ctx, const Value& a) {
  if (a.is_undefined()) ops::throw_undefined(a);
  if (a.is_float()) return Value::floating(-a.as_float());
  std::int64_t i = 0;
  if (ops::small_int(a, &i) && i != INT64_MIN) return Value::integer(-i);
  if (is_int_like(a)) return big_result(ctx, -ops::to_big(a));
  throw_type_error(fmt::format("bad operand type for unary -: '{}'", py_type_name(a)));
}

Value apply_positive(CallContext& ctx, const Value& a) {
  (void)ctx;
  if (a.is_undefined()) ops::throw_undefined(a);
  if (a.is_bool()) return Value::integer(a.as_bool() ? 1 : 0);
  if (is_numeric(a)) return a;
  throw_type_error(fmt::format("bad operand type for unary +: '{}'", py_type_name(a)));
}

bool apply_compare(CallContext& ctx, CompareOp op, const Value& a, const Value& b) {
  return compare_values(ctx, op, a, b);
}

bool apply_contains(CallContext& ctx, const Value& haystack, const Value& needle) {
  if (haystack.is_undefined()) {
    ctx.check_defined(haystack);
    return false;
  }
  if (haystack.is_string()) {
    if (!needle.is_string()) {
      throw_type_error(fmt::format("'in <string>' requires string as left operand, not {}",
                                   py_type_name(needle)));
    }
    return haystack.as_string().find(needle.as_string()) != std::string_view::npos;
  }
  if (haystack.is_list()) {
    for (const Value& item : haystack.as_list()) {
      if (item.equals(needle)) return true;
    }
    return false;
  }
  if (haystack.is_map()) {
    if ((needle.is_list() && !needle.is_tuple()) || needle.is_map()) {
      throw_type_error(fmt::format("unhashable type: '{}'", py_type_name(needle)));
    }
    return haystack.as_map().find(needle) != nullptr;
  }
  if (haystack.is_object() && haystack.as_object()->iterable()) {
    for (const Value& item : haystack.as_object()->to_list()) {
      if (item.equals(needle)) return true;
    }
    return false;
  }
  throw_type_error(
      fmt::format("argument of type '{}' is not iterable", py_type_name(haystack)));
}

}  // namespace docforge
