// The methods of builtin types as bound callables: str / Markup (methods_str.cpp), dict,
// list / tuple, int and float (here). See builtins.h for the contract. Numbers' data
// attributes (x.real, x.imag, n.numerator, n.denominator) are returned as plain values, not
// callables, as Python's attribute access gives them.
//
// In-place mutation (list.append, dict.update, ...) follows Python on lists and dicts the
// current render created (literals, |list, .copy(), ...: Value::is_mutable()); every name bound
// to such a value sees the change. Values that may be shared between renders and threads (data
// passed in, globals, template constants) stay immutable: a mutating method on them fails with
// a kSecurity error that suggests copying first. Growth is charged to the value-size limit and
// the fuel budget.
#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "template/builtins.h"
#include "template/builtins/filter_common.h"
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

Value dict_copy(CallContext& ctx, const Value& self, CallArgs& args) {
  no_args(args, "dict.copy");
  ctx.consume_fuel(self.as_map().size() + 1);
  Value out = Value::map(self.as_map());
  out.mark_mutable();
  return out;
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

Value list_copy(CallContext& ctx, const Value& self, CallArgs& args) {
  no_args(args, "list.copy");
  ctx.consume_fuel(self.as_list().size() + 1);
  Value out = Value::list(self.as_list());
  out.mark_mutable();
  return out;
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

// ---- in-place mutation (lists and dicts the render created) -------------------------------

// The list behind `self` for an in-place change. REQUIRES: self.is_list(). Throws kSecurity
// for lists that may be shared (data passed in, globals, template constants).
List& mutable_list(const Value& self, const char* method) {
  if (!self.is_mutable()) {
    throw_template_error(ErrorKind::kSecurity,
                         fmt::format("{}() cannot modify a list passed in as data or shared "
                                     "between renders; make a copy first: "
                                     "{{% set xs = xs|list %}}",
                                     method));
  }
  Value owner(self);  // the heap list outlives this call: the bound method holds `self`
  return owner.list_mut();
}

Map& mutable_map(const Value& self, const char* method) {
  if (!self.is_mutable()) {
    throw_template_error(ErrorKind::kSecurity,
                         fmt::format("{}() cannot modify a dict passed in as data or shared "
                                     "between renders; make a copy first: "
                                     "{{% set d = d.copy() %}}",
                                     method));
  }
  Value owner(self);
  return owner.map_mut();
}

// Charges growth to `new_size` entries before it happens, so runaway growth (xs.extend(xs) in
// a loop) hits the value-size limit instead of exhausting memory.
void charge_growth(CallContext& ctx, std::size_t added, std::size_t new_size) {
  ctx.consume_fuel(added + 1);
  ctx.charge_value_size(new_size * sizeof(Value));
}

// Storing a list or map into a render-local container may close a reference cycle.
void note_stored(CallContext& ctx, const Value& container, const Value& stored) {
  if (stored.is_list() || stored.is_map()) ctx.empty_at_render_end(container);
}

void no_keywords(const CallArgs& args, const char* fn) {
  if (!args.keyword.empty()) throw_type_error(fmt::format("{}() takes no keyword arguments", fn));
}

void exactly_one(const CallArgs& args, const char* fn) {
  no_keywords(args, fn);
  if (args.positional.size() != 1) {
    throw_type_error(fmt::format("{}() takes exactly one argument ({} given)", fn,
                                 args.positional.size()));
  }
}

[[noreturn]] void throw_index_error(std::string message) {
  throw_template_error(ErrorKind::kValue, std::move(message));
}

// Python's index argument: int-like, clamped through `small_int`; big ints saturate.
std::int64_t int_arg(const Value& v) {
  if (!ops::is_int_like(v)) {
    throw_type_error(fmt::format("'{}' object cannot be interpreted as an integer",
                                 ops::py_type_name(v)));
  }
  std::int64_t i = 0;
  if (!ops::small_int(v, &i)) {
    i = v.as_big_int().negative() ? std::numeric_limits<std::int64_t>::min() / 2
                                  : std::numeric_limits<std::int64_t>::max() / 2;
  }
  return i;
}

Value list_append(CallContext& ctx, const Value& self, CallArgs& args) {
  exactly_one(args, "list.append");
  List& items = mutable_list(self, "list.append");
  charge_growth(ctx, 1, items.size() + 1);
  note_stored(ctx, self, args.positional[0]);
  items.push_back(std::move(args.positional[0]));
  return Value::none();
}

Value list_extend(CallContext& ctx, const Value& self, CallArgs& args) {
  exactly_one(args, "list.extend");
  List& items = mutable_list(self, "list.extend");
  // Copy first: xs.extend(xs) reads the list it grows.
  List more = iterate_value(ctx, args.positional[0]);
  charge_growth(ctx, more.size(), items.size() + more.size());
  for (const Value& v : more) note_stored(ctx, self, v);
  items.insert(items.end(), std::make_move_iterator(more.begin()),
               std::make_move_iterator(more.end()));
  return Value::none();
}

Value list_insert(CallContext& ctx, const Value& self, CallArgs& args) {
  no_keywords(args, "list.insert");
  if (args.positional.size() != 2) {
    throw_type_error(fmt::format("insert expected 2 arguments, got {}", args.positional.size()));
  }
  List& items = mutable_list(self, "list.insert");
  std::int64_t len = static_cast<std::int64_t>(items.size());
  std::int64_t i = int_arg(args.positional[0]);
  if (i < 0) i = std::max<std::int64_t>(0, i + len);
  i = std::min(i, len);
  charge_growth(ctx, 1, items.size() + 1);
  note_stored(ctx, self, args.positional[1]);
  items.insert(items.begin() + i, std::move(args.positional[1]));
  return Value::none();
}

Value list_pop(CallContext& ctx, const Value& self, CallArgs& args) {
  no_keywords(args, "list.pop");
  if (args.positional.size() > 1) {
    throw_type_error(fmt::format("pop expected at most 1 argument, got {}",
                                 args.positional.size()));
  }
  List& items = mutable_list(self, "list.pop");
  ctx.consume_fuel(1);
  std::int64_t len = static_cast<std::int64_t>(items.size());
  std::int64_t i = args.positional.empty() ? -1 : int_arg(args.positional[0]);
  if (len == 0) throw_index_error("pop from empty list");
  if (i < 0) i += len;
  if (i < 0 || i >= len) throw_index_error("pop index out of range");
  Value out = std::move(items[static_cast<std::size_t>(i)]);
  items.erase(items.begin() + i);
  return out;
}

Value list_remove(CallContext& ctx, const Value& self, CallArgs& args) {
  exactly_one(args, "list.remove");
  List& items = mutable_list(self, "list.remove");
  ctx.consume_fuel(items.size() + 1);
  for (auto it = items.begin(); it != items.end(); ++it) {
    if (it->equals(args.positional[0])) {
      items.erase(it);
      return Value::none();
    }
  }
  ops::throw_value_error("list.remove(x): x not in list");
}

Value list_clear(CallContext& ctx, const Value& self, CallArgs& args) {
  no_args(args, "list.clear");
  List& items = mutable_list(self, "list.clear");
  ctx.consume_fuel(1);
  List old;
  old.swap(items);  // destroy the items after the list is consistent (they may hold the list)
  return Value::none();
}

Value list_reverse(CallContext& ctx, const Value& self, CallArgs& args) {
  no_args(args, "list.reverse");
  List& items = mutable_list(self, "list.reverse");
  ctx.consume_fuel(items.size() + 1);
  std::reverse(items.begin(), items.end());
  return Value::none();
}

Value call_key(CallContext& ctx, const Value& key, const Value& item) {
  if (!key.is_object() || !key.as_object()->callable()) {
    throw_type_error(fmt::format("'{}' object is not callable", ops::py_type_name(key)));
  }
  CallArgs a;
  a.positional.push_back(item);
  return key.as_object()->call(ctx, a);
}

Value list_sort(CallContext& ctx, const Value& self, CallArgs& args) {
  if (!args.positional.empty()) throw_type_error("sort() takes no positional arguments");
  Value key = Value::none();
  bool reverse = false;
  for (const auto& [name, v] : args.keyword) {
    if (name == "key") {
      key = v;
    } else if (name == "reverse") {
      reverse = v.truthy();
    } else {
      throw_type_error(fmt::format("'{}' is an invalid keyword argument for sort()", name));
    }
  }
  List& items = mutable_list(self, "list.sort");
  ctx.consume_fuel(items.size() + 1);
  // Sort a snapshot (keys may be computed by template code), then store it back: Python's
  // stable sort, with reverse keeping equal items in their original order.
  std::vector<std::pair<Value, Value>> keyed;
  keyed.reserve(items.size());
  for (const Value& v : items) keyed.emplace_back(key.is_none() ? v : call_key(ctx, key, v), v);
  std::stable_sort(keyed.begin(), keyed.end(), [&](const auto& a, const auto& b) {
    return reverse ? filters::py_less(ctx, b.first, a.first)
                   : filters::py_less(ctx, a.first, b.first);
  });
  List sorted;
  sorted.reserve(keyed.size());
  for (auto& kv : keyed) sorted.push_back(std::move(kv.second));
  List& target = mutable_list(self, "list.sort");
  target.swap(sorted);
  return Value::none();
}

Value dict_pop(CallContext& ctx, const Value& self, CallArgs& args) {
  no_keywords(args, "dict.pop");
  std::size_t n = args.positional.size();
  if (n < 1) throw_type_error("pop expected at least 1 argument, got 0");
  if (n > 2) throw_type_error(fmt::format("pop expected at most 2 arguments, got {}", n));
  check_hashable(args.positional[0]);
  Map& m = mutable_map(self, "dict.pop");
  ctx.consume_fuel(m.size() + 1);
  if (const Value* v = m.find(args.positional[0])) {
    Value out = *v;
    m.erase(args.positional[0]);
    return out;
  }
  if (n == 2) return args.positional[1];
  throw_template_error(ErrorKind::kValue, args.positional[0].repr());  // Python's KeyError
}

Value dict_popitem(CallContext& ctx, const Value& self, CallArgs& args) {
  no_args(args, "dict.popitem");
  Map& m = mutable_map(self, "dict.popitem");
  if (m.empty()) throw_template_error(ErrorKind::kValue, "'popitem(): dictionary is empty'");
  ctx.consume_fuel(m.size() + 1);
  Map::Entry last = m.entries().back();
  m.erase(last.first);
  return Value::tuple({std::move(last.first), std::move(last.second)});
}

Value dict_setdefault(CallContext& ctx, const Value& self, CallArgs& args) {
  no_keywords(args, "dict.setdefault");
  std::size_t n = args.positional.size();
  if (n < 1) throw_type_error("setdefault expected at least 1 argument, got 0");
  if (n > 2) throw_type_error(fmt::format("setdefault expected at most 2 arguments, got {}", n));
  check_hashable(args.positional[0]);
  Map& m = mutable_map(self, "dict.setdefault");
  if (const Value* v = m.find(args.positional[0])) return *v;
  Value def = n == 2 ? args.positional[1] : Value::none();
  charge_growth(ctx, 1, m.size() + 1);
  note_stored(ctx, self, def);
  m.set(args.positional[0], def);
  return def;
}

Value dict_update(CallContext& ctx, const Value& self, CallArgs& args) {
  if (args.positional.size() > 1) {
    throw_type_error(fmt::format("update expected at most 1 argument, got {}",
                                 args.positional.size()));
  }
  Map& m = mutable_map(self, "dict.update");
  // Gather first (the source may be this very dict), then apply in order.
  std::vector<Map::Entry> pairs;
  if (!args.positional.empty()) {
    const Value& src = args.positional[0];
    if (src.is_map()) {
      pairs.assign(src.as_map().begin(), src.as_map().end());
    } else {
      List items = iterate_value(ctx, src);
      std::size_t index = 0;
      for (const Value& item : items) {
        List kv = item.is_list() ? item.as_list() : iterate_value(ctx, item);
        if (kv.size() != 2) {
          ops::throw_value_error(fmt::format(
              "dictionary update sequence element #{} has length {}; 2 is required", index,
              kv.size()));
        }
        check_hashable(kv[0]);
        pairs.emplace_back(kv[0], kv[1]);
        ++index;
      }
    }
  }
  for (auto& [k, v] : args.keyword) pairs.emplace_back(Value::string(k), v);
  charge_growth(ctx, pairs.size(), m.size() + pairs.size());
  for (auto& [k, v] : pairs) {
    note_stored(ctx, self, v);
    m.set(std::move(k), std::move(v));
  }
  return Value::none();
}

Value dict_clear(CallContext& ctx, const Value& self, CallArgs& args) {
  no_args(args, "dict.clear");
  Map& m = mutable_map(self, "dict.clear");
  ctx.consume_fuel(1);
  Map old;
  std::swap(old, m);
  return Value::none();
}

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
    {"pop", dict_pop},
    {"popitem", dict_popitem},
    {"setdefault", dict_setdefault},
    {"update", dict_update},
    {"clear", dict_clear},
};

constexpr Entry kListMethods[] = {
    {"count", list_count},
    {"index", list_index},
    {"copy", list_copy},
    {"append", list_append},
    {"extend", list_extend},
    {"insert", list_insert},
    {"pop", list_pop},
    {"remove", list_remove},
    {"clear", list_clear},
    {"sort", list_sort},
    {"reverse", list_reverse},
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
