// Jinja2's default globals: range, dict, cycler, joiner, namespace, lipsum (see builtins.h).
//
// Differences from Jinja2, on purpose:
// - range() refuses more than Limits::max_range items (kLimit) before allocating, as Jinja2's
//   sandbox does. It returns an iterable object that prints like Python's range ("range(0, 3)")
//   but, unlike Python's, cannot be indexed (range(3)[1]) — use range(3)|list for that.
// - lipsum() is deterministic (see globals_lipsum.cpp).
// - cycler/joiner objects print without a memory address.
#include <cstdint>
#include <string>

#include <fmt/format.h>

#include "template/builtins.h"
#include "template/builtins/globals_objects.h"
#include "template/builtins/methods_callable.h"
#include "template/builtins/ops_util.h"

namespace docforge {
namespace {

using ops::throw_type_error;

std::int64_t range_arg(const Value& v) {
  std::int64_t i = 0;
  if (ops::is_int_like(v)) {
    if (ops::small_int(v, &i)) return i;
    throw_template_error(ErrorKind::kLimit, "range too big");
  }
  throw_type_error(
      fmt::format("'{}' object cannot be interpreted as an integer", ops::py_type_name(v)));
}

Value global_range(CallContext& ctx, const Value&, CallArgs& args) {
  if (!args.keyword.empty()) throw_type_error("range() takes no keyword arguments");
  std::size_t n = args.positional.size();
  if (n == 0) throw_type_error("range expected at least 1 argument, got 0");
  if (n > 3) throw_type_error(fmt::format("range expected at most 3 arguments, got {}", n));
  std::int64_t start = 0, stop = 0, step = 1;
  if (n == 1) {
    stop = range_arg(args.positional[0]);
  } else {
    start = range_arg(args.positional[0]);
    stop = range_arg(args.positional[1]);
    if (n == 3) step = range_arg(args.positional[2]);
  }
  if (step == 0) ops::throw_value_error("range() arg 3 must not be zero");
  __int128 count = 0;
  if (step > 0 && start < stop) {
    count = (static_cast<__int128>(stop) - start - 1) / step + 1;
  } else if (step < 0 && start > stop) {
    count = (static_cast<__int128>(start) - stop - 1) / (-static_cast<__int128>(step)) + 1;
  }
  std::int64_t max_range = ctx.limits().max_range;
  if (max_range > 0 && count > max_range) {
    throw_template_error(ErrorKind::kLimit,
                         fmt::format("range too big: {} items, the limit is {}",
                                     static_cast<long long>(count > INT64_MAX ? INT64_MAX : count),
                                     max_range));
  }
  ctx.charge_value_size(static_cast<std::size_t>(count) * sizeof(Value));
  return Value::object(new ops::Range(start, stop, step, static_cast<std::size_t>(count)));
}

// Adds the pairs of a dict(...)/namespace(...) positional argument: a mapping or an iterable
// of pairs.
void add_pairs(CallContext& ctx, Map& out, const Value& src) {
  if (src.is_map()) {
    for (const auto& [k, v] : src.as_map()) out.set(k, v);
    return;
  }
  if (!src.is_list()) {
    if (src.is_undefined()) ctx.check_defined(src);
    if (src.is_string() || src.is_undefined()) {
      // Strings iterate to characters; Python then fails on the first one of length 1.
      if (!src.is_undefined() && !src.as_string().empty()) {
        ops::throw_value_error(
            "dictionary update sequence element #0 has length 1; 2 is required");
      }
      return;
    }
    throw_type_error(fmt::format("'{}' object is not iterable", ops::py_type_name(src)));
  }
  std::size_t index = 0;
  for (const Value& item : src.as_list()) {
    if (!item.is_list() || item.as_list().size() != 2) {
      if (item.is_list() || item.is_string()) {
        std::size_t len = item.length();
        ops::throw_value_error(fmt::format(
            "dictionary update sequence element #{} has length {}; 2 is required", index, len));
      }
      throw_type_error(fmt::format(
          "cannot convert dictionary update sequence element #{} to a sequence", index));
    }
    out.set(item.as_list()[0], item.as_list()[1]);
    ++index;
  }
}

Map build_map(CallContext& ctx, CallArgs& args, const char* fn) {
  if (args.positional.size() > 1) {
    throw_type_error(fmt::format("{} expected at most 1 argument, got {}", fn,
                                 args.positional.size()));
  }
  Map m;
  if (!args.positional.empty()) add_pairs(ctx, m, args.positional[0]);
  for (auto& [k, v] : args.keyword) m.set(k, v);
  return m;
}

Value global_dict(CallContext& ctx, const Value&, CallArgs& args) {
  return Value::map(build_map(ctx, args, "dict"));
}

Value global_namespace(CallContext& ctx, const Value&, CallArgs& args) {
  return Value::object(new ops::Namespace(build_map(ctx, args, "namespace")));
}

Value global_cycler(CallContext&, const Value&, CallArgs& args) {
  if (!args.keyword.empty()) {
    throw_type_error(fmt::format("Cycler.__init__() got an unexpected keyword argument '{}'",
                                 args.keyword[0].first));
  }
  if (args.positional.empty()) {
    throw_template_error(ErrorKind::kValue, "at least one item has to be provided");
  }
  return Value::object(new ops::Cycler(args.positional));
}

Value global_joiner(CallContext&, const Value&, CallArgs& args) {
  ops::check_arity(args, "Joiner.__init__", 1, {"sep"});
  const Value* sep = ops::find_arg(args, 0, "sep");
  return Value::object(new ops::Joiner(sep != nullptr ? *sep : Value::string(", ")));
}

std::int64_t int_param(const Value* v, std::int64_t fallback, const char* what) {
  if (v == nullptr) return fallback;
  std::int64_t i = 0;
  if (ops::is_int_like(*v) && ops::small_int(*v, &i)) return i;
  throw_type_error(fmt::format("'{}' object cannot be interpreted as an integer ({})",
                               ops::py_type_name(*v), what));
}

Value global_lipsum(CallContext& ctx, const Value&, CallArgs& args) {
  ops::check_arity(args, "generate_lorem_ipsum", 4, {"n", "html", "min", "max"});
  std::int64_t n = int_param(ops::find_arg(args, 0, "n"), 5, "n");
  const Value* html = ops::find_arg(args, 1, "html");
  std::int64_t min = int_param(ops::find_arg(args, 2, "min"), 20, "min");
  std::int64_t max = int_param(ops::find_arg(args, 3, "max"), 100, "max");
  return ops::lorem_ipsum(ctx, n, html == nullptr || html->truthy(), min, max);
}

}  // namespace

void add_builtin_globals(Map& globals) {
  globals.set("range", ops::make_callable(Value::none(), "<class 'range'>", global_range));
  globals.set("dict", ops::make_callable(Value::none(), "<class 'dict'>", global_dict));
  globals.set("cycler", ops::make_callable(Value::none(), "<class 'jinja2.utils.Cycler'>",
                                           global_cycler));
  globals.set("joiner", ops::make_callable(Value::none(), "<class 'jinja2.utils.Joiner'>",
                                           global_joiner));
  globals.set("namespace", ops::make_callable(Value::none(), "<class 'jinja2.utils.Namespace'>",
                                              global_namespace));
  globals.set("lipsum", ops::make_callable(Value::none(), "<function generate_lorem_ipsum>",
                                           global_lipsum));
}

}  // namespace docforge
