// Interpreter implementation. See interpreter.h.

#include "template/interpreter.h"

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <new>
#include <string>
#include <typeinfo>

#include <fmt/format.h>

#include "template/builtins.h"

namespace docforge::tmpl {
namespace {

constexpr std::uint64_t kTickChunk = 4096;
constexpr std::size_t kInlineSlots = 8;

[[noreturn]] void throw_undefined_error(const Value& v) {
  std::string_view name = v.is_undefined() ? v.undefined_name() : std::string_view();
  if (name.empty()) throw_template_error(ErrorKind::kUndefined, "None is undefined");
  throw_template_error(ErrorKind::kUndefined, fmt::format("'{}' is undefined", name));
}

// Code point slicing helpers for strings.
std::vector<std::size_t> cp_offsets(std::string_view s) {
  std::vector<std::size_t> offs;
  offs.reserve(s.size() + 1);
  for (std::size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) offs.push_back(i);
  }
  offs.push_back(s.size());
  return offs;
}

bool to_index(const Value& v, std::int64_t* out) {
  if (v.is_int()) {
    *out = v.as_int();
    return true;
  }
  if (v.is_bool()) {
    *out = v.as_bool() ? 1 : 0;
    return true;
  }
  return false;
}

// Python slice index normalisation.
void slice_indices(std::int64_t len, const Value* a, const Value* b, const Value* c,
                   std::int64_t* start, std::int64_t* stop, std::int64_t* step) {
  *step = 1;
  if (c != nullptr && !c->is_none()) {
    if (!to_index(*c, step)) throw_template_error(ErrorKind::kType, "slice indices must be integers or None or have an __index__ method");
    if (*step == 0) throw_template_error(ErrorKind::kValue, "slice step cannot be zero");
  }
  auto norm = [&](const Value* v, std::int64_t dflt, std::int64_t* out) {
    if (v == nullptr || v->is_none()) {
      *out = dflt;
      return;
    }
    std::int64_t i = 0;
    if (!to_index(*v, &i)) throw_template_error(ErrorKind::kType, "slice indices must be integers or None or have an __index__ method");
    if (i < 0) {
      i += len;
      if (i < 0) i = *step < 0 ? -1 : 0;
    } else if (i >= len) {
      i = *step < 0 ? len - 1 : len;
    }
    *out = i;
  };
  norm(a, *step < 0 ? len - 1 : 0, start);
  norm(b, *step < 0 ? -1 : len, stop);
}

// Whether the first and the last Word of a and b agree. REQUIRES: sizeof(Word) <= n <=
// 2 * sizeof(Word), so the two (possibly overlapping) words cover all n bytes.
template <typename Word>
inline bool same_ends(const char* a, const char* b, std::size_t n) {
  Word w[4];
  std::memcpy(&w[0], a, sizeof(Word));
  std::memcpy(&w[1], b, sizeof(Word));
  std::memcpy(&w[2], a + n - sizeof(Word), sizeof(Word));
  std::memcpy(&w[3], b + n - sizeof(Word), sizeof(Word));
  return ((w[0] ^ w[1]) | (w[2] ^ w[3])) == 0;
}

// Whether a and b (of equal size n) hold the same bytes. Attribute names are short: two
// overlapping word loads compare them without a call.
inline bool same_bytes(const char* a, const char* b, std::size_t n) {
  if (n >= 8 && n <= 16) return same_ends<std::uint64_t>(a, b, n);
  if (n >= 4 && n < 8) return same_ends<std::uint32_t>(a, b, n);
  if (n < 4) {
    for (std::size_t i = 0; i < n; ++i) {
      if (a[i] != b[i]) return false;
    }
    return true;
  }
  return std::memcmp(a, b, n) == 0;
}

// Map lookup by a constant key with the node's inline cache.
inline const Value* find_attr(const Map& m, const Expr* e) {
  const auto& ents = m.entries();
  std::uint32_t h = e->hint.load(std::memory_order_relaxed);
  if (h < ents.size()) {
    const Value& k = ents[h].first;
    if (k.is_string()) {
      std::string_view ks = k.as_string();
      const std::string& n = e->name;
      if (ks.size() == n.size() && same_bytes(ks.data(), n.data(), n.size())) {
        return &ents[h].second;
      }
    }
  }
  const Value* v = m.find(std::string_view(e->name));
  if (v != nullptr) {
    if (!ents.empty()) {
      auto idx = static_cast<std::uint32_t>(
          (reinterpret_cast<const char*>(v) - reinterpret_cast<const char*>(&ents[0].second)) /
          static_cast<std::ptrdiff_t>(sizeof(Map::Entry)));
      e->hint.store(idx, std::memory_order_relaxed);
    }
  }
  return v;
}

// The builtin `latex` filter applied without arguments to an expression.
inline bool is_plain_latex_filter(const Expr* e) {
  return e->filter_fn != nullptr && e->kids.size() == 1 && e->kids[0] != nullptr &&
         e->kwargs.empty() && e->dyn_args == nullptr && e->dyn_kwargs == nullptr &&
         e->name == "latex";
}

// The slot a kLocal expression names, in its frame.
inline Value& local_slot(const Expr* e, Frame& f) {
  Frame* src = &f;
  for (std::uint16_t d = 0; d < e->depth; ++d) src = src->parent;
  return src->slots[e->slot];
}

// Inline storage for a small frame; constructs only the slots used.
class SlotBuffer {
 public:
  SlotBuffer() = default;
  SlotBuffer(const SlotBuffer&) = delete;
  SlotBuffer& operator=(const SlotBuffer&) = delete;
  ~SlotBuffer() {
    Value* v = std::launder(reinterpret_cast<Value*>(buf_));
    for (std::size_t i = 0; i < n_; ++i) v[i].~Value();
  }
  Value* make(std::size_t n) {
    Value* v = reinterpret_cast<Value*>(buf_);
    for (std::size_t i = 0; i < n; ++i) ::new (static_cast<void*>(v + i)) Value();
    n_ = n;
    return std::launder(v);
  }

 private:
  alignas(Value) unsigned char buf_[sizeof(Value) * kInlineSlots];
  std::size_t n_ = 0;
};

// The frame for one activation of fn: slots inline in `local` when few, in `heap` when many,
// and kept for the rest of the render (in kept_*) when closures defined in fn may outlive it.
Frame* open_frame(const Function* fn, SlotBuffer& local, std::unique_ptr<Value[]>& heap,
                  Frame& stack_frame, std::vector<std::unique_ptr<Value[]>>& kept_slots,
                  std::vector<std::unique_ptr<Frame>>& kept_frames) {
  if (fn->closure) {
    kept_slots.push_back(std::make_unique<Value[]>(fn->num_slots));
    kept_frames.push_back(std::make_unique<Frame>());
    Frame* f = kept_frames.back().get();
    f->slots = kept_slots.back().get();
    return f;
  }
  stack_frame.slots = fn->num_slots <= kInlineSlots
                          ? local.make(fn->num_slots)
                          : (heap = std::make_unique<Value[]>(fn->num_slots)).get();
  return &stack_frame;
}

}  // namespace

Renderer::Renderer(const Template::Impl& t, std::string& out)
    : top_(t), env_(*t.env), out_(&out), limits_(t.env->options.limits),
      policy_(t.env->options.undefined),
      stack_base_(static_cast<const char*>(__builtin_frame_address(0))) {
  std::uint64_t chunk = kTickChunk;
  if (limits_.fuel != 0 && limits_.fuel < chunk) chunk = limits_.fuel;
  ticks_ = chunk;
  chunk_ = chunk;
  if (limits_.max_wall_ms != 0) {
    has_deadline_ = true;
    deadline_ = std::chrono::steady_clock::now() + std::chrono::milliseconds(limits_.max_wall_ms);
  }
}

