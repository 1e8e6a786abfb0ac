// Heap objects behind Value's pointer payload (internal to src/value/).
//
// Each kind of shared Value content is one HeapObject subclass: strings (the safe/Markup mark
// lives in Value's flags, not here, so with_safe() shares the string), lists and tuples (the
// tuple mark is also a Value flag), maps, big integers and named undefined values. Objects are
// docforge::Object itself.
//
// Thread safety: contents are immutable once shared (see value.h); the reference count is atomic.

#ifndef DOCFORGE_VALUE_HEAP_H_
#define DOCFORGE_VALUE_HEAP_H_

#include <string>
#include <utility>

#include "docforge/value.h"

namespace docforge::value_internal {

struct StringHeap final : HeapObject {
  explicit StringHeap(std::string s) : str(std::move(s)) {}
  std::string str;
};

struct ListHeap final : HeapObject {
  explicit ListHeap(List l) : items(std::move(l)) {}
  List items;
  bool render_local = false;  // see Value::mark_mutable
};

struct MapHeap final : HeapObject {
  explicit MapHeap(Map m) : map(std::move(m)) {}
  Map map;
  bool render_local = false;  // see Value::mark_mutable
};

struct BigIntHeap final : HeapObject {
  explicit BigIntHeap(BigInt b) : value(std::move(b)) {}
  BigInt value;
};

struct UndefinedHeap final : HeapObject {
  explicit UndefinedHeap(std::string_view n) : name(n) {}
  std::string name;
};

}  // namespace docforge::value_internal

#endif  // DOCFORGE_VALUE_HEAP_H_
