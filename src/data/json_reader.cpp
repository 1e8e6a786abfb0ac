#include "data/json_reader.h"

#include <simdjson.h>

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <new>
#include <string>
#include <type_traits>
#include <utility>

#if defined(__linux__) && defined(DOCFORGE_SIMDJSON_3_0_LAYOUT)
#include <sys/mman.h>
#define DOCFORGE_ADVISE_HUGE_PAGES 1
#endif

#include "data/json_parser.h"
#include "data/key_table.h"
#include "data/word_scan.h"

namespace docforge::data {
namespace {

// The fast path recurses once per nesting level, so it stops at this depth (a few hundred bytes
// of stack per level in release builds, kilobytes under ASan): deeper documents, rare in real
// data, are read by the exact parser, whose explicit stack has no recursion and which enforces
// max_depth itself.
constexpr std::size_t kFastPathMaxDepth = 128;

using simdjson::error_code;
namespace od = simdjson::ondemand;

// A stack whose elements are constructed in place at its top (a scalar goes straight into its
// slot, with no Value in between to move from and destroy), and which the bulk builders empty
// without a destructor call per element (drop_moved_from). Keeps its capacity between parses.
template <class T>
class Stack {
 public:
  Stack() = default;
  Stack(const Stack&) = delete;
  Stack& operator=(const Stack&) = delete;
  ~Stack() {
    truncate(0);
    ::operator delete(data_);
  }

  std::size_t size() const noexcept { return size_; }
  T* at(std::size_t i) noexcept { return data_ + i; }
  T* end() noexcept { return data_ + size_; }
  template <class... Args>
  void push(Args&&... args) {
    if (size_ == capacity_) [[unlikely]] grow();
    new (data_ + size_) T(std::forward<Args>(args)...);
    ++size_;
  }
  // Destroys the elements from `base` on.
  void truncate(std::size_t base) noexcept {
    while (size_ > base) data_[--size_].~T();
  }
  // Forgets the elements from `base` on without destroying them. REQUIRES: each was moved from
  // (Value::list_from_items, Value::map_from_entries and the List and Map constructors move
  // them out): a moved-from Value is undefined and holds no reference, so its destructor would
  // do nothing, and its storage may simply be reused.
  void drop_moved_from(std::size_t base) noexcept { size_ = base; }

 private:
  [[gnu::noinline]] void grow() {
    const std::size_t capacity = capacity_ == 0 ? 256 : capacity_ * 2;
    T* fresh = static_cast<T*>(::operator new(capacity * sizeof(T)));
    for (std::size_t i = 0; i < size_; ++i) {
      new (fresh + i) T(std::move(data_[i]));
      data_[i].~T();
    }
    ::operator delete(data_);
    data_ = fresh;
    capacity_ = capacity;
  }
  static_assert(std::is_nothrow_move_constructible_v<T>, "grow() moves without a rollback");

