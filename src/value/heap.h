// Heap objects behind Value's pointer payload (internal to src/value/).
//
// Each kind of shared Value content is one HeapObject subclass, created with its reference
// count at 1 (Value::adopt): strings (the safe/Markup mark lives in Value's flags, not here, so
// with_safe() shares the string), lists and tuples (the tuple mark is also a Value flag), maps,
// big integers and named undefined values. Objects are docforge::Object itself.
//
// Any of them may instead live in a ValueArena's chunk: InArena<T> is T with an operator delete
// that gives the memory back to its chunk, so `delete this` in HeapObject::release() (a virtual
// destructor) frees either kind correctly and nothing else needs to know where a value lives.
//
// Thread safety: contents are immutable once shared (see value.h); the reference count is atomic.

#ifndef DOCFORGE_VALUE_HEAP_H_
#define DOCFORGE_VALUE_HEAP_H_

#include <cstdint>
#include <cstring>
#include <iterator>
#include <string>
#include <string_view>
#include <utility>

#include "docforge/value.h"

namespace docforge::value_internal {

// A string's bytes follow its header in the same allocation (one malloc per string, whatever
// its length). Sizes up to kLongSize - 1 live in the header's spare bytes (HeapObject's tail
// padding); a longer size is stored in the first 8 bytes of the payload, before the text.
// Gives an object's memory back to the ValueArena chunk it came from (any thread); the chunk
// is unmapped when its last object goes and its arena has moved on.
void arena_free(void* p) noexcept;

struct StringHeap : HeapObject {
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

 protected:
  explicit StringHeap(std::uint32_t n) noexcept : HeapObject(1), size(n) {}
};
static_assert(sizeof(StringHeap) == 16, "the size shares HeapObject's tail padding");

struct ListHeap : HeapObject {
  explicit ListHeap(List&& l) : HeapObject(1), items(std::move(l)) {}
  // The items moved out of [first, last).
  ListHeap(Value* first, Value* last)
      : HeapObject(1), items(std::make_move_iterator(first), std::make_move_iterator(last)) {}
  bool render_local = false;  // see Value::mark_mutable
  List items;
};

struct MapHeap : HeapObject {
  MapHeap() noexcept : HeapObject(1) {}
  explicit MapHeap(Map&& m) : HeapObject(1), map(std::move(m)) {}
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

// A heap object placed in a ValueArena chunk (constructed with placement new into
// ValueArena::allocate's memory).
template <class Heap>
struct InArena final : Heap {
  template <class... Args>
  explicit InArena(Args&&... args) : Heap(std::forward<Args>(args)...) {}
  static void operator delete(void* p) noexcept { arena_free(p); }
};
static_assert(sizeof(InArena<StringHeap>) == sizeof(StringHeap), "the bytes follow the header");

}  // namespace docforge::value_internal

#endif  // DOCFORGE_VALUE_HEAP_H_
