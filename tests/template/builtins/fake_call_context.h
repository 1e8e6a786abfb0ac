// FakeCallContext — a header-only CallContext for unit tests of the builtin library.
//
// It stands in for the interpreter: autoescape, escape format, undefined policy and limits are
// plain public fields a test sets; get_attr/get_item follow Jinja2's environment.getattr /
// getitem on maps, lists, tuples, strings and Objects (builtin methods of types are not
// resolved: subclass and override get_attr if a test needs them); call_filter/call_test
// dispatch to find_builtin_filter/find_builtin_test; call() calls Objects; check_defined throws
// under the strict policy; charge_value_size throws kLimit over limits.max_value_bytes and
// records the largest charge (so tests can prove a filter charged before building).
//
// Helpers for tests: F(ctx, "name", subject, {positional...}, {{"kw", value}...}) calls a
// builtin filter by name and T(...) a builtin test; both fail loudly when the name is unknown.
//
// Thread safety: one FakeCallContext per test, used on one thread.

#ifndef DOCFORGE_TESTS_TEMPLATE_BUILTINS_FAKE_CALL_CONTEXT_H_
#define DOCFORGE_TESTS_TEMPLATE_BUILTINS_FAKE_CALL_CONTEXT_H_

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "docforge/environment.h"
#include "docforge/error.h"
#include "docforge/value.h"
#include "template/builtins.h"
#include "template/call_context.h"

namespace docforge {
namespace testing_fake {

// Decodes the code point boundaries of UTF-8 text (lenient: a bad byte is one unit).
inline std::vector<std::string_view> split_code_points(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
    if (i + n > s.size()) n = 1;
    out.push_back(s.substr(i, n));
    i += n;
  }
  return out;
}

}  // namespace testing_fake

class FakeCallContext : public CallContext {
 public:
  bool autoescape_on = false;
  EscapeFormat format = EscapeFormat::kHtml;
  UndefinedPolicy policy = UndefinedPolicy::kLenient;
  Limits limit_values;
  // Observations.
  std::size_t max_charged = 0;      // largest charge_value_size argument seen
  std::uint64_t fuel_used = 0;

  bool autoescape() const override { return autoescape_on; }
  void empty_at_render_end(const Value& container) override { emptied_at_end.push_back(container); }
  std::vector<Value> emptied_at_end;
  EscapeFormat escape_format() const override { return format; }
  UndefinedPolicy undefined_policy() const override { return policy; }
  const Limits& limits() const override { return limit_values; }

  // environment.getattr: attribute first (Objects), then item (string key of a map).
  Value get_attr(const Value& obj, std::string_view name) override {
    if (obj.is_object()) {
      Value v = obj.as_object()->get_attr(name);
      if (!v.is_undefined()) return v;
      return Value::undefined(name);
    }
    if (obj.is_map()) {
      if (const Value* v = obj.as_map().find(name)) return *v;
      return Value::undefined(name);
    }
    if (obj.is_undefined() && policy != UndefinedPolicy::kChainable) {
      throw_template_error(ErrorKind::kUndefined, undefined_message(obj));
    }
    return Value::undefined(name);
  }

  // environment.getitem: item first, then attribute for string keys.
  Value get_item(const Value& obj, const Value& key) override {
    if (obj.is_map()) {
      if (const Value* v = obj.as_map().find(key)) return *v;
    } else if (obj.is_list() && (key.is_int() || key.is_bool())) {
      std::int64_t i = key.is_bool() ? (key.as_bool() ? 1 : 0) : key.as_int();
      const List& items = obj.as_list();
      std::int64_t n = static_cast<std::int64_t>(items.size());
      if (i < 0) i += n;
      if (i >= 0 && i < n) return items[static_cast<std::size_t>(i)];
    } else if (obj.is_string() && key.is_int()) {
      auto cps = testing_fake::split_code_points(obj.as_string());
      std::int64_t i = key.as_int();
      std::int64_t n = static_cast<std::int64_t>(cps.size());
      if (i < 0) i += n;
      if (i >= 0 && i < n) return Value::string(cps[static_cast<std::size_t>(i)]);
    } else if (obj.is_undefined() && policy != UndefinedPolicy::kChainable) {
      throw_template_error(ErrorKind::kUndefined, undefined_message(obj));
    }
    if (key.is_string()) {
      if (obj.is_object()) {
        Value v = obj.as_object()->get_attr(key.as_string());
        if (!v.is_undefined()) return v;
      }
      return Value::undefined(key.as_string());
    }
    return Value::undefined();
  }

  Value call_filter(std::string_view name, const Value& subject, CallArgs& args) override {
    FilterFn fn = find_builtin_filter(name);
    if (fn == nullptr) {
      throw_template_error(ErrorKind::kNotFound, "no filter named '" + std::string(name) + "'");
    }
    return fn(*this, subject, args);
  }

  bool call_test(std::string_view name, const Value& subject, CallArgs& args) override {
    TestFn fn = find_builtin_test(name);
    if (fn == nullptr) {
      throw_template_error(ErrorKind::kNotFound, "no test named '" + std::string(name) + "'");
    }
    return fn(*this, subject, args);
  }

  Value call(const Value& callee, CallArgs& args) override {
    if (callee.is_object() && callee.as_object()->callable()) {
      return callee.as_object()->call(*this, args);
    }
    check_defined(callee);
    throw_template_error(ErrorKind::kType,
                         "'" + std::string(callee.type_name()) + "' object is not callable");
  }

