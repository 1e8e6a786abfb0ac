// JSON Schema 2020-12 validation (the commonly used subset listed in data.h).
//
// The schema stays a Value; compile() checks it once (keyword types, regexes compile with RE2,
// every local $ref resolves) and keeps the compiled regexes. validate() then walks schema and
// data together, collecting every violation rather than stopping at the first.

#include <re2/re2.h>

#include <fmt/format.h>

#include <cmath>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "data/schema_formats.h"
#include "docforge/data.h"

namespace docforge::data {

namespace {

constexpr int kMaxRefDepth = 256;

// JSON equality: kinds matter (true is not 1), numbers compare by value (1 == 1.0).
bool json_equal(const Value& a, const Value& b) {
  bool an = a.is_number(), bn = b.is_number();
  if (an || bn) {
    if (!(an && bn)) return false;
    return a.equals(b);
  }
  if (a.kind() != b.kind()) return false;
  if (a.is_list()) {
    const List& x = a.as_list();
    const List& y = b.as_list();
    if (x.size() != y.size()) return false;
    for (std::size_t i = 0; i < x.size(); ++i) {
      if (!json_equal(x[i], y[i])) return false;
    }
    return true;
  }
  if (a.is_map()) {
    const Map& x = a.as_map();
    const Map& y = b.as_map();
    if (x.size() != y.size()) return false;
    for (const auto& [k, v] : x) {
      const Value* o = y.find(k);
      if (o == nullptr || !json_equal(v, *o)) return false;
    }
    return true;
  }
  return a.equals(b);
}

std::string json_type_of(const Value& v) {
  switch (v.kind()) {
    case ValueKind::kNone: return "null";
    case ValueKind::kBool: return "boolean";
    case ValueKind::kInt:
    case ValueKind::kBigInt: return "integer";
    case ValueKind::kFloat: return "number";
    case ValueKind::kString: return "string";
    case ValueKind::kList: return "array";
    case ValueKind::kMap: return "object";
    default: return v.type_name();
  }
}

bool has_type(const Value& v, std::string_view t) {
  if (t == "null") return v.is_none();
  if (t == "boolean") return v.is_bool();
  if (t == "integer") {
    if (v.is_integer()) return true;
    return v.is_float() && std::isfinite(v.as_float()) && std::floor(v.as_float()) == v.as_float();
  }
  if (t == "number") return v.is_number();
  if (t == "string") return v.is_string();
  if (t == "array") return v.is_list();
  if (t == "object") return v.is_map();
  return false;
}

std::string escape_pointer_token(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

std::string key_token(const Value& k) {
  return escape_pointer_token(k.is_string() ? std::string(k.as_string()) : k.str());
}

// Compares numbers exactly when both are integers, else as doubles. -1, 0, 1.
int compare_numbers(const Value& a, const Value& b) {
  if (a.is_int() && b.is_int()) return a.as_int() < b.as_int() ? -1 : a.as_int() > b.as_int();
  if (a.is_integer() && b.is_integer()) {
    BigInt x = a.is_big_int() ? a.as_big_int() : BigInt(a.as_int());
    BigInt y = b.is_big_int() ? b.as_big_int() : BigInt(b.as_int());
    return x.compare(y);
  }
  double x = a.to_double(), y = b.to_double();
  return x < y ? -1 : x > y ? 1 : 0;
}

std::string short_repr(const Value& v) {
  std::string r = v.repr();
  if (r.size() > 60) r = r.substr(0, 57) + "...";
  return r;
}

}  // namespace

struct Schema::Impl {
  Value root;
  std::string source_name;
  std::map<std::string, std::unique_ptr<re2::RE2>, std::less<>> regexes;

  const re2::RE2* regex(std::string_view pattern) const {
    auto it = regexes.find(pattern);
    return it == regexes.end() ? nullptr : it->second.get();
  }

