// Sequence filters: attr, batch, default/d, dictsort, first, groupby, items, join, last,
// length/count, list, map, max, min, random, reject, rejectattr, reverse, select, selectattr,
// slice, sort, sum, unique.
//
// Jinja2 returns generators from several of these (map, select, batch, unique, ...); docforge
// returns lists, which iterate, index and print the same way as `|list` would.
// groupby yields GroupTuple objects: they print like Python tuples ('key', [items]), unpack
// as two items, and have the attributes `grouper` and `list` (also `0` and `1`).

#include <algorithm>
#include <random>
#include <string>
#include <unordered_set>
#include <utility>

#include <fmt/format.h>

#include "template/builtins.h"
#include "template/builtins/filter_common.h"
#include "template/builtins/filter_fns.h"

namespace docforge::filters {
namespace {

// Items of an iterable subject; undefined is empty under lenient policies.
List items_of(CallContext& ctx, const Value& v) { return iterate_value(ctx, v); }

void charge_items(CallContext& ctx, std::size_t n) { ctx.charge_value_size(n * sizeof(Value)); }

class GroupTuple : public Object {
 public:
  GroupTuple(Value grouper, Value list) : grouper_(std::move(grouper)), list_(std::move(list)) {}
  const char* type_name() const noexcept override { return "tuple"; }
  Value get_attr(std::string_view name) const override {
    if (name == "grouper" || name == "0") return grouper_;
    if (name == "list" || name == "1") return list_;
    return Value::undefined(name);
  }
  void append_repr(std::string& out) const override {
    out += '(';
    grouper_.append_repr(out);
    out += ", ";
    list_.append_repr(out);
    out += ')';
  }
  void append_str(std::string& out) const override { append_repr(out); }
  bool iterable() const noexcept override { return true; }
  List to_list() const override { return {grouper_, list_}; }

 private:
  Value grouper_;
  Value list_;
};

// Stable sort of `items` by `keys` (parallel vectors), Python's sorted(key=..., reverse=...).
// Keys that are all strings (or all plain ints), possibly wrapped in one-item lists as
// make_multi_attrgetter builds them, compare directly; anything else goes through Python's
// ordering (apply_compare), which also reports unorderable types.
List sorted_by_keys(CallContext& ctx, const List& items, const std::vector<Value>& keys,
                    bool reverse) {
  std::vector<std::size_t> order(items.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  auto unwrap = [](const Value& k) -> const Value& {
    return (k.is_list() && k.as_list().size() == 1) ? k.as_list()[0] : k;
  };
  bool all_strings = true;
  bool all_ints = true;
  for (const Value& k : keys) {
    const Value& u = unwrap(k);
    all_strings = all_strings && u.is_string();
    all_ints = all_ints && u.is_int();
  }
  if (all_strings && !keys.empty()) {
    std::vector<std::string_view> sk;
    sk.reserve(keys.size());
    for (const Value& k : keys) sk.push_back(unwrap(k).as_string());
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return reverse ? sk[b] < sk[a] : sk[a] < sk[b];
    });
  } else if (all_ints && !keys.empty()) {
    std::vector<std::int64_t> ik;
    ik.reserve(keys.size());
    for (const Value& k : keys) ik.push_back(unwrap(k).as_int());
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return reverse ? ik[b] < ik[a] : ik[a] < ik[b];
    });
  } else {
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return reverse ? py_less(ctx, keys[b], keys[a]) : py_less(ctx, keys[a], keys[b]);
    });
  }
  List out;
  out.reserve(items.size());
  for (std::size_t i : order) out.push_back(items[i]);
  return out;
}