Renderer::~Renderer() {
  for (Value& v : possible_cycles_) {
    if (v.is_map()) {
      Map none;
      std::swap(none, v.map_mut());
    } else {
      List none;
      std::swap(none, v.list_mut());
    }
  }
}

void Renderer::empty_at_render_end(const Value& container) {
  const void* id = container.is_map() ? static_cast<const void*>(&container.as_map())
                                      : static_cast<const void*>(&container.as_list());
  if (possible_cycle_ids_.insert(id).second) possible_cycles_.push_back(container);
}

void Renderer::slow_tick() {
  // The current chunk of fuel (chunk_ units) is used up.
  fuel_used_ += chunk_;
  if (limits_.fuel != 0 && fuel_used_ >= limits_.fuel) {
    throw_template_error(ErrorKind::kLimit,
                         fmt::format("fuel limit exceeded (limit {} units)", limits_.fuel));
  }
  chunk_ = limits_.fuel != 0 ? std::min<std::uint64_t>(kTickChunk, limits_.fuel - fuel_used_)
                             : kTickChunk;
  ticks_ = chunk_;
  if (has_deadline_ && std::chrono::steady_clock::now() > deadline_) {
    throw_template_error(ErrorKind::kLimit, fmt::format("wall time limit exceeded (limit {} ms)",
                                                        limits_.max_wall_ms));
  }
}

void Renderer::consume_fuel(std::uint64_t units) {
  while (units >= ticks_) {
    units -= ticks_;
    ticks_ = 0;
    slow_tick();
  }
  ticks_ -= units;
}

void Renderer::charge_value_size(std::size_t bytes) {
  if (limits_.max_value_bytes != 0 && bytes > limits_.max_value_bytes) {
    throw_template_error(ErrorKind::kLimit,
                         fmt::format("value size limit exceeded ({} bytes, limit {} bytes)",
                                     bytes, limits_.max_value_bytes));
  }
}

void Renderer::output_limit() {
  throw_template_error(ErrorKind::kLimit, fmt::format("output size limit exceeded (limit {} bytes)",
                                                      limits_.max_output_bytes));
}

void Renderer::stack_exhausted() {
  throw_template_error(ErrorKind::kLimit,
                       "maximum recursion depth exceeded (template nesting too deep)");
}

void Renderer::enter() {
  if (++depth_ > limits_.max_recursion) {
    --depth_;
    throw_template_error(ErrorKind::kLimit,
                         fmt::format("maximum recursion depth exceeded (limit {})",
                                     limits_.max_recursion));
  }
}

void Renderer::check_defined(const Value& v) {
  if (v.is_undefined() && policy_ == UndefinedPolicy::kStrict) throw_undefined_error(v);
}

bool Renderer::truthy(const Value& v) {
  if (v.is_undefined()) {
    if (policy_ == UndefinedPolicy::kStrict) throw_undefined_error(v);
    return false;
  }
  return v.truthy();
}

Ctx* Renderer::new_ctx() {
  ctxs_.push_back(std::make_unique<Ctx>());
  Ctx& c = *ctxs_.back();
  c.blocks = &c.own_blocks;
  return &c;
}

// ---- entry ------------------------------------------------------------------------------

void Renderer::render(const Value& context) {
  Ctx root;
  root.blocks = &root.own_blocks;
  if (context.is_map()) root.data = &context.as_map();
  std::size_t start = out_->size();
  std::size_t last = top_.last_output_size.load(std::memory_order_relaxed);
  out_->reserve(start + std::max(top_.size_hint, last + last / 8));
  render_root(top_, &root);
  std::size_t produced = out_->size() - start;
  if (produced != last) top_.last_output_size.store(produced, std::memory_order_relaxed);
}

void Renderer::render_root(const Template::Impl& t, Ctx* ctx) {
  for (const BlockDef& b : t.blocks) {
    BlockChain* chain = nullptr;
    for (auto& c : *ctx->blocks) {
      if (c.name == b.name) {
        chain = &c;
        break;
      }
    }
    if (chain == nullptr) {
      ctx->blocks->push_back(BlockChain{b.name, {}});
      chain = &ctx->blocks->back();
    }
    chain->refs.push_back(BlockRef{&t, &b});
  }
  const Function* fn = t.root;
  SlotBuffer local;
  std::unique_ptr<Value[]> heap;
  Frame stack_frame;
  Frame* f = open_frame(fn, local, heap, stack_frame, kept_slots_, kept_frames_);
  f->ctx = ctx;
  f->tmpl = &t;
  bool suppress = false;
  if (t.has_extends) f->suppress = &suppress;
  bool saved_ae = autoescape_;
  EscapeFormat saved_fmt = escape_format_;
  autoescape_ = t.autoescape;
  escape_format_ = t.escape_format;
  run_inits(fn->inits, *f);
  exec_body(fn->body, *f);
  autoescape_ = saved_ae;
  escape_format_ = saved_fmt;
  if (suppress) {
    // The parent template, recorded by the extends statement.
    const Template::Impl* parent = f->extends_parent;
    enter();
    render_root(*parent, ctx);
    leave();
  }
}

void Renderer::run_inits(const std::vector<SlotInit>& inits, Frame& f) {
  for (const SlotInit& in : inits) {
    switch (in.kind) {
      case SlotInit::Kind::kUndefined:
        f.slots[in.slot] = Value::undefined(in.name);
        break;
      case SlotInit::Kind::kCopy: {
        Frame* src = &f;
        for (std::uint16_t d = 0; d < in.src_depth; ++d) src = src->parent;
        f.slots[in.slot] = src->slots[in.src_slot];
        break;
      }
      case SlotInit::Kind::kResolve: {
        const Value* v = find_name(f.ctx, in.name);
        f.slots[in.slot] = v != nullptr ? *v : in.missing;
        break;
      }
    }
  }
}

// ---- statements -------------------------------------------------------------------------

void Renderer::exec_body(const Body& body, Frame& f) {
  for (const Stmt* s : body) {
    if (s->kind == StmtKind::kData) {
      // Template text, the most frequent statement, without exec's set-up.
      tick();
      if (f.suppress != nullptr && *f.suppress) continue;
      out_->append(s->text);
      check_output();
    } else if (s->kind == StmtKind::kOutput) {
      // `{{ expr }}`, the next most frequent: no stack check here (the expression checks).
      tick();
      exec_output(s, f);
    } else {
      exec(s, f);
    }
  }
}

void Renderer::emit(const Value& v, bool escape) {
  std::string& out = *out_;
  switch (v.kind()) {
    case ValueKind::kString:
      if (escape && !v.is_safe()) {
        if (escape_format_ == EscapeFormat::kLatex) {
          append_latex_escaped(out, v.as_string());
        } else {
          append_html_escaped(out, v.as_string());
        }
      } else {
        out.append(v.as_string());
      }
      break;
    case ValueKind::kInt: {
      fmt::format_int fi(v.as_int());
      out.append(fi.data(), fi.size());
      break;
    }
    case ValueKind::kUndefined:
      if (policy_ == UndefinedPolicy::kStrict) throw_undefined_error(v);
      break;
    case ValueKind::kNone:
    case ValueKind::kBool:
    case ValueKind::kFloat:
    case ValueKind::kBigInt:
      v.append_str(out);
      break;
    default:
      if (escape) {
        std::string tmp;
        v.append_str(tmp);
        if (escape_format_ == EscapeFormat::kLatex) {
          append_latex_escaped(out, tmp);
        } else {
          append_html_escaped(out, tmp);
        }
      } else {
        v.append_str(out);
      }
  }
  check_output();
}