  // Resolves a local reference ("#", "#/a/b"). nullptr when it does not resolve.
  const Value* resolve(std::string_view ref) const {
    if (ref.empty() || ref[0] != '#') return nullptr;
    std::string_view ptr = ref.substr(1);
    const Value* cur = &root;
    if (ptr.empty()) return cur;
    if (ptr[0] != '/') return nullptr;
    std::size_t p = 1;
    while (true) {
      std::size_t slash = ptr.find('/', p);
      std::string_view raw = ptr.substr(p, slash == std::string_view::npos ? std::string_view::npos
                                                                          : slash - p);
      std::string token;
      for (std::size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] == '~' && i + 1 < raw.size() && (raw[i + 1] == '0' || raw[i + 1] == '1')) {
          token += raw[i + 1] == '0' ? '~' : '/';
          ++i;
        } else if (raw[i] == '%' && i + 2 < raw.size()) {
          token += static_cast<char>(std::stoi(std::string(raw.substr(i + 1, 2)), nullptr, 16));
          i += 2;
        } else {
          token += raw[i];
        }
      }
      if (cur->is_map()) {
        cur = cur->as_map().find(token);
      } else if (cur->is_list()) {
        std::size_t idx = 0;
        for (char c : token) {
          if (c < '0' || c > '9') return nullptr;
          idx = idx * 10 + static_cast<std::size_t>(c - '0');
          if (idx > (std::size_t{1} << 40)) return nullptr;
        }
        if (token.empty() || idx >= cur->as_list().size()) return nullptr;
        cur = &cur->as_list()[idx];
      } else {
        return nullptr;
      }
      if (cur == nullptr) return nullptr;
      if (slash == std::string_view::npos) return cur;
      p = slash + 1;
    }
  }
};

namespace {

// ---------------------------------------------------------------------------------------------
// Compile-time checks

class Compiler {
 public:
  Compiler(Schema::Impl* impl) : impl_(impl) {}

  std::optional<std::string> check(const Value& s, const std::string& path, int depth) {
    if (depth > 512) return "schema nesting too deep at " + path;
    if (s.is_bool()) return std::nullopt;
    if (!s.is_map()) return fmt::format("{}: a schema must be an object or a boolean", path);
    const Map& m = s.as_map();
    auto sub = [&](const char* kw) -> std::optional<std::string> {
      if (const Value* v = m.find(kw)) return check(*v, path + "/" + kw, depth + 1);
      return std::nullopt;
    };
    auto map_of_schemas = [&](const char* kw) -> std::optional<std::string> {
      const Value* v = m.find(kw);
      if (v == nullptr) return std::nullopt;
      if (!v->is_map()) return fmt::format("{}/{}: must be an object", path, kw);
      for (const auto& [k, sv] : v->as_map()) {
        if (auto e = check(sv, path + "/" + kw + "/" + key_token(k), depth + 1)) return e;
      }
      return std::nullopt;
    };
    auto list_of_schemas = [&](const char* kw) -> std::optional<std::string> {
      const Value* v = m.find(kw);
      if (v == nullptr) return std::nullopt;
      if (!v->is_list() || v->as_list().empty()) {
        return fmt::format("{}/{}: must be a non-empty array of schemas", path, kw);
      }
      std::size_t i = 0;
      for (const Value& sv : v->as_list()) {
        if (auto e = check(sv, fmt::format("{}/{}/{}", path, kw, i++), depth + 1)) return e;
      }
      return std::nullopt;
    };
    for (const char* kw : {"additionalProperties", "not", "if", "then", "else", "contains",
                           "propertyNames"}) {
      if (auto e = sub(kw)) return e;
    }
    for (const char* kw : {"properties", "patternProperties", "$defs", "definitions"}) {
      if (auto e = map_of_schemas(kw)) return e;
    }
    for (const char* kw : {"allOf", "anyOf", "oneOf", "prefixItems"}) {
      if (auto e = list_of_schemas(kw)) return e;
    }
    if (const Value* items = m.find("items")) {
      if (items->is_list()) {
        if (auto e = list_of_schemas("items")) return e;
      } else if (auto e = sub("items")) {
        return e;
      }
    }
    if (const Value* t = m.find("type")) {
      auto ok_name = [](const Value& n) {
        if (!n.is_string()) return false;
        std::string_view x = n.as_string();
        return x == "null" || x == "boolean" || x == "object" || x == "array" ||
               x == "number" || x == "integer" || x == "string";
      };
      bool ok = ok_name(*t);
      if (t->is_list()) {
        ok = !t->as_list().empty();
        for (const Value& n : t->as_list()) ok = ok && ok_name(n);
      }
      if (!ok) return fmt::format("{}/type: unknown type {}", path, short_repr(*t));
    }
    if (const Value* r = m.find("required")) {
      bool ok = r->is_list();
      if (ok) {
        for (const Value& n : r->as_list()) ok = ok && n.is_string();
      }
      if (!ok) return fmt::format("{}/required: must be an array of strings", path);
    }
    if (const Value* e = m.find("enum"); e != nullptr && !e->is_list()) {
      return fmt::format("{}/enum: must be an array", path);
    }
    for (const char* kw : {"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
                           "multipleOf"}) {
      if (const Value* v = m.find(kw); v != nullptr && !v->is_number()) {
        return fmt::format("{}/{}: must be a number", path, kw);
      }
    }
    if (const Value* v = m.find("multipleOf"); v != nullptr && v->to_double() <= 0) {
      return fmt::format("{}/multipleOf: must be greater than 0", path);
    }
    for (const char* kw : {"minLength", "maxLength", "minItems", "maxItems", "minProperties",
                           "maxProperties"}) {
      if (const Value* v = m.find(kw)) {
        if (!has_type(*v, "integer") || v->to_double() < 0) {
          return fmt::format("{}/{}: must be a non-negative integer", path, kw);
        }
      }
    }
    if (const Value* f = m.find("format"); f != nullptr && !f->is_string()) {
      return fmt::format("{}/format: must be a string", path);
    }
    if (const Value* p = m.find("pattern")) {
      if (!p->is_string()) return fmt::format("{}/pattern: must be a string", path);
      if (auto e = add_regex(p->as_string(), path + "/pattern")) return e;
    }
    if (const Value* pp = m.find("patternProperties")) {
      for (const auto& [k, v] : pp->as_map()) {
        if (auto e = add_regex(k.str(), path + "/patternProperties")) return e;
      }
    }
    if (const Value* r = m.find("$ref")) {
      if (!r->is_string()) return fmt::format("{}/$ref: must be a string", path);
      if (impl_->resolve(r->as_string()) == nullptr) {
        return fmt::format("{}/$ref: cannot resolve '{}' (only local references like "
                           "'#/$defs/name' are supported)",
                           path, r->as_string());
      }
    }
    return std::nullopt;
  }

