// Private: a callable Object wrapping a C++ function, bound to a receiver value. Used for the
// methods of builtin types ("abc".upper, d.items) and for the builtin globals (range, dict,
// cycler, ...), which are functions with no receiver.
//
// Thread safety: immutable after construction; safe to share between renders.

#ifndef DOCFORGE_TEMPLATE_BUILTINS_METHODS_CALLABLE_H_
#define DOCFORGE_TEMPLATE_BUILTINS_METHODS_CALLABLE_H_

#include <string>
#include <string_view>
#include <utility>

#include "docforge/value.h"
#include "template/call_context.h"

namespace docforge::ops {

using MethodFn = Value (*)(CallContext& ctx, const Value& self, CallArgs& args);

class BuiltinCallable final : public Object {
 public:
  // `repr` is what printing the callable shows ("<built-in method upper of str object>").
  BuiltinCallable(Value self, std::string repr, MethodFn fn)
      : self_(std::move(self)), repr_(std::move(repr)), fn_(fn) {}
  const char* type_name() const noexcept override { return "builtin_function_or_method"; }
  bool callable() const noexcept override { return true; }
  Value call(CallContext& ctx, CallArgs& args) override { return fn_(ctx, self_, args); }
  void append_repr(std::string& out) const override { out += repr_; }

 private:
  Value self_;
  std::string repr_;
  MethodFn fn_;
};

inline Value make_callable(Value self, std::string repr, MethodFn fn) {
  return Value::object(new BuiltinCallable(std::move(self), std::move(repr), fn));
}

}  // namespace docforge::ops

#endif  // DOCFORGE_TEMPLATE_BUILTINS_METHODS_CALLABLE_H_