std::string Renderer::capture_body(const Body& body, Frame& f) {
  std::string buf;
  std::string* saved = out_;
  out_ = &buf;
  try {
    exec_body(body, f);
  } catch (...) {
    out_ = saved;
    throw;
  }
  out_ = saved;
  return buf;
}

Value Renderer::make_output_value(std::string s, bool autoescape) {
  if (autoescape) return Value::safe_string(std::move(s));
  return Value::string(std::move(s));
}

// `{{ expr }}` (exec_body runs it without exec's dispatch; the caller has ticked).
void Renderer::exec_output(const Stmt* s, Frame& f) {
  if (f.suppress != nullptr && *f.suppress) return;
  at(f, s->expr->offset);
  const Expr* e = s->expr;
  if (e->kind == ExprKind::kCall) {
    // `{{ macro(...) }}`: render the macro straight into the output (its result would be
    // appended unescaped anyway: Markup under autoescape, plain text otherwise).
    Value callee = eval(e->kids[0], f);
    if (callee.is_object()) {
      // MacroObject is final: an exact type test is enough (and cheaper than dynamic_cast).
      Object* o = callee.as_object();
      auto* m = typeid(*o) == typeid(MacroObject) ? static_cast<MacroObject*>(o) : nullptr;
      if (m != nullptr && (!s->flag || m->fn->autoescape)) {
        ArgsLease lease(*this);
        CallArgs& args = *lease;
        eval_args(e, f, args, 1);
        at(f, e->offset);
        call_macro(*m, args, out_);
        return;
      }
    }
    ArgsLease lease(*this);
    CallArgs& args = *lease;
    eval_args(e, f, args, 1);
    at(f, e->offset);
    Value r = call(callee, args);
    at(f, e->offset);
    emit(r, s->flag);
    return;
  }
  if (e->kind == ExprKind::kFilter && is_plain_latex_filter(e)) {
    // `{{ text|latex }}`: escape straight into the output (the filter's result is Markup,
    // which emit would append as it is).
    Value tmp;
    const Value* subject = eval_ref(e->kids[0], f, tmp);
    if (subject->is_string()) {
      at(f, e->offset);
      tick();
      if (subject->is_safe()) {
        out_->append(subject->as_string());
      } else {
        append_latex_escaped(*out_, subject->as_string());
      }
      check_output();
      return;
    }
  }
  Value tmp;
  const Value* v = quick_ref(e, f, tmp);
  at(f, e->offset);
  emit(*v, s->flag);
}

void Renderer::exec(const Stmt* s, Frame& f) {
  tick();
  // Text never recurses and an output's expression checks for itself.
  if (s->kind != StmtKind::kData && s->kind != StmtKind::kOutput) check_stack();
  switch (s->kind) {
    case StmtKind::kData:
      if (f.suppress != nullptr && *f.suppress) return;
      out_->append(s->text);
      check_output();
      return;
    case StmtKind::kOutput:
      exec_output(s, f);
      return;
    case StmtKind::kIf:
      at(f, s->offset);
      if (eval_truthy(s->expr, f)) {
        exec_body(s->body, f);
      } else {
        exec_body(s->else_body, f);
      }
      return;
    case StmtKind::kFor: {
      at(f, s->offset);
      Value seq = eval(s->expr, f);
      exec_for(s, f, seq, 0);
      return;
    }
    case StmtKind::kSet: {
      at(f, s->offset);
      Value v = eval(s->expr, f);
      assign(s->target, std::move(v), f);
      return;
    }
    case StmtKind::kSetBlock: {
      std::string text = capture_body(s->body, f);
      Value v = make_output_value(std::move(text), autoescape_);
      if (s->expr != nullptr) {
        at(f, s->offset);
        v = eval_filter(s->expr, f, &v);
      }
      assign(s->target, std::move(v), f);
      return;
    }
    case StmtKind::kMacro: {
      auto* m = new MacroObject();
      m->fn = s->function;
      m->closure = &f;
      m->ctx = f.ctx;
      m->tmpl = f.tmpl;
      assign(s->target, Value::object(m), f);
      return;
    }
    case StmtKind::kCallBlock: {
      if (f.suppress != nullptr && *f.suppress) return;
      at(f, s->offset);
      auto* m = new MacroObject();
      m->fn = s->function;
      m->closure = &f;
      m->ctx = f.ctx;
      m->tmpl = f.tmpl;
      m->is_caller = true;
      Value caller = Value::object(m);
      const Expr* call = s->expr;
      Value callee = eval(call->kids[0], f);
      ArgsLease lease(*this);
      CallArgs& args = *lease;
      eval_args(call, f, args, 1);
      args.keyword.emplace_back("caller", caller);
      at(f, call->offset);
      Value r = this->call(callee, args);
      emit(r, autoescape_);
      return;
    }
    case StmtKind::kFilterBlock: {
      if (f.suppress != nullptr && *f.suppress) return;
      run_inits(s->scope_inits, f);
      std::string text = capture_body(s->body, f);
      Value v = make_output_value(std::move(text), autoescape_);
      at(f, s->offset);
      Value r = eval_filter(s->expr, f, &v);
      emit(r, false);
      return;
    }
    case StmtKind::kWith: {
      std::vector<Value> vals;
      vals.reserve(s->assigns.size());
      for (const auto& [t, e] : s->assigns) vals.push_back(eval(e, f));
      run_inits(s->scope_inits, f);
      for (std::size_t i = 0; i < vals.size(); ++i) assign(s->assigns[i].first, vals[i], f);
      exec_body(s->body, f);
      return;
    }
    case StmtKind::kInclude: {
      if (f.suppress != nullptr && *f.suppress) return;
      at(f, s->offset);
      Value name = eval(s->expr, f);
      std::shared_ptr<const Template> t = load_template(name, s->flag, f);
      if (!t) return;
      Ctx* c = new_ctx();
      if (s->with_context) {
        c->locals_keep = build_locals(s, f);
        c->locals = &c->locals_keep.as_map();
        c->parent = f.ctx;
      }
      enter();
      render_root(*t->impl(), c);
      leave();
      return;
    }
    case StmtKind::kImport:
    case StmtKind::kFromImport: {
      at(f, s->offset);
      Value name = eval(s->expr, f);
      std::shared_ptr<const Template> t = load_template(name, false, f);
      Ctx* c = new_ctx();
      if (s->with_context) {
        c->locals_keep = build_locals(s, f);
        c->locals = &c->locals_keep.as_map();
        c->parent = f.ctx;
      }
      std::string body;
      std::string* saved = out_;
      out_ = &body;
      enter();
      try {
        render_root(*t->impl(), c);
      } catch (...) {
        out_ = saved;
        throw;
      }
      leave();
      out_ = saved;
      if (s->kind == StmtKind::kImport) {
        auto* m = new ModuleObject();
        m->exports = &c->vars;
        m->body = std::move(body);
        m->name = t->name();
        assign(s->target, Value::object(m), f);
      } else {
        at(f, s->offset);
        for (const ImportName& in : s->names) {
          const Value* v = c->vars.find(in.name);
          // Jinja2 binds a missing name to an undefined value (an error only when used).
          assign(in.target, v != nullptr ? *v : Value::undefined(in.name), f);
        }
      }
      return;
    }
    case StmtKind::kExtends: {
      if (f.suppress == nullptr) return;
      at(f, s->offset);
      if (*f.suppress) {
        throw_template_error(ErrorKind::kSyntax, "extended multiple times");
      }
      Value name = eval(s->expr, f);
      std::shared_ptr<const Template> t = load_template(name, false, f);
      f.extends_parent = t->impl().get();
      *f.suppress = true;
      return;
    }
    case StmtKind::kBlock: {
      if (f.suppress != nullptr && *f.suppress) return;
      at(f, s->offset);
      const BlockChain* chain = nullptr;
      for (const auto& c : *f.ctx->blocks) {
        if (c.name == s->text) {
          chain = &c;
          break;
        }
      }
      if (chain == nullptr) return;
      Value locals;
      if (s->flag) locals = build_locals(s, f);
      render_block(chain, 0, f.ctx, s->flag ? &locals.as_map() : nullptr);
      return;
    }
    case StmtKind::kAutoescape: {
      bool saved = autoescape_;
      autoescape_ = s->flag;
      exec_body(s->body, f);
      autoescape_ = saved;
      return;
    }
    case StmtKind::kExprStmt:
      eval(s->expr, f);
      return;
  }
}