 private:
  std::optional<std::string> add_regex(std::string_view pattern, const std::string& path) {
    if (impl_->regexes.count(pattern)) return std::nullopt;
    re2::RE2::Options o;
    o.set_log_errors(false);
    auto re = std::make_unique<re2::RE2>(re2::StringPiece(pattern.data(), pattern.size()), o);
    if (!re->ok()) {
      return fmt::format("{}: invalid regular expression '{}': {}", path, pattern, re->error());
    }
    impl_->regexes.emplace(std::string(pattern), std::move(re));
    return std::nullopt;
  }

  Schema::Impl* impl_;
};

// ---------------------------------------------------------------------------------------------
// Validation

class Validator {
 public:
  Validator(const Schema::Impl& impl, std::vector<Violation>* out) : impl_(impl), out_(out) {}

  void validate(const Value& s, const Value& v, const std::string& ipath,
                const std::string& spath, int depth) {
    if (s.is_bool()) {
      if (!s.as_bool()) add(ipath, spath, "false", "no value is allowed here");
      return;
    }
    if (!s.is_map()) return;
    if (depth > kMaxRefDepth) {
      add(ipath, spath, "$ref", "schema references nest too deeply (a $ref cycle?)");
      return;
    }
    const Map& m = s.as_map();

    if (const Value* r = m.find("$ref")) {
      if (const Value* target = impl_.resolve(r->as_string())) {
        validate(*target, v, ipath, spath + "/$ref", depth + 1);
      }
    }
    if (const Value* t = m.find("type")) {
      bool ok = false;
      std::string names;
      if (t->is_string()) {
        ok = has_type(v, t->as_string());
        names = std::string(t->as_string());
      } else {
        for (const Value& n : t->as_list()) {
          ok = ok || has_type(v, n.as_string());
          if (!names.empty()) names += " or ";
          names += n.as_string();
        }
      }
      if (!ok) {
        add(ipath, spath + "/type", "type",
            fmt::format("expected {}, got {}", names, json_type_of(v)));
      }
    }
    if (const Value* e = m.find("enum")) {
      bool found = false;
      for (const Value& x : e->as_list()) found = found || json_equal(x, v);
      if (!found) {
        add(ipath, spath + "/enum", "enum",
            fmt::format("{} is not one of {}", short_repr(v), short_repr(*e)));
      }
    }
    if (const Value* c = m.find("const"); c != nullptr && !json_equal(*c, v)) {
      add(ipath, spath + "/const", "const",
          fmt::format("expected {}, got {}", short_repr(*c), short_repr(v)));
    }
    if (v.is_number()) numbers(m, v, ipath, spath);
    if (v.is_string()) strings(m, v, ipath, spath);
    if (v.is_list()) arrays(m, v, ipath, spath, depth);
    if (v.is_map()) objects(m, v, ipath, spath, depth);
    combinators(m, v, ipath, spath, depth);
  }

