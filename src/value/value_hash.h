// Hashing shared by Value::hash and Map (internal to src/value/).
//
// Numbers hash as Python does (hash(n) is n modulo 2^61 - 1, floats by the same rule on their
// exact value), so 1, 1.0, True and an equal big integer share one hash. Strings hash by their
// bytes, whether safe or not. Thread safety: pure functions.

#ifndef DOCFORGE_VALUE_VALUE_HASH_H_
#define DOCFORGE_VALUE_VALUE_HASH_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string_view>

#include "docforge/value.h"

namespace docforge::value_internal {

inline std::size_t hash_string(std::string_view s) noexcept {
  return std::hash<std::string_view>{}(s);
}

std::size_t hash_int(std::int64_t i) noexcept;
std::size_t hash_big_int(const BigInt& b) noexcept;
std::size_t hash_double(double d) noexcept;

}  // namespace docforge::value_internal

#endif  // DOCFORGE_VALUE_VALUE_HASH_H_
