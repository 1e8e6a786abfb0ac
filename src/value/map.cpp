// Map: entries in insertion order, plus (once past kIndexThreshold entries) an open-addressing
// index of entry positions with linear probing, at most half full.

#include <bit>
#include <cstdint>

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

}  // namespace

std::ptrdiff_t Map::index_of(const Value& key, std::size_t h) const noexcept {
  if (index_.empty()) {
    for (std::size_t i = 0; i < entries_.size(); ++i) {
      if (entries_[i].first.equals(key)) return static_cast<std::ptrdiff_t>(i);
    }
    return -1;
  }
  const std::size_t mask = index_.size() - 1;
  for (std::size_t slot = home_slot(h, index_.size());; slot = (slot + 1) & mask) {
    const std::int32_t e = index_[slot];
    if (e == kEmpty) return -1;
    if (entries_[static_cast<std::size_t>(e)].first.equals(key)) return e;
  }
}

const Value* Map::find(const Value& key) const noexcept {
  if (key.is_string()) return find(key.as_string());
  const std::ptrdiff_t i = index_of(key, index_.empty() ? 0 : key.hash());
  return i < 0 ? nullptr : &entries_[static_cast<std::size_t>(i)].second;
}

const Value* Map::find(std::string_view key) const noexcept {
  if (index_.empty()) {
    for (const Entry& e : entries_) {
      if (e.first.is_string() && key_bytes(e.first) == key) return &e.second;
    }
    return nullptr;
  }
  const std::size_t mask = index_.size() - 1;
  for (std::size_t slot = home_slot(value_internal::hash_string(key), index_.size());;
       slot = (slot + 1) & mask) {
    const std::int32_t e = index_[slot];
    if (e == kEmpty) return nullptr;
    const Entry& entry = entries_[static_cast<std::size_t>(e)];
    if (entry.first.is_string() && key_bytes(entry.first) == key) return &entry.second;
  }
}

void Map::rebuild_index() {
  if (entries_.size() <= kIndexThreshold) {
    index_.clear();
    return;
  }
  std::size_t cap = 16;
  while (cap < entries_.size() * 2) cap *= 2;
  index_.assign(cap, kEmpty);
  const std::size_t mask = cap - 1;
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    std::size_t slot = home_slot(entries_[i].first.hash(), cap);
    while (index_[slot] != kEmpty) slot = (slot + 1) & mask;
    index_[slot] = static_cast<std::int32_t>(i);
  }
}

void Map::set(Value key, Value value) {
  const std::size_t h = index_.empty() ? 0 : key.hash();
  const std::ptrdiff_t i = index_of(key, h);
  if (i >= 0) {
    entries_[static_cast<std::size_t>(i)].second = std::move(value);
    return;
  }
  entries_.emplace_back(std::move(key), std::move(value));
  if (index_.empty()) {
    if (entries_.size() > kIndexThreshold) rebuild_index();
    return;
  }
  if (entries_.size() * 2 > index_.size()) {
    rebuild_index();
    return;
  }
  const std::size_t mask = index_.size() - 1;
  std::size_t slot = home_slot(h, index_.size());
  while (index_[slot] != kEmpty) slot = (slot + 1) & mask;
  index_[slot] = static_cast<std::int32_t>(entries_.size() - 1);
}

Map Map::from_entries(std::vector<Entry> entries) {
  Map m;
  m.entries_ = std::move(entries);
  std::vector<Entry>& es = m.entries_;
  const std::size_t n = es.size();
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
    m.index_.assign(cap, kEmpty);
    const std::size_t mask = cap - 1;
    for (std::size_t i = 0; i < n; ++i) {
      std::size_t slot = home_slot(es[i].first.hash(), cap);
      for (;; slot = (slot + 1) & mask) {
        const std::int32_t e = m.index_[slot];
        if (e == kEmpty) {
          m.index_[slot] = static_cast<std::int32_t>(i);
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
    es.resize(kept);
    m.rebuild_index();
  }
  return m;
}

bool Map::erase(const Value& key) {
  const std::ptrdiff_t i = index_of(key, index_.empty() ? 0 : key.hash());
  if (i < 0) return false;
  entries_.erase(entries_.begin() + i);
  rebuild_index();
  return true;
}

}  // namespace docforge
