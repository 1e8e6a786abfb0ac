// Map: entries in insertion order in one array (global heap or ValueArena), plus (once past
// kIndexThreshold entries) an open-addressing index of entry positions with linear probing, at
// most half full.

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#include <limits>
#include <new>
#include <stdexcept>
#include <utility>

#include "docforge/value.h"
#include "value/heap.h"
#include "value/value_hash.h"

namespace docforge {

namespace {

constexpr std::size_t kIndexThreshold = 8;
constexpr std::int32_t kEmpty = -1;

// First probe slot: Fibonacci hashing spreads weak hashes (small ints, Python float hashes)
// over the table. REQUIRES: cap is a power of two >= 2.
inline std::size_t home_slot(std::size_t h, std::size_t cap) noexcept {
  const int shift = 64 - std::countr_zero(cap);
  return static_cast<std::size_t>((static_cast<std::uint64_t>(h) * 0x9E3779B97F4A7C15ULL) >> shift);
}

// The bytes of a string key without an out-of-line call. REQUIRES: v.is_string().
inline std::string_view key_bytes(const Value& v) noexcept {
  return static_cast<const value_internal::StringHeap*>(v.heap())->view();
}

// Python key equality with an inline path for two strings (the keys data readers build).
inline bool same_key(const Value& a, const Value& b) noexcept {
  if (a.is_string() && b.is_string()) return a.heap() == b.heap() || key_bytes(a) == key_bytes(b);
  return a.equals(b);
}

constexpr std::size_t kMaxEntries = static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max());

Map::Entry* allocate_entries(std::size_t n) {
  if (n > kMaxEntries) throw std::length_error("dict too large");
  return static_cast<Map::Entry*>(::operator new(n * sizeof(Map::Entry)));
}

void free_entries(Map::Entry* p, bool in_arena) noexcept {
  if (p == nullptr) return;
  if (in_arena) {
    value_internal::arena_free(p);
  } else {
    ::operator delete(p);
  }
}

}  // namespace

// ---- storage ---------------------------------------------------------------------------------

Map::Map(const Map& o) {
  if (o.size_ == 0) return;
  std::int32_t* index = nullptr;
  if (o.index_ != nullptr) {
    index = new std::int32_t[o.index_capacity_];
    std::memcpy(index, o.index_, o.index_capacity_ * sizeof(std::int32_t));
  }
  Entry* data;
  try {
    data = allocate_entries(o.size_);
  } catch (...) {
    delete[] index;
    throw;
  }
  for (std::uint32_t i = 0; i < o.size_; ++i) new (data + i) Entry(o.data_[i]);  // noexcept
  data_ = data;
  size_ = capacity_ = o.size_;
  index_ = index;
  index_capacity_ = index != nullptr ? o.index_capacity_ : 0;
}

Map::Map(Map&& o) noexcept
    : data_(o.data_),
      size_(o.size_),
      capacity_(o.capacity_),
      index_(o.index_),
      index_capacity_(o.index_capacity_),
      arena_storage_(o.arena_storage_) {
  o.data_ = nullptr;
  o.size_ = o.capacity_ = 0;
  o.index_ = nullptr;
  o.index_capacity_ = 0;
  o.arena_storage_ = false;
}

Map& Map::operator=(const Map& o) {
  if (this != &o) *this = Map(o);
  return *this;
}

Map& Map::operator=(Map&& o) noexcept {
  if (this != &o) {
    // Take o's contents first, then drop ours (whose destructors might reach o).
    Map old(std::move(*this));
    data_ = std::exchange(o.data_, nullptr);
    size_ = std::exchange(o.size_, 0);
    capacity_ = std::exchange(o.capacity_, 0);
    index_ = std::exchange(o.index_, nullptr);
    index_capacity_ = std::exchange(o.index_capacity_, 0);
    arena_storage_ = std::exchange(o.arena_storage_, false);
  }
  return *this;
}

Map::~Map() { destroy(); }

void Map::destroy() noexcept {
  for (std::uint32_t i = 0; i < size_; ++i) data_[i].~Entry();
  free_entries(data_, arena_storage_);
  delete[] index_;
  data_ = nullptr;
  size_ = capacity_ = 0;
  index_ = nullptr;
  index_capacity_ = 0;
  arena_storage_ = false;
}

// Moves the entries to a heap array of `capacity` (>= size_) entries.
void Map::grow(std::size_t capacity) {
  Entry* fresh = allocate_entries(capacity);
  for (std::uint32_t i = 0; i < size_; ++i) {
    new (fresh + i) Entry(std::move(data_[i]));
    data_[i].~Entry();
  }
  free_entries(data_, arena_storage_);
  data_ = fresh;
  capacity_ = static_cast<std::uint32_t>(capacity);
  arena_storage_ = false;
}

