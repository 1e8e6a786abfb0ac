// The methods of builtin types as bound callables: str / Markup (methods_str.cpp), dict,
// list / tuple, int and float (here). See builtins.h for the contract. Numbers' data
// attributes (x.real, x.imag, n.numerator, n.denominator) are returned as plain values, not
// callables, as Python's attribute access gives them.
//
// Differences from Jinja2, on purpose: docforge values are shared and immutable, so the methods
// that mutate a list or dict in place (list.append, dict.update, ...) exist but refuse to run
// with a kSecurity error; Jinja2's default environment allows them (its sandbox refuses them
// too). dict.copy() returns the same (immutable) dict.
#include <cmath>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "template/builtins.h"
#include "template/builtins/methods_callable.h"
#include "template/builtins/methods_str.h"
#include "template/builtins/ops_util.h"

namespace docforge {
namespace {

using ops::MethodFn;
using ops::throw_type_error;

// ---- dict views ---------------------------------------------------------------------------

enum class ViewKind { kItems, kKeys, kValues };

// dict.items() / keys() / values(): iterable, printed like Python ("dict_items([('a', 1)])").
class DictView final : public Object {
 public:
  DictView(Value map, ViewKind kind) : map_(std::move(map)), kind_(kind) {}
  const char* type_name() const noexcept override {
    switch (kind_) {
      case ViewKind::kItems: return "dict_items";
      case ViewKind::kKeys: return "dict_keys";
      case ViewKind::kValues: return "dict_values";
    }
    return "dict_items";
  }
  bool truthy() const noexcept override { return !map_.as_map().empty(); }
  bool iterable() const noexcept override { return true; }
  List to_list() const override {
    List out;
    out.reserve(map_.as_map().size());
    for (const auto& [k, v] : map_.as_map()) {
      switch (kind_) {
        case ViewKind::kItems: out.push_back(Value::tuple({k, v})); break;
        case ViewKind::kKeys: out.push_back(k); break;
        case ViewKind::kValues: out.push_back(v); break;
      }
    }
    return out;
  }
  void append_repr(std::string& out) const override {
    out += type_name();
    out += "([";
    bool first = true;
    for (const Value& v : to_list()) {
      if (!first) out += ", ";
      first = false;
      v.append_repr(out);
    }
    out += "])";
  }

