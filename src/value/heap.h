// Heap objects behind Value's pointer payload (internal to src/value/).
//
// Each kind of shared Value content is one HeapObject subclass, created with its reference
// count at 1 (Value::adopt): strings (the safe/Markup mark lives in Value's flags, not here, so
// with_safe() shares the string), lists and tuples (the tuple mark is also a Value flag), maps,
// big integers and named undefined values. Objects are docforge::Object itself.
//
// Thread safety: contents are immutable once shared (see value.h); the reference count is atomic.

#ifndef DOCFORGE_VALUE_HEAP_H_
#define DOCFORGE_VALUE_HEAP_H_

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>

#include "docforge/value.h"

namespace docforge::value_internal {

// A string's bytes follow its header in the same allocation (one malloc per string, whatever
// its length). Sizes up to kLongSize - 1 live in the header's spare bytes (HeapObject's tail
// padding); a longer size is stored in the first 8 bytes of the payload, before the text.
struct StringHeap final : HeapObject {
  static StringHeap* make(std::string_view s);
  // Allocated by make() with room for the bytes: the unsized delete frees what make() took.
  static void operator delete(void* p) noexcept { ::operator delete(p); }

  std::string_view view() const noexcept {
    const char* payload = reinterpret_cast<const char*>(this + 1);
    if (size != kLongSize) [[likely]] return {payload, size};
    std::uint64_t n;
    std::memcpy(&n, payload, sizeof n);
    return {payload + sizeof n, static_cast<std::size_t>(n)};
  }

  static constexpr std::uint32_t kLongSize = 0xFFFFFFFFu;
  std::uint32_t size;

 private:
  explicit StringHeap(std::uint32_t n) noexcept : HeapObject(1), size(n) {}
};
static_assert(sizeof(StringHeap) == 16, "the size shares HeapObject's tail padding");

struct ListHeap final : HeapObject {
  explicit ListHeap(List l) : HeapObject(1), items(std::move(l)) {}
  bool render_local = false;  // see Value::mark_mutable
  List items;
};

struct MapHeap final : HeapObject {
  explicit MapHeap(Map m) : HeapObject(1), map(std::move(m)) {}
  bool render_local = false;  // see Value::mark_mutable
  Map map;
};

struct BigIntHeap final : HeapObject {
  explicit BigIntHeap(BigInt b) : HeapObject(1), value(std::move(b)) {}
  BigInt value;
};

struct UndefinedHeap final : HeapObject {
  explicit UndefinedHeap(std::string_view n) : HeapObject(1), name(n) {}
  std::string name;
};

}  // namespace docforge::value_internal

#endif  // DOCFORGE_VALUE_HEAP_H_