void Renderer::render_block(const BlockChain* chain, std::size_t index, Ctx* ctx,
                            const Map* locals) {
  const BlockRef& ref = chain->refs[index];
  if (ref.def->required && index == 0) {
    throw_template_error(ErrorKind::kUndefined,
                         fmt::format("Required block '{}' not found", chain->name));
  }
  const Function* fn = ref.def->function;
  Ctx* use = ctx;
  if (locals != nullptr) {
    // Heap-allocated: objects created in the block (self, macros) may keep a pointer to it.
    use = new_ctx();
    use->locals_keep = Value::map(*locals);
    use->locals = &use->locals_keep.as_map();
    use->parent = ctx;
    use->blocks = ctx->blocks;
  }
  SlotBuffer local;
  std::unique_ptr<Value[]> heap;
  Frame stack_frame;
  Frame* f = open_frame(fn, local, heap, stack_frame, kept_slots_, kept_frames_);
  f->ctx = use;
  f->tmpl = ref.tmpl;
  f->chain = chain;
  f->chain_index = index;
  enter();
  bool saved_ae = autoescape_;
  EscapeFormat saved_fmt = escape_format_;
  autoescape_ = fn->autoescape;
  escape_format_ = ref.tmpl->escape_format;
  run_inits(fn->inits, *f);
  exec_body(fn->body, *f);
  autoescape_ = saved_ae;
  escape_format_ = saved_fmt;
  leave();
}

Value Renderer::render_block_to_value(Ctx* ctx, std::string_view name) {
  const BlockChain* chain = nullptr;
  for (const auto& c : *ctx->blocks) {
    if (c.name == name) chain = &c;
  }
  if (chain == nullptr) {
    return Value::undefined(name);
  }
  std::string buf;
  std::string* saved = out_;
  out_ = &buf;
  try {
    render_block(chain, 0, ctx, nullptr);
  } catch (...) {
    out_ = saved;
    throw;
  }
  out_ = saved;
  return make_output_value(std::move(buf), autoescape_);
}

Value Renderer::build_locals(const Stmt* s, Frame& f) {
  Value m = Value::map();
  Map& mm = m.map_mut();
  for (auto it = s->visible.rbegin(); it != s->visible.rend(); ++it) {
    const auto& [name, depth, slot] = *it;
    Frame* src = &f;
    for (std::uint16_t d = 0; d < depth; ++d) src = src->parent;
    const Value& v = src->slots[slot];
    if (v.is_undefined()) continue;
    mm.set(name, v);
  }
  return m;
}

std::shared_ptr<const Template> Renderer::load_template(const Value& name_value,
                                                        bool ignore_missing, const Frame& f) {
  (void)f;
  std::vector<std::string> names;
  if (name_value.is_string()) {
    names.emplace_back(name_value.as_string());
  } else if (name_value.is_list()) {
    for (const Value& v : name_value.as_list()) {
      if (!v.is_string()) throw_template_error(ErrorKind::kType, "template name must be a string");
      names.emplace_back(v.as_string());
    }
  } else if (name_value.is_undefined()) {
    throw_undefined_error(name_value);
  } else {
    throw_template_error(ErrorKind::kType,
                         fmt::format("template name must be a string, not {}", name_value.type_name()));
  }
  for (const std::string& n : names) {
    auto r = env_.get_template(n);
    if (r.ok()) {
      kept_templates_.push_back(*r);
      return *r;
    }
    if (r.error().kind != ErrorKind::kNotFound) throw TemplateError{r.error()};
  }
  if (ignore_missing) return nullptr;
  if (names.size() == 1) {
    throw_template_error(ErrorKind::kNotFound, fmt::format("template '{}' not found", names[0]));
  }
  std::string list;
  for (const auto& n : names) {
    if (!list.empty()) list += ", ";
    list += "'" + n + "'";
  }
  throw_template_error(ErrorKind::kNotFound,
                       fmt::format("none of the templates given were found: [{}]", list));
}

void Renderer::assign(const Target& t, Value v, Frame& f) {
  switch (t.kind) {
    case Target::Kind::kSlot: {
      Frame* dst = &f;
      for (std::uint16_t d = 0; d < t.depth; ++d) dst = dst->parent;
      if (t.exported) f.ctx->vars.set(t.name, v);
      dst->slots[t.slot] = std::move(v);
      return;
    }
    case Target::Kind::kTuple: {
      if (v.is_undefined()) check_defined(v);
      List items = v.is_list() ? v.as_list() : iterate_value(*this, v);
      if (items.size() != t.items.size()) {
        if (items.size() > t.items.size()) {
          throw_template_error(ErrorKind::kValue,
                               fmt::format("too many values to unpack (expected {})",
                                           t.items.size()));
        }
        throw_template_error(ErrorKind::kValue,
                             fmt::format("not enough values to unpack (expected {}, got {})",
                                         t.items.size(), items.size()));
      }
      for (std::size_t i = 0; i < items.size(); ++i) assign(t.items[i], items[i], f);
      return;
    }
    case Target::Kind::kNamespaceAttr: {
      Value obj = eval(t.object, f);
      if (!obj.is_object() || !obj.as_object()->set_attr(t.name, v)) {
        throw_template_error(ErrorKind::kType, "cannot assign attribute on non-namespace object");
      }
      return;
    }
  }
}

void Renderer::exec_for(const Stmt* s, Frame& f, const Value& iterable, std::uint32_t depth0) {
  Value holder;
  const List* items;
  if (iterable.is_list() && iterable.is_mutable() && iterable.heap()->use_count() > 1) {
    // A render-local list the body can reach by name and may mutate (xs.append in the loop):
    // iterate a snapshot so the items stay valid.
    holder = Value::list(iterable.as_list());
    items = &holder.as_list();
  } else if (iterable.is_list()) {
    items = &iterable.as_list();
  } else {
    holder = Value::list(iterate_value(*this, iterable));
    items = &holder.as_list();
  }
  Value filtered;
  if (s->cond != nullptr) {
    List keep;
    for (const Value& item : *items) {
      run_inits(s->scope_inits, f);
      assign(s->target, item, f);
      if (eval_truthy(s->cond, f)) keep.push_back(item);
    }
    filtered = Value::list(std::move(keep));
    items = &filtered.as_list();
  }
  if (items->empty()) {
    exec_body(s->else_body, f);
    return;
  }
  LoopObject* loop = nullptr;
  Value loop_value;
  if (s->uses_loop || s->recursive) {
    loop = new LoopObject();
    loop_value = Value::object(loop);
    // The loop object may outlive this call (stored in a namespace): it owns its items.
    loop->items_keep =
        s->cond != nullptr ? filtered : (holder.is_undefined() ? iterable : holder);
    items = &loop->items_keep.as_list();
    loop->items = items;
    loop->depth0 = depth0;
    loop->recursive = s->recursive;
    loop->renderer = this;
    loop->stmt = s;
    loop->frame = &f;
  }
  struct Finish {
    LoopObject* loop;
    ~Finish() {
      if (loop != nullptr) loop->frame = nullptr;
    }
  } finish{loop};
  // The loop scope's slots restart every iteration with the value their name has outside the
  // loop. Nothing the body runs can change that value (assignments in a loop body, and in
  // whatever it calls or includes, stay in their own scope or context), so it is computed at
  // the first iteration and copied at the others.
  std::vector<Value> starts;
  for (std::size_t i = 0; i < items->size(); ++i) {
    tick();
    if (!s->scope_inits.empty()) {
      if (i == 0) {
        run_inits(s->scope_inits, f);
        if (items->size() > 1) {
          starts.reserve(s->scope_inits.size());
          for (const SlotInit& in : s->scope_inits) starts.push_back(f.slots[in.slot]);
        }
      } else {
        for (std::size_t k = 0; k < starts.size(); ++k) f.slots[s->scope_inits[k].slot] = starts[k];
      }
    }
    if (loop != nullptr) {
      loop->index = i;
      f.slots[s->loop_slot] = loop_value;
    }
    const Value& item = (*items)[i];
    if (s->target.kind == Target::Kind::kSlot) {
      f.slots[s->target.slot] = item;
    } else {
      assign(s->target, item, f);
    }
    exec_body(s->body, f);
  }
}