 private:
  Value map_;
  ViewKind kind_;
};

void no_args(const CallArgs& args, const char* fn) {
  if (!args.keyword.empty()) throw_type_error(fmt::format("{}() takes no keyword arguments", fn));
  if (!args.positional.empty()) {
    throw_type_error(fmt::format("{}() takes no arguments ({} given)", fn,
                                 args.positional.size()));
  }
}

Value dict_items(CallContext&, const Value& self, CallArgs& args) {
  no_args(args, "dict.items");
  return Value::object(new DictView(self, ViewKind::kItems));
}

Value dict_keys(CallContext&, const Value& self, CallArgs& args) {
  no_args(args, "dict.keys");
  return Value::object(new DictView(self, ViewKind::kKeys));
}

Value dict_values(CallContext&, const Value& self, CallArgs& args) {
  no_args(args, "dict.values");
  return Value::object(new DictView(self, ViewKind::kValues));
}

Value dict_copy(CallContext&, const Value& self, CallArgs& args) {
  no_args(args, "dict.copy");
  return self;
}

void check_hashable(const Value& key) {
  if ((key.is_list() && !key.is_tuple()) || key.is_map()) {
    throw_type_error(fmt::format("unhashable type: '{}'", ops::py_type_name(key)));
  }
}

Value dict_get(CallContext&, const Value& self, CallArgs& args) {
  if (!args.keyword.empty()) throw_type_error("get() takes no keyword arguments");
  std::size_t n = args.positional.size();
  if (n < 1) throw_type_error("get expected at least 1 argument, got 0");
  if (n > 2) throw_type_error(fmt::format("get expected at most 2 arguments, got {}", n));
  check_hashable(args.positional[0]);
  if (const Value* v = self.as_map().find(args.positional[0])) return *v;
  return n == 2 ? args.positional[1] : Value::none();
}

// ---- list / tuple -------------------------------------------------------------------------

Value list_count(CallContext&, const Value& self, CallArgs& args) {
  if (!args.keyword.empty()) throw_type_error("count() takes no keyword arguments");
  if (args.positional.size() != 1) {
    throw_type_error(fmt::format("count() takes exactly one argument ({} given)",
                                 args.positional.size()));
  }
  std::int64_t count = 0;
  for (const Value& v : self.as_list()) {
    if (v.equals(args.positional[0])) ++count;
  }
  return Value::integer(count);
}

std::int64_t index_bound(const Value* v, std::int64_t fallback, std::int64_t len) {
  if (v == nullptr) return fallback;
  std::int64_t i = 0;
  if (!ops::is_int_like(*v)) {
    throw_type_error("slice indices must be integers or have an __index__ method");
  }
  if (!ops::small_int(*v, &i)) i = v->as_big_int().negative() ? -len - 1 : len;
  if (i < 0) i = std::max<std::int64_t>(0, i + len);
  return std::min(i, len);
}

Value list_index(CallContext&, const Value& self, CallArgs& args) {
  if (!args.keyword.empty()) throw_type_error("index() takes no keyword arguments");
  std::size_t n = args.positional.size();
  if (n < 1 || n > 3) {
    throw_type_error(fmt::format("index expected {} argument{}, got {}",
                                 n < 1 ? "at least 1" : "at most 3", n < 1 ? "" : "s", n));
  }
  const List& items = self.as_list();
  std::int64_t len = static_cast<std::int64_t>(items.size());
  std::int64_t start = index_bound(n > 1 ? &args.positional[1] : nullptr, 0, len);
  std::int64_t end = index_bound(n > 2 ? &args.positional[2] : nullptr, len, len);
  for (std::int64_t i = start; i < end; ++i) {
    if (items[static_cast<std::size_t>(i)].equals(args.positional[0])) return Value::integer(i);
  }
  if (self.is_tuple()) ops::throw_value_error("tuple.index(x): x not in tuple");
  ops::throw_value_error(fmt::format("{} is not in list", args.positional[0].repr()));
}

Value list_copy(CallContext&, const Value& self, CallArgs& args) {
  no_args(args, "list.copy");
  return self;
}

// ---- numbers ------------------------------------------------------------------------------

Value as_int_value(const Value& v) {
  if (v.is_bool()) return Value::integer(v.as_bool() ? 1 : 0);
  return v;
}

Value int_bit_length(CallContext&, const Value& self, CallArgs& args) {
  no_args(args, "int.bit_length");
  std::int64_t i = 0;
  if (ops::small_int(self, &i)) {
    std::uint64_t u = i < 0 ? 0 - static_cast<std::uint64_t>(i) : static_cast<std::uint64_t>(i);
    return Value::integer(u == 0 ? 0 : 64 - __builtin_clzll(u));
  }
  return Value::integer(static_cast<std::int64_t>(self.as_big_int().bit_length()));
}

Value int_conjugate(CallContext&, const Value& self, CallArgs& args) {
  no_args(args, "int.conjugate");
  return as_int_value(self);
}

Value float_is_integer(CallContext&, const Value& self, CallArgs& args) {
  no_args(args, "float.is_integer");
  double d = self.as_float();
  return Value::boolean(std::isfinite(d) && std::trunc(d) == d);
}

Value float_conjugate(CallContext&, const Value& self, CallArgs& args) {
  no_args(args, "float.conjugate");
  return self;
}

// Data attributes of numbers (x.real, x.imag, ...); undefined when `name` is none of them.
Value number_attribute(const Value& self, std::string_view name) {
  if (name == "real") return self.is_float() ? self : as_int_value(self);
  if (name == "imag") return self.is_float() ? Value::floating(0.0) : Value::integer(0);
  if (!self.is_float()) {
    if (name == "numerator") return as_int_value(self);
    if (name == "denominator") return Value::integer(1);
  }
  return Value::undefined(name);
}

// ---- refused mutation ---------------------------------------------------------------------

template <const char* Name>
Value refuse_mutation(CallContext&, const Value&, CallArgs&) {
  throw_template_error(ErrorKind::kSecurity,
                       fmt::format("{}() is not allowed: template values are immutable "
                                   "(build a new value instead, e.g. with + or a filter)",
                                   Name));
}

constexpr char kListAppend[] = "list.append";
constexpr char kListExtend[] = "list.extend";
constexpr char kListInsert[] = "list.insert";
constexpr char kListPop[] = "list.pop";
constexpr char kListRemove[] = "list.remove";
constexpr char kListClear[] = "list.clear";
constexpr char kListSort[] = "list.sort";
constexpr char kListReverse[] = "list.reverse";
constexpr char kDictPop[] = "dict.pop";
constexpr char kDictPopitem[] = "dict.popitem";
constexpr char kDictSetdefault[] = "dict.setdefault";
constexpr char kDictUpdate[] = "dict.update";
constexpr char kDictClear[] = "dict.clear";

struct Entry {
  std::string_view name;
  MethodFn fn;
};

constexpr Entry kDictMethods[] = {
    {"items", dict_items},
    {"keys", dict_keys},
    {"values", dict_values},
    {"get", dict_get},
    {"copy", dict_copy},
    {"pop", refuse_mutation<kDictPop>},
    {"popitem", refuse_mutation<kDictPopitem>},
    {"setdefault", refuse_mutation<kDictSetdefault>},
    {"update", refuse_mutation<kDictUpdate>},
    {"clear", refuse_mutation<kDictClear>},
};

constexpr Entry kListMethods[] = {
    {"count", list_count},
    {"index", list_index},
    {"copy", list_copy},
    {"append", refuse_mutation<kListAppend>},
    {"extend", refuse_mutation<kListExtend>},
    {"insert", refuse_mutation<kListInsert>},
    {"pop", refuse_mutation<kListPop>},
    {"remove", refuse_mutation<kListRemove>},
    {"clear", refuse_mutation<kListClear>},
    {"sort", refuse_mutation<kListSort>},
    {"reverse", refuse_mutation<kListReverse>},
};

constexpr Entry kTupleMethods[] = {
    {"count", list_count},
    {"index", list_index},
};

constexpr Entry kIntMethods[] = {
    {"bit_length", int_bit_length},
    {"conjugate", int_conjugate},
};

constexpr Entry kFloatMethods[] = {
    {"is_integer", float_is_integer},
    {"conjugate", float_conjugate},
};

template <std::size_t N>
MethodFn lookup(const Entry (&table)[N], std::string_view name) {
  for (const Entry& e : table) {
    if (e.name == name) return e.fn;
  }
  return nullptr;
}

}  // namespace

Value get_builtin_method(const Value& self, std::string_view name) {
  MethodFn fn = nullptr;
  const char* owner = "";
  if (self.is_string()) {
    fn = ops::find_str_method(name);
    owner = self.is_safe() ? "Markup" : "str";
  } else if (self.is_map()) {
    fn = lookup(kDictMethods, name);
    owner = "dict";
  } else if (self.is_tuple()) {
    fn = lookup(kTupleMethods, name);
    owner = "tuple";
  } else if (self.is_list()) {
    fn = lookup(kListMethods, name);
    owner = "list";
  } else if (ops::is_int_like(self)) {
    fn = lookup(kIntMethods, name);
    owner = self.is_bool() ? "bool" : "int";
    if (fn == nullptr) return number_attribute(self, name);
  } else if (self.is_float()) {
    fn = lookup(kFloatMethods, name);
    owner = "float";
    if (fn == nullptr) return number_attribute(self, name);
  }
  if (fn == nullptr) return Value::undefined(name);
  return ops::make_callable(self, fmt::format("<built-in method {} of {} object>", name, owner),
                            fn);
}

}  // namespace docforge
