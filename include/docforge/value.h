// docforge::Value — the data model shared by the template language and the data readers.
//
// A Value is a 16-byte tagged union: undefined, none, bool, int (64-bit, promoting to an exact
// big integer on overflow), float, string (with a "safe" mark for autoescape: Jinja2's Markup),
// list (or tuple), map (insertion-ordered, like a Python dict) and object (anything callable or
// with attributes: macros, loop objects, cyclers, user-defined callables).
//
// Strings, lists, maps and objects live on the heap behind an intrusive, atomic reference count,
// so copying a Value is cheap and never copies the contents. Heap contents are immutable once a
// Value is shared, with one exception: a Map or List built with the mutable builders below
// (MapBuilder-style use through Value::map_mut / list_mut) may be changed while its reference
// count is 1 — the data readers and the interpreter use this to build values in place — and
// lists/maps the current render created (mark_mutable), which templates may mutate in place.
//
// Thread safety: a Value may be copied, read and destroyed from many threads at once. Mutating
// through map_mut()/list_mut() requires exclusive ownership (REQUIRES: use_count() == 1), or a
// list/map marked render-local (mark_mutable): those are created by one render and never cross
// threads, so the render may mutate them while several of its names share them.
//
// Printing follows Python exactly: str() for output ({{ x }}), repr() for values inside
// containers ([1, 'a', None]), floats in shortest round-trip form (1.0, 0.30000000000000004, 1e+16).

