// The insides of Environment and Template (environment.h): the compiled program of one
// template and the environment state shared by all templates of an Environment.
//
// Thread safety: a CompiledTemplate is immutable once built. Environment::Impl is configured
// before use and then only read, except for the template cache, which has its own mutex.

#ifndef DOCFORGE_TEMPLATE_TEMPLATE_IMPL_H_
#define DOCFORGE_TEMPLATE_TEMPLATE_IMPL_H_

#include <atomic>
#include <chrono>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "docforge/environment.h"
#include "template/ast.h"
#include "template/lexer.h"

namespace docforge {

struct Environment::Impl {
  Options options;
  std::unique_ptr<Loader> loader;
  std::unordered_map<std::string, NativeFunction> filters;
  std::unordered_map<std::string, NativeFunction> tests;
  Map globals;  // builtin globals plus add_global()

  struct CacheEntry {
    std::shared_ptr<const Template> tmpl;
    std::string version;
    std::chrono::steady_clock::time_point checked;
    std::list<std::string>::iterator lru;
  };
  mutable std::mutex cache_mu;
  mutable std::unordered_map<std::string, CacheEntry> cache;
  mutable std::list<std::string> lru;  // most recent first

  const NativeFunction* find_filter(std::string_view name) const;
  const NativeFunction* find_test(std::string_view name) const;
  Result<std::shared_ptr<const Template>> compile(std::string source, std::string name) const;
  Result<std::shared_ptr<const Template>> get_template(std::string_view name) const;
};

struct Template::Impl {
  std::string name;
  std::string source;  // newline-normalised; Data nodes and the line index point into it
  tmpl::LineIndex lines{std::string_view()};
  bool autoescape = false;
  EscapeFormat escape_format = EscapeFormat::kHtml;
  bool has_extends = false;
  std::size_t size_hint = 0;
  // Output size of the last render: the next render reserves that much up front.
  mutable std::atomic<std::size_t> last_output_size{0};
  tmpl::Function* root = nullptr;
  std::vector<tmpl::BlockDef> blocks;
  // The environment this template was compiled by (for includes, filters, globals). Templates
  // are owned by the environment's cache or by the caller; the environment must outlive them.
  const Environment::Impl* env = nullptr;

  // Node storage.
  tmpl::NodePool<tmpl::Expr> exprs;
  tmpl::NodePool<tmpl::Stmt> stmts;
  tmpl::NodePool<tmpl::Function> functions;

  const tmpl::BlockDef* find_block(std::string_view n) const {
    for (const auto& b : blocks) {
      if (b.name == n) return &b;
    }
    return nullptr;
  }
};

namespace tmpl {
// Compiles `impl->source` into `impl` (parser.cpp). Throws TemplateError (kSyntax) with
// line/column/source line filled in.
void compile_template(Template::Impl* impl, const Environment::Impl& env);
// Renders (interpreter.cpp).
void render_template(const Template::Impl& t, const Value& context, std::string& out);
}  // namespace tmpl

}  // namespace docforge

#endif  // DOCFORGE_TEMPLATE_TEMPLATE_IMPL_H_