 private:
  void add(const std::string& ipath, const std::string& spath, std::string keyword,
           std::string message) {
    out_->push_back(Violation{ipath, std::move(keyword), std::move(message), spath});
  }

  bool valid(const Value& s, const Value& v, const std::string& ipath,
             const std::string& spath, int depth) {
    std::vector<Violation> scratch;
    Validator sub(impl_, &scratch);
    sub.validate(s, v, ipath, spath, depth + 1);
    return scratch.empty();
  }

  void numbers(const Map& m, const Value& v, const std::string& ipath, const std::string& sp) {
    if (v.is_float() && std::isnan(v.as_float())) return;
    if (const Value* x = m.find("minimum"); x != nullptr && compare_numbers(v, *x) < 0) {
      add(ipath, sp + "/minimum", "minimum",
          fmt::format("{} is less than the minimum of {}", v.repr(), x->repr()));
    }
    if (const Value* x = m.find("maximum"); x != nullptr && compare_numbers(v, *x) > 0) {
      add(ipath, sp + "/maximum", "maximum",
          fmt::format("{} is greater than the maximum of {}", v.repr(), x->repr()));
    }
    if (const Value* x = m.find("exclusiveMinimum"); x != nullptr && compare_numbers(v, *x) <= 0) {
      add(ipath, sp + "/exclusiveMinimum", "exclusiveMinimum",
          fmt::format("{} is not greater than {}", v.repr(), x->repr()));
    }
    if (const Value* x = m.find("exclusiveMaximum"); x != nullptr && compare_numbers(v, *x) >= 0) {
      add(ipath, sp + "/exclusiveMaximum", "exclusiveMaximum",
          fmt::format("{} is not less than {}", v.repr(), x->repr()));
    }
    if (const Value* x = m.find("multipleOf")) {
      bool ok;
      if (v.is_int() && x->is_int()) {
        ok = v.as_int() % x->as_int() == 0;
      } else {
        double q = v.to_double() / x->to_double();
        ok = std::isfinite(q) && std::fabs(q - std::round(q)) < 1e-9;
      }
      if (!ok) {
        add(ipath, sp + "/multipleOf", "multipleOf",
            fmt::format("{} is not a multiple of {}", v.repr(), x->repr()));
      }
    }
  }

  void strings(const Map& m, const Value& v, const std::string& ipath, const std::string& sp) {
    std::size_t len = v.length();
    if (const Value* x = m.find("minLength");
        x != nullptr && static_cast<double>(len) < x->to_double()) {
      add(ipath, sp + "/minLength", "minLength",
          fmt::format("{} is shorter than {} character{}", short_repr(v), x->repr(),
                      x->to_double() == 1 ? "" : "s"));
    }
    if (const Value* x = m.find("maxLength");
        x != nullptr && static_cast<double>(len) > x->to_double()) {
      add(ipath, sp + "/maxLength", "maxLength",
          fmt::format("{} is longer than {} character{}", short_repr(v), x->repr(),
                      x->to_double() == 1 ? "" : "s"));
    }
    if (const Value* p = m.find("pattern")) {
      const re2::RE2* re = impl_.regex(p->as_string());
      std::string_view s = v.as_string();
      if (re != nullptr && !re2::RE2::PartialMatch(re2::StringPiece(s.data(), s.size()), *re)) {
        add(ipath, sp + "/pattern", "pattern",
            fmt::format("{} does not match the pattern '{}'", short_repr(v), p->as_string()));
      }
    }
    if (const Value* f = m.find("format")) {
      if (!matches_format(f->as_string(), v.as_string())) {
        add(ipath, sp + "/format", "format",
            fmt::format("{} is not a valid {}", short_repr(v), f->as_string()));
      }
    }
  }

