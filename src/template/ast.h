// The compiled form of a template: a tree of expression and statement nodes whose names are
// already resolved (to frame slots, or to a context lookup for free names) and whose filters
// and tests are already bound to function pointers. The interpreter (interpreter.cpp) walks it
// with a switch over the node kind — no virtual dispatch, no name lookups for locals.
//
// Slots: every function (the template's root, each block, each macro and call-block caller)
// has one frame of slots; nested scopes (for bodies, with) take further slots in the same
// frame. A name that belongs to an enclosing function (a macro reading a loop variable) is a
// (depth, slot) pair walked through the closure chain.
//
// Thread safety: immutable after compilation; shared by concurrent renders.

#ifndef DOCFORGE_TEMPLATE_AST_H_
#define DOCFORGE_TEMPLATE_AST_H_

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <new>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "docforge/environment.h"
#include "docforge/value.h"
#include "template/builtins.h"

namespace docforge::tmpl {

enum class ExprKind : std::uint8_t {
  kConst,
  kLocal,       // slot at depth
  kFree,        // context lookup by name
  kSelf,        // `self` (template reference)
  kList,
  kTuple,
  kDict,        // kids: k0, v0, k1, v1 ...
  kGetAttr,     // kids[0].name
  kGetItem,     // kids[0][kids[1]]
  kSlice,       // kids[0][a:b:c]; kids[1..3] may be null
  kCall,        // kids[0](kids[1..]) + kwargs + dyn args
  kSuper,       // super()
  kFilter,      // kids[0]|name(kids[1..])
  kTest,        // kids[0] is name(kids[1..]); op = 1 for `is not`
  kBinary,      // op = BinaryOp
  kCompare,     // kids[0] then (cmp_ops[i], kids[i+1])
  kAnd,
  kOr,
  kNot,
  kNeg,
  kPos,
  kCondExpr,    // kids: cond, then, else (else may be null)
  kConcat,      // kids joined with ~
};

// Whether `n` names a method of Python's dict (`x.items` on a map is the method, not a key).
inline bool is_dict_method(std::string_view n) {
  switch (n.size()) {
    case 3: return n == "get" || n == "pop";
    case 4: return n == "keys" || n == "copy";
    case 5: return n == "items" || n == "clear";
    case 6: return n == "values" || n == "update";
    case 7: return n == "popitem";
    case 8: return n == "fromkeys";
    case 10: return n == "setdefault";
    default: return false;
  }
}

enum class CmpOp : std::uint8_t { kEq, kNe, kLt, kLe, kGt, kGe, kIn, kNotIn };

// A vector of up to N items stored inline (most expressions have one to three operands), on
// the heap beyond that. Pinned: nodes never move, so it is neither copyable nor movable.
template <typename T, std::size_t N>
class SmallVec {
 public:
  SmallVec() = default;
  SmallVec(const SmallVec&) = delete;
  SmallVec& operator=(const SmallVec&) = delete;
  ~SmallVec() {
    if (data_ != inline_) delete[] data_;
  }
  SmallVec& operator=(std::initializer_list<T> items) { return assign(items.begin(), items.end()); }
  SmallVec& operator=(const std::vector<T>& items) { return assign(items.begin(), items.end()); }

  void push_back(T x) {
    if (size_ == capacity_) grow();
    data_[size_++] = x;
  }
  std::size_t size() const noexcept { return size_; }
  bool empty() const noexcept { return size_ == 0; }
  T& operator[](std::size_t i) noexcept { return data_[i]; }
  const T& operator[](std::size_t i) const noexcept { return data_[i]; }
  T* begin() noexcept { return data_; }
  T* end() noexcept { return data_ + size_; }
  const T* begin() const noexcept { return data_; }
  const T* end() const noexcept { return data_ + size_; }
  T& back() noexcept { return data_[size_ - 1]; }
  const T& back() const noexcept { return data_[size_ - 1]; }

 private:
  template <typename It>
  SmallVec& assign(It first, It last) {
    size_ = 0;
    for (; first != last; ++first) push_back(*first);
    return *this;
  }
  void grow() {
    const std::size_t cap = capacity_ * 2;
    T* bigger = new T[cap];
    std::copy(data_, data_ + size_, bigger);
    if (data_ != inline_) delete[] data_;
    data_ = bigger;
    capacity_ = cap;
  }

  T inline_[N] = {};
  T* data_ = inline_;
  std::size_t size_ = 0;
  std::size_t capacity_ = N;
};

struct Expr {
  ExprKind kind = ExprKind::kConst;
  std::uint8_t op = 0;
  std::uint16_t depth = 0;
  std::uint32_t slot = 0;
  std::uint32_t offset = 0;  // source offset (line/column via the template's line index)
  Value value;               // kConst
  std::string name;          // kFree, kGetAttr, kFilter, kTest names
  SmallVec<Expr*, 3> kids;
  std::vector<std::pair<std::string, Expr*>> kwargs;
  Expr* dyn_args = nullptr;
  Expr* dyn_kwargs = nullptr;
  std::vector<CmpOp> cmp_ops;
  FilterFn filter_fn = nullptr;
  TestFn test_fn = nullptr;
  const NativeFunction* native = nullptr;  // an Environment filter/test
  // kGetAttr on maps: the entry index where the key was last found (an inline cache shared
  // by concurrent renders; relaxed atomics, any stale value is only a missed hint).
  mutable std::atomic<std::uint32_t> hint{0};

