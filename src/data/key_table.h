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
//   - keys are numbered (ids, in order of first sight) and predicted: objects of one kind repeat
//     their keys in the same order, so the table remembers which key followed each key last
//     time, and which key came first in an object under each parent key. The reader checks the
//     input against the predicted key first (is_key): a right guess costs a word compare or
//     two, with no search for the key's end, no hash and no probe.
// Keys longer than kMaxKeyLength, and every new key once the table holds kMaxKeys, are fresh
// (non-canonical) string Values, with id kNoKey.
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

#include "data/word_scan.h"  // little-endian words (load)
#include "docforge/value.h"

namespace docforge::data {

class KeyTable {
 public:
  static constexpr std::size_t kMaxKeyLength = 64;
  static constexpr std::size_t kMaxKeys = 4096;

  static constexpr std::uint32_t kNoKey = 0xFFFFFFFFu;

  // The key Value for the n bytes at p; *id is its id, kNoKey when it is not canonical (see
  // above). REQUIRES: 8 readable bytes after p + n (any values): the JSON input's padding, or
  // the reader's unescape buffer, which has the same.
  Value get(const char* p, std::size_t n, std::uint32_t* id) {
    if (n > kMaxKeyLength) {
      *id = kNoKey;
      return Value::string(std::string_view(p, n));
    }
    const Words w = words(p, n);
    const std::uint64_t h = hash(w, p, n);
    if (!slots_.empty()) {
      const std::size_t mask = slots_.size() - 1;
      for (std::size_t i = slot(h);; i = (i + 1) & mask) {
        const Slot& s = slots_[i];
        if (s.key == 0) break;
        const Known& k = known_[s.key - 1];
        if (s.hash == h && k.w0 == w.w0 && k.w1 == w.w1 && k.size == n &&
            (n <= 16 || std::memcmp(p + 16, k.rest, n - 16) == 0)) {
          *id = s.key - 1;
          return keys_[s.key - 1].copy();
        }
      }
    }
    return insert(w, h, p, n, id);
  }

  // Whether the input at p (a key's raw bytes, after its opening quote) is exactly key `guess`
  // (a canonical id) followed by its closing quote: then it is that key, without looking for
  // its end first. Only for keys without '"' or '\\' (so the quote found is the real end).
  // REQUIRES: p is followed by the input's padding.
  bool is_key(const char* p, std::uint32_t guess) const noexcept {
    const Known& g = known_[guess];
    if (!g.plain) return false;
    const std::size_t n = g.size;
    const Words w = words(p, n);
    return g.w0 == w.w0 && g.w1 == w.w1 && p[n] == '"' &&
           (n <= 16 || std::memcmp(p + 16, g.rest, n - 16) == 0);
  }
  Value copy(std::uint32_t id) noexcept { return keys_[id].copy(); }

  // The predictions. REQUIRES: the ids below are canonical ids (not kNoKey) unless said.
  // The key expected after key `id` (kNoKey: no guess), and learning it.
  std::uint32_t next_key(std::uint32_t id) const noexcept { return known_[id].next; }
  void set_next_key(std::uint32_t id, std::uint32_t next) noexcept { known_[id].next = next; }
  // The key expected first in an object that is the value of key `parent` (or an item of a
  // list that is); `parent` kNoKey: the document's root and the lists in it. And learning it.
  std::uint32_t first_key(std::uint32_t parent) const noexcept {
    return parent == kNoKey ? root_first_ : known_[parent].first;
  }
  void set_first_key(std::uint32_t parent, std::uint32_t first) noexcept {
    (parent == kNoKey ? root_first_ : known_[parent].first) = first;
  }

 private:
  struct Words {
    std::uint64_t w0;
    std::uint64_t w1;
  };
  struct Slot {
    std::uint64_t hash = 0;  // for growing the index without reading the key again
    std::uint32_t key = 0;   // 1 + the key's id; 0: empty slot
  };
  // What the table knows of a key, by id.
  struct Known {
    std::uint64_t w0 = 0;  // the key's bytes 0-7 and 8-15, zero past its end
    std::uint64_t w1 = 0;
    const char* rest = nullptr;  // bytes 16.. (inside the key Value's own bytes)
    std::uint32_t size = 0;
    bool plain = false;            // no '"' or '\\' in the key (see is_key)
    std::uint32_t next = kNoKey;   // the key that followed this one last time
    std::uint32_t first = kNoKey;  // the first key of an object under this one last time
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

  Value insert(const Words& w, std::uint64_t h, const char* p, std::size_t n, std::uint32_t* id);

  std::vector<Slot> slots_;         // open addressing, a power of two, at most half full
  int shift_ = 64;                  // 64 - log2(slots_.size())
  std::vector<PrepaidValue> keys_;  // the canonical keys, by id (in order of first sight)
  std::vector<Known> known_;        // likewise
  std::uint32_t root_first_ = kNoKey;
};

}  // namespace docforge::data

#endif  // DOCFORGE_DATA_KEY_TABLE_H_