  void arrays(const Map& m, const Value& v, const std::string& ipath, const std::string& sp,
              int depth) {
    const List& items = v.as_list();
    if (const Value* x = m.find("minItems");
        x != nullptr && static_cast<double>(items.size()) < x->to_double()) {
      add(ipath, sp + "/minItems", "minItems",
          fmt::format("has {} item{}, fewer than the minimum of {}", items.size(),
                      items.size() == 1 ? "" : "s", x->repr()));
    }
    if (const Value* x = m.find("maxItems");
        x != nullptr && static_cast<double>(items.size()) > x->to_double()) {
      add(ipath, sp + "/maxItems", "maxItems",
          fmt::format("has {} items, more than the maximum of {}", items.size(), x->repr()));
    }
    if (const Value* u = m.find("uniqueItems"); u != nullptr && u->truthy()) {
      for (std::size_t i = 0; i < items.size(); ++i) {
        bool dup = false;
        for (std::size_t j = 0; j < i && !dup; ++j) dup = json_equal(items[i], items[j]);
        if (dup) {
          add(ipath + "/" + std::to_string(i), sp + "/uniqueItems", "uniqueItems",
              fmt::format("{} is a duplicate (items must be unique)", short_repr(items[i])));
        }
      }
    }
    std::size_t prefix = 0;
    const Value* pre = m.find("prefixItems");
    const Value* it = m.find("items");
    std::string pre_kw = "prefixItems";
    if (pre == nullptr && it != nullptr && it->is_list()) {  // draft 2019 and older
      pre = it;
      it = nullptr;
      pre_kw = "items";
    }
    if (pre != nullptr) {
      const List& ps = pre->as_list();
      prefix = ps.size();
      for (std::size_t i = 0; i < ps.size() && i < items.size(); ++i) {
        validate(ps[i], items[i], ipath + "/" + std::to_string(i),
                 fmt::format("{}/{}/{}", sp, pre_kw, i), depth + 1);
      }
    }
    if (it != nullptr) {
      for (std::size_t i = prefix; i < items.size(); ++i) {
        validate(*it, items[i], ipath + "/" + std::to_string(i), sp + "/items", depth + 1);
      }
    }
    if (const Value* c = m.find("contains")) {
      bool any = false;
      for (std::size_t i = 0; i < items.size() && !any; ++i) {
        any = valid(*c, items[i], ipath + "/" + std::to_string(i), sp + "/contains", depth);
      }
      if (!any) add(ipath, sp + "/contains", "contains", "no item matches the 'contains' schema");
    }
  }