// make_multi_attrgetter: "a.b,c" -> key [item.a.b, item.c]; none -> [item].
std::vector<std::vector<Value>> multi_parts(const Value* attribute) {
  std::vector<std::vector<Value>> out;
  if (attribute != nullptr && attribute->is_string()) {
    std::string_view s = attribute->as_string();
    std::size_t start = 0;
    while (true) {
      std::size_t comma = s.find(',', start);
      Value part = Value::string(s.substr(start, comma == std::string_view::npos ? comma : comma - start));
      out.push_back(attribute_parts(&part));
      if (comma == std::string_view::npos) break;
      start = comma + 1;
    }
  } else {
    out.push_back(attribute_parts(attribute));
  }
  return out;
}

Value multi_key(CallContext& ctx, const Value& item, const std::vector<std::vector<Value>>& parts,
                bool lower) {
  List key;
  key.reserve(parts.size());
  for (const auto& p : parts) key.push_back(get_by_parts(ctx, item, p, nullptr, lower));
  return Value::list(std::move(key));
}

}  // namespace

Value f_default(CallContext& ctx, const Value& v, CallArgs& args) {
  (void)ctx;
  BoundArgs a("default", args, {"default_value", "boolean"});
  bool boolean = a.bool_or(1, false);
  if (v.is_undefined() || (boolean && !v.truthy())) return a.value_or(0, Value::string(""));
  return v;
}

Value f_attr(CallContext& ctx, const Value& v, CallArgs& args) {
  BoundArgs a("attr", args, {"name"}, 1);
  std::string name = to_str(ctx, *a.get(0));
  if (v.is_object()) {
    Value r = v.as_object()->get_attr(name);
    if (!r.is_undefined()) return r;
  } else if (v.is_undefined()) {
    // getattr on an undefined fails like any attribute access of it (not when chainable).
    if (ctx.undefined_policy() != UndefinedPolicy::kChainable) fail_undefined(v);
    return Value::undefined(name);
  } else {
    Value m = get_builtin_method(v, name);
    if (!m.is_undefined()) return m;
  }
  return Value::undefined(name);
}

Value f_length(CallContext& ctx, const Value& v, CallArgs& args) {
  expect_no_args("length", args);
  ctx.check_defined(v);
  switch (v.kind()) {
    case ValueKind::kUndefined:
      return Value::integer(0);
    case ValueKind::kString:
      return Value::integer(static_cast<std::int64_t>(count_code_points(v.as_string())));
    case ValueKind::kList:
      return Value::integer(static_cast<std::int64_t>(v.as_list().size()));
    case ValueKind::kMap:
      return Value::integer(static_cast<std::int64_t>(v.as_map().size()));
    case ValueKind::kObject:
      if (v.as_object()->iterable()) {
        return Value::integer(static_cast<std::int64_t>(v.as_object()->to_list().size()));
      }
      break;
    default:
      break;
  }
  type_error("object of type '" + std::string(v.type_name()) + "' has no len()");
}

Value f_list(CallContext& ctx, const Value& v, CallArgs& args) {
  expect_no_args("list", args);
  if (v.is_list() && !v.is_tuple()) return v;
  return Value::list(items_of(ctx, v));
}

Value f_first(CallContext& ctx, const Value& v, CallArgs& args) {
  expect_no_args("first", args);
  if (v.is_list()) {
    if (!v.as_list().empty()) return v.as_list().front();
  } else {
    List items = items_of(ctx, v);
    if (!items.empty()) return items.front();
  }
  return Value::undefined("No first item, sequence was empty.");
}

Value f_last(CallContext& ctx, const Value& v, CallArgs& args) {
  expect_no_args("last", args);
  if (v.is_string()) {
    // reversed(s) indexes the string, so a Markup yields Markup characters (iter(s) does not).
    std::string_view s = v.as_string();
    if (s.empty()) return Value::undefined("No last item, sequence was empty.");
    std::size_t i = s.size() - 1;
    while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
    return string_like(v, std::string(s.substr(i)));
  }
  if (v.is_list()) {
    if (!v.as_list().empty()) return v.as_list().back();
  } else {
    List items = items_of(ctx, v);
    if (!items.empty()) return items.back();
  }
  return Value::undefined("No last item, sequence was empty.");
}