Value Renderer::loop_call(const LoopObject& loop, CallArgs& args) {
  if (args.positional.size() != 1) {
    throw_template_error(ErrorKind::kType, "loop() takes exactly one argument");
  }
  std::string buf;
  std::string* saved = out_;
  out_ = &buf;
  enter();
  try {
    exec_for(loop.stmt, *loop.frame, args.positional[0], loop.depth0 + 1);
  } catch (...) {
    out_ = saved;
    throw;
  }
  leave();
  out_ = saved;
  return make_output_value(std::move(buf), autoescape_);
}

// ---- macros -------------------------------------------------------------------------------

Value Renderer::call_macro(const MacroObject& m, CallArgs& args, std::string* direct) {
  const Function* fn = m.fn;
  tick();
  SlotBuffer local;
  std::unique_ptr<Value[]> heap;
  Frame stack_frame;
  Frame* f = open_frame(fn, local, heap, stack_frame, kept_slots_, kept_frames_);
  f->parent = m.closure;
  f->ctx = m.ctx;
  f->tmpl = m.tmpl;
  const std::size_t nparams = fn->params.size();
  const char* what = m.is_caller ? "caller" : "macro";
  std::string_view display = m.is_caller ? std::string_view("caller") : std::string_view(fn->name);
  // Positional.
  std::size_t npos = args.positional.size();
  bool provided[64] = {};
  if (npos > nparams) {
    if (!fn->catch_varargs) {
      throw_template_error(ErrorKind::kType,
                           fmt::format("{} '{}' takes not more than {} argument(s)", what,
                                       display, nparams));
    }
  }
  for (std::size_t i = 0; i < std::min(npos, nparams); ++i) {
    f->slots[fn->params[i].slot] = args.positional[i];
    if (i < 64) provided[i] = true;
  }
  if (fn->catch_varargs) {
    List rest;
    for (std::size_t i = nparams; i < npos; ++i) rest.push_back(args.positional[i]);
    f->slots[fn->varargs_slot] = Value::tuple(std::move(rest));
  }
  Value kwargs_map;
  if (fn->catch_kwargs) kwargs_map = Value::map();
  for (auto& [k, v] : args.keyword) {
    bool found = false;
    for (std::size_t i = 0; i < nparams; ++i) {
      if (fn->params[i].name == k) {
        if (i < 64 && provided[i]) {
          throw_template_error(ErrorKind::kType,
                               fmt::format("macro '{}' got multiple values for argument '{}'",
                                           display, k));
        }
        f->slots[fn->params[i].slot] = v;
        if (i < 64) provided[i] = true;
        found = true;
        break;
      }
    }
    if (found) continue;
    if (k == "caller" && fn->caller) {
      f->slots[fn->caller_slot] = v;
      continue;
    }
    if (fn->catch_kwargs) {
      kwargs_map.map_mut().set(k, v);
      continue;
    }
    throw_template_error(ErrorKind::kType,
                         fmt::format("{} '{}' takes no keyword argument '{}'", what, display, k));
  }
  if (fn->catch_kwargs) f->slots[fn->kwargs_slot] = kwargs_map;
  if (fn->caller) {
    bool has = false;
    for (auto& [k, v] : args.keyword) has = has || k == "caller";
    if (!has) f->slots[fn->caller_slot] = Value::undefined("caller");
  }
  for (std::size_t i = 0; i < nparams; ++i) {
    if (i < 64 && provided[i]) continue;
    const Param& p = fn->params[i];
    if (p.default_value != nullptr) {
      f->slots[p.slot] = eval(p.default_value, *f);
    } else {
      f->slots[p.slot] = Value::undefined(p.name);
    }
  }
  run_inits(fn->inits, *f);
  std::string buf;
  std::string* saved = out_;
  out_ = direct != nullptr ? direct : &buf;
  bool saved_ae = autoescape_;
  EscapeFormat saved_fmt = escape_format_;
  autoescape_ = fn->autoescape;
  escape_format_ = m.tmpl->escape_format;
  enter();
  try {
    exec_body(fn->body, *f);
  } catch (...) {
    out_ = saved;
    autoescape_ = saved_ae;
    escape_format_ = saved_fmt;
    --depth_;
    throw;
  }
  leave();
  out_ = saved;
  autoescape_ = saved_ae;
  escape_format_ = saved_fmt;
  if (direct != nullptr) return Value();
  charge_value_size(buf.size());
  return make_output_value(std::move(buf), fn->autoescape);
}

// ---- expressions ------------------------------------------------------------------------

const Value* Renderer::find_name(const Ctx* c, std::string_view name) const {
  for (; c != nullptr; c = c->parent) {
    if (!c->vars.empty()) {
      if (const Value* v = c->vars.find(name)) return v;
    }
    if (c->locals != nullptr) {
      if (const Value* v = c->locals->find(name)) return v;
    }
    if (c->data != nullptr) {
      if (const Value* v = c->data->find(name)) return v;
    }
  }
  return env_.globals.find(name);
}

Value Renderer::lookup(const Ctx* c, const std::string& name) {
  if (const Value* v = find_name(c, name)) return *v;
  return Value::undefined(name);
}

const Value* Renderer::lookup_ref(const Ctx* c, const Expr* e) {
  const std::string& name = e->name;
  for (; c != nullptr; c = c->parent) {
    if (!c->vars.empty()) {
      if (const Value* v = c->vars.find(std::string_view(name))) return v;
    }
    if (c->locals != nullptr) {
      if (const Value* v = c->locals->find(std::string_view(name))) return v;
    }
    if (c->data != nullptr) {
      if (const Value* v = find_attr(*c->data, e)) return v;
    }
  }
  return env_.globals.find(std::string_view(name));
}

const Value* Renderer::eval_ref(const Expr* e, Frame& f, Value& tmp) {
  check_stack();
  switch (e->kind) {
    case ExprKind::kConst:
      return &e->value;
    case ExprKind::kLocal:
      return &local_slot(e, f);
    case ExprKind::kFree: {
      if (const Value* v = lookup_ref(f.ctx, e)) return v;
      tmp = Value::undefined(e->name);
      return &tmp;
    }
    case ExprKind::kGetAttr: {
      Value t2;
      const Expr* base = e->kids[0];
      const Value* obj = base->kind == ExprKind::kLocal ? &local_slot(base, f)
                                                        : eval_ref(base, f, t2);
      if (obj->is_map() && e->op == 0) {
        const Value* v = find_attr(obj->as_map(), e);
        if (v == nullptr) {
          tmp = Value::undefined(e->name);
          return &tmp;
        }
        if (obj != &t2) return v;
        tmp = *v;
        return &tmp;
      }
      at(f, e->offset);
      tmp = get_attr(*obj, e->name);
      return &tmp;
    }
    default:
      tmp = eval(e, f);
      return &tmp;
  }
}