  T* data_ = nullptr;
  std::size_t size_ = 0;
  std::size_t capacity_ = 0;
};

// Everything one parse needs besides simdjson: the shared keys, and stacks of the items and
// fields of the lists and objects still open (innermost last). A container's children collect
// on its stack and move into one exactly sized array when it closes, instead of growing the
// container's own array one element at a time; the stacks keep their capacity between parses.
// A large document's strings, lists and maps come from `arena` (one per reader): see
// kArenaMinBytes.
struct Builder {
  explicit Builder(std::size_t max_pooled_bytes) : arena(max_pooled_bytes) {}
  KeyTable keys;
  Stack<Value> items;
  Stack<Map::Entry> fields;
  ValueArena arena;
  ValueArena* use_arena = nullptr;  // &arena for a large document, else nullptr
  simdjson::ondemand::parser* parser = nullptr;  // for unescaping into our own buffers
  std::string scratch;                           // the string being unescaped
  void reset() noexcept {
    items.truncate(0);
    fields.truncate(0);
  }
  Value string(std::string_view s) {
    return use_arena != nullptr ? Value::string(s, *use_arena) : Value::string(s);
  }
  // The list of the items from `base` on, moved off the stack, which then ends at `base`.
  Value list(std::size_t base) {
    Value* first = items.at(base);
    Value* last = items.end();
    Value v = use_arena != nullptr
                  ? Value::list_from_items(first, last, *use_arena)
                  : Value::list(List(std::make_move_iterator(first), std::make_move_iterator(last)));
    items.drop_moved_from(base);
    return v;
  }
  // The map of the fields from `base` on (keys all different when `distinct`), likewise.
  Value map(std::size_t base, bool distinct) {
    Map::Entry* first = fields.at(base);
    Map::Entry* last = fields.end();
    Value v = use_arena != nullptr
                  ? Value::map_from_entries(first, last, distinct, *use_arena)
                  : Value::map(distinct ? Map::from_distinct_entries(first, last)
                                        : Map::from_entries(first, last));
    fields.drop_moved_from(base);
    return v;
  }
};

// Documents from this size on are built in a ValueArena: their millions of small values are
// bump-allocated from 2 MB chunks (huge pages) instead of one malloc each, which on a 100 MB
// document halves the parse time (malloc and first-touch page faults were more than half of
// it). Smaller documents (JSON Lines records, configuration files) use the global heap: a
// chunk kept alive by one small retained record would waste most of its 2 MB.
constexpr std::size_t kArenaMinBytes = std::size_t{1} << 20;

// An object's keys are checked for repeats by the reader with a 64-bit mask of their ids (see
// key_repeated); two keys whose ids share a bit are compared exactly, in objects of up to this
// many fields; a larger object with such a pair is left to the Map, which finds repeats while
// it builds its index anyway.
constexpr std::size_t kSmallObject = 16;

// The length of the plain prefix of a JSON string's raw bytes (after its opening quote): the
// offset of its first '"' (its end) or '\\' (an escape). Eight bytes a step: the input has
// simdjson's padding after the closing quote, so reading a little past it is safe.
std::size_t plain_length(const char* s) noexcept {
  for (std::size_t i = 0;; i += 8) {
    std::uint64_t w;
    std::memcpy(&w, s + i, sizeof w);
    const std::uint64_t hits = bytes_equal(w, '"') | bytes_equal(w, '\\');
    if (hits != 0) return i + static_cast<std::size_t>(std::countr_zero(hits)) / 8;
  }
}

// The length of a JSON string's raw bytes, escapes included, up to its closing quote.
// REQUIRES: s[from] is '"' or '\\' (from plain_length).
std::size_t raw_length(const char* s, std::size_t from) noexcept {
  std::size_t n = from;
  while (s[n] != '"') n += s[n] == '\\' ? 2 : 1;
  return n;
}

// Unescapes a string of at most `bound` bytes into b.scratch.
error_code unescape(Builder& b, od::raw_json_string raw, std::size_t bound, std::string_view* out) {
  if (b.scratch.size() < bound + simdjson::SIMDJSON_PADDING) {
    b.scratch.resize(bound + simdjson::SIMDJSON_PADDING);
  }
  auto* dst = reinterpret_cast<std::uint8_t*>(b.scratch.data());
  return b.parser->unescape(raw, dst).get(*out);
}

// Whether key `k` (canonical) is already among the fields from `base` on: keys are canonical,
// so equal keys are the same object. Called only when k's id shares its bit of the object's
// mask with an earlier key; a large object answers "maybe" (true) and leaves it to the Map.
[[gnu::noinline]] bool key_repeated(Builder& b, std::size_t base, const Value& k) noexcept {
  if (b.fields.size() - base > kSmallObject) return true;
  for (const Map::Entry* e = b.fields.at(base); e != b.fields.end(); ++e) {
    if (e->first.heap() == k.heap()) return true;
  }
  return false;
}

// A number other than a plain integer of up to 18 digits: floats, large integers (up to 2^64 - 1;
// those beyond 2^63 - 1 become an exact BigInt, anything larger fails and goes to the exact
// parser), and malformed ones (simdjson's error).
[[gnu::noinline]] error_code other_number(od::value& v, std::string_view token, Value* out) {
  bool is_float = false;
  std::size_t digits = 0;
  std::size_t end = 0;
  for (; end < token.size(); ++end) {
    char c = token[end];
    if (c >= '0' && c <= '9') {
      ++digits;
    } else if (c == '.' || c == 'e' || c == 'E') {
      is_float = true;
    } else if (c != '-' && c != '+') {
      break;
    }
  }
  if (is_float) {
    double d;
    if (auto e = v.get_double().get(d)) return e;  // validates the number's grammar
    // simdjson 3.0 (Debian 12) returns wrong values for some numbers with more than 19
    // digits (simdjson#2093, fixed in 3.6.3): `0.95000000000000000000` gives 0.0277. Such
    // numbers are rare, so they are parsed again, correctly rounded, by the exact reader.
    if (digits > 19) {
      Value exact;
      if (!parse_json_number(token.substr(0, end), &exact)) return simdjson::NUMBER_ERROR;
      *out = std::move(exact);
      return simdjson::SUCCESS;
    }
    *out = Value::floating(d);
    return simdjson::SUCCESS;
  }
  std::int64_t i;
  if (v.get_int64().get(i) == simdjson::SUCCESS) {
    *out = Value::integer(i);
    return simdjson::SUCCESS;
  }
  std::uint64_t u;
  if (auto e = v.get_uint64().get(u)) return e;
  BigInt b;
  if (!BigInt::parse(std::to_string(u), &b)) return simdjson::NUMBER_ERROR;
  *out = Value::big_integer(std::move(b));
  return simdjson::SUCCESS;
}

// The decimal number at p[start, n) (after an optional '-'), whose integer digits p[start, i)
// were read into `integer` already, when it has a fraction or an exponent and is exactly
// representable the simple way: a significand of at most 2^53 and a power of ten of at most 22
// either side, so one correctly rounded multiplication or division gives the correctly rounded
// result (Clinger's fast path, as every JSON parser has). false: anything else (other_number
// decides, malformed numbers included).
[[gnu::always_inline]] inline bool simple_float(const char* p, std::size_t n, std::size_t start,
                                                std::size_t i, std::uint64_t integer,
                                                double* out) noexcept {
  static constexpr double kPowers[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                       1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                       1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
  const std::size_t integer_digits = i - start;
  if (integer_digits == 0 || (p[start] == '0' && integer_digits != 1)) return false;
  std::uint64_t significand = integer;
  std::size_t digits = integer_digits;
  int exponent = 0;
  bool simple = false;  // has a fraction or an exponent
  if (i < n && p[i] == '.') {
    const std::size_t first = ++i;
    for (; i < n; ++i) {
      const unsigned digit = static_cast<unsigned char>(p[i]) - unsigned{'0'};
      if (digit > 9) break;
      significand = significand * 10 + digit;
    }
    if (i == first) return false;
    digits += i - first;
    exponent = -static_cast<int>(i - first);
    simple = true;
  }
  if (digits > 19) return false;  // the significand may have wrapped
  if (i < n && (p[i] == 'e' || p[i] == 'E')) {
    ++i;
    bool negative = false;
    if (i < n && (p[i] == '-' || p[i] == '+')) negative = p[i++] == '-';
    const std::size_t first = i;
    int e = 0;
    for (; i < n && i - first < 4; ++i) {
      const unsigned digit = static_cast<unsigned char>(p[i]) - unsigned{'0'};
      if (digit > 9) break;
      e = e * 10 + static_cast<int>(digit);
    }
    if (i == first) return false;
    exponent += negative ? -e : e;
    simple = true;
  }
  if (!simple || !(i == n || p[i] == ' ' || p[i] == '\n' || p[i] == '\r' || p[i] == '\t')) {
    return false;
  }
  if (significand > (std::uint64_t{1} << 53) || exponent < -22 || exponent > 22) return false;
  double d = static_cast<double>(significand);
  d = exponent < 0 ? d / kPowers[-exponent] : d * kPowers[exponent];
  *out = start != 0 ? -d : d;
  return true;
}

Value container(od::value v, od::json_type type, std::size_t depth, std::size_t max_depth,
                std::uint32_t parent, Builder& b, error_code* error);

// Converts one On-Demand value into a Value, visiting (and so validating) all of it, and hands
// it to put (which constructs it in its stack slot). On-Demand rather than DOM: it builds no
// tape, which on a 100 MB document saves ~300 MB of memory that would be touched once and
// dropped. Any error (including integers beyond 64 bits and depth over the limit) makes the
// caller fall back to the exact parser, which decides and explains. Scalars are converted here,
// inline in their container's loop; only containers recurse. `parent`: the id of the key this
// value is under (see KeyTable's predictions).
template <class Put>
[[gnu::always_inline]] inline error_code element(od::value v, std::size_t depth,
                                                 std::size_t max_depth, std::uint32_t parent,
                                                 Builder& b, Put&& put) {
  od::json_type type;
  if (auto e = v.type().get(type)) return e;
  switch (type) {
    case od::json_type::array:
    case od::json_type::object: {
      error_code e = simdjson::SUCCESS;
      Value x = container(v, type, depth, max_depth, parent, b, &e);
      if (e) return e;
      put(std::move(x));
      return simdjson::SUCCESS;
    }
    case od::json_type::number: {
      // A plain integer of up to 18 digits (ids, counts: most of them) is read here: an
      // optional '-', digits without a leading zero, then the token's end or whitespace (the
      // token runs to the next structural character); so is a simple_float. Anything else goes
      // to other_number.
      const std::string_view token = v.raw_json_token();
      const char* p = token.data();
      const std::size_t n = token.size();
      const std::size_t start = p[0] == '-' ? 1 : 0;
      std::size_t i = start;
      std::uint64_t magnitude = 0;
      for (; i < n; ++i) {
        const unsigned digit = static_cast<unsigned char>(p[i]) - unsigned{'0'};
        if (digit > 9) break;
        magnitude = magnitude * 10 + digit;
      }
      const std::size_t digits = i - start;
      if (digits - 1 < 18 && (p[start] != '0' || digits == 1) &&
          (i == n || p[i] == ' ' || p[i] == '\n' || p[i] == '\r' || p[i] == '\t')) [[likely]] {
        const auto m = static_cast<std::int64_t>(magnitude);
        put(Value::integer(start != 0 ? -m : m));
        return simdjson::SUCCESS;
      }
      double d;
      if (simple_float(p, n, start, i, magnitude, &d)) [[likely]] {
        put(Value::floating(d));
        return simdjson::SUCCESS;
      }
      Value x;
      if (auto e = other_number(v, token, &x)) return e;
      put(std::move(x));
      return simdjson::SUCCESS;
    }
    case od::json_type::string: {
      // A string without escapes (most of them) is copied straight from the input: stage 1
      // has already checked the whole input's UTF-8 and refused raw control characters in
      // strings. One with escapes is unescaped into a small reused buffer rather than
      // simdjson's string buffer (as large as the document, its pages touched once per
      // document); its raw length bounds the unescaped size.
      od::raw_json_string raw;
      if (auto e = v.get_raw_json_string().get(raw)) return e;
      const char* s = raw.raw();
      const std::size_t plain = plain_length(s);
      if (s[plain] == '"') [[likely]] {
        put(b.string(std::string_view(s, plain)));
        return simdjson::SUCCESS;
      }
      std::string_view sv;
      if (auto e = unescape(b, raw, raw_length(s, plain), &sv)) return e;
      put(b.string(sv));
      return simdjson::SUCCESS;
    }
    case od::json_type::boolean: {
      bool flag;
      if (auto e = v.get_bool().get(flag)) return e;
      put(Value::boolean(flag));
      return simdjson::SUCCESS;
    }
    case od::json_type::null: {
      bool is_null;
      if (auto e = v.is_null().get(is_null)) return e;
      if (!is_null) return simdjson::N_ATOM_ERROR;
      put(Value::none());
      return simdjson::SUCCESS;
    }
  }
  return simdjson::INCORRECT_TYPE;
}

// An array or object (`type`) at `depth`, its children on the builder's stacks until it closes.
Value container(od::value v, od::json_type type, std::size_t depth, std::size_t max_depth,
                std::uint32_t parent, Builder& b, error_code* error) {
  if (depth >= max_depth) {
    *error = simdjson::DEPTH_ERROR;
    return Value();
  }
  if (type == od::json_type::array) {
    od::array a;
    if ((*error = v.get_array().get(a))) return Value();
    const std::size_t base = b.items.size();
    for (auto item : a) {
      od::value iv;
      if ((*error = item.get(iv))) return Value();
      // Objects in a list are predicted from the list's own key.
      *error = element(iv, depth + 1, max_depth, parent, b,
                       [&b](Value&& x) { b.items.push(std::move(x)); });
      if (*error) return Value();
    }
    return b.list(base);
  }
  od::object o;
  if ((*error = v.get_object().get(o))) return Value();
  const std::size_t base = b.fields.size();
  // Whether the keys so far are canonical (KeyTable) and all different: then the map needs no
  // search for repeated keys. `seen` has bit (id % 64) set for each key so far.
  bool distinct = true;
  std::uint64_t seen = 0;
  // The key expected next (KeyTable::kNoKey: no guess), and the one before.
  std::uint32_t guess = b.keys.first_key(parent);
  std::uint32_t previous = KeyTable::kNoKey;
  bool first = true;
  for (auto field : o) {
    od::field f;
    if ((*error = std::move(field).get(f))) return Value();
    // The key straight from the input when it has no escapes (almost always): no copy
    // into simdjson's string buffer, whose pages would be touched once and dropped. The
    // expected key is checked first, in place: no search for the key's end.
    const char* key = f.key().raw();
    std::uint32_t id;
    Value k;
    if (guess != KeyTable::kNoKey && b.keys.is_key(key, guess)) [[likely]] {
      id = guess;
      k = b.keys.copy(id);
    } else {
      std::size_t n = plain_length(key);
      if (key[n] == '\\') [[unlikely]] {
        n = raw_length(key, n);
        std::string_view unescaped;
        if ((*error = unescape(b, f.key(), n, &unescaped))) return Value();
        key = unescaped.data();
        n = unescaped.size();
      }
      k = b.keys.get(key, n, &id);
      // Learn the key for the next object like this one.
      if (first) {
        b.keys.set_first_key(parent, id);
      } else if (previous != KeyTable::kNoKey) {
        b.keys.set_next_key(previous, id);
      }
    }
    if (id == KeyTable::kNoKey) {
      distinct = false;
      guess = KeyTable::kNoKey;
    } else {
      guess = b.keys.next_key(id);
      const std::uint64_t bit = std::uint64_t{1} << (id & 63);
      if ((seen & bit) != 0 && distinct && key_repeated(b, base, k)) distinct = false;
      seen |= bit;
    }
    previous = id;
    first = false;
    *error = element(f.value(), depth + 1, max_depth, id, b,
                     [&b, &k](Value&& x) { b.fields.push(std::move(k), std::move(x)); });
    if (*error) return Value();
  }
  return b.map(base, distinct);
}

// The document root: arrays and objects through container(); a scalar root (a tiny document) is
// left to the exact parser.
error_code document_to_value(od::document& doc, std::size_t max_depth, Builder& b,
                             Value* out) {
  od::json_type type;
  if (auto e = doc.type().get(type)) return e;
  if (type != od::json_type::array && type != od::json_type::object) {
    return simdjson::INCORRECT_TYPE;
  }
  od::value root;
  if (auto e = doc.get_value().get(root)) return e;
  error_code e = simdjson::SUCCESS;
  *out = container(root, type, 0, max_depth, KeyTable::kNoKey, b, &e);
  if (e) return e;
  // Anything after the root value (simdjson 3.0 has no at_end()): a location still inside the
  // input means trailing content.
  const char* loc = nullptr;
  if (doc.current_location().get(loc) == simdjson::SUCCESS) return simdjson::TRAILING_CONTENT;
  return simdjson::SUCCESS;
}

#ifdef DOCFORGE_ADVISE_HUGE_PAGES
// simdjson's stage 1 writes a 4-byte index for every token of the document into a buffer of
// 4 bytes per input byte (400 MB virtual for a 100 MB document, ~100 MB of it touched), newly
// allocated for every parser. On the VMs here each 4 KB first-touch page fault costs more than
// parsing the page, and this buffer was half of the parse time. simdjson 3.0 has no allocator
// hook and keeps the buffer behind a private member, so we read that member (an explicit
// instantiation may name private members) and advise transparent huge pages for it: advice
// only, simdjson's behaviour does not change. CMake enables this for simdjson 3.0.x only,
// whose layout it was written against.
using ParserImplementation =
    std::unique_ptr<simdjson::internal::dom_parser_implementation> od::parser::*;
ParserImplementation parser_implementation_member() noexcept;
template <ParserImplementation Member>
struct ParserImplementationAccess {
  friend ParserImplementation parser_implementation_member() noexcept { return Member; }
};
template struct ParserImplementationAccess<&od::parser::implementation>;

void advise_huge_pages(const void* p, std::size_t bytes) noexcept {
  constexpr std::uintptr_t kHuge = std::uintptr_t{2} << 20;
  const auto start = reinterpret_cast<std::uintptr_t>(p);
  const std::uintptr_t begin = (start + kHuge - 1) & ~(kHuge - 1);
  const std::uintptr_t end = (start + bytes) & ~(kHuge - 1);
  if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
}
#endif

// Sizes the parser for a large document up front, so its token buffer can be advised huge
// pages before stage 1 touches it (iterate() would otherwise allocate it and fill it at once).
void prepare_parser(od::parser& parser, std::size_t size) noexcept {
  if (parser.capacity() >= size) return;
  if (parser.allocate(size) != simdjson::SUCCESS) return;  // iterate() reports the failure
#ifdef DOCFORGE_ADVISE_HUGE_PAGES
  const auto& impl = parser.*parser_implementation_member();
  if (impl) {
    const std::size_t tokens = SIMDJSON_ROUNDUP_N(size, 64) + 2 + 7;  // as set_capacity sizes it
    advise_huge_pages(impl->structural_indexes.get(), tokens * sizeof(std::uint32_t));
  }
#endif
}

}  // namespace

struct JsonReader::Impl {
  Impl(const JsonOptions& o, std::size_t max_pooled_bytes)
      : options(o), builder(max_pooled_bytes) {}
  JsonOptions options;
  simdjson::ondemand::parser parser;
  Builder builder;
};

JsonReader::JsonReader(const JsonOptions& options, std::size_t max_pooled_bytes)
    : impl_(std::make_unique<Impl>(options, max_pooled_bytes)) {}

JsonReader::~JsonReader() = default;

Result<Value> JsonReader::parse(std::string_view text, std::string_view source_name) {
  return parse_padded(text, 0, source_name);
}

Result<Value> JsonReader::parse_padded(std::string_view text, std::size_t padding,
                                       std::string_view source_name) {
  std::size_t bom = 0;
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") {
    bom = 3;
    text.remove_prefix(3);
  }
  const JsonOptions& opt = impl_->options;
  {
    simdjson::padded_string copy;
    const char* data = text.data();
    if (padding < simdjson::SIMDJSON_PADDING) {
      copy = simdjson::padded_string(text);
      data = copy.data();
    }
    if (text.size() >= kArenaMinBytes) prepare_parser(impl_->parser, text.size());
    od::document doc;
    if (impl_->parser.iterate(data, text.size(), text.size() + simdjson::SIMDJSON_PADDING)
            .get(doc) == simdjson::SUCCESS) {
      Value v;
      std::size_t depth_limit = std::min(opt.max_depth, kFastPathMaxDepth);
      Builder& b = impl_->builder;
      b.parser = &impl_->parser;
      b.use_arena = text.size() >= kArenaMinBytes ? &b.arena : nullptr;
      const error_code e = document_to_value(doc, depth_limit, b, &v);
      // The last chunk goes once this document's values do (the next document starts a new one).
      b.arena.release();
      if (e == simdjson::SUCCESS) return v;
      b.reset();  // a failed parse leaves children on the stacks
    }
  }
  return parse_json_exact(text, source_name, opt, bom);
}

Result<Value> parse_json(std::string_view text, std::string_view source_name,
                         const JsonOptions& options) {
  JsonReader reader(options);
  return reader.parse(text, source_name);
}

Result<Value> parse_json_padded(std::string_view text, std::string_view source_name,
                                const JsonOptions& options) {
  JsonReader reader(options);
  return reader.parse_padded(text, kJsonPadding, source_name);
}

}  // namespace docforge::data
