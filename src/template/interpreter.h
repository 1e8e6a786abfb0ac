// The interpreter: renders a compiled template (ast.h) into one output string.
//
// Design: a tree-walking interpreter over resolved nodes. Dispatch is a switch over the node
// kind (no virtual calls); local names are frame slots fixed at compile time; free names are
// looked up in the context chain (template vars -> include locals -> parent contexts -> render
// data -> globals). Template text is appended straight from the compiled nodes. Errors are
// thrown as TemplateError and located (template, line, column) from the last node position the
// interpreter recorded before the failing operation.
//
// Renderer implements CallContext for builtins. Sandbox: fuel is charged per statement, loop
// iteration and call; wall time is checked every few thousand fuel units; output size after
// each append; recursion depth on macro calls, includes, imports, blocks and recursive loops.
//
// Thread safety: a Renderer belongs to one render on one thread.

#ifndef DOCFORGE_TEMPLATE_INTERPRETER_H_
#define DOCFORGE_TEMPLATE_INTERPRETER_H_

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <unordered_set>
#include <vector>

#include "docforge/environment.h"
#include "docforge/value.h"
#include "template/ast.h"
#include "template/call_context.h"
#include "template/runtime_objects.h"
#include "template/template_impl.h"

namespace docforge::tmpl {

struct BlockRef {
  const Template::Impl* tmpl;
  const BlockDef* def;
};
struct BlockChain {
  std::string name;
  std::vector<BlockRef> refs;  // most derived first
};

// The variables of one template invocation (Jinja2's Context).
struct Ctx {
  Map vars;                       // top-level assignments (exported)
  const Map* locals = nullptr;    // include/scoped-block locals
  Value locals_keep;              // owns `locals`
  const Ctx* parent = nullptr;
  const Map* data = nullptr;      // the render's context values
  std::vector<BlockChain>* blocks = nullptr;
  std::vector<BlockChain> own_blocks;
};

struct Frame {
  Value* slots = nullptr;
  Frame* parent = nullptr;        // closure parent
  Ctx* ctx = nullptr;
  const Template::Impl* tmpl = nullptr;
  bool* suppress = nullptr;       // root of a template that extends: output is suppressed
  const Template::Impl* extends_parent = nullptr;  // set by {% extends %}
  const BlockChain* chain = nullptr;  // block being rendered (for super())
  std::size_t chain_index = 0;
};

class Renderer final : public CallContext {
 public:
  Renderer(const Template::Impl& t, std::string& out);
  ~Renderer() override;

  void render(const Value& context);

  // CallContext.
  bool autoescape() const override { return autoescape_; }
  EscapeFormat escape_format() const override { return escape_format_; }
  UndefinedPolicy undefined_policy() const override { return policy_; }
  const Limits& limits() const override { return limits_; }
  Value get_attr(const Value& obj, std::string_view name) override;
  Value get_item(const Value& obj, const Value& key) override;
  Value call_filter(std::string_view name, const Value& subject, CallArgs& args) override;
  bool call_test(std::string_view name, const Value& subject, CallArgs& args) override;
  Value call(const Value& callee, CallArgs& args) override;
  void check_defined(const Value& v) override;
  void charge_value_size(std::size_t bytes) override;
  void consume_fuel(std::uint64_t units) override;
  void empty_at_render_end(const Value& container) override;

  // Used by runtime objects.
  // Renders the macro; into `direct` when given (then returns undefined), else as a value.
  Value call_macro(const MacroObject& m, CallArgs& args, std::string* direct = nullptr);
  Value render_block_to_value(Ctx* ctx, std::string_view name);
  Value loop_call(const LoopObject& loop, CallArgs& args);

 private:
  friend class LoopObject;

  // Execution.
  void exec_body(const Body& body, Frame& f);
  void exec(const Stmt* s, Frame& f);
  void exec_output(const Stmt* s, Frame& f);
  void exec_for(const Stmt* s, Frame& f, const Value& iterable, std::uint32_t depth0);
  void run_inits(const std::vector<SlotInit>& inits, Frame& f);
  void assign(const Target& t, Value v, Frame& f);
  void render_root(const Template::Impl& t, Ctx* ctx);
  void render_function(const Function* fn, Frame& f);
  void render_block(const BlockChain* chain, std::size_t index, Ctx* ctx, const Map* locals);
  std::string capture_body(const Body& body, Frame& f);
  Value make_output_value(std::string s, bool autoescape);
  std::shared_ptr<const Template> load_template(const Value& name_value, bool ignore_missing,
                                                const Frame& f);
  Value build_locals(const Stmt* s, Frame& f);
  Ctx* new_ctx();

