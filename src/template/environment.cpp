// Environment, Template and the loaders (environment.h).
//
// Template cache: bounded by Options::template_cache_capacity (LRU). A cached template is
// returned without touching the loader if it was validated less than one second ago;
// otherwise loader->version(name) is compared with the version it was compiled from and the
// template is recompiled when it changed. A warm get_template() is a mutex-protected hash
// lookup (tens of nanoseconds); source changes are seen within a second.

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "template/builtins.h"
#include "template/interpreter.h"
#include "template/template_impl.h"

namespace docforge {

Syntax Syntax::latex() {
  Syntax s;
  s.block_start = "\\BLOCK{";
  s.block_end = "}";
  s.variable_start = "\\VAR{";
  s.variable_end = "}";
  s.comment_start = "\\#{";
  s.comment_end = "}";
  s.line_statement_prefix = "%%";
  s.line_comment_prefix = "%#";
  return s;
}

// ---- loaders --------------------------------------------------------------------------------

namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string lower(std::string_view s) {
  std::string r(s);
  for (char& c : r) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return r;
}

// Rejects names that could leave a root: absolute, "..", backslashes, NUL.
Status check_name(std::string_view name) {
  if (name.empty()) return make_error(ErrorKind::kNotFound, "template name is empty");
  if (name[0] == '/' || name.find('\0') != std::string_view::npos ||
      name.find('\\') != std::string_view::npos) {
    return make_error(ErrorKind::kSecurity,
                      fmt::format("template name '{}' is not allowed (absolute path)", name));
  }
  std::size_t b = 0;
  while (b <= name.size()) {
    std::size_t e = name.find('/', b);
    if (e == std::string_view::npos) e = name.size();
    if (name.substr(b, e - b) == "..") {
      return make_error(ErrorKind::kSecurity,
                        fmt::format("template name '{}' is not allowed (leaves the root)", name));
    }
    b = e + 1;
  }
  return {};
}

class FileLoader final : public Loader {
 public:
  explicit FileLoader(std::vector<std::string> roots) {
    for (auto& r : roots) {
      char buf[PATH_MAX];
      if (realpath(r.c_str(), buf) != nullptr) {
        roots_.emplace_back(buf);
      } else {
        roots_.push_back(std::move(r));
      }
    }
  }

  Result<Source> load(std::string_view name) const override {
    std::string path;
    Status s = resolve(name, &path);
    if (!s.ok()) return Error(s.error());
    std::ifstream in(path, std::ios::binary);
    if (!in) return make_error(ErrorKind::kNotFound, fmt::format("template '{}' not found", name));
    std::ostringstream ss;
    ss << in.rdbuf();
    Source src;
    src.text = ss.str();
    src.name = std::string(name);
    src.version = version_of(path);
    return src;
  }

  std::string version(std::string_view name) const override {
    std::string path;
    if (!resolve(name, &path).ok()) return {};
    return version_of(path);
  }

 private:
  static std::string version_of(const std::string& path) {
    struct stat st;
    if (stat(path.c_str(), &st) != 0) return {};
    return fmt::format("{}.{}:{}", static_cast<long long>(st.st_mtim.tv_sec),
                       static_cast<long long>(st.st_mtim.tv_nsec),
                       static_cast<long long>(st.st_size));
  }

