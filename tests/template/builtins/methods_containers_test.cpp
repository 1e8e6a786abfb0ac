// dict, list and tuple methods through get_builtin_method; expected text from python3 / Jinja2
// ("{{ d.items() }}" prints "dict_items([('a', 1)])").
#include <gtest/gtest.h>

#include <cmath>
#include <string>
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

TEST(MethodsContainers, MutatingMethodsAreRefused) {
  FakeCallContext ctx;
  for (const char* name : {"append", "extend", "insert", "pop", "remove", "clear", "sort", "reverse"}) {
    try {
      call(ctx, Value::list({Value::integer(1)}), name, {Value::integer(2)});
      FAIL() << name;
    } catch (const TemplateError& e) {
      EXPECT_EQ(e.error.kind, ErrorKind::kSecurity) << name;
      EXPECT_NE(e.error.message.find("is not allowed"), std::string::npos) << name;
    }
  }
  for (const char* name : {"pop", "popitem", "setdefault", "update", "clear"}) {
    try {
      call(ctx, sample_map(), name);
      FAIL() << name;
    } catch (const TemplateError& e) {
      EXPECT_EQ(e.error.kind, ErrorKind::kSecurity) << name;
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