  void check_defined(const Value& v) override {
    if (v.is_undefined() && policy == UndefinedPolicy::kStrict) {
      throw_template_error(ErrorKind::kUndefined, undefined_message(v));
    }
  }

  void charge_value_size(std::size_t bytes) override {
    if (bytes > max_charged) max_charged = bytes;
    if (bytes > limit_values.max_value_bytes) {
      throw_template_error(ErrorKind::kLimit,
                           "value of " + std::to_string(bytes) + " bytes exceeds the limit of " +
                               std::to_string(limit_values.max_value_bytes) + " bytes");
    }
  }

  void consume_fuel(std::uint64_t units) override {
    fuel_used += units;
    if (limit_values.fuel != 0 && fuel_used > limit_values.fuel) {
      throw_template_error(ErrorKind::kLimit, "fuel exhausted");
    }
  }

 private:
  static std::string undefined_message(const Value& v) {
    std::string_view name = v.is_undefined() ? v.undefined_name() : std::string_view();
    if (name.empty()) return "undefined value";
    return "'" + std::string(name) + "' is undefined";
  }
};

// Test helpers: call a builtin filter/test by name with positional and keyword arguments.
using KwArgs = std::vector<std::pair<std::string, Value>>;

inline Value F(CallContext& ctx, std::string_view name, const Value& subject,
               std::vector<Value> positional = {}, KwArgs keyword = {}) {
  FilterFn fn = find_builtin_filter(name);
  if (fn == nullptr) {
    throw_template_error(ErrorKind::kNotFound, "test: no builtin filter '" + std::string(name) + "'");
  }
  CallArgs args{std::move(positional), std::move(keyword)};
  return fn(ctx, subject, args);
}

inline bool T(CallContext& ctx, std::string_view name, const Value& subject,
              std::vector<Value> positional = {}, KwArgs keyword = {}) {
  TestFn fn = find_builtin_test(name);
  if (fn == nullptr) {
    throw_template_error(ErrorKind::kNotFound, "test: no builtin test '" + std::string(name) + "'");
  }
  CallArgs args{std::move(positional), std::move(keyword)};
  return fn(ctx, subject, args);
}


// Compact Value constructors and a runner for table-driven tests (expected strings come from
// python3 jinja2). RunF/RunT return what `{{ v|name(args) }}` / `{{ v is name(args) }}` would
// print (HTML-escaped when kAe and the result is not safe), or "ERR undefined" / "ERR" when the
// call throws an undefined / any other TemplateError.
namespace fake {

inline Value N() { return Value::none(); }
inline Value B(bool b) { return Value::boolean(b); }
inline Value I(long long i) { return Value::integer(i); }
inline Value D(double d) { return Value::floating(d); }
inline Value S(std::string_view s) { return Value::string(s); }
inline Value Safe(std::string_view s) { return Value::safe_string(std::string(s)); }
inline Value Und(std::string_view name) { return Value::undefined(name); }
inline Value L(std::vector<Value> items) { return Value::list(std::move(items)); }
inline Value Tup(std::vector<Value> items) { return Value::tuple(std::move(items)); }
inline Value M(std::vector<std::pair<Value, Value>> entries) {
  Map m;
  for (auto& [k, v] : entries) m.set(std::move(k), std::move(v));
  return Value::map(std::move(m));
}
inline Value Big(std::string_view digits) {
  BigInt b;
  BigInt::parse(digits, &b);
  return Value::big_integer(b);
}

enum RunOptions : int { kAe = 1, kStrict = 2, kChainable = 4, kLatex = 8 };

inline void configure(FakeCallContext& ctx, int options) {
  ctx.autoescape_on = (options & kAe) != 0;
  if (options & kStrict) ctx.policy = UndefinedPolicy::kStrict;
  if (options & kChainable) ctx.policy = UndefinedPolicy::kChainable;
  if (options & kLatex) ctx.format = EscapeFormat::kLatex;
}

inline std::string printed(const FakeCallContext& ctx, const Value& v) {
  if (v.is_undefined()) {
    return ctx.policy == UndefinedPolicy::kStrict ? "ERR undefined" : "";
  }
  std::string s = v.str();
  if (!ctx.autoescape_on || v.is_safe()) return s;
  std::string out;
  append_html_escaped(out, s);
  return out;
}

inline std::string RunF(std::string_view name, const Value& subject, std::vector<Value> args,
                        KwArgs kw, int options) {
  FakeCallContext ctx;
  configure(ctx, options);
  try {
    return printed(ctx, F(ctx, name, subject, std::move(args), std::move(kw)));
  } catch (const TemplateError& e) {
    return e.error.kind == ErrorKind::kUndefined ? "ERR undefined" : "ERR";
  }
}

inline std::string RunT(std::string_view name, const Value& subject, std::vector<Value> args,
                        KwArgs kw, int options) {
  FakeCallContext ctx;
  configure(ctx, options);
  try {
    return T(ctx, name, subject, std::move(args), std::move(kw)) ? "True" : "False";
  } catch (const TemplateError& e) {
    return e.error.kind == ErrorKind::kUndefined ? "ERR undefined" : "ERR";
  }
}

}  // namespace fake

}  // namespace docforge

#endif  // DOCFORGE_TESTS_TEMPLATE_BUILTINS_FAKE_CALL_CONTEXT_H_