const Value* Renderer::quick_ref(const Expr* e, Frame& f, Value& tmp) {
  if (e->kind == ExprKind::kLocal) return &local_slot(e, f);
  if (e->kind == ExprKind::kGetAttr && e->op == 0 && e->kids[0]->kind == ExprKind::kLocal) {
    const Value& obj = local_slot(e->kids[0], f);
    if (obj.is_map()) {
      if (const Value* v = find_attr(obj.as_map(), e)) return v;
    }
  }
  return eval_ref(e, f, tmp);
}

Value Renderer::load_slot(const Expr* e, Frame& f) {
  Frame* src = &f;
  for (std::uint16_t d = 0; d < e->depth; ++d) src = src->parent;
  return src->slots[e->slot];
}

bool Renderer::eval_truthy(const Expr* e, Frame& f) {
  check_stack();
  switch (e->kind) {
    case ExprKind::kNot:
      return !eval_truthy(e->kids[0], f);
    case ExprKind::kAnd:
      return eval_truthy(e->kids[0], f) && eval_truthy(e->kids[1], f);
    case ExprKind::kOr:
      return eval_truthy(e->kids[0], f) || eval_truthy(e->kids[1], f);
    case ExprKind::kTest:
      return eval_test(e, f);
    case ExprKind::kCompare:
      if (e->cmp_ops.size() == 1) return compare_single(e, f);
      [[fallthrough]];
    default: {
      Value tmp;
      const Value* v = eval_ref(e, f, tmp);
      if (v->is_undefined()) {
        at(f, e->offset);
        return truthy(*v);
      }
      return v->truthy();
    }
  }
}

void Renderer::eval_args(const Expr* e, Frame& f, CallArgs& args, std::size_t first) {
  std::size_t n = e->kids.size();
  if (n > first && args.positional.capacity() < n - first) args.positional.reserve(n - first);
  for (std::size_t i = first; i < n; ++i) args.positional.push_back(eval(e->kids[i], f));
  for (const auto& [k, ke] : e->kwargs) args.keyword.emplace_back(k, eval(ke, f));
  if (e->dyn_args != nullptr) {
    Value v = eval(e->dyn_args, f);
    at(f, e->dyn_args->offset);
    List items = v.is_list() ? v.as_list() : iterate_value(*this, v);
    for (Value& it : items) args.positional.push_back(std::move(it));
  }
  if (e->dyn_kwargs != nullptr) {
    Value v = eval(e->dyn_kwargs, f);
    if (!v.is_map()) {
      at(f, e->dyn_kwargs->offset);
      throw_template_error(ErrorKind::kType, "argument after ** must be a mapping");
    }
    for (const auto& [k, val] : v.as_map()) {
      if (!k.is_string()) throw_template_error(ErrorKind::kType, "keywords must be strings");
      args.keyword.emplace_back(std::string(k.as_string()), val);
    }
  }
}

// A list or dict a call, filter or operator just returned that nothing else references
// (use_count() == 1) is new and this render's alone (dict(...), xs + ys, |sort): Python would
// let the template mutate it, so mark it render-local.
static Value adopt_fresh(Value r) {
  if ((r.is_map() || (r.is_list() && !r.is_tuple())) && r.heap()->use_count() == 1) {
    r.mark_mutable();
  }
  return r;
}

// The builtin `|list` makes a list the render owns (Python's list(x) is always a new list):
// `result` is copied when the filter handed back its subject itself, then marked mutable.
static Value fresh_list(const Value& subject, Value result) {
  if (!result.is_list() || result.is_tuple()) return result;
  if (result.heap() == subject.heap()) result = Value::list(result.as_list());
  result.mark_mutable();
  return result;
}

Value Renderer::eval_filter(const Expr* e, Frame& f, const Value* subject) {
  check_stack();
  ArgsLease lease(*this);
  CallArgs& args = *lease;
  if (e->filter_fn != nullptr && e->kids.size() == 1 && e->kwargs.empty() &&
      e->dyn_args == nullptr && e->dyn_kwargs == nullptr && e->kids[0] != nullptr &&
      e->kids[0]->kind != ExprKind::kFilter) {
    // No arguments: nothing runs between evaluating the subject and the call; borrow it.
    Value tmp;
    const Value* subj = eval_ref(e->kids[0], f, tmp);
    at(f, e->offset);
    tick();
    if (e->name == "list") return fresh_list(*subj, e->filter_fn(*this, *subj, args));
    return e->filter_fn(*this, *subj, args);
  }
  Value subj = e->kids[0] == nullptr ? *subject : (e->kids[0]->kind == ExprKind::kFilter
                                                        ? eval_filter(e->kids[0], f, subject)
                                                        : eval(e->kids[0], f));
  eval_args(e, f, args, 1);
  at(f, e->offset);
  tick();
  if (e->filter_fn != nullptr) {
    if (e->name == "list") return fresh_list(subj, e->filter_fn(*this, subj, args));
    return e->filter_fn(*this, subj, args);
  }
  args.positional.insert(args.positional.begin(), subj);
  Result<Value> r = (*e->native)(args);
  if (!r.ok()) throw TemplateError{r.error()};
  return std::move(r.value());
}

bool Renderer::eval_test(const Expr* e, Frame& f) {
  if (e->test_fn != nullptr && e->kids.size() == 1 && e->kwargs.empty() &&
      e->dyn_args == nullptr && e->dyn_kwargs == nullptr) {
    Value tmp;
    const Value* subj = eval_ref(e->kids[0], f, tmp);
    CallArgs none;
    at(f, e->offset);
    bool r = e->test_fn(*this, *subj, none);
    return e->op != 0 ? !r : r;
  }
  Value subj = eval(e->kids[0], f);
  ArgsLease lease(*this);
  CallArgs& args = *lease;
  eval_args(e, f, args, 1);
  at(f, e->offset);
  bool r;
  if (e->test_fn != nullptr) {
    r = e->test_fn(*this, subj, args);
  } else if (e->native != nullptr) {
    args.positional.insert(args.positional.begin(), subj);
    Result<Value> res = (*e->native)(args);
    if (!res.ok()) throw TemplateError{res.error()};
    r = res.value().truthy();
  } else {
    throw_template_error(ErrorKind::kSyntax, fmt::format("No test named '{}'.", e->name));
  }
  return e->op != 0 ? !r : r;
}

Value Renderer::eval_call(const Expr* e, Frame& f) {
  Value callee = eval(e->kids[0], f);
  ArgsLease lease(*this);
  CallArgs& args = *lease;
  eval_args(e, f, args, 1);
  at(f, e->offset);
  return call(callee, args);
}

Value Renderer::call(const Value& callee, CallArgs& args) {
  tick();
  if (callee.is_object()) {
    Object* o = callee.as_object();
    if (o->callable()) return o->call(*this, args);
  }
  if (callee.is_undefined()) throw_undefined_error(callee);
  throw_template_error(ErrorKind::kType,
                       fmt::format("'{}' object is not callable", callee.type_name()));
}

Value Renderer::call_filter(std::string_view name, const Value& subject, CallArgs& args) {
  if (const NativeFunction* nf = env_.find_filter(name)) {
    CallArgs a = args;
    a.positional.insert(a.positional.begin(), subject);
    Result<Value> r = (*nf)(a);
    if (!r.ok()) throw TemplateError{r.error()};
    return std::move(r.value());
  }
  FilterFn fn = find_builtin_filter(name);
  if (fn == nullptr) {
    throw_template_error(ErrorKind::kNotFound, fmt::format("No filter named '{}'.", name));
  }
  return fn(*this, subject, args);
}

