// Runtime objects (runtime_objects.h).

#include "template/runtime_objects.h"

#include <fmt/format.h>

#include "template/interpreter.h"

namespace docforge::tmpl {

// ---- loop ---------------------------------------------------------------------------------

Value LoopObject::get_attr(std::string_view name) const {
  const std::size_t n = items->size();
  switch (name.size()) {
    case 5:
      if (name == "index") return Value::integer(static_cast<std::int64_t>(index + 1));
      if (name == "first") return Value::boolean(index == 0);
      if (name == "depth") return Value::integer(depth0 + 1);
      if (name == "cycle") {
        auto* m = new LoopMethod();
        m->loop = this;
        m->keep = Value::object(const_cast<LoopObject*>(this));
        m->is_cycle = true;
        return Value::object(m);
      }
      break;
    case 6:
      if (name == "index0") return Value::integer(static_cast<std::int64_t>(index));
      if (name == "length") return Value::integer(static_cast<std::int64_t>(n));
      if (name == "depth0") return Value::integer(depth0);
      break;
    case 4:
      if (name == "last") return Value::boolean(index + 1 == n);
      break;
    case 8:
      if (name == "revindex") return Value::integer(static_cast<std::int64_t>(n - index));
      if (name == "previtem") {
        if (index == 0) return Value::undefined("there is no previous item");
        return (*items)[index - 1];
      }
      if (name == "nextitem") {
        if (index + 1 >= n) return Value::undefined("there is no next item");
        return (*items)[index + 1];
      }
      break;
    case 9:
      if (name == "revindex0") return Value::integer(static_cast<std::int64_t>(n - index - 1));
      break;
    case 7:
      if (name == "changed") {
        auto* m = new LoopMethod();
        m->loop = this;
        m->keep = Value::object(const_cast<LoopObject*>(this));
        m->is_cycle = false;
        return Value::object(m);
      }
      break;
    default:
      break;
  }
  return Value::undefined(name);
}

Value LoopObject::call(CallContext& ctx, CallArgs& args) {
  (void)ctx;
  if (frame == nullptr) {
    throw_template_error(ErrorKind::kType, "the loop has finished: loop() cannot be called");
  }
  return renderer->loop_call(*this, args);
}

void LoopObject::append_repr(std::string& out) const {
  out += fmt::format("<LoopContext {}/{}>", index + 1, items->size());
}

Value LoopMethod::call(CallContext& ctx, CallArgs& args) {
  (void)ctx;
  if (is_cycle) {
    if (args.positional.empty()) {
      throw_template_error(ErrorKind::kType, "no items for cycling given");
    }
    return args.positional[loop->index % args.positional.size()];
  }
  Value v = args.positional.size() == 1 ? args.positional[0] : Value::tuple(args.positional);
  if (!loop->has_changed || !loop->last_changed.equals(v)) {
    loop->has_changed = true;
    loop->last_changed = v;
    return Value::boolean(true);
  }
  return Value::boolean(false);
}

// ---- macros -------------------------------------------------------------------------------

Value MacroObject::get_attr(std::string_view name) const {
  if (name == "name") return Value::string(is_caller ? std::string("caller") : fn->name);
  if (name == "arguments") {
    List l;
    for (const auto& p : fn->params) l.push_back(Value::string(p.name));
    return Value::tuple(std::move(l));
  }
  if (name == "catch_kwargs") return Value::boolean(fn->catch_kwargs);
  if (name == "catch_varargs") return Value::boolean(fn->catch_varargs);
  if (name == "caller") return Value::boolean(fn->caller);
  return Value::undefined(name);
}

Value MacroObject::call(CallContext& ctx, CallArgs& args) {
  return static_cast<Renderer&>(ctx).call_macro(*this, args);
}

void MacroObject::append_repr(std::string& out) const {
  if (is_caller) {
    out += "<Macro anonymous>";
  } else {
    out += fmt::format("<Macro '{}'>", fn->name);
  }
}

// ---- modules, self --------------------------------------------------------------------------

Value ModuleObject::get_attr(std::string_view name) const {
  if (!name.empty() && name[0] == '_') return Value::undefined(name);
  if (const Value* v = exports->find(name)) return *v;
  return Value::undefined(name);
}

void ModuleObject::append_repr(std::string& out) const {
  out += fmt::format("<TemplateModule '{}'>", name);
}

Value SelfObject::get_attr(std::string_view name) const {
  auto* b = new BlockCallable();
  b->renderer = renderer;
  b->ctx = ctx;
  b->name = std::string(name);
  return Value::object(b);
}

void SelfObject::append_repr(std::string& out) const {
  out += fmt::format("<TemplateReference '{}'>", tmpl_name);
}

Value BlockCallable::call(CallContext& ctx, CallArgs& args) {
  (void)ctx;
  (void)args;
  return renderer->render_block_to_value(this->ctx, name);
}

Value NativeFunctionObject::call(CallContext& ctx, CallArgs& args) {
  (void)ctx;
  Result<Value> r = fn(args);
  if (!r.ok()) throw TemplateError{r.error()};
  return std::move(r.value());
}

}  // namespace docforge::tmpl