void Map::reserve(std::size_t n) {
  if (n > capacity_) grow(n);
}

// ---- lookup ----------------------------------------------------------------------------------

std::ptrdiff_t Map::index_of(const Value& key, std::size_t h) const noexcept {
  if (index_ == nullptr) {
    for (std::uint32_t i = 0; i < size_; ++i) {
      if (data_[i].first.equals(key)) return static_cast<std::ptrdiff_t>(i);
    }
    return -1;
  }
  const std::size_t mask = index_capacity_ - 1;
  for (std::size_t slot = home_slot(h, index_capacity_);; slot = (slot + 1) & mask) {
    const std::int32_t e = index_[slot];
    if (e == kEmpty) return -1;
    if (data_[static_cast<std::size_t>(e)].first.equals(key)) return e;
  }
}

const Value* Map::find(const Value& key) const noexcept {
  if (key.is_string()) return find(key.as_string());
  const std::ptrdiff_t i = index_of(key, index_ == nullptr ? 0 : key.hash());
  return i < 0 ? nullptr : &data_[static_cast<std::size_t>(i)].second;
}

const Value* Map::find(std::string_view key) const noexcept {
  if (index_ == nullptr) {
    for (const Entry& e : *this) {
      if (e.first.is_string() && key_bytes(e.first) == key) return &e.second;
    }
    return nullptr;
  }
  const std::size_t mask = index_capacity_ - 1;
  for (std::size_t slot = home_slot(value_internal::hash_string(key), index_capacity_);;
       slot = (slot + 1) & mask) {
    const std::int32_t e = index_[slot];
    if (e == kEmpty) return nullptr;
    const Entry& entry = data_[static_cast<std::size_t>(e)];
    if (entry.first.is_string() && key_bytes(entry.first) == key) return &entry.second;
  }
}

// ---- changes ---------------------------------------------------------------------------------

void Map::rebuild_index() {
  if (size_ <= kIndexThreshold) {
    delete[] index_;
    index_ = nullptr;
    index_capacity_ = 0;
    return;
  }
  std::size_t cap = 16;
  while (cap < std::size_t{size_} * 2) cap *= 2;
  if (cap != index_capacity_) {
    auto* fresh = new std::int32_t[cap];
    delete[] index_;
    index_ = fresh;
    index_capacity_ = static_cast<std::uint32_t>(cap);
  }
  std::fill(index_, index_ + cap, kEmpty);
  const std::size_t mask = cap - 1;
  for (std::uint32_t i = 0; i < size_; ++i) {
    std::size_t slot = home_slot(data_[i].first.hash(), cap);
    while (index_[slot] != kEmpty) slot = (slot + 1) & mask;
    index_[slot] = static_cast<std::int32_t>(i);
  }
}

void Map::set(Value key, Value value) {
  const std::size_t h = index_ == nullptr ? 0 : key.hash();
  const std::ptrdiff_t i = index_of(key, h);
  if (i >= 0) {
    data_[static_cast<std::size_t>(i)].second = std::move(value);
    return;
  }
  if (size_ == capacity_) grow(std::max<std::size_t>(4, std::size_t{capacity_} * 2));
  new (data_ + size_) Entry(std::move(key), std::move(value));
  ++size_;
  if (index_ == nullptr) {
    if (size_ > kIndexThreshold) rebuild_index();
    return;
  }
  if (std::size_t{size_} * 2 > index_capacity_) {
    rebuild_index();
    return;
  }
  const std::size_t mask = index_capacity_ - 1;
  std::size_t slot = home_slot(h, index_capacity_);
  while (index_[slot] != kEmpty) slot = (slot + 1) & mask;
  index_[slot] = static_cast<std::int32_t>(size_ - 1);
}

Map Map::from_entries(std::vector<Entry> entries) {
  return from_entries(entries.data(), entries.data() + entries.size(), nullptr);
}

void Map::finish_bulk(bool distinct) {
  if (!distinct) {
    resolve_repeated_keys();
  } else if (size_ > kIndexThreshold) {
    rebuild_index();
  }
}

Map Map::from_entries(Entry* first, Entry* last, ValueArena* arena) {
  Map m = take_entries(first, last, arena);
  m.finish_bulk(false);
  return m;
}

Map Map::from_distinct_entries(Entry* first, Entry* last, ValueArena* arena) {
  Map m = take_entries(first, last, arena);
  m.finish_bulk(true);
  return m;
}

