// dict, list and tuple methods through get_builtin_method; expected text from python3 / Jinja2
// ("{{ d.items() }}" prints "dict_items([('a', 1)])").
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "template/builtins.h"
#include "template/builtins/fake_call_context.h"

namespace docforge {
namespace {

Value sample_map() {
  Map m;
  m.set("a", Value::integer(1));
  m.set("b", Value::list({Value::string("x")}));
  return Value::map(std::move(m));
}

Value call(CallContext& ctx, const Value& self, const char* name, std::vector<Value> args = {},
           std::vector<std::pair<std::string, Value>> kwargs = {}) {
  Value m = get_builtin_method(self, name);
  EXPECT_TRUE(m.is_object()) << name;
  CallArgs call_args{std::move(args), std::move(kwargs)};
  return ctx.call(m, call_args);
}

std::string error_of(CallContext& ctx, const Value& self, const char* name,
                     std::vector<Value> args = {}) {
  try {
    call(ctx, self, name, std::move(args));
  } catch (const TemplateError& e) {
    return e.error.message;
  }
  return "<no error>";
}

TEST(MethodsContainers, DictViewsPrintLikePython) {
  FakeCallContext ctx;
  Value d = sample_map();
  EXPECT_EQ(call(ctx, d, "items").str(), "dict_items([('a', 1), ('b', ['x'])])");
  EXPECT_EQ(call(ctx, d, "keys").str(), "dict_keys(['a', 'b'])");
  EXPECT_EQ(call(ctx, d, "values").str(), "dict_values([1, ['x']])");
  EXPECT_EQ(call(ctx, Value::map(), "items").str(), "dict_items([])");
}

TEST(MethodsContainers, DictViewsIterate) {
  FakeCallContext ctx;
  Value items = call(ctx, sample_map(), "items");
  ASSERT_TRUE(items.is_object());
  ASSERT_TRUE(items.as_object()->iterable());
  List list = items.as_object()->to_list();
  ASSERT_EQ(list.size(), 2u);
  EXPECT_TRUE(list[0].is_tuple());
  EXPECT_EQ(list[0].repr(), "('a', 1)");
  EXPECT_TRUE(items.truthy());
  EXPECT_FALSE(call(ctx, Value::map(), "keys").truthy());
  // `in` works on views.
  EXPECT_TRUE(apply_contains(ctx, call(ctx, sample_map(), "keys"), Value::string("a")));
  EXPECT_FALSE(apply_contains(ctx, call(ctx, sample_map(), "values"), Value::string("a")));
}

TEST(MethodsContainers, DictGet) {
  FakeCallContext ctx;
  Value d = sample_map();
  EXPECT_EQ(call(ctx, d, "get", {Value::string("a")}).str(), "1");
  EXPECT_EQ(call(ctx, d, "get", {Value::string("z")}).str(), "None");
  EXPECT_EQ(call(ctx, d, "get", {Value::string("z"), Value::integer(5)}).str(), "5");
  EXPECT_EQ(error_of(ctx, d, "get", {}), "get expected at least 1 argument, got 0");
  EXPECT_EQ(error_of(ctx, d, "get", {Value::list({})}), "unhashable type: 'list'");
  EXPECT_EQ(call(ctx, d, "copy").str(), "{'a': 1, 'b': ['x']}");
}

TEST(MethodsContainers, ListCountIndex) {
  FakeCallContext ctx;
  Value l = Value::list({Value::integer(1), Value::integer(2), Value::floating(1.0)});
  EXPECT_EQ(call(ctx, l, "count", {Value::integer(1)}).str(), "2");
  EXPECT_EQ(call(ctx, l, "index", {Value::integer(2)}).str(), "1");
  EXPECT_EQ(call(ctx, l, "index", {Value::integer(1), Value::integer(1)}).str(), "2");
  EXPECT_EQ(error_of(ctx, l, "index", {Value::integer(3)}), "3 is not in list");
  EXPECT_EQ(error_of(ctx, l, "index", {Value::string("a")}), "'a' is not in list");
  Value t = Value::tuple({Value::integer(1)});
  EXPECT_EQ(error_of(ctx, t, "index", {Value::integer(3)}), "tuple.index(x): x not in tuple");
  EXPECT_TRUE(get_builtin_method(t, "append").is_undefined());
}

// Lists and dicts not marked render-local (data passed in, globals, template constants) may be
// shared between renders and threads: mutating methods refuse them and suggest a copy.
TEST(MethodsContainers, MutatingMethodsRefuseSharedValues) {
  FakeCallContext ctx;
  for (const char* name : {"append", "extend", "insert", "pop", "remove", "clear", "sort", "reverse"}) {
    Value l = Value::list({Value::integer(1)});
    std::vector<Value> args;
    if (std::string_view(name) == "append" || std::string_view(name) == "remove") {
      args = {Value::integer(1)};
    } else if (std::string_view(name) == "extend") {
      args = {Value::list({Value::integer(2)})};
    } else if (std::string_view(name) == "insert") {
      args = {Value::integer(0), Value::integer(2)};
    }
    try {
      call(ctx, l, name, args);
      FAIL() << name;
    } catch (const TemplateError& e) {
      EXPECT_EQ(e.error.kind, ErrorKind::kSecurity) << name;
      EXPECT_NE(e.error.message.find("make a copy first"), std::string::npos) << name;
    }
    EXPECT_EQ(l.str(), "[1]") << name;
  }
  for (const char* name : {"pop", "popitem", "setdefault", "update", "clear"}) {
    Value m = sample_map();
    std::vector<Value> args;
    if (std::string_view(name) == "pop" || std::string_view(name) == "setdefault") {
      args = {Value::string("a")};
    }
    try {
      call(ctx, m, name, args);
      FAIL() << name;
    } catch (const TemplateError& e) {
      EXPECT_EQ(e.error.kind, ErrorKind::kSecurity) << name;
      EXPECT_NE(e.error.message.find("make a copy first"), std::string::npos) << name;
    }
    EXPECT_EQ(m.str(), "{'a': 1, 'b': ['x']}") << name;
  }
}

Value mutable_list(List items) {
  Value l = Value::list(std::move(items));
  l.mark_mutable();
  return l;
}

TEST(MethodsContainers, MarkOnlyListsAndMaps) {
  Value l = Value::list({});
  EXPECT_FALSE(l.is_mutable());
  l.mark_mutable();
  EXPECT_TRUE(l.is_mutable());
  Value t = Value::tuple({Value::integer(1)});
  t.mark_mutable();
  EXPECT_FALSE(t.is_mutable());
  Value s = Value::string("x");
  s.mark_mutable();
  EXPECT_FALSE(s.is_mutable());
  Value m = Value::map();
  m.mark_mutable();
  EXPECT_TRUE(m.is_mutable());
}

TEST(MethodsContainers, ListMutationInPlace) {
  FakeCallContext ctx;
  Value l = mutable_list({Value::integer(3), Value::integer(1)});
  Value alias = l;  // shares the list: sees every change
  EXPECT_TRUE(call(ctx, l, "append", {Value::integer(2)}).is_none());
  EXPECT_EQ(alias.str(), "[3, 1, 2]");
  call(ctx, l, "extend", {Value::string("ab")});
  call(ctx, l, "insert", {Value::integer(-100), Value::integer(0)});
  EXPECT_EQ(alias.str(), "[0, 3, 1, 2, 'a', 'b']");
  EXPECT_EQ(call(ctx, l, "pop").str(), "b");
  EXPECT_EQ(call(ctx, l, "pop", {Value::integer(-1)}).str(), "a");
  EXPECT_TRUE(call(ctx, l, "remove", {Value::integer(3)}).is_none());
  EXPECT_EQ(error_of(ctx, l, "remove", {Value::integer(9)}), "list.remove(x): x not in list");
  EXPECT_EQ(error_of(ctx, l, "pop", {Value::integer(7)}), "pop index out of range");
  call(ctx, l, "sort");
  EXPECT_EQ(alias.str(), "[0, 1, 2]");
  call(ctx, l, "sort", {}, {{"reverse", Value::boolean(true)}});
  EXPECT_EQ(alias.str(), "[2, 1, 0]");
  call(ctx, l, "reverse");
  EXPECT_EQ(alias.str(), "[0, 1, 2]");
  call(ctx, l, "clear");
  EXPECT_EQ(alias.str(), "[]");
  EXPECT_EQ(error_of(ctx, l, "pop"), "pop from empty list");
  // A copy is a new render-local list; the original is untouched by changes to it.
  Value data = Value::list({Value::integer(1)});
  Value copy = call(ctx, data, "copy");
  EXPECT_TRUE(copy.is_mutable());
  call(ctx, copy, "append", {Value::integer(2)});
  EXPECT_EQ(data.str(), "[1]");
  EXPECT_EQ(copy.str(), "[1, 2]");
}

// Only storing a list or map can close a reference cycle: those containers, and only those,
// are handed to the interpreter to be emptied when the render ends.
TEST(MethodsContainers, StoringAContainerMarksAPossibleCycle) {
  FakeCallContext ctx;
  Value l = mutable_list({});
  call(ctx, l, "append", {Value::integer(1)});
  call(ctx, l, "insert", {Value::integer(0), Value::string("a")});
  call(ctx, l, "extend", {Value::string("bc")});
  EXPECT_TRUE(ctx.emptied_at_end.empty());
  call(ctx, l, "append", {l});
  ASSERT_EQ(ctx.emptied_at_end.size(), 1u);
  EXPECT_EQ(&ctx.emptied_at_end[0].as_list(), &l.as_list());
  Value m = call(ctx, Value::map({}), "copy");
  call(ctx, m, "update", {}, {{"k", Value::integer(1)}});
  EXPECT_EQ(ctx.emptied_at_end.size(), 1u);
  call(ctx, m, "setdefault", {Value::string("x"), l});
  ASSERT_EQ(ctx.emptied_at_end.size(), 2u);
  EXPECT_EQ(&ctx.emptied_at_end[1].as_map(), &m.as_map());
  for (Value& v : ctx.emptied_at_end) {  // break the cycle, as the interpreter does
    if (v.is_list()) v.list_mut().clear();
  }
}

TEST(MethodsContainers, ListSelfReferencePrints) {
  FakeCallContext ctx;
  Value l = mutable_list({Value::integer(1)});
  call(ctx, l, "append", {l});
  EXPECT_EQ(l.str(), "[1, [...]]");
  call(ctx, l, "clear");  // breaks the cycle, so the list is freed
  EXPECT_EQ(l.str(), "[]");
}

TEST(MethodsContainers, GrowthIsChargedBeforeItHappens) {
  FakeCallContext ctx;
  ctx.limit_values.max_value_bytes = 1000;
  Value l = mutable_list({Value::integer(1)});
  try {
    for (int i = 0; i < 100; ++i) call(ctx, l, "extend", {l});
    FAIL() << "no limit error";
  } catch (const TemplateError& e) {
    EXPECT_EQ(e.error.kind, ErrorKind::kLimit) << e.error.message;
  }
  EXPECT_LE(l.as_list().size() * sizeof(Value), 1000u);
  EXPECT_GT(ctx.fuel_used, 0u);
}

TEST(MethodsContainers, DictMutationInPlace) {
  FakeCallContext ctx;
  Value d = call(ctx, sample_map(), "copy");
  ASSERT_TRUE(d.is_mutable());
  Value alias = d;
  Map more;
  more.set("c", Value::integer(3));
  more.set("a", Value::integer(10));
  EXPECT_TRUE(call(ctx, d, "update", {Value::map(std::move(more))}, {{"z", Value::none()}}).is_none());
  EXPECT_EQ(alias.str(), "{'a': 10, 'b': ['x'], 'c': 3, 'z': None}");
  EXPECT_EQ(call(ctx, d, "setdefault", {Value::string("a"), Value::integer(0)}).str(), "10");
  EXPECT_EQ(call(ctx, d, "setdefault", {Value::string("n")}).str(), "None");
  EXPECT_EQ(call(ctx, d, "pop", {Value::string("b")}).str(), "['x']");
  EXPECT_EQ(call(ctx, d, "pop", {Value::string("b"), Value::integer(5)}).str(), "5");
  EXPECT_EQ(error_of(ctx, d, "pop", {Value::string("b")}), "'b'");
  EXPECT_EQ(call(ctx, d, "popitem").str(), "('n', None)");
  EXPECT_EQ(alias.str(), "{'a': 10, 'c': 3, 'z': None}");
  call(ctx, d, "clear");
  EXPECT_EQ(alias.str(), "{}");
  EXPECT_EQ(error_of(ctx, d, "popitem"), "'popitem(): dictionary is empty'");
  EXPECT_EQ(error_of(ctx, d, "update", {Value::list({Value::string("abc")})}),
            "dictionary update sequence element #0 has length 3; 2 is required");
}

TEST(MethodsContainers, DictIndexStaysConsistent) {
  FakeCallContext ctx;
  Value d = Value::map();
  d.mark_mutable();
  for (int i = 0; i < 50; ++i) {
    Map one;
    one.set(Value::integer(i), Value::integer(i * 2));
    call(ctx, d, "update", {Value::map(std::move(one))});
  }
  for (int i = 0; i < 50; i += 2) call(ctx, d, "pop", {Value::integer(i)});
  EXPECT_EQ(d.as_map().size(), 25u);
  for (int i = 0; i < 50; ++i) {
    const Value* v = d.as_map().find(Value::integer(i));
    if (i % 2 == 0) {
      EXPECT_EQ(v, nullptr) << i;
    } else {
      ASSERT_NE(v, nullptr) << i;
      EXPECT_EQ(v->as_int(), i * 2);
    }
  }
}

TEST(MethodsContainers, Numbers) {
  FakeCallContext ctx;
  EXPECT_EQ(call(ctx, Value::floating(2.0), "is_integer").str(), "True");
  EXPECT_EQ(call(ctx, Value::floating(2.5), "is_integer").str(), "False");
  EXPECT_EQ(call(ctx, Value::floating(INFINITY), "is_integer").str(), "False");
  EXPECT_EQ(call(ctx, Value::integer(255), "bit_length").str(), "8");
  EXPECT_EQ(call(ctx, Value::integer(-256), "bit_length").str(), "9");
  EXPECT_EQ(call(ctx, Value::integer(0), "bit_length").str(), "0");
  EXPECT_EQ(get_builtin_method(Value::integer(5), "real").str(), "5");
  EXPECT_EQ(get_builtin_method(Value::boolean(true), "real").str(), "1");
  EXPECT_EQ(get_builtin_method(Value::integer(5), "imag").str(), "0");
  EXPECT_EQ(get_builtin_method(Value::floating(1.5), "imag").str(), "0.0");
  EXPECT_EQ(get_builtin_method(Value::integer(5), "denominator").str(), "1");
  EXPECT_TRUE(get_builtin_method(Value::integer(5), "is_integer").is_undefined());  // 3.11
  EXPECT_TRUE(get_builtin_method(Value::floating(1.5), "numerator").is_undefined());
}

}  // namespace
}  // namespace docforge
