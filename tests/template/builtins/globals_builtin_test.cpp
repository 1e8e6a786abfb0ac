// range, dict, cycler, joiner, namespace and lipsum (add_builtin_globals); expected text from
// Jinja2 3.1 where docforge matches it (see builtin_globals.cpp for the deliberate differences).
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "template/builtins.h"
#include "template/builtins/fake_call_context.h"

namespace docforge {
namespace {

class GlobalsTest : public ::testing::Test {
 protected:
  GlobalsTest() { add_builtin_globals(globals_); }

  Value global(const char* name) {
    const Value* v = globals_.find(name);
    EXPECT_NE(v, nullptr) << name;
    return v != nullptr ? *v : Value();
  }

  Value call(const Value& callee, std::vector<Value> args = {},
             std::vector<std::pair<std::string, Value>> kwargs = {}) {
    CallArgs call_args{std::move(args), std::move(kwargs)};
    return ctx_.call(callee, call_args);
  }

  std::string error_of(const char* name, std::vector<Value> args,
                       std::vector<std::pair<std::string, Value>> kwargs = {}) {
    try {
      call(global(name), std::move(args), std::move(kwargs));
    } catch (const TemplateError& e) {
      return e.error.message;
    }
    return "<no error>";
  }

  Value attr(const Value& obj, const char* name) { return ctx_.get_attr(obj, name); }

