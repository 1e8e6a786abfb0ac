// Private: the objects Jinja2's builtin globals create — Cycler (cycler()), Joiner (joiner())
// and Namespace (namespace()) — and the lipsum text generator.
//
// Thread safety: a Cycler, Joiner or Namespace is created by a template while it renders and
// changes state as the template uses it (c.next(), j(), `set ns.x = ...`); it belongs to that
// render and must not be shared between threads while in use.

#ifndef DOCFORGE_TEMPLATE_BUILTINS_GLOBALS_OBJECTS_H_
#define DOCFORGE_TEMPLATE_BUILTINS_GLOBALS_OBJECTS_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "docforge/value.h"
#include "template/call_context.h"

namespace docforge::ops {

// range(start, stop, step): iterable, printed like Python ("range(0, 3)", "range(1, 9, 2)").
// REQUIRES: step != 0; count is the number of items (checked against the limits by the caller).
class Range final : public Object {
 public:
  Range(std::int64_t start, std::int64_t stop, std::int64_t step, std::size_t count)
      : start_(start), stop_(stop), step_(step), count_(count) {}
  const char* type_name() const noexcept override { return "range"; }
  bool truthy() const noexcept override { return count_ != 0; }
  bool iterable() const noexcept override { return true; }
  List to_list() const override;
  void append_repr(std::string& out) const override;

 private:
  std::int64_t start_, stop_, step_;
  std::size_t count_;
};

// cycler(*items): .next() returns the current item and advances, .reset() goes back to the
// first, .current is the current item, .items the tuple of items.
class Cycler final : public Object {
 public:
  explicit Cycler(List items) : items_(std::move(items)) {}
  const char* type_name() const noexcept override { return "Cycler"; }
  Value get_attr(std::string_view name) const override;
  void append_repr(std::string& out) const override { out += "<jinja2.utils.Cycler object>"; }

  Value next();
  void reset() { pos_ = 0; }

 private:
  List items_;  // never empty
  std::size_t pos_ = 0;
};

// joiner(sep=", "): calling it returns "" the first time and sep afterwards.
class Joiner final : public Object {
 public:
  explicit Joiner(Value sep) : sep_(std::move(sep)) {}
  const char* type_name() const noexcept override { return "Joiner"; }
  bool callable() const noexcept override { return true; }
  Value call(CallContext& ctx, CallArgs& args) override;
  void append_repr(std::string& out) const override { out += "<jinja2.utils.Joiner object>"; }

 private:
  Value sep_;
  bool used_ = false;
};

// namespace(**kwargs): attributes that `{% set ns.attr = value %}` can assign.
class Namespace final : public Object {
 public:
  explicit Namespace(Map attrs) : attrs_(std::move(attrs)) {}
  const char* type_name() const noexcept override { return "Namespace"; }
  Value get_attr(std::string_view name) const override;
  bool set_attr(std::string_view name, Value v) override;
  void append_repr(std::string& out) const override;

 private:
  Map attrs_;
};

// Jinja2's generate_lorem_ipsum(n, html, min, max), but deterministic (a fixed-seed generator
// instead of Python's random module) so outputs are reproducible.
Value lorem_ipsum(CallContext& ctx, std::int64_t n, bool html, std::int64_t min, std::int64_t max);

}  // namespace docforge::ops

#endif  // DOCFORGE_TEMPLATE_BUILTINS_GLOBALS_OBJECTS_H_