  Status resolve(std::string_view name, std::string* out) const {
    Status s = check_name(name);
    if (!s.ok()) return s;
    for (const std::string& root : roots_) {
      std::string candidate = root + "/" + std::string(name);
      struct stat st;
      if (stat(candidate.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;
      char buf[PATH_MAX];
      if (realpath(candidate.c_str(), buf) == nullptr) continue;
      std::string real(buf);
      if (real.size() <= root.size() || real.compare(0, root.size(), root) != 0 ||
          real[root.size()] != '/') {
        return make_error(ErrorKind::kSecurity,
                          fmt::format("template '{}' resolves outside its root", name));
      }
      *out = real;
      return {};
    }
    return make_error(ErrorKind::kNotFound, fmt::format("template '{}' not found", name));
  }

  std::vector<std::string> roots_;
};

class MapLoader final : public Loader {
 public:
  explicit MapLoader(std::vector<std::pair<std::string, std::string>> sources)
      : sources_(std::move(sources)) {}

  Result<Source> load(std::string_view name) const override {
    for (const auto& [n, text] : sources_) {
      if (n == name) {
        Source s;
        s.text = text;
        s.name = n;
        s.version = "1";
        return s;
      }
    }
    return make_error(ErrorKind::kNotFound, fmt::format("template '{}' not found", name));
  }
  std::string version(std::string_view name) const override {
    for (const auto& [n, text] : sources_) {
      if (n == name) return "1";
    }
    return {};
  }

 private:
  std::vector<std::pair<std::string, std::string>> sources_;
};

}  // namespace

std::unique_ptr<Loader> make_file_loader(std::vector<std::string> roots) {
  return std::make_unique<FileLoader>(std::move(roots));
}

std::unique_ptr<Loader> make_map_loader(std::vector<std::pair<std::string, std::string>> sources) {
  return std::make_unique<MapLoader>(std::move(sources));
}

// ---- Environment ------------------------------------------------------------------------------

const NativeFunction* Environment::Impl::find_filter(std::string_view name) const {
  if (filters.empty()) return nullptr;
  auto it = filters.find(std::string(name));
  return it == filters.end() ? nullptr : &it->second;
}

const NativeFunction* Environment::Impl::find_test(std::string_view name) const {
  if (tests.empty()) return nullptr;
  auto it = tests.find(std::string(name));
  return it == tests.end() ? nullptr : &it->second;
}

Result<std::shared_ptr<const Template>> Environment::Impl::compile(std::string source,
                                                                  std::string name) const {
  auto impl = std::make_shared<Template::Impl>();
  impl->name = std::move(name);
  // Jinja2 normalises newlines and drops one trailing newline unless told to keep it.
  if (source.find('\r') != std::string::npos) {
    std::string n;
    n.reserve(source.size());
    for (std::size_t i = 0; i < source.size(); ++i) {
      if (source[i] == '\r') {
        n += '\n';
        if (i + 1 < source.size() && source[i + 1] == '\n') ++i;
      } else {
        n += source[i];
      }
    }
    source = std::move(n);
  }
  if (!options.keep_trailing_newline && !source.empty() && source.back() == '\n') {
    source.pop_back();
  }
  impl->source = std::move(source);
  impl->env = this;
  std::string base = lower(impl->name);
  if (ends_with(base, ".j2")) base.resize(base.size() - 3);
  bool is_tex = ends_with(base, ".tex");
  switch (options.autoescape) {
    case AutoescapeMode::kOn:
      impl->autoescape = true;
      break;
    case AutoescapeMode::kOff:
      impl->autoescape = false;
      break;
    case AutoescapeMode::kByName:
      impl->autoescape = ends_with(base, ".html") || ends_with(base, ".htm") ||
                         ends_with(base, ".xml") || (is_tex && options.latex_autoescape_by_name);
      break;
  }
  impl->escape_format = is_tex ? EscapeFormat::kLatex : EscapeFormat::kHtml;
  try {
    tmpl::compile_template(impl.get(), *this);
  } catch (TemplateError& e) {
    e.error.source_name = impl->name;
    return std::move(e.error);
  }
  return std::shared_ptr<const Template>(std::make_shared<Template>(std::move(impl)));
}

Result<std::shared_ptr<const Template>> Environment::Impl::get_template(
    std::string_view name) const {
  auto now = std::chrono::steady_clock::now();
  std::string key(name);
  {
    std::lock_guard<std::mutex> lock(cache_mu);
    auto it = cache.find(key);
    if (it != cache.end() && now - it->second.checked < std::chrono::seconds(1)) {
      lru.splice(lru.begin(), lru, it->second.lru);
      return it->second.tmpl;
    }
  }
  if (!loader) return make_error(ErrorKind::kNotFound, fmt::format("template '{}' not found (no loader)", name));
  {
    std::string version = loader->version(name);
    std::lock_guard<std::mutex> lock(cache_mu);
    auto it = cache.find(key);
    if (it != cache.end() && !version.empty() && it->second.version == version) {
      it->second.checked = now;
      lru.splice(lru.begin(), lru, it->second.lru);
      return it->second.tmpl;
    }
  }
  Result<Loader::Source> src = loader->load(name);
  if (!src.ok()) {
    Error e = src.error();
    if (e.source_name.empty()) e.source_name = key;
    return e;
  }
  std::string version = src->version;
  auto compiled = compile(std::move(src->text), key);
  if (!compiled.ok()) return compiled;
  std::lock_guard<std::mutex> lock(cache_mu);
  auto it = cache.find(key);
  if (it != cache.end()) {
    it->second.tmpl = *compiled;
    it->second.version = version;
    it->second.checked = now;
    lru.splice(lru.begin(), lru, it->second.lru);
  } else {
    lru.push_front(key);
    CacheEntry ce{*compiled, version, now, lru.begin()};
    cache.emplace(key, std::move(ce));
    std::size_t cap = std::max<std::size_t>(options.template_cache_capacity, 1);
    while (cache.size() > cap) {
      cache.erase(lru.back());
      lru.pop_back();
    }
  }
  return compiled;
}

Environment::Environment(Options options) : impl_(std::make_shared<Impl>()) {
  impl_->options = std::move(options);
  add_builtin_globals(impl_->globals);
}

Environment::~Environment() = default;

const Options& Environment::options() const { return impl_->options; }

void Environment::set_loader(std::unique_ptr<Loader> loader) {
  std::lock_guard<std::mutex> lock(impl_->cache_mu);
  impl_->loader = std::move(loader);
  impl_->cache.clear();
  impl_->lru.clear();
}

void Environment::add_filter(std::string name, NativeFunction fn) {
  impl_->filters[std::move(name)] = std::move(fn);
}

void Environment::add_test(std::string name, NativeFunction fn) {
  impl_->tests[std::move(name)] = std::move(fn);
}

void Environment::add_global(std::string name, Value value) {
  impl_->globals.set(name, std::move(value));
}

void Environment::add_global_function(std::string name, NativeFunction fn) {
  auto* o = new tmpl::NativeFunctionObject(std::move(fn), name);
  impl_->globals.set(name, Value::object(o));
}

Result<std::shared_ptr<const Template>> Environment::get_template(std::string_view name) const {
  return impl_->get_template(name);
}

Result<std::shared_ptr<const Template>> Environment::from_string(std::string_view source,
                                                                 std::string_view name) const {
  return impl_->compile(std::string(source), std::string(name));
}

// ---- Template ---------------------------------------------------------------------------------

const std::string& Template::name() const { return impl_->name; }

Result<std::string> Template::render(const Value& context) const {
  std::string out;
  Status s = render_to(context, out);
  if (!s.ok()) return std::move(s).error();
  return out;
}

Status Template::render_to(const Value& context, std::string& out) const {
  tmpl::Renderer r(*impl_, out);
  try {
    r.render(context);
  } catch (TemplateError& e) {
    Error err = std::move(e.error);
    const Template::Impl* where = r.pos_tmpl() != nullptr ? r.pos_tmpl() : impl_.get();
    if (err.source_name.empty()) {
      err.source_name = where->name;
      if (err.line == 0) {
        err.line = where->lines.line_of(r.pos_offset());
        err.column = where->lines.column_of(r.pos_offset());
        err.source_line = std::string(where->lines.line_text(err.line));
      }
    }
    return err;
  } catch (const std::bad_alloc&) {
    return make_error(ErrorKind::kLimit, "out of memory while rendering");
  } catch (const std::exception& e) {
    return make_error(ErrorKind::kInternal, e.what());
  }
  return {};
}

}  // namespace docforge