  FakeCallContext ctx_;
  Map globals_;
};

Value I(std::int64_t i) { return Value::integer(i); }

// The items of a range(...) result as a list's text.
std::string items_of(const Value& range) {
  EXPECT_TRUE(range.is_object());
  EXPECT_TRUE(range.as_object()->iterable());
  return Value::list(range.as_object()->to_list()).str();
}

TEST_F(GlobalsTest, Range) {
  Value r = call(global("range"), {I(3)});
  EXPECT_EQ(r.str(), "range(0, 3)");
  EXPECT_EQ(items_of(r), "[0, 1, 2]");
  EXPECT_TRUE(r.truthy());
  EXPECT_EQ(call(global("range"), {I(1), I(10), I(3)}).str(), "range(1, 10, 3)");
  EXPECT_EQ(items_of(call(global("range"), {I(1), I(10), I(3)})), "[1, 4, 7]");
  EXPECT_EQ(items_of(call(global("range"), {I(5), I(0), I(-2)})), "[5, 3, 1]");
  EXPECT_EQ(items_of(call(global("range"), {I(0)})), "[]");
  EXPECT_FALSE(call(global("range"), {I(0)}).truthy());
  EXPECT_EQ(items_of(call(global("range"), {I(3), I(1)})), "[]");
  EXPECT_EQ(call(global("range"), {Value::boolean(true)}).str(), "range(0, 1)");
  EXPECT_EQ(call(global("range"), {I(0), I(200000), I(2)}).as_object()->to_list().size(), 100000u);
  EXPECT_TRUE(apply_contains(ctx_, call(global("range"), {I(5)}), I(4)));
  EXPECT_FALSE(apply_contains(ctx_, call(global("range"), {I(5)}), I(5)));
  EXPECT_EQ(error_of("range", {I(1), I(2), I(0)}), "range() arg 3 must not be zero");
  EXPECT_EQ(error_of("range", {Value::string("a")}),
            "'str' object cannot be interpreted as an integer");
  EXPECT_EQ(error_of("range", {Value::floating(1.5)}),
            "'float' object cannot be interpreted as an integer");
  EXPECT_EQ(error_of("range", {}), "range expected at least 1 argument, got 0");
  EXPECT_EQ(error_of("range", {I(1), I(2), I(3), I(4)}),
            "range expected at most 3 arguments, got 4");
}

TEST_F(GlobalsTest, RangeLimitFailsBeforeAllocating) {
  try {
    call(global("range"), {I(INT64_MAX)});
    FAIL() << "no error";
  } catch (const TemplateError& e) {
    EXPECT_EQ(e.error.kind, ErrorKind::kLimit);
    EXPECT_NE(e.error.message.find("range too big"), std::string::npos);
  }
  EXPECT_EQ(ctx_.max_charged, 0u);  // refused before charging or building anything
  ctx_.limit_values.max_range = 10;
  EXPECT_EQ(call(global("range"), {I(10)}).as_object()->to_list().size(), 10u);
  EXPECT_THROW(call(global("range"), {I(11)}), TemplateError);
}

TEST_F(GlobalsTest, Dict) {
  EXPECT_EQ(call(global("dict"), {}, {{"a", I(1)}, {"b", I(2)}}).str(), "{'a': 1, 'b': 2}");
  EXPECT_EQ(call(global("dict")).str(), "{}");
  Value pairs = Value::list({Value::tuple({Value::string("x"), I(1)})});
  EXPECT_EQ(call(global("dict"), {pairs}, {{"y", I(2)}}).str(), "{'x': 1, 'y': 2}");
  EXPECT_EQ(error_of("dict", {I(1)}), "'int' object is not iterable");
}

TEST_F(GlobalsTest, Cycler) {
  Value c = call(global("cycler"), {I(1), I(2), I(3)});
  EXPECT_EQ(attr(c, "current").str(), "1");
  EXPECT_EQ(call(attr(c, "next")).str(), "1");
  EXPECT_EQ(call(attr(c, "next")).str(), "2");
  EXPECT_EQ(attr(c, "current").str(), "3");
  EXPECT_EQ(call(attr(c, "next")).str(), "3");
  EXPECT_EQ(call(attr(c, "next")).str(), "1");
  EXPECT_EQ(call(attr(c, "reset")).str(), "None");
  EXPECT_EQ(attr(c, "current").str(), "1");
  EXPECT_EQ(attr(c, "items").str(), "(1, 2, 3)");
  EXPECT_EQ(error_of("cycler", {}), "at least one item has to be provided");
}

TEST_F(GlobalsTest, Joiner) {
  Value j = call(global("joiner"));
  EXPECT_EQ(call(j).str(), "");
  EXPECT_EQ(call(j).str(), ", ");
  EXPECT_EQ(call(j).str(), ", ");
  Value bar = call(global("joiner"), {Value::string("|")});
  EXPECT_EQ(call(bar).str(), "");
  EXPECT_EQ(call(bar).str(), "|");
  Value kw = call(global("joiner"), {}, {{"sep", Value::string("-")}});
  call(kw);
  EXPECT_EQ(call(kw).str(), "-");
}

TEST_F(GlobalsTest, Namespace) {
  Value ns = call(global("namespace"), {}, {{"a", I(1)}, {"b", Value::string("x")}});
  ASSERT_TRUE(ns.is_object());
  EXPECT_TRUE(ns.as_object()->set_attr("c", Value::list({I(1)})));
  EXPECT_EQ(ns.str(), "<Namespace {'a': 1, 'b': 'x', 'c': [1]}>");
  EXPECT_EQ(attr(ns, "a").str(), "1");
  EXPECT_TRUE(attr(ns, "zzz").is_undefined());
  EXPECT_TRUE(ns.as_object()->set_attr("a", I(5)));
  EXPECT_EQ(ns.str(), "<Namespace {'a': 5, 'b': 'x', 'c': [1]}>");
  EXPECT_EQ(call(global("namespace")).str(), "<Namespace {}>");
  Map init;
  init.set("a", I(1));
  EXPECT_EQ(call(global("namespace"), {Value::map(init)}, {{"b", I(2)}}).str(),
            "<Namespace {'a': 1, 'b': 2}>");
  EXPECT_EQ(error_of("namespace", {I(1)}), "'int' object is not iterable");
}

TEST_F(GlobalsTest, LipsumShapeAndDeterminism) {
  Value html = call(global("lipsum"), {I(2)});
  EXPECT_TRUE(html.is_safe());
  std::string text = html.str();
  EXPECT_EQ(text.rfind("<p>", 0), 0u);
  EXPECT_EQ(text.substr(text.size() - 4), "</p>");
  EXPECT_NE(text.find("</p>\n<p>"), std::string::npos);
  EXPECT_EQ(call(global("lipsum"), {I(2)}).str(), text);  // deterministic

  Value plain = call(global("lipsum"), {I(3)}, {{"html", Value::boolean(false)},
                                                {"min", I(3)}, {"max", I(5)}});
  EXPECT_FALSE(plain.is_safe());
  std::string p = plain.str();
  std::size_t paragraphs = 1;
  for (std::size_t at = p.find("\n\n"); at != std::string::npos; at = p.find("\n\n", at + 2)) {
    ++paragraphs;
  }
  EXPECT_EQ(paragraphs, 3u);
  EXPECT_EQ(p.back(), '.');
  EXPECT_TRUE(p[0] >= 'A' && p[0] <= 'Z');
  EXPECT_EQ(call(global("lipsum"), {I(0)}).str(), "");
  EXPECT_EQ(error_of("lipsum", {I(1), Value::boolean(true), I(5), I(5)}),
            "empty range for randrange() (5, 5, 0)");
  try {
    call(global("lipsum"), {I(1000000000)});
    FAIL() << "no error";
  } catch (const TemplateError& e) {
    EXPECT_EQ(e.error.kind, ErrorKind::kLimit);
  }
}

TEST_F(GlobalsTest, Printing) {
  EXPECT_EQ(global("range").str(), "<class 'range'>");
  EXPECT_EQ(global("joiner").str(), "<class 'jinja2.utils.Joiner'>");
  EXPECT_TRUE(global("range").as_object()->callable());
}

}  // namespace
}  // namespace docforge