// Moves [first, last) into an exactly sized array (from `arena` when given); no index yet.
Map Map::take_entries(Entry* first, Entry* last, ValueArena* arena) {
  Map m;
  const auto n = static_cast<std::size_t>(last - first);
  if (n == 0) return m;
  void* mem = nullptr;
  if (arena != nullptr && n <= kMaxEntries) mem = arena->allocate(n * sizeof(Entry));
  if (mem != nullptr) {
    m.adopt_entries(static_cast<Entry*>(mem), true, first, last);
  } else {
    m.adopt_entries(allocate_entries(n), false, first, last);
  }
  return m;
}

void Map::adopt_entries(Entry* storage, bool in_arena, Entry* first, Entry* last) noexcept {
  const auto n = static_cast<std::uint32_t>(last - first);
  data_ = storage;
  arena_storage_ = in_arena;
  capacity_ = n;
  for (std::uint32_t i = 0; i < n; ++i) new (data_ + i) Entry(std::move(first[i]));
  size_ = n;
}

// The map's header (MapHeap) and its entries in one arena block, counted as two objects on
// their chunk: each is freed on its own (the entries when the map grows, or with the header),
// exactly as if they had been two allocations.
Value Value::map_from_entries(Map::Entry* first, Map::Entry* last, bool distinct,
                              ValueArena& arena) {
  using value_internal::InArena;
  using value_internal::MapHeap;
  const auto n = static_cast<std::size_t>(last - first);
  constexpr std::size_t kHead = sizeof(InArena<MapHeap>);
  static_assert(kHead % alignof(Map::Entry) == 0, "the entries follow the header, aligned");
  void* mem = nullptr;
  if (n <= (ValueArena::kMaxObjectSize - kHead) / sizeof(Map::Entry)) {
    mem = arena.allocate(kHead + n * sizeof(Map::Entry), n == 0 ? 1 : 2);
  }
  if (mem == nullptr) {
    return Value::map(distinct ? Map::from_distinct_entries(first, last, &arena)
                               : Map::from_entries(first, last, &arena),
                      arena);
  }
  auto* h = new (mem) InArena<MapHeap>();
  if (n == 0) return adopt(ValueKind::kMap, h);
  Map& m = h->map;
  m.adopt_entries(reinterpret_cast<Map::Entry*>(static_cast<char*>(mem) + kHead), true, first,
                  last);
  Value v = adopt(ValueKind::kMap, h);  // frees the map if building its index throws
  m.finish_bulk(distinct);
  return v;
}

// After bulk construction: a repeated key keeps its first position and takes its last value.
void Map::resolve_repeated_keys() {
  Entry* es = data_;
  const std::size_t n = size_;
  std::vector<char> repeat;  // repeat[i]: entry i's key came earlier (allocated on the first)
  auto mark = [&](std::size_t i) {
    if (repeat.empty()) repeat.assign(n, 0);
    repeat[i] = 1;
  };
  if (n <= kIndexThreshold) {
    for (std::size_t i = 1; i < n; ++i) {
      for (std::size_t j = 0; j < i; ++j) {
        if (same_key(es[j].first, es[i].first)) {
          es[j].second = std::move(es[i].second);
          mark(i);
          break;
        }
      }
    }
  } else {
    std::size_t cap = 16;
    while (cap < n * 2) cap *= 2;
    index_ = new std::int32_t[cap];
    index_capacity_ = static_cast<std::uint32_t>(cap);
    std::fill(index_, index_ + cap, kEmpty);
    const std::size_t mask = cap - 1;
    for (std::size_t i = 0; i < n; ++i) {
      std::size_t slot = home_slot(es[i].first.hash(), cap);
      for (;; slot = (slot + 1) & mask) {
        const std::int32_t e = index_[slot];
        if (e == kEmpty) {
          index_[slot] = static_cast<std::int32_t>(i);
          break;
        }
        Entry& first = es[static_cast<std::size_t>(e)];
        if (same_key(first.first, es[i].first)) {
          first.second = std::move(es[i].second);
          mark(i);
          break;
        }
      }
    }
  }
  if (!repeat.empty()) {
    std::size_t kept = 0;
    for (std::size_t i = 0; i < n; ++i) {
      if (!repeat[i]) es[kept++] = std::move(es[i]);
    }
    for (std::size_t i = kept; i < n; ++i) es[i].~Entry();
    size_ = static_cast<std::uint32_t>(kept);
    rebuild_index();
  }
}

bool Map::erase(const Value& key) {
  const std::ptrdiff_t i = index_of(key, index_ == nullptr ? 0 : key.hash());
  if (i < 0) return false;
  for (std::size_t j = static_cast<std::size_t>(i); j + 1 < size_; ++j) {
    data_[j] = std::move(data_[j + 1]);
  }
  data_[size_ - 1].~Entry();
  --size_;
  rebuild_index();
  return true;
}

}  // namespace docforge
