// KeyTable: the JSON reader's shared object keys. Keys repeat (every record of a list has the
// same ones): like Python's json module, the reader keeps one string Value per distinct short
// key and hands out copies of it instead of allocating the key again for every object.
//
// The table is built for that one hot lookup, done once per object field:
//   - a key's first 16 bytes are compared as two 64-bit words held in the slot (the bytes of a
//     longer key after those with memcmp), and hashed a word at a time: no hashing library,
//     no division;
//   - copies come from a PrepaidValue: no atomic reference count increment per field;
//   - a key the table holds is canonical: it is the only Value the table hands out for those
//     bytes, so two canonical keys are equal exactly when they are the same object. The reader
//     uses this to find repeated keys in an object by comparing pointers.
// Keys longer than kMaxKeyLength, and every new key once the table holds kMaxKeys, are fresh
// (non-canonical) string Values.
//
// Thread safety: one thread at a time uses a table (one per JsonReader); the Values it hands
// out are ordinary Values.

#ifndef DOCFORGE_DATA_KEY_TABLE_H_
#define DOCFORGE_DATA_KEY_TABLE_H_

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

#include "docforge/value.h"

namespace docforge::data {

class KeyTable {
 public:
  static constexpr std::size_t kMaxKeyLength = 64;
  static constexpr std::size_t kMaxKeys = 4096;

  // The key Value for the n bytes at p; *canonical tells whether the table holds it (see
  // above). REQUIRES: 8 readable bytes after p + n (any values): the JSON input's padding, or
  // the reader's unescape buffer, which has the same.
  Value get(const char* p, std::size_t n, bool* canonical) {
    if (n > kMaxKeyLength) {
      *canonical = false;
      return Value::string(std::string_view(p, n));
    }
    const Words w = words(p, n);
    const std::uint64_t h = hash(w, p, n);
    if (!slots_.empty()) {
      const std::size_t mask = slots_.size() - 1;
      for (std::size_t i = slot(h);; i = (i + 1) & mask) {
        const Slot& s = slots_[i];
        if (s.key == 0) break;
        if (s.w0 == w.w0 && s.w1 == w.w1 && s.size == n &&
            (n <= 16 || std::memcmp(p + 16, s.rest, n - 16) == 0)) {
          *canonical = true;
          return keys_[s.key - 1].copy();
        }
      }
    }
    return insert(w, h, p, n, canonical);
  }

 private:
  struct Words {
    std::uint64_t w0;
    std::uint64_t w1;
  };
  struct Slot {
    std::uint64_t w0 = 0;  // the key's bytes 0-7 and 8-15, zero past its end
    std::uint64_t w1 = 0;
    const char* rest = nullptr;  // bytes 16.. (inside the key Value's own bytes)
    std::uint64_t hash = 0;      // for growing the index without reading the key again
    std::uint32_t size = 0;
    std::uint32_t key = 0;  // 1 + index into keys_; 0: empty slot
  };

  // The first 16 bytes as two words, zero past the key's end.
  static std::uint64_t load(const char* p, std::size_t n) noexcept {
    std::uint64_t w;
    std::memcpy(&w, p, sizeof w);  // within the padding (see get)
    return n >= 8 ? w : w & ((std::uint64_t{1} << (8 * n)) - 1);
  }
  static Words words(const char* p, std::size_t n) noexcept {
    if (n <= 8) return {load(p, n), 0};
    return {load(p, 8), load(p + 8, n < 16 ? n - 8 : 8)};
  }
  // Multiply-xorshift over the key's words (not a plain fold, so that keys colliding on
  // purpose are not trivial to write); slot() spreads it over the table (Fibonacci hashing).
  static std::uint64_t hash(const Words& w, const char* p, std::size_t n) noexcept {
    std::uint64_t h = (w.w0 ^ (std::uint64_t{n} << 56)) * 0xbf58476d1ce4e5b9ULL;
    h = ((h ^ (h >> 29)) + w.w1) * 0x94d049bb133111ebULL;
    for (std::size_t i = 16; i < n; i += 8) {
      h = ((h ^ (h >> 29)) + load(p + i, n - i)) * 0xbf58476d1ce4e5b9ULL;
    }
    return h ^ (h >> 32);
  }
  std::size_t slot(std::uint64_t h) const noexcept {
    return static_cast<std::size_t>((h * 0x9E3779B97F4A7C15ULL) >> shift_);
  }

  Value insert(const Words& w, std::uint64_t h, const char* p, std::size_t n, bool* canonical);

  std::vector<Slot> slots_;         // open addressing, a power of two, at most half full
  int shift_ = 64;                  // 64 - log2(slots_.size())
  std::vector<PrepaidValue> keys_;  // the canonical keys, in order of first sight
};

}  // namespace docforge::data

#endif  // DOCFORGE_DATA_KEY_TABLE_H_