  Expr() = default;
  Expr(const Expr&) = delete;
  Expr& operator=(const Expr&) = delete;
};

// Where an assignment goes.
struct Target {
  enum class Kind : std::uint8_t { kSlot, kTuple, kNamespaceAttr };
  Kind kind = Kind::kSlot;
  std::uint32_t slot = 0;
  std::uint16_t depth = 0;
  bool exported = false;  // top-level assignment: also goes to the template's context vars
  std::string name;       // variable name, or attribute name for kNamespaceAttr
  Expr* object = nullptr; // kNamespaceAttr: the namespace expression
  std::vector<Target> items;
};

// How a slot is initialised when its scope is entered.
struct SlotInit {
  enum class Kind : std::uint8_t { kUndefined, kCopy, kResolve };
  Kind kind = Kind::kUndefined;
  std::uint32_t slot = 0;
  std::uint16_t src_depth = 0;
  std::uint32_t src_slot = 0;
  std::string name;
  Value missing;  // kUndefined/kResolve: Value::undefined(name), built once at compile time
};

struct Stmt;
using Body = std::vector<Stmt*>;

struct Function;

enum class StmtKind : std::uint8_t {
  kData,
  kOutput,       // {{ expr }}
  kIf,           // expr, body, else_body (elif lowered to nested if)
  kFor,
  kSet,          // target = expr
  kSetBlock,     // target = captured body (optionally filtered by `filter` expr chain)
  kMacro,        // target = macro object of `function`
  kCallBlock,    // expr = call; function = caller
  kFilterBlock,  // expr = filter chain applied to a placeholder (kids[0] is null subject)
  kWith,
  kInclude,
  kImport,
  kFromImport,
  kExtends,
  kBlock,        // renders the most derived block named `name`
  kAutoescape,
  kExprStmt,
};

struct ImportName {
  std::string name;
  Target target;
};

struct Stmt {
  StmtKind kind = StmtKind::kData;
  bool flag = false;         // output: autoescape; include: ignore missing; block: scoped
  bool with_context = false;
  bool recursive = false;    // for
  std::uint32_t offset = 0;
  std::string_view text;     // data text, block name: slices of the template's source
  Expr* expr = nullptr;      // main expression
  Expr* cond = nullptr;      // for-loop filter `if`
  Target target;
  Body body;
  Body else_body;
  Function* function = nullptr;
  std::vector<SlotInit> scope_inits;  // for body / with scope
  std::vector<std::pair<Target, Expr*>> assigns;  // with
  bool uses_loop = false;
  std::uint32_t loop_slot = 0;
  std::vector<ImportName> names;      // from-import
  // Locals visible here, passed to includes / scoped blocks (name, depth, slot).
  std::vector<std::tuple<std::string, std::uint16_t, std::uint32_t>> visible;
};

struct Param {
  std::string name;
  std::uint32_t slot = 0;
  Expr* default_value = nullptr;
};

struct Function {
  std::string name;           // macro/block name
  Body body;
  std::uint32_t num_slots = 0;
  std::vector<SlotInit> inits;  // root scope inits
  std::vector<Param> params;
  bool catch_varargs = false;
  bool catch_kwargs = false;
  bool caller = false;        // references `caller`
  std::uint32_t varargs_slot = 0;
  std::uint32_t kwargs_slot = 0;
  std::uint32_t caller_slot = 0;
  bool closure = false;       // frame may be captured by a macro defined inside
  bool autoescape = false;
  std::uint32_t offset = 0;
};

struct BlockDef {
  std::string name;
  Function* function = nullptr;
  bool scoped = false;
  bool required = false;
};

// Stable-address storage for nodes: chunks that grow geometrically (one allocation per
// chunk instead of per node; nodes never move).
// REQUIRES: every member of T has a default member initialiser (or a constructor): nodes are
// default-initialised, not zero-filled.
template <typename T>
class NodePool {
 public:
  NodePool() = default;
  NodePool(const NodePool&) = delete;
  NodePool& operator=(const NodePool&) = delete;
  ~NodePool() {
    for_each([](const T& t) { t.~T(); });
  }

  T& emplace_back() {
    if (chunks_.empty() || used_ == chunk_size_) {
      chunk_size_ = chunks_.empty() ? 16 : std::min<std::size_t>(chunk_size_ * 2, 256);
      chunks_.push_back(Chunk{std::unique_ptr<Storage[]>(new Storage[chunk_size_]), chunk_size_});
      used_ = 0;
    }
    // Default-initialised, not value-initialised: every member of the node types has its own
    // initialiser, so zero-filling the storage first would only be done twice.
    T* p = ::new (static_cast<void*>(&chunks_.back().items[used_])) T;
    ++used_;
    return *p;
  }

  template <typename F>
  void for_each(F&& f) const {
    for (std::size_t c = 0; c < chunks_.size(); ++c) {
      std::size_t n = c + 1 == chunks_.size() ? used_ : chunks_[c].size;
      for (std::size_t i = 0; i < n; ++i) {
        f(*std::launder(reinterpret_cast<const T*>(&chunks_[c].items[i])));
      }
    }
  }

 private:
  struct alignas(T) Storage {
    unsigned char bytes[sizeof(T)];
  };
  struct Chunk {
    std::unique_ptr<Storage[]> items;
    std::size_t size;
  };
  std::vector<Chunk> chunks_;
  std::size_t used_ = 0;
  std::size_t chunk_size_ = 0;
};

}  // namespace docforge::tmpl

#endif  // DOCFORGE_TEMPLATE_AST_H_