// Python's random.choice(seq): an item of a list or tuple, a character of a string (Markup
// stays Markup); an empty sequence or a lenient undefined value gives an undefined value, as
// Jinja2 does. The choice comes from the system's random source, never a seed a template sees.
Value f_random(CallContext& ctx, const Value& v, CallArgs& args) {
  expect_no_args("random", args);
  ctx.check_defined(v);
  auto pick = [](std::size_t n) {
    std::random_device source;
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(source);
  };
  constexpr const char* kEmpty = "No random item, sequence was empty.";
  if (v.is_undefined()) return Value::undefined(kEmpty);
  if (v.is_string()) {
    std::u32string cps = decode_utf8(v.as_string());
    if (cps.empty()) return Value::undefined(kEmpty);
    return string_like(v, encode_utf8(std::u32string(1, cps[pick(cps.size())])));
  }
  if (!v.is_list()) {
    // random.choice indexes by position: a dict has no item 0, other values have no len().
    if (v.is_map()) type_error("random needs a sequence; a dict has no items by position");
    type_error(fmt::format("object of type '{}' has no len()", py_type_name(ctx, v)));
  }
  const List& items = v.as_list();
  if (items.empty()) return Value::undefined(kEmpty);
  return items[pick(items.size())];
}

Value f_reverse(CallContext& ctx, const Value& v, CallArgs& args) {
  expect_no_args("reverse", args);
  ctx.check_defined(v);
  if (v.is_string()) {
    std::u32string cps = decode_utf8(v.as_string());
    std::reverse(cps.begin(), cps.end());
    return string_like(v, encode_utf8(cps));
  }
  if (!(v.is_list() || v.is_map() || v.is_undefined() ||
        (v.is_object() && v.as_object()->iterable()))) {
    type_error("argument must be iterable");
  }
  List items = items_of(ctx, v);
  std::reverse(items.begin(), items.end());
  return Value::list(std::move(items));
}

Value f_join(CallContext& ctx, const Value& v, CallArgs& args) {
  BoundArgs a("join", args, {"d", "attribute"});
  Value d = a.value_or(0, Value::string(""));
  List items = items_of(ctx, v);
  if (a.has(1) && !a.get(1)->is_none()) {
    std::vector<Value> parts = attribute_parts(a.get(1));
    for (Value& item : items) item = get_by_parts(ctx, item, parts, nullptr, false);
  }
  std::vector<std::string> strs;
  strs.reserve(items.size());
  std::size_t total = 0;
  bool any_safe = false;
  for (const Value& item : items) {
    any_safe = any_safe || item.is_safe();
    strs.push_back(to_str(ctx, item));
    total += strs.back().size();
  }
  std::string sep = to_str(ctx, d);
  bool safe = false;
  if (ctx.autoescape()) {
    safe = d.is_safe() || any_safe;
    if (safe) {
      auto esc = [&](std::string& s) {
        std::string out;
        if (ctx.escape_format() == EscapeFormat::kLatex) {
          append_latex_escaped(out, s);
        } else {
          append_html_escaped(out, s);
        }
        s = std::move(out);
      };
      if (!d.is_safe()) esc(sep);
      total = 0;
      for (std::size_t i = 0; i < items.size(); ++i) {
        if (!items[i].is_safe()) esc(strs[i]);
        total += strs[i].size();
      }
    }
  }
  if (!strs.empty()) total += sep.size() * (strs.size() - 1);
  ctx.charge_value_size(total);
  std::string out;
  out.reserve(total);
  for (std::size_t i = 0; i < strs.size(); ++i) {
    if (i > 0) out += sep;
    out += strs[i];
  }
  return safe ? Value::safe_string(std::move(out)) : Value::string(std::move(out));
}

