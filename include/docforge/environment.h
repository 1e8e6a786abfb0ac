// docforge::Environment and docforge::Template — the embedding API of the template language.
//
// An Environment holds options (syntax, whitespace handling, autoescape, undefined policy,
// sandbox limits), a Loader that maps template names to source text, and the filters, tests and
// globals templates can use (the Jinja2 builtins plus any added in C++). It compiles templates
// and keeps them in a bounded cache keyed by name, re-compiling when the loader reports that the
// source changed.
//
// A Template is compiled once and immutable: render() may be called from many threads at once.
//
// Thread safety: configure an Environment (add_filter, add_global, ...) before sharing it;
// get_template() and from_string() are safe to call concurrently afterwards.
//
// Lifetime: a Template refers to the Environment that compiled it (for includes, filters and
// options) without owning it. REQUIRES: the Environment outlives every Template it returned.
//
// Example:
//   docforge::Environment env;
//   env.set_loader(docforge::make_file_loader({"templates"}));
//   auto tpl = env.get_template("invoice.md.j2");
//   if (!tpl.ok()) { fprintf(stderr, "%s\n", tpl.error().format().c_str()); return 1; }
//   auto text = (*tpl)->render(context);   // Result<std::string>

#ifndef DOCFORGE_ENVIRONMENT_H_
#define DOCFORGE_ENVIRONMENT_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "docforge/error.h"
#include "docforge/value.h"

namespace docforge {

enum class UndefinedPolicy {
  kLenient,    // prints as empty, fails on attribute access of the undefined (Jinja2 Undefined)
  kChainable,  // prints as empty, attribute access yields undefined again (ChainableUndefined)
  kStrict,     // any use other than `is defined` / `default` fails (StrictUndefined)
};

enum class AutoescapeMode {
  kByName,  // Jinja2 select_autoescape(): on for .html .htm .xml (ignoring a trailing .j2)
  kOn,
  kOff,
};

enum class EscapeFormat { kHtml, kLatex };

// Delimiters and line-statement settings. latex() gives the LaTeX convention:
// \BLOCK{ } \VAR{ } \#{ }, line statements "%%", line comments "%#".
struct Syntax {
  std::string block_start = "{%";
  std::string block_end = "%}";
  std::string variable_start = "{{";
  std::string variable_end = "}}";
  std::string comment_start = "{#";
  std::string comment_end = "#}";
  std::string line_statement_prefix;  // empty: off
  std::string line_comment_prefix;    // empty: off
  static Syntax jinja() { return {}; }
  static Syntax latex();
};

// Sandbox limits. Every limit has a safe default; 0 means "no limit" where noted.
struct Limits {
  std::uint32_t max_recursion = 500;            // nested macro calls / includes / recursive loops
  std::int64_t max_range = 100000;              // items one range() may produce (Jinja2 sandbox)
  std::uint64_t fuel = 50'000'000;              // instruction budget per render; 0 = no limit
  std::uint64_t max_output_bytes = 256u << 20;  // output size per render
  std::uint64_t max_value_bytes = 64u << 20;    // size of any one string/list an expression builds
  std::uint32_t max_wall_ms = 0;                // wall time per render; 0 = no limit
};

struct Options {
  Syntax syntax;
  bool trim_blocks = false;
  bool lstrip_blocks = false;
  bool keep_trailing_newline = false;
  AutoescapeMode autoescape = AutoescapeMode::kByName;
  // What autoescape escapes for. kLatex is chosen automatically for .tex templates when
  // autoescape is kOn (or kByName with latex_autoescape_by_name).
  bool latex_autoescape_by_name = false;
  UndefinedPolicy undefined = UndefinedPolicy::kLenient;
  Limits limits;
  std::size_t template_cache_capacity = 400;  // compiled templates kept (Jinja2's default)
};

// Where template sources come from. Implementations must be thread-safe.
class Loader {
 public:
  struct Source {
    std::string text;
    std::string name;      // the name it was loaded under
    std::string version;   // opaque: changes when the source changes (mtime+size for files)
  };
  virtual ~Loader() = default;
  // kNotFound when there is no such template; kSecurity when the name tries to leave the roots.
  virtual Result<Source> load(std::string_view name) const = 0;
  // The current version of a name without reading it (cheap); empty when unknown.
  virtual std::string version(std::string_view name) const = 0;
};

// Files below the given root folders, searched in order. A name can never leave its root:
// absolute names, ".." segments and symlinks that point outside are refused (kSecurity).
std::unique_ptr<Loader> make_file_loader(std::vector<std::string> roots);
// Templates held in memory, by name (tests, embedding).
std::unique_ptr<Loader> make_map_loader(std::vector<std::pair<std::string, std::string>> sources);

class Template;
class CallContext;

// A filter or test written in C++: first positional argument is the value filtered/tested.
// Report errors by returning an Error (kind kType / kValue ...).
using NativeFunction = std::function<Result<Value>(const CallArgs& args)>;

class Environment {
 public:
  explicit Environment(Options options = {});
  ~Environment();
  Environment(const Environment&) = delete;
  Environment& operator=(const Environment&) = delete;

  const Options& options() const;
  void set_loader(std::unique_ptr<Loader> loader);
  void add_filter(std::string name, NativeFunction fn);
  void add_test(std::string name, NativeFunction fn);   // result is tested for truth
  void add_global(std::string name, Value value);
  void add_global_function(std::string name, NativeFunction fn);

  // Loads (through the loader) and compiles, or returns the cached compiled template.
  Result<std::shared_ptr<const Template>> get_template(std::string_view name) const;
  // Compiles source text directly; `name` is used for errors and autoescape selection.
  Result<std::shared_ptr<const Template>> from_string(std::string_view source,
                                                      std::string_view name = "<string>") const;

  struct Impl;
  const std::shared_ptr<Impl>& impl() const { return impl_; }

 private:
  std::shared_ptr<Impl> impl_;
};

class Template {
 public:
  // Renders with `context` (a map, or none/undefined for no variables) as the template's
  // variables. Errors name the template, line and column where they happened.
  Result<std::string> render(const Value& context) const;
  // Appends to `out` (reuse the buffer across renders to avoid allocation).
  Status render_to(const Value& context, std::string& out) const;

  const std::string& name() const;

  struct Impl;
  explicit Template(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}
  const std::shared_ptr<const Impl>& impl() const { return impl_; }

 private:
  std::shared_ptr<const Impl> impl_;
};

}  // namespace docforge

#endif  // DOCFORGE_ENVIRONMENT_H_
