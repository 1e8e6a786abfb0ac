// CallContext — what builtin filters, tests, globals and callable objects may ask of the
// interpreter that is running them. The interpreter implements it; builtins only use it.
//
// Errors: every method may throw TemplateError (error.h); the interpreter adds the template
// name, line and column of the expression being evaluated when it catches one.
//
// Thread safety: a CallContext belongs to one render on one thread.

#ifndef DOCFORGE_TEMPLATE_CALL_CONTEXT_H_
#define DOCFORGE_TEMPLATE_CALL_CONTEXT_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "docforge/environment.h"
#include "docforge/value.h"

namespace docforge {

class CallContext {
 public:
  virtual ~CallContext() = default;

  // Whether output of the current template position is autoescaped, and for which format.
  virtual bool autoescape() const = 0;
  virtual EscapeFormat escape_format() const = 0;
  virtual UndefinedPolicy undefined_policy() const = 0;
  virtual const Limits& limits() const = 0;

  // Jinja2's environment.getattr(obj, name) (attribute, then item) and getitem(obj, key)
  // (item, then attribute). Missing: an undefined value (named for error messages).
  virtual Value get_attr(const Value& obj, std::string_view name) = 0;
  virtual Value get_item(const Value& obj, const Value& key) = 0;

  // Calls a filter / test by name (builtin or registered); kind kNotFound-style error
  // ("no filter named 'x'") when there is none.
  virtual Value call_filter(std::string_view name, const Value& subject, CallArgs& args) = 0;
  virtual bool call_test(std::string_view name, const Value& subject, CallArgs& args) = 0;
  // Calls any callable value (macro, global function, bound method, object).
  virtual Value call(const Value& callee, CallArgs& args) = 0;

  // Throws when `v` is undefined and the policy forbids using it (strict), with Jinja2's
  // message ("'x' is undefined"). Filters call this before consuming a value.
  virtual void check_defined(const Value& v) = 0;

  // Sandbox accounting: throws a kLimit error when a value of `bytes` would exceed
  // limits().max_value_bytes, or when `units` more work would exceed the fuel budget.
  virtual void charge_value_size(std::size_t bytes) = 0;
  virtual void consume_fuel(std::uint64_t units) = 0;

  // In-place methods call this after storing a list or map into the render-local container
  // `container` (see Value::mark_mutable): it may now contain itself, directly or through other
  // containers (xs.append(xs)), a cycle reference counting cannot free. The interpreter empties
  // such containers when the render ends; they never outlive it.
  virtual void empty_at_render_end(const Value& container) = 0;
};

}  // namespace docforge

#endif  // DOCFORGE_TEMPLATE_CALL_CONTEXT_H_