Value f_batch(CallContext& ctx, const Value& v, CallArgs& args) {
  BoundArgs a("batch", args, {"linecount", "fill_with"}, 1);
  // Python compares len(tmp) == linecount, so a non-int count (e.g. '2') never splits.
  const Value& linecount = *a.get(0);
  const Value* fill = a.get(1);
  List items = items_of(ctx, v);
  List out;
  List tmp;
  for (Value& item : items) {
    if (linecount.equals(Value::integer(static_cast<std::int64_t>(tmp.size())))) {
      out.push_back(Value::list(std::move(tmp)));
      tmp = List();
    }
    tmp.push_back(std::move(item));
  }
  if (!tmp.empty()) {
    Value have = Value::integer(static_cast<std::int64_t>(tmp.size()));
    if (fill != nullptr && !fill->is_none() && apply_compare(ctx, CompareOp::kLt, have, linecount)) {
      if (!linecount.is_int() && !linecount.is_bool()) {
        type_error(std::string("can't multiply sequence by non-int of type '") +
                   linecount.type_name() + "'");
      }
      std::int64_t n = to_index(linecount);
      charge_items(ctx, static_cast<std::size_t>(n));
      tmp.resize(static_cast<std::size_t>(n), *fill);
    }
    out.push_back(Value::list(std::move(tmp)));
  }
  return Value::list(std::move(out));
}

Value f_slice(CallContext& ctx, const Value& v, CallArgs& args) {
  BoundArgs a("slice", args, {"slices", "fill_with"}, 1);
  std::int64_t slices = to_index(*a.get(0));
  const Value* fill = a.get(1);
  List seq = items_of(ctx, v);
  if (slices == 0) value_error("integer division or modulo by zero");
  if (slices < 0) return Value::list();
  charge_items(ctx, static_cast<std::size_t>(slices) + seq.size());
  std::int64_t length = static_cast<std::int64_t>(seq.size());
  std::int64_t per = length / slices;
  std::int64_t extra = length % slices;
  std::int64_t offset = 0;
  List out;
  out.reserve(static_cast<std::size_t>(slices));
  for (std::int64_t n = 0; n < slices; ++n) {
    std::int64_t start = offset + n * per;
    if (n < extra) ++offset;
    std::int64_t end = offset + (n + 1) * per;
    List tmp(seq.begin() + start, seq.begin() + end);
    if (fill != nullptr && !fill->is_none() && n >= extra) tmp.push_back(*fill);
    out.push_back(Value::list(std::move(tmp)));
  }
  return Value::list(std::move(out));
}

Value f_sort(CallContext& ctx, const Value& v, CallArgs& args) {
  BoundArgs a("sort", args, {"reverse", "case_sensitive", "attribute"});
  bool reverse = a.bool_or(0, false);
  bool case_sensitive = a.bool_or(1, false);
  List items = items_of(ctx, v);
  auto parts = multi_parts(a.get(2));
  std::vector<Value> keys;
  keys.reserve(items.size());
  for (const Value& item : items) keys.push_back(multi_key(ctx, item, parts, !case_sensitive));
  return Value::list(sorted_by_keys(ctx, items, keys, reverse));
}

Value f_dictsort(CallContext& ctx, const Value& v, CallArgs& args) {
  BoundArgs a("dictsort", args, {"case_sensitive", "by", "reverse"});
  bool case_sensitive = a.bool_or(0, false);
  std::string by = a.str_or(1, "key");
  bool reverse = a.bool_or(2, false);
  std::size_t pos = 0;
  if (by == "key") {
    pos = 0;
  } else if (by == "value") {
    pos = 1;
  } else {
    value_error("You can only sort by either \"key\" or \"value\"");
  }
  if (v.is_undefined()) fail_undefined(v);
  if (!v.is_map()) {
    type_error("'" + std::string(v.type_name()) + "' object has no attribute 'items'");
  }
  List items;
  std::vector<Value> keys;
  items.reserve(v.as_map().size());
  keys.reserve(v.as_map().size());
  for (const auto& [key, value] : v.as_map()) {
    items.push_back(Value::tuple({key, value}));
    const Value& k = pos == 0 ? key : value;
    keys.push_back(case_sensitive ? k : ignore_case(ctx, k));
  }
  return Value::list(sorted_by_keys(ctx, items, keys, reverse));
}

