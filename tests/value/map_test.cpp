// Map: insertion order, replacement in place, Python key equivalence, the index past 8 entries.

#include <gtest/gtest.h>

#include <string>
#include <vector>

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

// from_entries must leave exactly what set() one entry at a time leaves: first position, last
// value, Python key equivalence, for small maps (pairwise) and indexed ones (past 8 entries).
Map by_set(const std::vector<Map::Entry>& es) {
  Map m;
  for (const auto& [k, v] : es) m.set(k, v);
  return m;
}

std::string dump(const Map& m) { return Value::map(m).repr(); }

TEST(Map, FromEntriesMatchesSetOneByOne) {
  auto s = [](std::string_view x) { return Value::string(x); };
  auto i = [](std::int64_t x) { return Value::integer(x); };
  std::vector<std::vector<Map::Entry>> cases = {
      {},
      {{s("a"), i(1)}},
      {{s("a"), i(1)}, {s("b"), i(2)}, {s("a"), i(3)}},
      {{s("a"), i(1)}, {s("a"), i(2)}, {s("a"), i(3)}, {s("b"), i(4)}},
      {{i(1), s("x")}, {Value::floating(1.0), s("y")}, {Value::boolean(true), s("z")}},
      {{s("k"), i(1)}, {s("k").with_safe(true), i(2)}},
  };
  // Indexed sizes: 20 distinct keys with repeats spread through, and no repeats at all.
  std::vector<Map::Entry> big;
  for (int n = 0; n < 30; ++n) big.emplace_back(s("k" + std::to_string(n % 20)), i(n));
  cases.push_back(big);
  std::vector<Map::Entry> distinct;
  for (int n = 0; n < 40; ++n) distinct.emplace_back(s("d" + std::to_string(n)), i(n));
  cases.push_back(distinct);
  std::vector<Map::Entry> nine;  // just past the threshold, repeat at the very end
  for (int n = 0; n < 9; ++n) nine.emplace_back(s("n" + std::to_string(n)), i(n));
  nine.emplace_back(s("n0"), i(99));
  cases.push_back(nine);
  for (const auto& es : cases) {
    Map a = Map::from_entries(es);
    Map b = by_set(es);
    EXPECT_EQ(dump(a), dump(b));
    EXPECT_EQ(keys_of(a), keys_of(b));
    for (const auto& [k, v] : b) {
      ASSERT_NE(a.find(k), nullptr) << k.repr();
      EXPECT_TRUE(a.find(k)->equals(v));
    }
  }
  Map m = Map::from_entries(big);
  EXPECT_EQ(m.size(), 20u);
  EXPECT_EQ(m.find("k3")->as_int(), 23);
  EXPECT_EQ(m.find("k19")->as_int(), 19);
  m.set("k40", i(1));  // the index stays usable for later sets
  EXPECT_EQ(m.size(), 21u);
  EXPECT_EQ(m.find("k40")->as_int(), 1);
}

TEST(Map, StringsOfAnyLengthKeepTheirBytes) {
  for (std::size_t n : {0u, 1u, 15u, 16u, 17u, 100u, 5000u}) {
    std::string text(n, 'x');
    for (std::size_t k = 0; k < n; ++k) text[k] = static_cast<char>('a' + k % 26);
    Value v = Value::string(text);
    EXPECT_EQ(v.as_string(), text);
    EXPECT_EQ(v.length(), n);
    Value w = Value::string(std::string(text));
    EXPECT_TRUE(v.equals(w));
    EXPECT_EQ(v.hash(), w.hash());
  }
  std::string with_nul("a\0b", 3);
  EXPECT_EQ(Value::string(with_nul).as_string(), with_nul);
}

TEST(Map, FromDistinctEntriesMatchesFromEntries) {
  // Around the index threshold (8 entries): small maps are scanned, larger ones indexed.
  ValueArena arena;
  for (int n = 0; n <= 20; ++n) {
    std::vector<Map::Entry> a;
    std::vector<Map::Entry> b;
    for (int i = 0; i < n; ++i) {
      a.emplace_back(Value::string("key" + std::to_string(i)), Value::integer(i));
      b.emplace_back(Value::string("key" + std::to_string(i)), Value::integer(i));
    }
    Map general = Map::from_entries(a.data(), a.data() + a.size(), &arena);
    Map distinct = Map::from_distinct_entries(b.data(), b.data() + b.size(), &arena);
    ASSERT_EQ(distinct.size(), static_cast<std::size_t>(n));
    EXPECT_TRUE(Value::map(general).equals(Value::map(distinct))) << n;
    EXPECT_EQ(Value::map(general).repr(), Value::map(distinct).repr()) << n;
    for (int i = 0; i < n; ++i) {
      const Value* v = distinct.find("key" + std::to_string(i));
      ASSERT_NE(v, nullptr) << n << " " << i;
      EXPECT_EQ(v->as_int(), i);
    }
    EXPECT_EQ(distinct.find("absent"), nullptr);
    distinct.set("key0", Value::integer(-1));  // still a normal map: replace in place, grow
    distinct.set("extra", Value::integer(99));
    EXPECT_EQ(distinct.size(), static_cast<std::size_t>(n) + (n == 0 ? 2 : 1));
    EXPECT_EQ(distinct.find("key0")->as_int(), -1);
    EXPECT_EQ(distinct.find("extra")->as_int(), 99);
  }
}

}  // namespace
}  // namespace docforge