  void objects(const Map& m, const Value& v, const std::string& ipath, const std::string& sp,
               int depth) {
    const Map& obj = v.as_map();
    if (const Value* r = m.find("required")) {
      for (const Value& name : r->as_list()) {
        if (obj.find(name.as_string()) == nullptr) {
          add(ipath, sp + "/required", "required",
              fmt::format("missing required property '{}'", name.as_string()));
        }
      }
    }
    if (const Value* x = m.find("minProperties");
        x != nullptr && static_cast<double>(obj.size()) < x->to_double()) {
      add(ipath, sp + "/minProperties", "minProperties",
          fmt::format("has {} properties, fewer than the minimum of {}", obj.size(), x->repr()));
    }
    if (const Value* x = m.find("maxProperties");
        x != nullptr && static_cast<double>(obj.size()) > x->to_double()) {
      add(ipath, sp + "/maxProperties", "maxProperties",
          fmt::format("has {} properties, more than the maximum of {}", obj.size(), x->repr()));
    }
    const Value* props = m.find("properties");
    const Value* pattern_props = m.find("patternProperties");
    const Value* additional = m.find("additionalProperties");
    const Value* names = m.find("propertyNames");
    for (const auto& [k, val] : obj) {
      std::string child = ipath + "/" + key_token(k);
      std::string key = k.is_string() ? std::string(k.as_string()) : k.str();
      bool matched = false;
      if (props != nullptr) {
        if (const Value* ps = props->as_map().find(key)) {
          matched = true;
          validate(*ps, val, child, sp + "/properties/" + escape_pointer_token(key), depth + 1);
        }
      }
      if (pattern_props != nullptr) {
        for (const auto& [pat, ps] : pattern_props->as_map()) {
          const re2::RE2* re = impl_.regex(pat.str());
          if (re != nullptr && re2::RE2::PartialMatch(key, *re)) {
            matched = true;
            validate(ps, val, child, sp + "/patternProperties/" + key_token(pat), depth + 1);
          }
        }
      }
      if (!matched && additional != nullptr) {
        if (additional->is_bool() && !additional->as_bool()) {
          add(child, sp + "/additionalProperties", "additionalProperties",
              fmt::format("property '{}' is not allowed", key));
        } else {
          validate(*additional, val, child, sp + "/additionalProperties", depth + 1);
        }
      }
      if (names != nullptr) {
        validate(*names, Value::string(key), child, sp + "/propertyNames", depth + 1);
      }
    }
  }

  void combinators(const Map& m, const Value& v, const std::string& ipath,
                   const std::string& sp, int depth) {
    if (const Value* all = m.find("allOf")) {
      std::size_t i = 0;
      for (const Value& s : all->as_list()) {
        validate(s, v, ipath, fmt::format("{}/allOf/{}", sp, i++), depth + 1);
      }
    }
    if (const Value* any = m.find("anyOf")) {
      bool ok = false;
      std::size_t i = 0;
      for (const Value& s : any->as_list()) {
        ok = ok || valid(s, v, ipath, fmt::format("{}/anyOf/{}", sp, i), depth);
        ++i;
      }
      if (!ok) {
        add(ipath, sp + "/anyOf", "anyOf",
            fmt::format("{} matches none of the {} allowed alternatives", short_repr(v), i));
      }
    }
    if (const Value* one = m.find("oneOf")) {
      std::size_t matches = 0, i = 0;
      for (const Value& s : one->as_list()) {
        if (valid(s, v, ipath, fmt::format("{}/oneOf/{}", sp, i), depth)) ++matches;
        ++i;
      }
      if (matches != 1) {
        add(ipath, sp + "/oneOf", "oneOf",
            matches == 0
                ? fmt::format("{} matches none of the {} alternatives", short_repr(v), i)
                : fmt::format("{} matches {} alternatives, expected exactly one",
                              short_repr(v), matches));
      }
    }
    if (const Value* n = m.find("not")) {
      if (valid(*n, v, ipath, sp + "/not", depth)) {
        add(ipath, sp + "/not", "not",
            fmt::format("{} must not match the 'not' schema", short_repr(v)));
      }
    }
    if (const Value* cond = m.find("if")) {
      bool ok = valid(*cond, v, ipath, sp + "/if", depth);
      if (const Value* branch = m.find(ok ? "then" : "else")) {
        validate(*branch, v, ipath, sp + (ok ? "/then" : "/else"), depth + 1);
      }
    }
  }