Value f_items(CallContext& ctx, const Value& v, CallArgs& args) {
  expect_no_args("items", args);
  (void)ctx;
  if (v.is_undefined()) return Value::list();
  if (!v.is_map()) type_error("Can only get item pairs from a mapping.");
  List out;
  out.reserve(v.as_map().size());
  for (const auto& [key, value] : v.as_map()) out.push_back(Value::tuple({key, value}));
  return Value::list(std::move(out));
}

Value f_unique(CallContext& ctx, const Value& v, CallArgs& args) {
  BoundArgs a("unique", args, {"case_sensitive", "attribute"});
  bool case_sensitive = a.bool_or(0, false);
  std::vector<Value> parts = attribute_parts(a.get(1));
  List items = items_of(ctx, v);
  struct Hash {
    std::size_t operator()(const Value& x) const noexcept { return x.hash(); }
  };
  struct Eq {
    bool operator()(const Value& x, const Value& y) const noexcept { return x.equals(y); }
  };
  std::unordered_set<Value, Hash, Eq> seen;
  List out;
  for (const Value& item : items) {
    Value key = get_by_parts(ctx, item, parts, nullptr, !case_sensitive);
    if (key.is_list() || key.is_map()) {
      type_error("unhashable type: '" + std::string(key.type_name()) + "'");
    }
    if (seen.insert(key).second) out.push_back(item);
  }
  return Value::list(std::move(out));
}

namespace {

Value min_or_max(CallContext& ctx, const Value& v, CallArgs& args, const char* name, bool max) {
  BoundArgs a(name, args, {"case_sensitive", "attribute"});
  bool case_sensitive = a.bool_or(0, false);
  std::vector<Value> parts = attribute_parts(a.get(1));
  List items = items_of(ctx, v);
  if (items.empty()) return Value::undefined("No aggregated item, sequence was empty.");
  std::size_t best = 0;
  Value best_key = get_by_parts(ctx, items[0], parts, nullptr, !case_sensitive);
  for (std::size_t i = 1; i < items.size(); ++i) {
    Value key = get_by_parts(ctx, items[i], parts, nullptr, !case_sensitive);
    bool better = max ? py_less(ctx, best_key, key) : py_less(ctx, key, best_key);
    if (better) {
      best = i;
      best_key = std::move(key);
    }
  }
  return items[best];
}

}  // namespace

Value f_min(CallContext& ctx, const Value& v, CallArgs& args) {
  return min_or_max(ctx, v, args, "min", false);
}

Value f_max(CallContext& ctx, const Value& v, CallArgs& args) {
  return min_or_max(ctx, v, args, "max", true);
}

Value f_sum(CallContext& ctx, const Value& v, CallArgs& args) {
  BoundArgs a("sum", args, {"attribute", "start"});
  std::vector<Value> parts = attribute_parts(a.get(0));
  Value total = a.value_or(1, Value::integer(0));
  if (total.is_string()) type_error("sum() can't sum strings [use ''.join(seq) instead]");
  for (const Value& item : items_of(ctx, v)) {
    total = apply_binary(ctx, BinaryOp::kAdd, total, get_by_parts(ctx, item, parts, nullptr, false));
  }
  return total;
}