  // Evaluation.
  Value eval(const Expr* e, Frame& f);
  // Like eval, but borrows: returns a pointer to the value where it already lives (a slot, a
  // constant, a map entry) and only materialises computed values into `tmp`. The pointer is
  // valid until `tmp` is changed or the template runs more code.
  const Value* eval_ref(const Expr* e, Frame& f, Value& tmp);
  // eval_ref with the commonest operands inline: a local, and `local.name` where the local is
  // a map holding that key. Same contract as eval_ref.
  const Value* quick_ref(const Expr* e, Frame& f, Value& tmp);
  const Value* lookup_ref(const Ctx* c, const Expr* e);
  Value eval_filter(const Expr* e, Frame& f, const Value* subject);
  bool eval_test(const Expr* e, Frame& f);
  Value eval_call(const Expr* e, Frame& f);
  bool eval_truthy(const Expr* e, Frame& f);
  void eval_args(const Expr* e, Frame& f, CallArgs& args, std::size_t first);
  const Value* find_name(const Ctx* c, std::string_view name) const;  // nullptr: not defined
  Value lookup(const Ctx* c, const std::string& name);
  Value load_slot(const Expr* e, Frame& f);
  void emit(const Value& v, bool escape);

  void at(const Frame& f, std::uint32_t offset) {
    pos_tmpl_ = f.tmpl;
    pos_offset_ = offset;
  }
  void tick() {
    if (--ticks_ == 0) slow_tick();
  }
  void slow_tick();
  void check_output() {
    if (out_->size() > limits_.max_output_bytes) output_limit();
  }
  [[noreturn]] void output_limit();
  void enter();
  void leave() { --depth_; }
  // Deeply nested expressions or recursion could overflow the thread's stack; stop first.
  static constexpr std::ptrdiff_t kStackBudget = 1 << 20;
  void check_stack() {
    const char* here = static_cast<const char*>(__builtin_frame_address(0));
    if (stack_base_ - here > kStackBudget) stack_exhausted();
  }
  [[noreturn]] void stack_exhausted();
  bool truthy(const Value& v);
  bool compare_one(CmpOp op, const Value& left, const Value& right);
  bool compare_single(const Expr* e, Frame& f);  // REQUIRES: e is a kCompare of one operator

  const Template::Impl& top_;
  const Environment::Impl& env_;
  std::string* out_;
  Limits limits_;
  UndefinedPolicy policy_;
  bool autoescape_ = false;
  EscapeFormat escape_format_ = EscapeFormat::kHtml;
  std::uint32_t depth_ = 0;
  const char* stack_base_;
  std::uint64_t ticks_ = 0;
  std::uint64_t chunk_ = 0;  // size of the fuel chunk ticks_ counts down
  std::uint64_t fuel_used_ = 0;
  std::chrono::steady_clock::time_point deadline_;
  bool has_deadline_ = false;
  const Template::Impl* pos_tmpl_ = nullptr;
  std::uint32_t pos_offset_ = 0;
  std::vector<std::unique_ptr<Ctx>> ctxs_;
  std::vector<std::unique_ptr<Value[]>> kept_slots_;
  std::vector<std::unique_ptr<Frame>> kept_frames_;
  std::vector<std::shared_ptr<const Template>> kept_templates_;
  std::vector<Value> kept_values_;
  // Render-local containers that had lists or maps stored into them (possible cycles), each
  // once, emptied by the destructor.
  std::vector<Value> possible_cycles_;
  std::unordered_set<const void*> possible_cycle_ids_;
  // Argument lists for calls, reused across calls so their vectors keep their capacity; calls
  // nest, so they are taken and returned in stack order (ArgsLease).
  std::vector<std::unique_ptr<CallArgs>> args_pool_;
  std::size_t args_in_use_ = 0;
  friend class ArgsLease;

 public:
  // Location of the last recorded position, for error reporting.
  const Template::Impl* pos_tmpl() const { return pos_tmpl_; }
  std::uint32_t pos_offset() const { return pos_offset_; }
};

// A CallArgs borrowed from the renderer's pool for the length of one call; returned empty.
class ArgsLease {
 public:
  explicit ArgsLease(Renderer& r) : r_(r) {
    if (r.args_in_use_ == r.args_pool_.size()) r.args_pool_.push_back(std::make_unique<CallArgs>());
    args_ = r.args_pool_[r.args_in_use_++].get();
  }
  ~ArgsLease() {
    args_->positional.clear();
    args_->keyword.clear();
    --r_.args_in_use_;
  }
  ArgsLease(const ArgsLease&) = delete;
  ArgsLease& operator=(const ArgsLease&) = delete;
  CallArgs& operator*() const { return *args_; }

 private:
  Renderer& r_;
  CallArgs* args_;
};

}  // namespace docforge::tmpl

#endif  // DOCFORGE_TEMPLATE_INTERPRETER_H_
