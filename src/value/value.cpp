// Value: construction, accessors and Python semantics (truthiness, equality, hashing, len).
// Printing lives in value_print.cpp.

#include "docforge/value.h"

#include <cmath>
#include <cstring>
#include <new>

#include "value/heap.h"
#include "value/utf8.h"
#include "value/value_hash.h"

namespace docforge {

using value_internal::BigIntHeap;
using value_internal::InArena;
using value_internal::ListHeap;
using value_internal::MapHeap;
using value_internal::StringHeap;
using value_internal::UndefinedHeap;

// ---- construction ----------------------------------------------------------------------------

Value Value::from_heap(ValueKind k, HeapObject* p, Flags flags) noexcept {
  Value v;
  v.kind_ = k;
  v.flags_ = flags;
  v.u_.ptr = p;
  if (p) p->retain();
  return v;
}

namespace value_internal {

StringHeap* StringHeap::make(std::string_view s) {
  const bool long_size = s.size() >= kLongSize;
  const std::size_t prefix = long_size ? sizeof(std::uint64_t) : 0;
  void* mem = ::operator new(sizeof(StringHeap) + prefix + s.size());
  auto* h = new (mem) StringHeap(long_size ? kLongSize : static_cast<std::uint32_t>(s.size()));
  char* payload = reinterpret_cast<char*>(h + 1);
  if (long_size) {
    const std::uint64_t n = s.size();
    std::memcpy(payload, &n, sizeof n);
    payload += sizeof n;
  }
  if (!s.empty()) std::memcpy(payload, s.data(), s.size());
  return h;
}

}  // namespace value_internal

Value Value::undefined(std::string_view name) {
  if (name.empty()) return Value();
  return adopt(ValueKind::kUndefined, new UndefinedHeap(name));
}

Value Value::big_integer(BigInt b) {
  if (b.fits_int64()) return integer(b.to_int64());
  return adopt(ValueKind::kBigInt, new BigIntHeap(std::move(b)));
}

Value Value::string(std::string s) { return string(std::string_view(s)); }

Value Value::string(std::string_view s) {
  return adopt(ValueKind::kString, StringHeap::make(s));
}

Value Value::safe_string(std::string s) {
  return adopt(ValueKind::kString, StringHeap::make(s), kSafeFlag);
}

Value Value::list(List items) { return adopt(ValueKind::kList, new ListHeap(std::move(items))); }

Value Value::tuple(List items) {
  return adopt(ValueKind::kList, new ListHeap(std::move(items)), kTupleFlag);
}

Value Value::map(Map m) { return adopt(ValueKind::kMap, new MapHeap(std::move(m))); }

Value Value::map() { return adopt(ValueKind::kMap, new MapHeap(Map())); }

Value Value::object(Object* o) { return from_heap(ValueKind::kObject, o); }

Value Value::string(std::string_view s, ValueArena& arena) {
  if (s.size() > ValueArena::kMaxObjectSize - sizeof(StringHeap)) return string(s);
  void* mem = arena.allocate(sizeof(StringHeap) + s.size());
  auto* h = new (mem) InArena<StringHeap>(static_cast<std::uint32_t>(s.size()));
  char* to = reinterpret_cast<char*>(static_cast<StringHeap*>(h) + 1);
  const char* from = s.data();
  const std::size_t n = s.size();
  // Most strings in a document are short: two overlapping fixed-size copies (plain moves)
  // instead of a call to memcpy.
  if (n >= 8 && n <= 16) {
    std::memcpy(to, from, 8);
    std::memcpy(to + n - 8, from + n - 8, 8);
  } else if (n >= 4 && n < 8) {
    std::memcpy(to, from, 4);
    std::memcpy(to + n - 4, from + n - 4, 4);
  } else if (n != 0) {
    std::memcpy(to, from, n);
  }
  return adopt(ValueKind::kString, h);
}

Value Value::list(List items, ValueArena& arena) {
  void* mem = arena.allocate(sizeof(InArena<ListHeap>));
  return adopt(ValueKind::kList, new (mem) InArena<ListHeap>(std::move(items)));
}

Value Value::list_from_items(Value* first, Value* last, ValueArena& arena) {
  void* mem = arena.allocate(sizeof(InArena<ListHeap>));
  return adopt(ValueKind::kList, new (mem) InArena<ListHeap>(first, last));
}

Value Value::map(Map m, ValueArena& arena) {
  void* mem = arena.allocate(sizeof(InArena<MapHeap>));
  return adopt(ValueKind::kMap, new (mem) InArena<MapHeap>(std::move(m)));
}

// ---- accessors -------------------------------------------------------------------------------

const BigInt& Value::as_big_int() const noexcept {
  return static_cast<const BigIntHeap*>(u_.ptr)->value;
}

std::string_view Value::as_string() const noexcept {
  return static_cast<const StringHeap*>(u_.ptr)->view();
}

const List& Value::as_list() const noexcept { return static_cast<const ListHeap*>(u_.ptr)->items; }

const Map& Value::as_map() const noexcept { return static_cast<const MapHeap*>(u_.ptr)->map; }

Object* Value::as_object() const noexcept { return static_cast<Object*>(u_.ptr); }

List& Value::list_mut() noexcept { return static_cast<ListHeap*>(u_.ptr)->items; }

Map& Value::map_mut() noexcept { return static_cast<MapHeap*>(u_.ptr)->map; }

void Value::mark_mutable() const noexcept {
  if (is_map()) {
    static_cast<MapHeap*>(u_.ptr)->render_local = true;
  } else if (is_list() && !is_tuple()) {
    static_cast<ListHeap*>(u_.ptr)->render_local = true;
  }
}

bool Value::is_mutable() const noexcept {
  if (is_map()) return static_cast<const MapHeap*>(u_.ptr)->render_local;
  if (is_list() && !is_tuple()) return static_cast<const ListHeap*>(u_.ptr)->render_local;
  return false;
}

std::string_view Value::undefined_name() const noexcept {
  if (u_.ptr == nullptr) return {};
  return static_cast<const UndefinedHeap*>(u_.ptr)->name;
}

Value Value::with_safe(bool safe) const {
  Value v(*this);
  v.set(kSafeFlag, safe);
  return v;
}

Value Value::as_tuple() const {
  Value v(*this);
  v.set(kTupleFlag, true);
  return v;
}

// ---- Python semantics ------------------------------------------------------------------------

bool Value::truthy() const noexcept {
  switch (kind_) {
    case ValueKind::kUndefined:
    case ValueKind::kNone:
      return false;
    case ValueKind::kBool:
      return u_.b;
    case ValueKind::kInt:
      return u_.i != 0;
    case ValueKind::kBigInt:
      return !as_big_int().is_zero();
    case ValueKind::kFloat:
      return u_.f != 0.0;  // NaN is true, as in Python
    case ValueKind::kString:
      return !as_string().empty();
    case ValueKind::kList:
      return !as_list().empty();
    case ValueKind::kMap:
      return !as_map().empty();
    case ValueKind::kObject:
      return as_object()->truthy();
  }
  return false;
}

double Value::to_double() const noexcept {
  switch (kind_) {
    case ValueKind::kBool:
      return u_.b ? 1.0 : 0.0;
    case ValueKind::kInt:
      return static_cast<double>(u_.i);
    case ValueKind::kBigInt:
      return as_big_int().to_double();
    case ValueKind::kFloat:
      return u_.f;
    default:
      return 0.0;
  }
}

std::size_t Value::length() const noexcept {
  switch (kind_) {
    case ValueKind::kString:
      return utf8::count(as_string());
    case ValueKind::kList:
      return as_list().size();
    case ValueKind::kMap:
      return as_map().size();
    default:
      return 0;
  }
}

const char* Value::type_name() const noexcept {
  switch (kind_) {
    case ValueKind::kUndefined:
      return "Undefined";
    case ValueKind::kNone:
      return "NoneType";
    case ValueKind::kBool:
      return "bool";
    case ValueKind::kInt:
    case ValueKind::kBigInt:
      return "int";
    case ValueKind::kFloat:
      return "float";
    case ValueKind::kString:
      return "str";
    case ValueKind::kList:
      return is_tuple() ? "tuple" : "list";
    case ValueKind::kMap:
      return "dict";
    case ValueKind::kObject:
      return as_object()->type_name();
  }
  return "object";
}

namespace {

// Exact comparison of an int64 with a double.
bool int_equals_double(std::int64_t i, double d) noexcept {
  if (!(d >= -9223372036854775808.0 && d < 9223372036854775808.0)) return false;  // NaN too
  if (std::trunc(d) != d) return false;
  return static_cast<std::int64_t>(d) == i;
}

// Exact value of an integral, finite double as a BigInt.
BigInt big_from_double(double d) {
  int exp = 0;
  const double m = std::frexp(d, &exp);  // d = m * 2^exp, 0.5 <= |m| < 1
  const auto mant = static_cast<std::int64_t>(std::ldexp(m, 53));
  exp -= 53;
  BigInt r(mant);
  if (exp > 0) return r * BigInt(2).pow(static_cast<std::uint64_t>(exp));
  // Integral doubles with exp < 0 fit in int64 and never reach here from big_equals_double.
  return BigInt(static_cast<std::int64_t>(d));
}

bool big_equals_double(const BigInt& b, double d) noexcept {
  if (!std::isfinite(d) || std::trunc(d) != d) return false;
  if (std::fabs(d) < 9223372036854775808.0) return false;  // b is normalised beyond int64
  try {
    return b.compare(big_from_double(d)) == 0;
  } catch (...) {
    return false;  // allocation failure
  }
}

// A number's value for mixed comparisons: bool and int collapse to int.
bool numeric_equals(const Value& a, const Value& b) noexcept {
  auto int_of = [](const Value& v) -> std::int64_t {
    return v.is_bool() ? (v.as_bool() ? 1 : 0) : v.as_int();
  };
  const bool a_small = a.is_bool() || a.is_int();
  const bool b_small = b.is_bool() || b.is_int();
  if (a_small && b_small) return int_of(a) == int_of(b);
  if (a_small && b.is_float()) return int_equals_double(int_of(a), b.as_float());
  if (a.is_float() && b_small) return int_equals_double(int_of(b), a.as_float());
  if (a.is_float() && b.is_float()) return a.as_float() == b.as_float();
  if (a.is_big_int() && b.is_big_int()) return a.as_big_int().compare(b.as_big_int()) == 0;
  if (a.is_big_int() && b.is_float()) return big_equals_double(a.as_big_int(), b.as_float());
  if (a.is_float() && b.is_big_int()) return big_equals_double(b.as_big_int(), a.as_float());
  return false;  // big int vs small int: normalised big ints never fit in int64
}

bool is_numeric(ValueKind k) noexcept {
  return k == ValueKind::kBool || k == ValueKind::kInt || k == ValueKind::kBigInt ||
         k == ValueKind::kFloat;
}

}  // namespace

bool Value::equals(const Value& o) const noexcept {
  if (is_numeric(kind_) && is_numeric(o.kind_)) {
    if (kind_ == o.kind_ && kind_ == ValueKind::kInt) return u_.i == o.u_.i;
    return numeric_equals(*this, o);
  }
  if (kind_ != o.kind_) return false;
  switch (kind_) {
    case ValueKind::kUndefined:
    case ValueKind::kNone:
      return true;
    case ValueKind::kString:
      return u_.ptr == o.u_.ptr || as_string() == o.as_string();
    case ValueKind::kList: {
      if (is_tuple() != o.is_tuple()) return false;
      if (u_.ptr == o.u_.ptr) return true;
      const List& a = as_list();
      const List& b = o.as_list();
      if (a.size() != b.size()) return false;
      for (std::size_t i = 0; i < a.size(); ++i) {
        if (!a[i].equals(b[i])) return false;
      }
      return true;
    }
    case ValueKind::kMap: {
      if (u_.ptr == o.u_.ptr) return true;
      const Map& a = as_map();
      const Map& b = o.as_map();
      if (a.size() != b.size()) return false;
      for (const auto& [k, v] : a) {
        const Value* other = b.find(k);
        if (other == nullptr || !v.equals(*other)) return false;
      }
      return true;
    }
    case ValueKind::kObject:
      return u_.ptr == o.u_.ptr;
    default:
      return false;
  }
}

namespace value_internal {

namespace {
constexpr std::uint64_t kHashModulus = (std::uint64_t{1} << 61) - 1;  // Python's _PyHASH_MODULUS
constexpr int kHashBits = 61;

std::size_t finish_signed(std::uint64_t mag, bool neg) noexcept {
  auto h = static_cast<std::int64_t>(mag);
  if (neg) h = -h;
  if (h == -1) h = -2;
  return static_cast<std::size_t>(h);
}
}  // namespace

std::size_t hash_int(std::int64_t i) noexcept {
  const bool neg = i < 0;
  const std::uint64_t mag = neg ? 0 - static_cast<std::uint64_t>(i) : static_cast<std::uint64_t>(i);
  return finish_signed(mag % kHashModulus, neg);
}

std::size_t hash_big_int(const BigInt& b) noexcept {
  try {
    BigInt m = b.negative() ? -b : b;
    m = m.mod(BigInt(static_cast<std::int64_t>(kHashModulus)));
    return finish_signed(static_cast<std::uint64_t>(m.to_int64()), b.negative());
  } catch (...) {
    return 0;
  }
}

// Python's _Py_HashDouble (NaN hashes to 0: equal NaNs never exist anyway).
std::size_t hash_double(double v) noexcept {
  if (std::isinf(v)) return v > 0 ? 314159 : static_cast<std::size_t>(-314159);
  if (std::isnan(v)) return 0;
  int e = 0;
  double m = std::frexp(v, &e);
  bool neg = false;
  if (m < 0) {
    neg = true;
    m = -m;
  }
  std::uint64_t x = 0;
  while (m != 0.0) {
    x = ((x << 28) & kHashModulus) | x >> (kHashBits - 28);
    m *= 268435456.0;  // 2**28
    e -= 28;
    const auto y = static_cast<std::uint64_t>(m);
    m -= static_cast<double>(y);
    x += y;
    if (x >= kHashModulus) x -= kHashModulus;
  }
  e = e >= 0 ? e % kHashBits : kHashBits - 1 - ((-1 - e) % kHashBits);
  x = ((x << e) & kHashModulus) | x >> (kHashBits - e);
  return finish_signed(x, neg);
}

}  // namespace value_internal

std::size_t Value::hash() const noexcept {
  switch (kind_) {
    case ValueKind::kUndefined:
      return 0x5bd1e995u;
    case ValueKind::kNone:
      return 0x9e3779b9u;
    case ValueKind::kBool:
      return u_.b ? 1 : 0;
    case ValueKind::kInt:
      return value_internal::hash_int(u_.i);
    case ValueKind::kBigInt:
      return value_internal::hash_big_int(as_big_int());
    case ValueKind::kFloat:
      return value_internal::hash_double(u_.f);
    case ValueKind::kString:
      return value_internal::hash_string(as_string());
    case ValueKind::kList: {
      std::size_t h = is_tuple() ? 0x345678u : 0x7a3c1u;
      for (const Value& v : as_list()) h = (h ^ v.hash()) * 0x100000001b3ULL;
      return h;
    }
    case ValueKind::kMap: {
      std::size_t h = 0x1f2e3d4cu;  // order-independent, as equality is
      for (const auto& [k, v] : as_map()) h += (k.hash() * 31) ^ v.hash();
      return h;
    }
    case ValueKind::kObject:
      return std::hash<const void*>{}(u_.ptr);
  }
  return 0;
}

}  // namespace docforge