bool Renderer::call_test(std::string_view name, const Value& subject, CallArgs& args) {
  if (const NativeFunction* nf = env_.find_test(name)) {
    CallArgs a = args;
    a.positional.insert(a.positional.begin(), subject);
    Result<Value> r = (*nf)(a);
    if (!r.ok()) throw TemplateError{r.error()};
    return r.value().truthy();
  }
  TestFn fn = find_builtin_test(name);
  if (fn == nullptr) {
    throw_template_error(ErrorKind::kNotFound, fmt::format("No test named '{}'.", name));
  }
  return fn(*this, subject, args);
}

Value Renderer::get_attr(const Value& obj, std::string_view name) {
  // Sandbox: no attribute of a Python-level value starting with '_' (str.__class__ ...).
  // Objects of the template runtime decide for themselves except for dunder names; map keys
  // are plain data.
  if (!name.empty() && name[0] == '_' && !obj.is_map() &&
      (!obj.is_object() || (name.size() > 1 && name[1] == '_'))) {
    throw_template_error(ErrorKind::kSecurity,
                         fmt::format("access to attribute '{}' of '{}' object is unsafe", name,
                                     obj.type_name()));
  }
  switch (obj.kind()) {
    case ValueKind::kMap: {
      if (is_dict_method(name)) {
        Value m = get_builtin_method(obj, name);
        if (!m.is_undefined()) return m;
      }
      if (const Value* v = obj.as_map().find(name)) return *v;
      return Value::undefined(name);
    }
    case ValueKind::kObject: {
      Value v = obj.as_object()->get_attr(name);
      return v;
    }
    case ValueKind::kUndefined:
      if (policy_ == UndefinedPolicy::kChainable) return Value::undefined(name);
      throw_undefined_error(obj);
    default: {
      Value m = get_builtin_method(obj, name);
      if (!m.is_undefined()) return m;
      return Value::undefined(name);
    }
  }
}

Value Renderer::get_item(const Value& obj, const Value& key) {
  switch (obj.kind()) {
    case ValueKind::kMap:
      if (const Value* v = obj.as_map().find(key)) return *v;
      break;
    case ValueKind::kList: {
      std::int64_t i = 0;
      if (to_index(key, &i)) {
        const List& l = obj.as_list();
        std::int64_t n = static_cast<std::int64_t>(l.size());
        if (i < 0) i += n;
        if (i >= 0 && i < n) return l[static_cast<std::size_t>(i)];
        return Value::undefined(std::to_string(i));
      }
      break;
    }
    case ValueKind::kString: {
      std::int64_t i = 0;
      if (to_index(key, &i)) {
        std::string_view s = obj.as_string();
        auto offs = cp_offsets(s);
        std::int64_t n = static_cast<std::int64_t>(offs.size()) - 1;
        if (i < 0) i += n;
        if (i >= 0 && i < n) {
          std::string_view ch = s.substr(offs[static_cast<std::size_t>(i)],
                                         offs[static_cast<std::size_t>(i) + 1] -
                                             offs[static_cast<std::size_t>(i)]);
          // Indexing Markup gives Markup (Python's Markup.__getitem__).
          return obj.is_safe() ? Value::safe_string(std::string(ch)) : Value::string(ch);
        }
        return Value::undefined(std::to_string(i));
      }
      break;
    }
    case ValueKind::kUndefined:
      if (policy_ == UndefinedPolicy::kChainable) return Value::undefined();
      throw_undefined_error(obj);
    case ValueKind::kObject: {
      std::int64_t i = 0;
      if (to_index(key, &i) && obj.as_object()->iterable()) {
        // Sequences implemented as objects (range): index their items.
        Value l = Value::list(obj.as_object()->to_list());
        return get_item(l, key);
      }
      break;
    }
    default:
      break;
  }
  if (key.is_string() && !obj.is_map()) return get_attr(obj, key.as_string());
  if (key.is_string()) return Value::undefined(key.as_string());
  return Value::undefined(key.is_int() ? std::to_string(key.as_int()) : std::string());
}

bool Renderer::compare_single(const Expr* e, Frame& f) {
  // One comparison (the common case): borrow both operands.
  Value t1;
  Value t2;
  const Value* l = quick_ref(e->kids[0], f, t1);
  Value lhold;
  if (l != &t1 && e->kids[1]->kind != ExprKind::kConst && e->kids[1]->kind != ExprKind::kLocal &&
      e->kids[1]->kind != ExprKind::kFree && e->kids[1]->kind != ExprKind::kGetAttr) {
    lhold = *l;  // the right side may run code
    l = &lhold;
  }
  const Value* r = quick_ref(e->kids[1], f, t2);
  at(f, e->offset);
  return compare_one(e->cmp_ops[0], *l, *r);
}

bool Renderer::compare_one(CmpOp op, const Value& left, const Value& right) {
  if (left.is_int() && right.is_int()) {
    // Two small ints (row counters, quantities): ordered directly.
    const std::int64_t a = left.as_int();
    const std::int64_t b = right.as_int();
    switch (op) {
      case CmpOp::kEq: return a == b;
      case CmpOp::kNe: return a != b;
      case CmpOp::kLt: return a < b;
      case CmpOp::kLe: return a <= b;
      case CmpOp::kGt: return a > b;
      case CmpOp::kGe: return a >= b;
      case CmpOp::kIn:
      case CmpOp::kNotIn: break;  // a TypeError, raised by apply_contains
    }
  }
  switch (op) {
    case CmpOp::kEq:
    case CmpOp::kNe: {
      if (policy_ == UndefinedPolicy::kStrict) {
        if (left.is_undefined()) throw_undefined_error(left);
        if (right.is_undefined()) throw_undefined_error(right);
      }
      bool r = left.equals(right);
      return op == CmpOp::kNe ? !r : r;
    }
    case CmpOp::kLt: return apply_compare(*this, CompareOp::kLt, left, right);
    case CmpOp::kLe: return apply_compare(*this, CompareOp::kLe, left, right);
    case CmpOp::kGt: return apply_compare(*this, CompareOp::kGt, left, right);
    case CmpOp::kGe: return apply_compare(*this, CompareOp::kGe, left, right);
    case CmpOp::kIn: return apply_contains(*this, right, left);
    case CmpOp::kNotIn: return !apply_contains(*this, right, left);
  }
  return false;
}

