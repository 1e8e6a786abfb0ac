// Short ways to write Values in the builtin library's tests: big("123...") for an integer of
// any size (the test fails if the digits do not parse) and dict_of({{k, v}, ...}) for a map
// in the given order.

#ifndef DOCFORGE_TESTS_TEMPLATE_BUILTINS_VALUE_LITERALS_H_
#define DOCFORGE_TESTS_TEMPLATE_BUILTINS_VALUE_LITERALS_H_

#include <gtest/gtest.h>

#include <initializer_list>
#include <utility>

#include "docforge/value.h"

namespace docforge::testing_values {

inline Value big(const char* digits) {
  BigInt b;
  EXPECT_TRUE(BigInt::parse(digits, &b)) << digits;
  return Value::big_integer(std::move(b));
}

inline Value dict_of(std::initializer_list<std::pair<Value, Value>> items) {
  Map m;
  for (const auto& [k, v] : items) m.set(k, v);
  return Value::map(std::move(m));
}

}  // namespace docforge::testing_values

#endif  // DOCFORGE_TESTS_TEMPLATE_BUILTINS_VALUE_LITERALS_H_
