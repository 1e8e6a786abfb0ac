// ValueArena: values made with an arena behave exactly like any other (copy, share between
// threads, mutate, outlive the arena), and every chunk is given back once its values are gone
// (under ASan chunks come from malloc, so LeakSanitizer reports one that is not).

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "docforge/value.h"

namespace docforge {
namespace {

// A record like the data readers build: a map of strings, numbers and a list of maps.
Value make_record(ValueArena& arena, int i) {
  std::vector<Map::Entry> line_fields;
  List lines;
  for (int j = 0; j < 3; ++j) {
    line_fields.clear();
    line_fields.emplace_back(Value::string("sku"), Value::string("SKU-" + std::to_string(j), arena));
    line_fields.emplace_back(Value::string("qty"), Value::integer(j));
    lines.push_back(Value::map(
        Map::from_entries(line_fields.data(), line_fields.data() + line_fields.size(), &arena),
        arena));
  }
  std::vector<Map::Entry> fields;
  fields.emplace_back(Value::string("id"), Value::integer(i));
  fields.emplace_back(Value::string("number"), Value::string("INV-" + std::to_string(i), arena));
  fields.emplace_back(Value::string("lines"), Value::list(std::move(lines), arena));
  return Value::map(Map::from_entries(fields.data(), fields.data() + fields.size(), &arena), arena);
}

Value make_record_on_heap(int i) {
  List lines;
  for (int j = 0; j < 3; ++j) {
    Map line;
    line.set("sku", Value::string("SKU-" + std::to_string(j)));
    line.set("qty", Value::integer(j));
    lines.push_back(Value::map(std::move(line)));
  }
  Map m;
  m.set("id", Value::integer(i));
  m.set("number", Value::string("INV-" + std::to_string(i)));
  m.set("lines", Value::list(std::move(lines)));
  return Value::map(std::move(m));
}

TEST(ValueArena, ValuesEqualAndPrintLikeHeapValues) {
  ValueArena arena;
  for (int i = 0; i < 50; ++i) {
    Value a = make_record(arena, i);
    Value h = make_record_on_heap(i);
    EXPECT_TRUE(a.equals(h));
    EXPECT_EQ(a.hash(), h.hash());
    EXPECT_EQ(a.repr(), h.repr());
  }
  EXPECT_EQ(Value::string("", arena).as_string(), "");
  EXPECT_FALSE(Value::string("", arena).truthy());
}

TEST(ValueArena, ValuesOutliveTheArena) {
  std::vector<Value> kept;
  {
    ValueArena arena;
    for (int i = 0; i < 1000; ++i) kept.push_back(make_record(arena, i));
  }
  for (int i = 0; i < 1000; ++i) EXPECT_TRUE(kept[i].equals(make_record_on_heap(i))) << i;
}

TEST(ValueArena, ManyChunksFreedInAnyOrder) {
  // ~20 MB of values: several chunks, dropped in random order, some while the arena still
  // fills later chunks.
  ValueArena arena;
  std::vector<Value> values;
  const std::string text(100, 'x');
  for (int i = 0; i < 150000; ++i) {
    values.push_back(Value::string(text + std::to_string(i), arena));
    if (i % 7 == 0) {  // drop one from anywhere while later chunks fill
      values[static_cast<std::size_t>(i) * 31 % values.size()] = std::move(values.back());
      values.pop_back();
    }
  }
  std::mt19937 rng(7);
  std::shuffle(values.begin(), values.end(), rng);
  values.resize(values.size() / 2);
  arena.release();
  for (const Value& v : values) EXPECT_EQ(v.as_string().substr(0, 100), text);
  values.clear();
}

TEST(ValueArena, LargeObjectsComeFromTheHeap) {
  ValueArena arena;
  const std::string big(ValueArena::kMaxObjectSize + 1, 'b');
  Value s = Value::string(big, arena);
  EXPECT_EQ(s.as_string(), big);
  std::vector<Map::Entry> fields;
  for (int i = 0; i < 10000; ++i) fields.emplace_back(Value::integer(i), Value::integer(-i));
  Value m = Value::map(Map::from_entries(fields.data(), fields.data() + fields.size(), &arena),
                       arena);
  ASSERT_EQ(m.as_map().size(), 10000u);
  EXPECT_EQ(m.as_map().find(Value::integer(9999))->as_int(), -9999);
}

TEST(ValueArena, ArenaMapsCanBeMutatedGrownAndErased) {
  ValueArena arena;
  Value rec = make_record(arena, 1);
  ASSERT_EQ(rec.heap()->use_count(), 1u);
  Map& m = rec.map_mut();
  m.set("number", Value::string("changed"));
  for (int i = 0; i < 40; ++i) m.set("k" + std::to_string(i), Value::integer(i));  // moves to the heap
  EXPECT_EQ(m.size(), 43u);
  EXPECT_EQ(m.find("number")->as_string(), "changed");
  EXPECT_EQ(m.find("k39")->as_int(), 39);
  EXPECT_TRUE(m.erase(Value::string("id")));
  EXPECT_EQ(m.entries()[0].first.as_string(), "number");
  Map copy = m;  // copies come from the heap
  Map moved = std::move(m);
  EXPECT_EQ(copy.size(), moved.size());
  EXPECT_TRUE(Value::map(copy).equals(Value::map(moved)));

  Value rec2 = make_record(arena, 2);
  Map taken = std::move(rec2.map_mut());  // arena storage moved out, outlives its map value
  rec2 = Value();
  arena.release();
  EXPECT_EQ(taken.find("number")->as_string(), "INV-2");
  Map assigned;
  assigned = std::move(taken);
  EXPECT_EQ(assigned.size(), 3u);
  EXPECT_EQ(assigned.find("lines")->as_list().size(), 3u);
}

TEST(ValueArena, RepeatedKeysInArenaStorage) {
  ValueArena arena;
  std::vector<Map::Entry> fields;
  for (int round = 0; round < 2; ++round) {
    for (int i = 0; i < 12; ++i) {
      fields.emplace_back(Value::string("k" + std::to_string(i), arena),
                          Value::integer(round * 100 + i));
    }
  }
  Map m = Map::from_entries(fields.data(), fields.data() + fields.size(), &arena);
  ASSERT_EQ(m.size(), 12u);
  EXPECT_EQ(m.entries()[0].first.as_string(), "k0");
  EXPECT_EQ(m.find("k11")->as_int(), 111);
}

TEST(ValueArena, ValuesAreDroppedOnOtherThreads) {
  std::vector<Value> values;
  {
    ValueArena arena;
    for (int i = 0; i < 20000; ++i) values.push_back(make_record(arena, i));
  }
  std::vector<std::thread> threads;
  const std::size_t per = values.size() / 4;
  std::vector<std::vector<Value>> parts(4);
  for (std::size_t t = 0; t < 4; ++t) {
    for (std::size_t i = t; i < values.size(); i += 4) parts[t].push_back(values[i]);
  }
  values.clear();
  for (std::size_t t = 0; t < 4; ++t) {
    threads.emplace_back([&parts, t, per] {
      std::size_t n = 0;
      for (const Value& v : parts[t]) n += v.as_map().size();
      EXPECT_EQ(n, per * 3);
      parts[t].clear();
    });
  }
  for (std::thread& t : threads) t.join();
}

// The chunk (2 MB, aligned to its size) a value's heap part lives in.
std::uintptr_t chunk_of(const Value& v) {
  return reinterpret_cast<std::uintptr_t>(v.heap()) & ~(std::uintptr_t{ValueArena::kChunkSize} - 1);
}

TEST(ValueArena, PoolReusesFreedChunks) {
  constexpr std::size_t kChunk = ValueArena::kChunkSize;
  ValueArena arena(8 * kChunk);
  EXPECT_EQ(arena.pooled_bytes(), 0u);
  const std::string text(1000, 'x');  // ~2,000 strings a chunk
  std::vector<Value> values;
  std::set<std::uintptr_t> first_chunks;
  for (int i = 0; i < 6000; ++i) {
    values.push_back(Value::string(text + std::to_string(i), arena));
    first_chunks.insert(chunk_of(values.back()));
  }
  ASSERT_GE(first_chunks.size(), 3u);
  EXPECT_EQ(arena.pooled_bytes(), 0u);  // nothing freed yet
  values.resize(10);  // the chunks still holding a value stay out of the pool
  arena.release();
  EXPECT_EQ(arena.pooled_bytes(), (first_chunks.size() - 1) * kChunk);
  values.clear();
  EXPECT_EQ(arena.pooled_bytes(), first_chunks.size() * kChunk);
  // A second round fills the same chunks again, maps none, and its values are intact.
  for (int i = 0; i < 6000; ++i) {
    values.push_back(Value::string(text + std::to_string(-i), arena));
    EXPECT_EQ(first_chunks.count(chunk_of(values.back())), 1u) << i;
  }
  EXPECT_LT(arena.pooled_bytes(), first_chunks.size() * kChunk);
  for (int i = 0; i < 6000; ++i) {
    EXPECT_EQ(values[static_cast<std::size_t>(i)].as_string(), text + std::to_string(-i));
  }
}

TEST(ValueArena, PoolKeepsAtMostItsBudget) {
  constexpr std::size_t kChunk = ValueArena::kChunkSize;
  ValueArena arena(2 * kChunk + kChunk / 2);  // room for two chunks
  const std::string text(1000, 'y');
  std::vector<Value> values;
  for (int i = 0; i < 12000; ++i) values.push_back(Value::string(text, arena));  // ~6 chunks
  arena.release();
  values.clear();
  EXPECT_EQ(arena.pooled_bytes(), 2 * kChunk);
  ValueArena small(kChunk - 1);  // less than a chunk: no pool at all
  values.push_back(Value::string(text, small));
  small.release();
  values.clear();
  EXPECT_EQ(small.pooled_bytes(), 0u);
}

TEST(ValueArena, PooledArenaValuesOutliveItAndDieOnOtherThreads) {
  // Chunks freed after their pooled arena is gone are unmapped (under ASan: LeakSanitizer
  // checks that each is freed once), including from other threads and while pooled chunks
  // are being refilled.
  std::vector<Value> kept;
  {
    ValueArena arena(64 * ValueArena::kChunkSize);
    for (int round = 0; round < 3; ++round) {
      std::vector<Value> batch;
      for (int i = 0; i < 20000; ++i) batch.push_back(make_record(arena, i));
      std::thread dropper([b = std::move(batch)]() mutable { b.clear(); });
      for (int i = 0; i < 5000; ++i) kept.push_back(make_record(arena, i));
      dropper.join();
    }
  }
  std::vector<std::thread> threads;
  std::vector<std::vector<Value>> parts(2);
  for (std::size_t i = 0; i < kept.size(); ++i) parts[i % 2].push_back(std::move(kept[i]));
  kept.clear();
  for (auto& part : parts) {
    threads.emplace_back([&part] {
      for (std::size_t i = 0; i < part.size(); i += 97) {
        EXPECT_EQ(part[i].as_map().find("lines")->as_list().size(), 3u);
      }
      part.clear();
    });
  }
  for (std::thread& t : threads) t.join();
}


// The bulk builders (Value::map_from_entries, Value::list_from_items): the same values as the
// Map and List routes, the map's header and entries in one block that still frees correctly.
std::vector<Map::Entry> sample_fields(ValueArena& arena, int n, bool repeat) {
  std::vector<Map::Entry> fields;
  for (int i = 0; i < n; ++i) {
    fields.emplace_back(Value::string("k" + std::to_string(i), arena), Value::integer(i));
  }
  if (repeat) {
    for (int i = 0; i < n; i += 2) {
      fields.emplace_back(Value::string("k" + std::to_string(i), arena), Value::integer(-i));
    }
  }
  return fields;
}

TEST(ValueArena, MapFromEntriesMatchesTheMapRoute) {
  ValueArena arena;
  for (int n : {0, 1, 3, 8, 9, 40}) {
    for (bool repeat : {false, true}) {
      std::vector<Map::Entry> a = sample_fields(arena, n, repeat);
      std::vector<Map::Entry> b = sample_fields(arena, n, repeat);
      Value built = Value::map_from_entries(a.data(), a.data() + a.size(), !repeat, arena);
      Value expected = Value::map(Map::from_entries(b.data(), b.data() + b.size(), &arena), arena);
      ASSERT_EQ(built.as_map().size(), expected.as_map().size()) << n << repeat;
      EXPECT_TRUE(built.equals(expected)) << n << repeat;
      EXPECT_EQ(built.repr(), expected.repr());
      for (const Map::Entry& e : expected.as_map()) {
        const Value* found = built.as_map().find(e.first);
        ASSERT_NE(found, nullptr);
        EXPECT_EQ(found->as_int(), e.second.as_int());
        EXPECT_NE(built.as_map().find(e.first.as_string()), nullptr);
      }
      for (const Map::Entry& e : a) EXPECT_TRUE(e.first.is_undefined());  // moved out
    }
  }
}

TEST(ValueArena, MapFromEntriesGrowsErasesAndOutlivesItsValue) {
  ValueArena arena;
  std::vector<Map::Entry> fields = sample_fields(arena, 5, false);
  Value v = Value::map_from_entries(fields.data(), fields.data() + fields.size(), true, arena);
  Map& m = v.map_mut();
  for (int i = 5; i < 30; ++i) m.set("k" + std::to_string(i), Value::integer(i));  // to the heap
  EXPECT_TRUE(m.erase(Value::string("k0")));
  EXPECT_EQ(m.size(), 29u);
  EXPECT_EQ(m.find("k29")->as_int(), 29);

  fields = sample_fields(arena, 12, false);
  Value w = Value::map_from_entries(fields.data(), fields.data() + fields.size(), true, arena);
  Map taken = std::move(w.map_mut());  // entries leave their header's block
  w = Value();
  arena.release();
  EXPECT_EQ(taken.size(), 12u);
  EXPECT_EQ(taken.find("k11")->as_int(), 11);
  taken.set("k11", Value::string("changed"));
  EXPECT_EQ(taken.find("k11")->as_string(), "changed");
}

TEST(ValueArena, MapFromEntriesTooLargeForAChunkUsesTheHeap) {
  ValueArena arena;
  std::vector<Map::Entry> fields;
  const int n = static_cast<int>(ValueArena::kMaxObjectSize / sizeof(Map::Entry)) + 10;
  for (int i = 0; i < n; ++i) fields.emplace_back(Value::integer(i), Value::integer(-i));
  Value m = Value::map_from_entries(fields.data(), fields.data() + fields.size(), false, arena);
  ASSERT_EQ(m.as_map().size(), static_cast<std::size_t>(n));
  EXPECT_EQ(m.as_map().find(Value::integer(n - 1))->as_int(), -(n - 1));
}

TEST(ValueArena, ListFromItemsMovesTheItems) {
  ValueArena arena;
  std::vector<Value> items;
  for (int i = 0; i < 5; ++i) items.push_back(Value::string("s" + std::to_string(i), arena));
  Value l = Value::list_from_items(items.data(), items.data() + items.size(), arena);
  ASSERT_EQ(l.as_list().size(), 5u);
  EXPECT_EQ(l.as_list()[4].as_string(), "s4");
  EXPECT_TRUE(items[0].is_undefined());
  Value empty = Value::list_from_items(items.data(), items.data(), arena);
  EXPECT_TRUE(empty.as_list().empty());
  l.list_mut().push_back(Value::integer(1));
  EXPECT_EQ(l.repr(), "['s0', 's1', 's2', 's3', 's4', 1]");
}

TEST(ValueArena, MapBlocksGiveTheirChunksBackOnlyWhenAllIsGone) {
  // A map built in one block counts two objects on its chunk: dropping the map (header and
  // entries) frees both, and a chunk goes to the pool exactly when its last value is gone.
  constexpr std::size_t kChunk = ValueArena::kChunkSize;
  ValueArena arena(64 * kChunk);
  std::vector<Value> values;
  std::set<std::uintptr_t> chunks;
  for (int i = 0; i < 20000; ++i) {
    std::vector<Map::Entry> fields = sample_fields(arena, 4, i % 3 == 0);
    values.push_back(
        Value::map_from_entries(fields.data(), fields.data() + fields.size(), i % 3 != 0, arena));
    chunks.insert(chunk_of(values.back()));
  }
  ASSERT_GE(chunks.size(), 3u);
  // Grow some maps (their entries leave the block) and keep one entry array apart from its map.
  for (std::size_t i = 0; i < values.size(); i += 7) {
    values[i].map_mut().set("extra", Value::integer(1));
  }
  Map kept = std::move(values[1].map_mut());
  values.clear();
  arena.release();
  EXPECT_EQ(arena.pooled_bytes(), (chunks.size() - 1) * kChunk);  // the kept entries' chunk
  EXPECT_EQ(kept.find("k3")->as_int(), 3);
  kept = Map();
  EXPECT_EQ(arena.pooled_bytes(), chunks.size() * kChunk);
}

}  // namespace
}  // namespace docforge
