// Objects the interpreter creates while rendering: the `loop` object, macros (and `caller`),
// imported template modules, `self`, and wrappers for C++ functions registered with the
// Environment. They are Values (docforge::Object) so templates can pass them around.
//
// Thread safety: these objects belong to one render (they point into its state) and must not
// outlive it or be shared between threads.

#ifndef DOCFORGE_TEMPLATE_RUNTIME_OBJECTS_H_
#define DOCFORGE_TEMPLATE_RUNTIME_OBJECTS_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "docforge/environment.h"
#include "docforge/value.h"
#include "template/ast.h"

namespace docforge::tmpl {

class Renderer;
struct Frame;
struct Ctx;

class LoopObject final : public Object {
 public:
  const char* type_name() const noexcept override { return "LoopContext"; }
  Value get_attr(std::string_view name) const override;
  bool callable() const noexcept override { return recursive; }
  Value call(CallContext& ctx, CallArgs& args) override;
  void append_repr(std::string& out) const override;

  const List* items = nullptr;  // points into items_keep
  Value items_keep;
  std::size_t index = 0;
  std::uint32_t depth0 = 0;
  bool recursive = false;
  Renderer* renderer = nullptr;
  const Stmt* stmt = nullptr;
  Frame* frame = nullptr;  // null once the loop has finished (loop() is then an error)
  mutable Value last_changed;
  mutable bool has_changed = false;
};

class MacroObject final : public Object {
 public:
  const char* type_name() const noexcept override { return "Macro"; }
  Value get_attr(std::string_view name) const override;
  bool callable() const noexcept override { return true; }
  Value call(CallContext& ctx, CallArgs& args) override;
  void append_repr(std::string& out) const override;

  const Function* fn = nullptr;
  Frame* closure = nullptr;
  Ctx* ctx = nullptr;
  const Template::Impl* tmpl = nullptr;
  bool is_caller = false;
};

class ModuleObject final : public Object {
 public:
  const char* type_name() const noexcept override { return "TemplateModule"; }
  Value get_attr(std::string_view name) const override;
  void append_str(std::string& out) const override { out += body; }
  void append_repr(std::string& out) const override;

  const Map* exports = nullptr;
  std::string body;
  std::string name;
};

// `self`: self.blockname() renders that block.
class SelfObject final : public Object {
 public:
  const char* type_name() const noexcept override { return "TemplateReference"; }
  Value get_attr(std::string_view name) const override;
  void append_repr(std::string& out) const override;

  Renderer* renderer = nullptr;
  Ctx* ctx = nullptr;
  std::string tmpl_name;
};

class BlockCallable final : public Object {
 public:
  const char* type_name() const noexcept override { return "BlockReference"; }
  bool callable() const noexcept override { return true; }
  Value call(CallContext& ctx, CallArgs& args) override;

  Renderer* renderer = nullptr;
  Ctx* ctx = nullptr;
  std::string name;
};

class NativeFunctionObject final : public Object {
 public:
  explicit NativeFunctionObject(NativeFunction f, std::string n)
      : fn(std::move(f)), name(std::move(n)) {}
  const char* type_name() const noexcept override { return "builtin_function_or_method"; }
  bool callable() const noexcept override { return true; }
  Value call(CallContext& ctx, CallArgs& args) override;

  NativeFunction fn;
  std::string name;
};

// A bound method of the loop object (cycle, changed).
class LoopMethod final : public Object {
 public:
  bool callable() const noexcept override { return true; }
  Value call(CallContext& ctx, CallArgs& args) override;
  const LoopObject* loop = nullptr;
  Value keep;  // keeps the loop alive
  bool is_cycle = true;
};

}  // namespace docforge::tmpl

#endif  // DOCFORGE_TEMPLATE_RUNTIME_OBJECTS_H_