Value Renderer::eval(const Expr* e, Frame& f) {
  check_stack();
  switch (e->kind) {
    case ExprKind::kConst:
      return e->value;
    case ExprKind::kLocal:
      if (e->depth == 0) return f.slots[e->slot];
      return load_slot(e, f);
    case ExprKind::kFree: {
      if (const Value* v = lookup_ref(f.ctx, e)) return *v;
      return Value::undefined(e->name);
    }
    case ExprKind::kSelf: {
      Value v = lookup(f.ctx, "self");
      if (!v.is_undefined()) return v;
      auto* so = new SelfObject();
      so->renderer = this;
      so->ctx = f.ctx;
      so->tmpl_name = f.tmpl->name;
      return Value::object(so);
    }
    case ExprKind::kList:
    case ExprKind::kTuple: {
      List items;
      items.reserve(e->kids.size());
      for (const Expr* k : e->kids) items.push_back(eval(k, f));
      if (e->kind == ExprKind::kTuple) return Value::tuple(std::move(items));
      // A list literal makes a fresh list each evaluation; the render owns it and may mutate it
      // in place (list.append, ...).
      Value l = Value::list(std::move(items));
      l.mark_mutable();
      return l;
    }
    case ExprKind::kDict: {
      Value m = Value::map();
      Map& mm = m.map_mut();
      for (std::size_t i = 0; i + 1 < e->kids.size(); i += 2) {
        Value k = eval(e->kids[i], f);
        if (k.is_list() && !k.is_tuple()) {
          at(f, e->kids[i]->offset);
          throw_template_error(ErrorKind::kType, "unhashable type: 'list'");
        }
        if (k.is_map()) {
          at(f, e->kids[i]->offset);
          throw_template_error(ErrorKind::kType, "unhashable type: 'dict'");
        }
        Value v = eval(e->kids[i + 1], f);
        mm.set(std::move(k), std::move(v));
      }
      m.mark_mutable();  // fresh per evaluation and owned by this render (dict.update, ...)
      return m;
    }
    case ExprKind::kGetAttr: {
      Value t2;
      const Value* obj = eval_ref(e->kids[0], f, t2);
      if (obj->is_map()) {
        // Fast path: data maps (op is set when the name is also a dict method).
        if (e->op == 0) {
          if (const Value* v = find_attr(obj->as_map(), e)) return *v;
          return Value::undefined(e->name);
        }
      }
      at(f, e->offset);
      return get_attr(*obj, e->name);
    }
    case ExprKind::kGetItem: {
      Value t1;
      Value t2;
      const Value* obj = eval_ref(e->kids[0], f, t1);
      Value hold;
      if (obj != &t1 && e->kids[1]->kind != ExprKind::kConst &&
          e->kids[1]->kind != ExprKind::kLocal && e->kids[1]->kind != ExprKind::kFree &&
          e->kids[1]->kind != ExprKind::kGetAttr) {
        hold = *obj;  // the key may run code that mutates the container `obj` points into
        obj = &hold;
      }
      const Value* key = eval_ref(e->kids[1], f, t2);
      at(f, e->offset);
      return get_item(*obj, *key);
    }
    case ExprKind::kSlice: {
      // A slice inside a tuple subscript (x[::, 1]) has no object of its own. In Jinja2 it is a
      // slice object, and a tuple holding one is never a key of a list or dict: the lookup is
      // undefined. The undefined element makes get_item give exactly that.
      if (e->kids[0] == nullptr) return Value::undefined();
      Value obj = eval(e->kids[0], f);
      if (obj.is_object() && obj.as_object()->iterable()) {
        obj = Value::list(obj.as_object()->to_list());
      }
      Value a = e->kids[1] ? eval(e->kids[1], f) : Value::none();
      Value b = e->kids[2] ? eval(e->kids[2], f) : Value::none();
      Value c = e->kids[3] ? eval(e->kids[3], f) : Value::none();
      at(f, e->offset);
      if (obj.is_undefined()) {
        if (policy_ == UndefinedPolicy::kChainable) return obj;
        throw_undefined_error(obj);
      }
      std::int64_t start, stop, step;
      if (obj.is_list()) {
        const List& l = obj.as_list();
        slice_indices(static_cast<std::int64_t>(l.size()), &a, &b, &c, &start, &stop, &step);
        List out;
        for (std::int64_t i = start; step > 0 ? i < stop : i > stop; i += step) {
          out.push_back(l[static_cast<std::size_t>(i)]);
        }
        return obj.is_tuple() ? Value::tuple(std::move(out)) : Value::list(std::move(out));
      }
      if (obj.is_string()) {
        std::string_view s = obj.as_string();
        auto offs = cp_offsets(s);
        std::int64_t n = static_cast<std::int64_t>(offs.size()) - 1;
        slice_indices(n, &a, &b, &c, &start, &stop, &step);
        std::string out;
        for (std::int64_t i = start; step > 0 ? i < stop : i > stop; i += step) {
          std::size_t u = static_cast<std::size_t>(i);
          out.append(s.substr(offs[u], offs[u + 1] - offs[u]));
        }
        return obj.is_safe() ? Value::safe_string(std::move(out)) : Value::string(std::move(out));
      }
      throw_template_error(ErrorKind::kType,
                           fmt::format("'{}' object is not subscriptable", obj.type_name()));
    }
    case ExprKind::kCall:
      return adopt_fresh(eval_call(e, f));
    case ExprKind::kSuper: {
      at(f, e->offset);
      if (f.chain == nullptr) {
        throw_template_error(ErrorKind::kUndefined, "'super' is undefined");
      }
      if (f.chain_index + 1 >= f.chain->refs.size()) {
        throw_template_error(ErrorKind::kUndefined,
                             fmt::format("there is no parent block called '{}'.", f.chain->name));
      }
      std::string buf;
      std::string* saved = out_;
      out_ = &buf;
      try {
        render_block(f.chain, f.chain_index + 1, f.ctx, nullptr);
      } catch (...) {
        out_ = saved;
        throw;
      }
      out_ = saved;
      return make_output_value(std::move(buf), autoescape_);
    }
    case ExprKind::kFilter:
      return adopt_fresh(eval_filter(e, f, nullptr));
    case ExprKind::kTest:
      return Value::boolean(eval_test(e, f));
    case ExprKind::kBinary: {
      Value a = eval(e->kids[0], f);
      Value b = eval(e->kids[1], f);
      at(f, e->offset);
      return adopt_fresh(apply_binary(*this, static_cast<BinaryOp>(e->op), a, b));
    }
    case ExprKind::kConcat: {
      std::string s;
      bool any_safe = false;
      List parts;
      parts.reserve(e->kids.size());
      for (const Expr* k : e->kids) {
        parts.push_back(eval(k, f));
        if (parts.back().is_safe()) any_safe = true;
      }
      at(f, e->offset);
      // op == 1: all operands are constants; Jinja2 folds these at compile time to a plain
      // str, so Markup operands lose their mark.
      bool esc = autoescape_ && any_safe && e->op == 0;
      for (const Value& p : parts) {
        if (p.is_undefined()) {
          check_defined(p);
          continue;
        }
        if (esc && !p.is_safe()) {
          std::string tmp;
          p.append_str(tmp);
          if (escape_format_ == EscapeFormat::kLatex) {
            append_latex_escaped(s, tmp);
          } else {
            append_html_escaped(s, tmp);
          }
        } else {
          p.append_str(s);
        }
        charge_value_size(s.size());
      }
      return esc ? Value::safe_string(std::move(s)) : Value::string(std::move(s));
    }
    case ExprKind::kCompare: {
      if (e->cmp_ops.size() == 1) return Value::boolean(compare_single(e, f));
      Value left = eval(e->kids[0], f);
      for (std::size_t i = 0; i < e->cmp_ops.size(); ++i) {
        Value right = eval(e->kids[i + 1], f);
        at(f, e->offset);
        bool r = compare_one(e->cmp_ops[i], left, right);
        if (!r) return Value::boolean(false);
        left = std::move(right);
      }
      return Value::boolean(true);
    }
    case ExprKind::kAnd: {
      Value a = eval(e->kids[0], f);
      at(f, e->offset);
      if (!truthy(a)) return a;
      return eval(e->kids[1], f);
    }
    case ExprKind::kOr: {
      Value a = eval(e->kids[0], f);
      at(f, e->offset);
      if (truthy(a)) return a;
      return eval(e->kids[1], f);
    }
    case ExprKind::kNot:
      return Value::boolean(!eval_truthy(e->kids[0], f));
    case ExprKind::kNeg: {
      Value a = eval(e->kids[0], f);
      at(f, e->offset);
      return apply_negate(*this, a);
    }
    case ExprKind::kPos: {
      Value a = eval(e->kids[0], f);
      at(f, e->offset);
      return apply_positive(*this, a);
    }
    case ExprKind::kCondExpr:
      if (eval_truthy(e->kids[0], f)) return eval(e->kids[1], f);
      if (e->kids[2] != nullptr) return eval(e->kids[2], f);
      return Value::undefined();
  }
  return Value::undefined();
}

}  // namespace docforge::tmpl
