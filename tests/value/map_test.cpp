// Map: insertion order, replacement in place, Python key equivalence, the index past 8 entries.

#include <gtest/gtest.h>

#include <string>

#include "docforge/value.h"

namespace docforge {
namespace {

std::string keys_of(const Map& m) {
  std::string out;
  for (const auto& [k, v] : m) {
    if (!out.empty()) out += ',';
    k.append_str(out);
  }
  return out;
}

TEST(Map, KeepsInsertionOrderAndReplacesInPlace) {
  Map m;
  m.set("b", Value::integer(1));
  m.set("a", Value::integer(2));
  m.set("c", Value::integer(3));
  m.set("a", Value::integer(20));
  EXPECT_EQ(keys_of(m), "b,a,c");
  ASSERT_NE(m.find("a"), nullptr);
  EXPECT_EQ(m.find("a")->as_int(), 20);
  EXPECT_EQ(m.size(), 3u);
  EXPECT_EQ(m.find("zz"), nullptr);
}

TEST(Map, NumericKeysAreOneKey) {
  // python3: d = {1: 'a'}; d[1.0] = 'b'; d[True] = 'c'  ->  {1: 'c'}
  Map m;
  m.set(Value::integer(1), Value::string("a"));
  m.set(Value::floating(1.0), Value::string("b"));
  m.set(Value::boolean(true), Value::string("c"));
  EXPECT_EQ(m.size(), 1u);
  EXPECT_EQ(Value::map(m).str(), "{1: 'c'}");
  ASSERT_NE(m.find(Value::floating(1.0)), nullptr);
  EXPECT_EQ(m.find(Value::boolean(true))->as_string(), "c");
  EXPECT_EQ(m.find(Value::string("1")), nullptr);
}

TEST(Map, StringKeysSafeOrNot) {
  Map m;
  m.set(Value::safe_string("k"), Value::integer(1));
  ASSERT_NE(m.find("k"), nullptr);
  ASSERT_NE(m.find(Value::string("k")), nullptr);
  m.set("k", Value::integer(2));
  EXPECT_EQ(m.size(), 1u);
}

TEST(Map, LargeMapsUseIndexAndStayCorrect) {
  Map m;
  for (int i = 0; i < 1000; ++i) {
    m.set("key" + std::to_string(i), Value::integer(i));
    m.set(Value::integer(i), Value::integer(-i));
  }
  EXPECT_EQ(m.size(), 2000u);
  for (int i = 0; i < 1000; ++i) {
    const Value* v = m.find("key" + std::to_string(i));
    ASSERT_NE(v, nullptr) << i;
    EXPECT_EQ(v->as_int(), i);
    const Value* w = m.find(Value::floating(i));
    ASSERT_NE(w, nullptr) << i;
    EXPECT_EQ(w->as_int(), -i);
  }
  EXPECT_EQ(m.find("key1000"), nullptr);
  EXPECT_EQ(m.find(Value::integer(1000)), nullptr);
  // Replacement keeps position in an indexed map.
  m.set("key0", Value::string("again"));
  EXPECT_EQ(m.size(), 2000u);
  EXPECT_TRUE(m.entries()[0].first.equals(Value::string("key0")));
  EXPECT_EQ(m.entries()[0].second.as_string(), "again");
}

TEST(Map, EraseKeepsOrder) {
  for (int n : {5, 20}) {
    Map m;
    for (int i = 0; i < n; ++i) m.set(std::to_string(i), Value::integer(i));
    EXPECT_TRUE(m.erase(Value::string("2")));
    EXPECT_FALSE(m.erase(Value::string("2")));
    EXPECT_EQ(m.find("2"), nullptr);
    EXPECT_EQ(m.size(), static_cast<std::size_t>(n - 1));
    EXPECT_EQ(m.entries()[2].first.as_string(), "3");
    for (int i = 0; i < n; ++i) {
      if (i == 2) continue;
      ASSERT_NE(m.find(std::to_string(i)), nullptr) << n << " " << i;
    }
    m.set("2", Value::integer(2));
    EXPECT_EQ(m.entries().back().first.as_string(), "2");
  }
}

TEST(Map, ShrinkingBelowThresholdStillFinds) {
  Map m;
  for (int i = 0; i < 12; ++i) m.set(std::to_string(i), Value::integer(i));
  for (int i = 0; i < 8; ++i) EXPECT_TRUE(m.erase(Value::string(std::to_string(i))));
  EXPECT_EQ(keys_of(m), "8,9,10,11");
  EXPECT_NE(m.find("11"), nullptr);
  m.set("x", Value());
  EXPECT_NE(m.find("x"), nullptr);
}

TEST(Map, MutableThroughValue) {
  Value v = Value::map();
  v.map_mut().set("a", Value::integer(1));
  EXPECT_EQ(v.as_map().size(), 1u);
  Value l = Value::list();
  l.list_mut().push_back(Value::integer(3));
  EXPECT_EQ(l.str(), "[3]");
}

}  // namespace
}  // namespace docforge