Value f_groupby(CallContext& ctx, const Value& v, CallArgs& args) {
  BoundArgs a("groupby", args, {"attribute", "default", "case_sensitive"}, 1);
  std::vector<Value> parts = attribute_parts(a.get(0));
  const Value* fallback = a.get(1);
  bool case_sensitive = a.bool_or(2, false);
  List items = items_of(ctx, v);
  std::vector<Value> keys;
  keys.reserve(items.size());
  for (const Value& item : items) {
    keys.push_back(get_by_parts(ctx, item, parts, fallback, !case_sensitive));
  }
  // sorted(value, key=expr), then itertools.groupby on the same keys.
  std::vector<std::size_t> order(items.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
    return py_less(ctx, keys[x], keys[y]);
  });
  List out;
  std::size_t i = 0;
  while (i < order.size()) {
    const Value& key = keys[order[i]];
    List group;
    std::size_t j = i;
    while (j < order.size() && keys[order[j]].equals(key)) {
      group.push_back(items[order[j]]);
      ++j;
    }
    Value grouper = case_sensitive ? key : get_by_parts(ctx, group.front(), parts, fallback, false);
    out.push_back(Value::object(new GroupTuple(std::move(grouper), Value::list(std::move(group)))));
    i = j;
  }
  return Value::list(std::move(out));
}

Value f_map(CallContext& ctx, const Value& v, CallArgs& args) {
  List items = items_of(ctx, v);
  bool has_attribute = false;
  for (const auto& kw : args.keyword) has_attribute = has_attribute || kw.first == "attribute";
  if (args.positional.empty() && has_attribute) {
    const Value* attribute = nullptr;
    const Value* fallback = nullptr;
    for (const auto& [key, value] : args.keyword) {
      if (key == "attribute") {
        attribute = &value;
      } else if (key == "default") {
        fallback = &value;
      } else {
        type_error("Unexpected keyword argument '" + key + "'");
      }
    }
    std::vector<Value> parts = attribute_parts(attribute);
    for (Value& item : items) item = get_by_parts(ctx, item, parts, fallback, false);
    return Value::list(std::move(items));
  }
  if (args.positional.empty()) type_error("map requires a filter argument");
  std::string name = to_str(ctx, args.positional[0]);
  CallArgs rest;
  rest.positional.assign(args.positional.begin() + 1, args.positional.end());
  rest.keyword = args.keyword;
  for (Value& item : items) {
    CallArgs call = rest;
    item = ctx.call_filter(name, item, call);
  }
  return Value::list(std::move(items));
}

namespace {

Value select_or_reject(CallContext& ctx, const Value& v, CallArgs& args, bool lookup_attr,
                       bool keep_if) {
  List items = items_of(ctx, v);
  std::size_t off = 0;
  std::vector<Value> parts;
  if (lookup_attr) {
    if (args.positional.empty()) type_error("Missing parameter for attribute name");
    parts = attribute_parts(&args.positional[0]);
    off = 1;
  }
  bool has_test = args.positional.size() > off;
  std::string test;
  CallArgs rest;
  if (has_test) {
    test = to_str(ctx, args.positional[off]);
    rest.positional.assign(args.positional.begin() + static_cast<std::ptrdiff_t>(off) + 1,
                           args.positional.end());
    rest.keyword = args.keyword;
  }
  List out;
  CallArgs call;  // refilled for each item (a test may consume its arguments); keeps capacity
  for (const Value& item : items) {
    Value subject = lookup_attr ? get_by_parts(ctx, item, parts, nullptr, false) : item;
    bool r;
    if (has_test) {
      call.positional = rest.positional;
      call.keyword = rest.keyword;
      r = ctx.call_test(test, subject, call);
    } else {
      ctx.check_defined(subject);
      r = subject.truthy();
    }
    if (r == keep_if) out.push_back(item);
  }
  return Value::list(std::move(out));
}

}  // namespace

Value f_select(CallContext& ctx, const Value& v, CallArgs& args) {
  return select_or_reject(ctx, v, args, false, true);
}
Value f_reject(CallContext& ctx, const Value& v, CallArgs& args) {
  return select_or_reject(ctx, v, args, false, false);
}
Value f_selectattr(CallContext& ctx, const Value& v, CallArgs& args) {
  return select_or_reject(ctx, v, args, true, true);
}
Value f_rejectattr(CallContext& ctx, const Value& v, CallArgs& args) {
  return select_or_reject(ctx, v, args, true, false);
}

}  // namespace docforge::filters