  const Schema::Impl& impl_;
  std::vector<Violation>* out_;
};

Value with_defaults(const Schema::Impl& impl, const Value& s, const Value& v, int depth) {
  if (depth > kMaxRefDepth || !s.is_map()) return v;
  const Map& m = s.as_map();
  Value cur = v;
  if (const Value* r = m.find("$ref")) {
    if (const Value* target = impl.resolve(r->as_string())) {
      cur = with_defaults(impl, *target, cur, depth + 1);
    }
  }
  if (const Value* all = m.find("allOf")) {
    for (const Value& sub : all->as_list()) cur = with_defaults(impl, sub, cur, depth + 1);
  }
  if (cur.is_map()) {
    if (const Value* props = m.find("properties"); props != nullptr && props->is_map()) {
      Map out = cur.as_map();
      bool changed = false;
      for (const auto& [k, ps] : props->as_map()) {
        const Value* present = out.find(k);
        if (present == nullptr) {
          const Value* def = ps.is_map() ? ps.as_map().find("default") : nullptr;
          if (def != nullptr) {
            out.set(k, with_defaults(impl, ps, *def, depth + 1));
            changed = true;
          }
        } else if (present->is_map() || present->is_list()) {
          Value nv = with_defaults(impl, ps, *present, depth + 1);
          if (nv.heap() != present->heap()) {
            out.set(k, std::move(nv));
            changed = true;
          }
        }
      }
      if (changed) cur = Value::map(std::move(out));
    }
  } else if (cur.is_list()) {
    const Value* it = m.find("items");
    if (it != nullptr && it->is_map()) {
      List out = cur.as_list();
      bool changed = false;
      for (Value& item : out) {
        Value nv = with_defaults(impl, *it, item, depth + 1);
        if (nv.heap() != item.heap()) {
          item = std::move(nv);
          changed = true;
        }
      }
      if (changed) cur = Value::list(std::move(out));
    }
  }
  return cur;
}

std::string display_path(const std::string& p) { return p.empty() ? "/" : p; }

}  // namespace

Result<Schema> Schema::compile(const Value& schema, std::string_view source_name) {
  auto impl = std::make_shared<Impl>();
  impl->root = schema;
  impl->source_name = std::string(source_name);
  Compiler c(impl.get());
  if (auto e = c.check(schema, "", 0)) {
    Error err = make_error(ErrorKind::kSchema, fmt::format("invalid schema: {}",
                                                           e->empty() || (*e)[0] != ':'
                                                               ? *e
                                                               : "(root)" + *e));
    err.source_name = std::string(source_name);
    return err;
  }
  return Schema(std::move(impl));
}

Result<Schema> Schema::load(const std::string& path) {
  ReadOptions o;
  auto f = format_from_path(path);
  if (!f || (*f != DataFormat::kJson && *f != DataFormat::kYaml)) o.format = DataFormat::kJson;
  auto v = read_data_file(path, o);
  if (!v.ok()) return std::move(v).error();
  return compile(*v, path);
}

std::vector<Violation> Schema::validate(const Value& data) const {
  std::vector<Violation> out;
  Validator v(*impl_, &out);
  v.validate(impl_->root, data, "", "", 0);
  return out;
}

Status Schema::check(const Value& data, std::string_view data_name) const {
  std::vector<Violation> vs = validate(data);
  if (vs.empty()) return {};
  std::string msg = fmt::format("{} does not match the schema {} ({} problem{}):",
                                data_name, impl_->source_name, vs.size(),
                                vs.size() == 1 ? "" : "s");
  for (const Violation& v : vs) {
    msg += fmt::format("\n  {}: {}: {}", display_path(v.instance_path), v.keyword, v.message);
  }
  Error e = make_error(ErrorKind::kSchema, std::move(msg));
  e.source_name = std::string(data_name);
  return e;
}

Value Schema::apply_defaults(const Value& data) const {
  return with_defaults(*impl_, impl_->root, data, 0);
}

const std::string& Schema::source_name() const { return impl_->source_name; }

std::optional<std::string> find_schema_for_template(const std::string& template_path) {
  namespace fs = std::filesystem;
  std::string base = template_path;
  for (std::string_view suffix : {".j2", ".jinja2", ".jinja"}) {
    if (base.size() > suffix.size() &&
        base.compare(base.size() - suffix.size(), suffix.size(), suffix) == 0) {
      base.resize(base.size() - suffix.size());
      break;
    }
  }
  std::vector<std::string> stems;
  fs::path p(base);
  if (p.has_extension() && p.stem() != "") stems.push_back((p.parent_path() / p.stem()).string());
  stems.push_back(base);
  for (const std::string& stem : stems) {
    for (std::string_view ext : {".schema.json", ".schema.yaml", ".schema.yml"}) {
      std::string candidate = stem + std::string(ext);
      std::error_code ec;
      if (fs::is_regular_file(candidate, ec)) return candidate;
    }
  }
  return std::nullopt;
}

}  // namespace docforge::data