#ifndef DOCFORGE_VALUE_H_
#define DOCFORGE_VALUE_H_

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace docforge {

enum class ValueKind : std::uint8_t {
  kUndefined,
  kNone,
  kBool,
  kInt,     // fits in int64_t
  kBigInt,  // exact integer beyond int64_t (heap)
  kFloat,
  kString,
  kList,    // also tuples: see is_tuple()
  kMap,
  kObject,
};

// Base of everything a Value points to. Reference counts are atomic so values can be shared
// between threads (a compiled template's constants are read by many renders at once).
class HeapObject {
 public:
  HeapObject() = default;
  HeapObject(const HeapObject&) = delete;
  HeapObject& operator=(const HeapObject&) = delete;
  virtual ~HeapObject() = default;

  void retain() const noexcept { refs_.fetch_add(1, std::memory_order_relaxed); }
  void release() const noexcept {
    // A count of 1 is our own reference: no other thread holds one to copy or drop, so the sole
    // owner (most values the readers build) frees without an atomic read-modify-write.
    if (refs_.load(std::memory_order_acquire) == 1 ||
        refs_.fetch_sub(1, std::memory_order_acq_rel) == 1) {
      delete this;
    }
  }
  std::uint32_t use_count() const noexcept { return refs_.load(std::memory_order_relaxed); }
  // n references taken or dropped at once (PrepaidValue buys them in bulk).
  void retain(std::uint32_t n) const noexcept { refs_.fetch_add(n, std::memory_order_relaxed); }
  void release(std::uint32_t n) const noexcept {
    if (refs_.fetch_sub(n, std::memory_order_acq_rel) == n) delete this;
  }

 protected:
  // For heap contents the Value module creates itself: born owned by one Value, so creating
  // it costs no atomic read-modify-write.
  explicit HeapObject(std::uint32_t initial_refs) noexcept : refs_(initial_refs) {}

 private:
  mutable std::atomic<std::uint32_t> refs_{0};
};

class Value;
class BigInt;
class Object;
class Map;
class ValueArena;
namespace value_internal {
struct ChunkPool;  // src/value/arena.cpp
}  // namespace value_internal
using List = std::vector<Value>;

class Value {
 public:
  // Construction. The default Value is undefined (no name).
  Value() noexcept : kind_(ValueKind::kUndefined), flags_(kNoFlags) { u_.ptr = nullptr; }
  static Value undefined(std::string_view name = {});  // name kept for error messages
  // The scalars are inline: the data readers make millions of them.
  static Value none() noexcept { return scalar(ValueKind::kNone, 0); }
  static Value boolean(bool b) noexcept {
    Value v = scalar(ValueKind::kBool, 0);
    v.u_.b = b;
    return v;
  }
  static Value integer(std::int64_t i) noexcept { return scalar(ValueKind::kInt, i); }
  static Value big_integer(BigInt b);  // normalises to kInt when it fits
  static Value floating(double d) noexcept {
    Value v;
    v.kind_ = ValueKind::kFloat;
    v.u_.f = d;
    return v;
  }
  static Value string(std::string s);
  static Value string(std::string_view s);
  static Value string(const char* s) { return string(std::string_view(s)); }
  static Value safe_string(std::string s);  // Markup: never escaped again
  static Value list(List items = {});
  static Value tuple(List items);
  static Value map(Map m);
  static Value map();  // empty map
  static Value object(Object* o);  // takes a reference; o must be heap-allocated with new

  // The same values with their heap part bump-allocated from `arena` (see ValueArena): for
  // the data readers, which build millions of them at once. The list's item vector itself
  // stays on the global heap; a map's entries come from the arena when built with
  // Map::from_entries(..., &arena).
  static Value string(std::string_view s, ValueArena& arena);
  static Value list(List items, ValueArena& arena);
  static Value map(Map m, ValueArena& arena);
  // The data readers' bulk builders, moving the children out of their stacks: equal to
  // Value::list(List(move(first), move(last)), arena) and to Value::map(Map::from_entries(
  // first, last, &arena), arena) — Map::from_distinct_entries when `distinct` (REQUIRES: then no
  // two keys in [first, last) are equal) — without the List or Map in between, and with the
  // map's header and its entries in one arena allocation (the entries still move to the global
  // heap if the map grows: it is an ordinary Map).
  static Value list_from_items(Value* first, Value* last, ValueArena& arena);
  static Value map_from_entries(std::pair<Value, Value>* first, std::pair<Value, Value>* last,
                                bool distinct, ValueArena& arena);

  Value(const Value& o) noexcept : kind_(o.kind_), flags_(o.flags_), u_(o.u_) { retain(); }
  Value(Value&& o) noexcept : kind_(o.kind_), flags_(o.flags_), u_(o.u_) {
    o.kind_ = ValueKind::kUndefined;
    o.flags_ = kNoFlags;
    o.u_.ptr = nullptr;
  }
  Value& operator=(const Value& o) noexcept {
    Value tmp(o);
    swap(tmp);
    return *this;
  }
  Value& operator=(Value&& o) noexcept {
    Value tmp(std::move(o));
    swap(tmp);
    return *this;
  }
  ~Value() { release(); }
  void swap(Value& o) noexcept {
    std::swap(kind_, o.kind_);
    std::swap(flags_, o.flags_);
    std::swap(u_, o.u_);
  }

  // Kind queries.
  ValueKind kind() const noexcept { return kind_; }
  bool is_undefined() const noexcept { return kind_ == ValueKind::kUndefined; }
  bool is_none() const noexcept { return kind_ == ValueKind::kNone; }
  bool is_bool() const noexcept { return kind_ == ValueKind::kBool; }
  bool is_int() const noexcept { return kind_ == ValueKind::kInt; }
  bool is_big_int() const noexcept { return kind_ == ValueKind::kBigInt; }
  bool is_integer() const noexcept { return is_int() || is_big_int(); }  // not bool
  bool is_float() const noexcept { return kind_ == ValueKind::kFloat; }
  bool is_number() const noexcept { return is_integer() || is_float(); }  // not bool
  bool is_string() const noexcept { return kind_ == ValueKind::kString; }
  bool is_list() const noexcept { return kind_ == ValueKind::kList; }  // list or tuple
  bool is_tuple() const noexcept { return is_list() && has(kTupleFlag); }
  bool is_map() const noexcept { return kind_ == ValueKind::kMap; }
  bool is_object() const noexcept { return kind_ == ValueKind::kObject; }
  bool is_safe() const noexcept { return is_string() && has(kSafeFlag); }

  // Accessors. REQUIRES: the matching kind.
  bool as_bool() const noexcept { return u_.b; }
  std::int64_t as_int() const noexcept { return u_.i; }
  double as_float() const noexcept { return u_.f; }
  const BigInt& as_big_int() const noexcept;
  std::string_view as_string() const noexcept;  // the shared bytes (valid while a copy lives)
  const List& as_list() const noexcept;
  const Map& as_map() const noexcept;
  Object* as_object() const noexcept;

  // Mutable access for in-place building. REQUIRES: matching kind and sole ownership
  // (the value was just created and not yet copied).
  // Also allowed, whatever use_count(), on a list or map marked render-local (mark_mutable):
  // such a value is created by one render, never crosses threads, and the template language
  // mutates it in place with Python aliasing semantics (every name bound to it sees the change).
  List& list_mut() noexcept;
  Map& map_mut() noexcept;

  // Render-local containers. mark_mutable() marks a freshly created list (not a tuple) or map
  // as owned by the current render, so list.append / dict.update etc. may change it in place;
  // it is a no-op for other kinds. is_mutable() is true only for such marked lists and maps
  // (never for tuples, data passed in, globals or template constants).
  // REQUIRES for mark_mutable: the value was created by the caller's render and is not shared
  // with other threads or renders.
  void mark_mutable() const noexcept;
  bool is_mutable() const noexcept;

  // The undefined value's name hint ("" when unknown). REQUIRES: is_undefined().
  std::string_view undefined_name() const noexcept;

  // Python semantics.
  bool truthy() const noexcept;                 // bool(x)
  double to_double() const noexcept;            // numbers and bools; 0.0 otherwise
  void append_str(std::string& out) const;      // str(x), appended
  void append_repr(std::string& out) const;     // repr(x), appended
  std::string str() const;
  std::string repr() const;
  std::size_t hash() const noexcept;            // consistent with equals (1 == 1.0 == True)
  bool equals(const Value& o) const noexcept;   // Python ==
  std::size_t length() const noexcept;          // len() of string (code points), list, map; 0 else
  const char* type_name() const noexcept;       // Python-ish: "int", "str", "list", "dict", ...

  // Returns a copy with the safe mark set/cleared. REQUIRES: is_string().
  Value with_safe(bool safe) const;
  Value as_tuple() const;  // REQUIRES: is_list()

  // For use by Map/List internals and the interpreter: the raw heap pointer (or nullptr).
  const HeapObject* heap() const noexcept { return is_heap() ? u_.ptr : nullptr; }

 private:
  // The marks. An enum rather than std::uint8_t: a store through a char type may alias any
  // object, so every Value written made the compiler reload every pointer it held.
  enum class Flags : std::uint8_t {};
  static constexpr Flags kNoFlags{0};
  static constexpr Flags kSafeFlag{1};
  static constexpr Flags kTupleFlag{2};
  bool has(Flags f) const noexcept {
    return (static_cast<unsigned>(flags_) & static_cast<unsigned>(f)) != 0;
  }
  void set(Flags f, bool on) noexcept {
    const unsigned bits = static_cast<unsigned>(flags_);
    const unsigned bit = static_cast<unsigned>(f);
    flags_ = static_cast<Flags>(on ? bits | bit : bits & ~bit);
  }

  // Undefined (a named one), big integers, strings, lists, maps and objects: one bit test.
  static constexpr unsigned kHeapKinds =
      1u << static_cast<unsigned>(ValueKind::kUndefined) |
      1u << static_cast<unsigned>(ValueKind::kBigInt) |
      1u << static_cast<unsigned>(ValueKind::kString) |
      1u << static_cast<unsigned>(ValueKind::kList) | 1u << static_cast<unsigned>(ValueKind::kMap) |
      1u << static_cast<unsigned>(ValueKind::kObject);
  static_assert(static_cast<unsigned>(ValueKind::kObject) < 32, "kHeapKinds is one word");
  bool is_heap() const noexcept {
    return ((kHeapKinds >> static_cast<unsigned>(kind_)) & 1u) != 0 && u_.ptr != nullptr;
  }
  void retain() const noexcept {
    if (is_heap()) u_.ptr->retain();
  }
  // Inline, the test alone: destroying a scalar or moved-from Value (the readers' stacks leave
  // millions) costs a compare, not a call; dropping a reference is out of line.
  void release() noexcept {
    if (is_heap()) drop_reference();
  }
  [[gnu::noinline]] void drop_reference() noexcept { u_.ptr->release(); }
  friend class PrepaidValue;
  static Value from_heap(ValueKind k, HeapObject* p, Flags flags = kNoFlags) noexcept;
  // Wraps a heap object created with one reference already counted (no retain).
  static Value adopt(ValueKind k, HeapObject* p, Flags flags = kNoFlags) noexcept {
    Value v;
    v.kind_ = k;
    v.flags_ = flags;
    v.u_.ptr = p;
    return v;
  }
  static Value scalar(ValueKind k, std::int64_t bits) noexcept {
    Value v;
    v.kind_ = k;
    v.u_.i = bits;
    return v;
  }

  ValueKind kind_;
  Flags flags_;
  union Payload {
    bool b;
    std::int64_t i;
    double f;
    HeapObject* ptr;
  } u_;
};

static_assert(sizeof(Value) == 16, "Value must stay two words");

// One Value that one thread copies very often (the JSON reader's shared object keys: one copy
// per object field, millions per document): copy() costs no atomic operation, because it buys
// references kBatch at a time and the destructor gives back those not used. The shared part's
// reference count is thus never below the number of live copies (only above it, by the unused
// prepaid ones), so the copies are ordinary Values: they may be dropped on any thread, before or
// after the PrepaidValue is gone.
//
// Thread safety: one thread at a time uses a PrepaidValue; its copies are ordinary Values.
class PrepaidValue {
 public:
  explicit PrepaidValue(Value v) noexcept : value_(std::move(v)) {}
  PrepaidValue(PrepaidValue&& o) noexcept
      : value_(std::move(o.value_)), prepaid_(std::exchange(o.prepaid_, 0)) {}
  PrepaidValue& operator=(PrepaidValue&&) = delete;
  ~PrepaidValue() { give_back(); }

  const Value& value() const noexcept { return value_; }
  // A copy of value(), equal to what Value's copy constructor makes.
  Value copy() noexcept {
    if (!value_.is_heap()) return value_;
    if (prepaid_ == 0) {
      value_.u_.ptr->retain(kBatch);
      prepaid_ = kBatch;
    }
    --prepaid_;
    Value v;
    v.kind_ = value_.kind_;
    v.flags_ = value_.flags_;
    v.u_ = value_.u_;
    return v;
  }

 private:
  static constexpr std::uint32_t kBatch = 4096;
  void give_back() noexcept {
    if (prepaid_ != 0) value_.u_.ptr->release(std::exchange(prepaid_, 0));
  }
  Value value_;
  std::uint32_t prepaid_ = 0;  // references bought and not yet handed out
};

// An insertion-ordered map with Value keys (Python dict semantics: 1, 1.0 and True are the same
// key; assigning an existing key keeps its position). Lookups by string are the fast path.
// The entries are one array (from the global heap, or from a ValueArena for maps the data
// readers build: such a map moves its entries to the global heap when it grows).
class Map {
 public:
  using Entry = std::pair<Value, Value>;

  Map() noexcept = default;
  Map(const Map& o);
  Map(Map&& o) noexcept;
  Map& operator=(const Map& o);
  Map& operator=(Map&& o) noexcept;
  ~Map();

  std::size_t size() const noexcept { return size_; }
  bool empty() const noexcept { return size_ == 0; }
  std::span<const Entry> entries() const noexcept { return {data_, size_}; }
  const Entry* begin() const noexcept { return data_; }
  const Entry* end() const noexcept { return data_ + size_; }

  // nullptr when absent.
  const Value* find(const Value& key) const noexcept;
  const Value* find(std::string_view key) const noexcept;
  // Inserts or replaces (keeping position). Last write wins, as in Python.
  void set(Value key, Value value);
  void set(std::string_view key, Value value) { set(Value::string(key), std::move(value)); }
  bool erase(const Value& key);
  void reserve(std::size_t n);

  // Bulk construction (the data readers): entries in source order, keys possibly repeated. A
  // repeated key keeps its first position and its last value, exactly as set() one by one would
  // leave it, for a fraction of the cost (one pass, one index build).
  static Map from_entries(std::vector<Entry> entries);
  // Same, moving the entries out of [first, last) into an exactly sized array, taken from
  // `arena` when given (nullptr: the global heap).
  static Map from_entries(Entry* first, Entry* last, ValueArena* arena = nullptr);
  // Same again, for entries whose keys the caller already knows to be all different: skips the
  // search for repeated keys. REQUIRES: no two keys in [first, last) are equal (Python ==).
  static Map from_distinct_entries(Entry* first, Entry* last, ValueArena* arena = nullptr);

 private:
  friend class Value;  // Value::map_from_entries fills a Map in place
  // Moves [first, last) into `storage` (room for them, from `arena` when in_arena); no index.
  void adopt_entries(Entry* storage, bool in_arena, Entry* first, Entry* last) noexcept;
  static Map take_entries(Entry* first, Entry* last, ValueArena* arena);
  void rebuild_index();
  std::ptrdiff_t index_of(const Value& key, std::size_t h) const noexcept;
  void grow(std::size_t min_capacity);
  void resolve_repeated_keys();
  // After entries were moved in at once: repeated keys resolved (unless `distinct`: the caller
  // knows there are none), the index built when the map is large enough for one.
  void finish_bulk(bool distinct);
  void destroy() noexcept;

  Entry* data_ = nullptr;
  std::uint32_t size_ = 0;
  std::uint32_t capacity_ = 0;
  // Open-addressing index into data_ (index_capacity_ slots), built once the map grows past a
  // few entries; nullptr below that.
  std::int32_t* index_ = nullptr;
  std::uint32_t index_capacity_ = 0;
  bool arena_storage_ = false;  // data_ came from a ValueArena
};

// Bump allocation for the heap parts of the many small values of one large document (the data
// readers use one per big JSON document). Values made with an arena are ordinary Values: they
// are copied, shared between threads, mutated (map_mut/list_mut) and outlive the arena exactly
// as any other. Their memory comes from 2 MB chunks (on Linux, transparent huge pages where the
// kernel allows: one page fault per chunk instead of 512); each chunk counts the objects in it
// and goes back to the system when the last of them is destroyed and the arena has moved on to
// another chunk (or was released). The price: one long-lived value keeps its whole chunk, so an
// arena suits the values of one big document, not a long stream of which a few are kept.
//
// An arena made with a pool budget (ValueArena(max_pooled_bytes)) keeps chunks whose values are
// all gone, up to that many bytes, and fills them again before it maps new ones: a reader that
// parses one large document after another (batch) then reuses memory that is already paged in
// instead of having the kernel zero fresh pages for every document. The kept chunks go back to
// the system when the arena is destroyed (values still alive then free their chunks as usual).
//
// Thread safety: one thread at a time uses an arena; the values made with it may be read,
// copied and destroyed on any thread (a chunk freed on another thread returns to the pool
// under the pool's lock).
class ValueArena {
 public:
  ValueArena() noexcept = default;
  explicit ValueArena(std::size_t max_pooled_bytes);
  ~ValueArena();
  ValueArena(const ValueArena&) = delete;
  ValueArena& operator=(const ValueArena&) = delete;

  // Stops filling the current chunk: it is freed (or pooled) as soon as the values in it are
  // gone. The next value made with the arena starts a new chunk.
  void release() noexcept;

  // Bytes of freed chunks kept for reuse right now (0 without a pool budget).
  std::size_t pooled_bytes() const noexcept;

  static constexpr std::size_t kChunkSize = std::size_t{2} << 20;
  // Larger objects come from the global heap even when made with an arena.
  static constexpr std::size_t kMaxObjectSize = kChunkSize / 16;

 private:
  friend class Value;
  friend class Map;
  // Memory for `objects` objects in one block of n bytes, 8-byte aligned, each counted on its
  // chunk (each freed with value_internal::arena_free on its own address, from any thread: a
  // map's header and its entries share a block but are freed apart); nullptr when
  // n > kMaxObjectSize.
  void* allocate(std::size_t n, std::uint32_t objects = 1) {
    n = (n + 7) & ~std::size_t{7};
    if (n <= static_cast<std::size_t>(end_ - next_)) [[likely]] {
      void* p = next_;
      next_ += n;
      count_ += objects;
      return p;
    }
    return allocate_slow(n, objects);
  }
  void* allocate_slow(std::size_t n, std::uint32_t objects);

  char* chunk_ = nullptr;
  char* next_ = nullptr;
  char* end_ = nullptr;
  std::uint64_t count_ = 0;  // objects handed out from chunk_
  value_internal::ChunkPool* pool_ = nullptr;  // freed chunks kept for reuse, or nullptr
};

// An exact signed integer of any size (Python int beyond 64 bits). Value-semantic.
class BigInt {
 public:
  BigInt() = default;
  explicit BigInt(std::int64_t v);
  // Parses an optional sign and decimal digits. Returns false on bad input.
  static bool parse(std::string_view text, BigInt* out);

  bool fits_int64() const noexcept;
  std::int64_t to_int64() const noexcept;  // REQUIRES: fits_int64()
  double to_double() const noexcept;
  std::string to_string() const;
  bool is_zero() const noexcept { return mag_.empty(); }
  bool negative() const noexcept { return neg_; }
  int compare(const BigInt& o) const noexcept;  // -1, 0, 1

  BigInt operator+(const BigInt& o) const;
  BigInt operator-(const BigInt& o) const;
  BigInt operator*(const BigInt& o) const;
  BigInt operator-() const;
  // Python floor division and modulo. REQUIRES: !o.is_zero().
  BigInt floordiv(const BigInt& o) const;
  BigInt mod(const BigInt& o) const;
  BigInt pow(std::uint64_t exp) const;
  std::size_t bit_length() const noexcept;

 private:
  bool neg_ = false;
  std::vector<std::uint32_t> mag_;  // little-endian base 2^32, no leading zeros
};

// Something with attributes and/or a call operator: macros, loop objects, cyclers, joiners,
// namespaces, bound methods, user-defined callables. The interpreter provides the CallContext
// (defined in the template module) so objects that render (macros, caller) can reach it.
class CallContext;

struct CallArgs {
  std::vector<Value> positional;
  std::vector<std::pair<std::string, Value>> keyword;
};

class Object : public HeapObject {
 public:
  virtual const char* type_name() const noexcept { return "object"; }
  // Attribute lookup (x.name). Returns undefined when there is no such attribute.
  virtual Value get_attr(std::string_view name) const;
  // Whether the object is callable, and the call itself. The default is not callable.
  virtual bool callable() const noexcept { return false; }
  // Errors are reported by throwing docforge::TemplateError (see error.h) — the interpreter
  // turns them into a located error value at the API boundary.
  virtual Value call(CallContext& ctx, CallArgs& args);
  // Attribute assignment (namespace objects only); false when not supported.
  virtual bool set_attr(std::string_view name, Value v);
  virtual void append_str(std::string& out) const { append_repr(out); }
  virtual void append_repr(std::string& out) const;
  virtual bool truthy() const noexcept { return true; }
  // Iteration (e.g. a loop's cycler is not iterable). Default: not iterable.
  virtual bool iterable() const noexcept { return false; }
  virtual List to_list() const { return {}; }
};

// Python's repr()/str() for floats: shortest round-trip digits, Python's exponent style.
void append_python_float(std::string& out, double d);

}  // namespace docforge

#endif  // DOCFORGE_VALUE_H_
