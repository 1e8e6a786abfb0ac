// Cycler, Joiner and Namespace (see globals_objects.h).
#include "template/builtins/globals_objects.h"

#include <string>

#include "template/builtins/methods_callable.h"
#include "template/builtins/ops_util.h"

namespace docforge::ops {
namespace {

Cycler& as_cycler(const Value& self) { return *static_cast<Cycler*>(self.as_object()); }

Value cycler_next(CallContext&, const Value& self, CallArgs& args) {
  check_arity(args, "next", 0, {});
  return as_cycler(self).next();
}

Value cycler_reset(CallContext&, const Value& self, CallArgs& args) {
  check_arity(args, "reset", 0, {});
  as_cycler(self).reset();
  return Value::none();
}

// A Value holding `obj` with a new reference, so a bound method keeps its object alive.
Value self_value(const Object* obj) {
  Object* o = const_cast<Object*>(obj);
  return Value::object(o);
}

}  // namespace

List Range::to_list() const {
  List items;
  items.reserve(count_);
  __int128 v = start_;
  for (std::size_t i = 0; i < count_; ++i, v += step_) {
    items.push_back(Value::integer(static_cast<std::int64_t>(v)));
  }
  return items;
}

void Range::append_repr(std::string& out) const {
  out += "range(";
  out += std::to_string(start_);
  out += ", ";
  out += std::to_string(stop_);
  if (step_ != 1) {
    out += ", ";
    out += std::to_string(step_);
  }
  out += ')';
}

Value Cycler::get_attr(std::string_view name) const {
  if (name == "current") return items_[pos_];
  if (name == "items") return Value::tuple(items_);
  if (name == "next") {
    return make_callable(self_value(this), "<bound method Cycler.next>", cycler_next);
  }
  if (name == "reset") {
    return make_callable(self_value(this), "<bound method Cycler.reset>", cycler_reset);
  }
  return Value::undefined(name);
}

Value Cycler::next() {
  Value v = items_[pos_];
  pos_ = (pos_ + 1) % items_.size();
  return v;
}

Value Joiner::call(CallContext&, CallArgs& args) {
  check_arity(args, "__call__", 0, {});
  if (!used_) {
    used_ = true;
    return Value::string("");
  }
  return sep_;
}

Value Namespace::get_attr(std::string_view name) const {
  if (const Value* v = attrs_.find(name)) return *v;
  return Value::undefined(name);
}

bool Namespace::set_attr(std::string_view name, Value v) {
  attrs_.set(name, std::move(v));
  return true;
}

void Namespace::append_repr(std::string& out) const {
  out += "<Namespace {";
  bool first = true;
  for (const auto& [k, v] : attrs_) {
    if (!first) out += ", ";
    first = false;
    k.append_repr(out);
    out += ": ";
    v.append_repr(out);
  }
  out += "}>";
}

}  // namespace docforge::ops
