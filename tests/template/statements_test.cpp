// Loops, macros, scoping and undefined policies. Expected outputs come from python3 jinja2 3.1.

#include <chrono>

#include <gtest/gtest.h>

#include "template/engine_test_util.h"

namespace docforge::testing {
namespace {

TEST(Loop, Attributes) {
  EXPECT_EQ(render("{% for i in [1,2,3] %}{{ loop.index }}{{ loop.index0 }}{{ loop.revindex }}"
                   "{{ loop.revindex0 }}{{ loop.first }}{{ loop.last }}{{ loop.length }}|"
                   "{% endfor %}"),
            "1032TrueFalse3|2121FalseFalse3|3210FalseTrue3|");
  EXPECT_EQ(render("{% for i in [1,2,3] %}{{ loop.cycle(\"a\",\"b\") }}"
                   "{{ loop.previtem|default(\"-\") }}{{ loop.nextitem|default(\"-\") }}"
                   "{% endfor %}"),
            "a-2b13a2-");
  EXPECT_EQ(render("{% for i in [1,1,2] %}{% if loop.changed(i) %}{{ i }}{% endif %}{% endfor %}"),
            "12");
}

TEST(Loop, RecursiveAndDepth) {
  EXPECT_EQ(render("{% for x in t recursive %}[{{ x.n }}{{ loop.depth }}{% if x.c %}"
                   "{{ loop(x.c) }}{% endif %}]{% endfor %}",
                   R"({"t": [{"n": 1, "c": [{"n": 2, "c": []}]}, {"n": 3}]})"),
            "[11[22]][31]");
  EXPECT_EQ(render("{% for i in [1,2] %}{% for j in [1,2] %}{{ loop.depth }}{{ i }}{{ j }}"
                   "{% endfor %}{% endfor %}"),
            "111112121122");
}

TEST(Loop, FilterElseAndUnpack) {
  EXPECT_EQ(render("{% for x in range(6) if x is even %}{{ x }}{{ loop.length }}{% endfor %}"),
            "032343");
  EXPECT_EQ(render("{% for a, b in [(1, 2), (3, 4)] %}{{ a + b }}{% endfor %}"), "37");
  EXPECT_EQ(render("{% for x in none_here %}x{% else %}e{% endfor %}"), "e");
}

TEST(Macro, ArgsVarargsKwargs) {
  EXPECT_EQ(render("{% macro m(a, b=2) %}{{ a }}{{ b }}{{ varargs }}{{ kwargs }}{% endmacro %}"
                   "{{ m(1) }}|{{ m(1, 3, 4, x=5) }}"),
            "12(){}|13(4,){'x': 5}");
  EXPECT_EQ(render("{% macro m(a) %}{% endmacro %}{{ m.name }} {{ m.arguments }}"),
            "m ('a',)");
}

TEST(Macro, Caller) {
  EXPECT_EQ(render("{% macro m() %}<{{ caller(1) }}>{% endmacro %}"
                   "{% call(x) m() %}c{{ x }}{% endcall %}"),
            "<c1>");
  EXPECT_EQ(render("{% macro list(items) %}{% for i in items %}{{ caller(i) }}{% endfor %}"
                   "{% endmacro %}{% call(v) list([1, 2]) %}({{ v }}){% endcall %}"),
            "(1)(2)");
}

TEST(Macro, Errors) {
  Environment env;
  Error e = render_error(env, "{% macro m(a) %}{% endmacro %}{{ m(1, 2) }}");
  EXPECT_EQ(e.kind, ErrorKind::kType);
  EXPECT_EQ(e.message, "macro 'm' takes not more than 1 argument(s)");
  e = render_error(env, "{% macro m(a) %}{% endmacro %}{{ m(b=1) }}");
  EXPECT_EQ(e.message, "macro 'm' takes no keyword argument 'b'");
}

TEST(Macro, ClosureSeesLaterTopLevelAssignments) {
  EXPECT_EQ(render("{% macro m() %}{{ x }}{% endmacro %}{% set x = 1 %}{{ m() }}"
                   "{% set x = 2 %}{{ m() }}"),
            "12");
}

TEST(Scoping, Rules) {
  // set inside for does not leak; namespace does.
  EXPECT_EQ(render("{% set x = 1 %}{% for i in [1] %}{% set x = 2 %}{% endfor %}{{ x }}"), "1");
  EXPECT_EQ(render("{% set ns = namespace(c=0) %}{% for i in [1,2] %}"
                   "{% set ns.c = ns.c + i %}{% endfor %}{{ ns.c }}"),
            "3");
  EXPECT_EQ(render("{% with a = 1 %}{{ a }}{% endwith %}[{{ a }}]"), "1[]");
  EXPECT_EQ(render("{% if true %}{% set y = 3 %}{% endif %}{{ y }}"), "3");
  EXPECT_EQ(render("{{ x }}{% set x = 1 %}{{ x }}", R"({"x": 5})"), "51");
  // Each iteration starts from the outer value.
  EXPECT_EQ(render("{% for i in [1,2,3] %}[{{ x }}]{% set x = i %}{% endfor %}{{ x }}",
                   R"({"x": 5})"),
            "[5][5][5]5");
  EXPECT_EQ(render("{% filter upper %}{% set s = 'x' %}{{ s }}{% endfilter %}[{{ s }}]"), "X[]");
  EXPECT_EQ(render("{% set a, b = 1, 2 %}{{ b }}{{ a }}"), "21");
  EXPECT_EQ(render("{% set t %}a{{ 1 }}{% endset %}{{ t }}|{% set u | upper %}b{% endset %}{{ u }}"),
            "a1|B");
}

TEST(Undefined, Lenient) {
  EXPECT_EQ(render("[{{ x }}][{{ x.y|default('d') }}]", R"({"x": {}})"), "[{}][d]");
  Environment env;
  Error e = render_error(env, "{{ x.y.z }}");
  EXPECT_EQ(e.kind, ErrorKind::kUndefined);
  EXPECT_EQ(e.message, "'x' is undefined");
  EXPECT_EQ(render("{% for a in missing %}x{% endfor %}{{ missing is defined }}"), "False");
}

TEST(Undefined, Chainable) {
  Options o;
  o.undefined = UndefinedPolicy::kChainable;
  EXPECT_EQ(render("{{ x.y.z }}|{{ x.y is defined }}|{{ x|default(1) }}", "", o), "|False|1");
}

TEST(Undefined, Strict) {
  Options o;
  o.undefined = UndefinedPolicy::kStrict;
  Environment env(o);
  for (const char* src : {"{{ x }}", "{% for a in x %}{% endfor %}", "{% if x %}{% endif %}",
                          "{{ x == 1 }}", "{{ x + 1 }}"}) {
    Error e = render_error(env, src);
    EXPECT_EQ(e.kind, ErrorKind::kUndefined) << src;
    EXPECT_EQ(e.message, "'x' is undefined") << src;
  }
  EXPECT_EQ(render_with(env, "{{ x is defined }}|{{ x|default(7) }}"), "False|7");
}

TEST(Autoescape, HtmlByName) {
  Environment env;
  EXPECT_EQ(render_with(env, "{{ s }}|{{ s|safe }}", R"({"s": "<a href='x'>&\""})", "p.html"),
            "&lt;a href=&#39;x&#39;&gt;&amp;&#34;|<a href='x'>&\"");
  EXPECT_EQ(render_with(env, "{{ s }}", R"({"s": "<b>"})", "p.html.j2"), "&lt;b&gt;");
  EXPECT_EQ(render_with(env, "{{ s }}", R"({"s": "<b>"})", "p.txt"), "<b>");
  EXPECT_EQ(render_with(env, "{% autoescape true %}{{ s }}{% endautoescape %}{{ s }}",
                        R"({"s": "<b>"})", "p.txt"),
            "&lt;b&gt;<b>");
  // Macro output is Markup: not escaped twice.
  EXPECT_EQ(render_with(env, "{% macro m(x) %}<i>{{ x }}</i>{% endmacro %}{{ m('<') }}", "",
                        "p.html"),
            "<i>&lt;</i>");
}


// In-place mutation: lists/dicts the render created change in place (Jinja2 semantics); data
// passed in, globals and template constants are shared between renders and stay immutable.
TEST(Mutation, DataPassedInIsRefused) {
  Environment env;
  Error e = render_error(env, "{% set _ = xs.append(3) %}", R"({"xs": [1, 2]})");
  EXPECT_EQ(e.kind, ErrorKind::kSecurity) << e.message;
  EXPECT_NE(e.message.find("make a copy first"), std::string::npos) << e.message;
  EXPECT_EQ(e.line, 1);
  e = render_error(env, "x\n{% set _ = d.update(a=1) %}", R"({"d": {}})");
  EXPECT_EQ(e.kind, ErrorKind::kSecurity) << e.message;
  EXPECT_EQ(e.line, 2);
  e = render_error(env, "{% set _ = d.inner.append(1) %}", R"({"d": {"inner": []}})");
  EXPECT_EQ(e.kind, ErrorKind::kSecurity) << e.message;
  // A copy is the render's own.
  EXPECT_EQ(render_with(env, "{% set ys = xs|list %}{% set _ = ys.append(3) %}{{ ys }} {{ xs }}",
                        R"({"xs": [1, 2]})"),
            "[1, 2, 3] [1, 2]");
}

TEST(Mutation, GlobalsAreRefused) {
  Environment env;
  env.add_global("shared", Value::list({Value::integer(1)}));
  Error e = render_error(env, "{% set _ = shared.append(2) %}");
  EXPECT_EQ(e.kind, ErrorKind::kSecurity) << e.message;
  EXPECT_EQ(render_with(env, "{{ shared }}"), "[1]");
}

TEST(Mutation, LiteralsAreFreshPerRender) {
  Environment env;
  auto t = env.from_string("{% set xs = [] %}{% set _ = xs.append(1) %}{{ xs }}", "t.txt");
  ASSERT_TRUE(t.ok());
  for (int i = 0; i < 3; ++i) {
    auto r = (*t)->render(Value::map());
    ASSERT_TRUE(r.ok()) << r.error().format();
    EXPECT_EQ(r.value(), "[1]");
  }
}

TEST(Mutation, LoopOverListMutatedInBody) {
  // The loop walks the items the list had when it started; the appends still land.
  EXPECT_EQ(render("{% set xs = [1, 2] %}{% for x in xs %}{% set _ = xs.append(x) %}"
                   "{{ loop.length }}{% endfor %} {{ xs }}"),
            "22 [1, 2, 1, 2]");
  EXPECT_EQ(render("{% set d = {'a': [1]} %}{{ d.a[d.update(a=[]) or 0] }} {{ d }}"),
            "1 {'a': []}");
}

TEST(Mutation, RunawayGrowthHitsALimit) {
  auto start = std::chrono::steady_clock::now();
  Environment env;
  Error e = render_error(env, "{% set xs = [1] %}{% for i in range(100000) %}"
                              "{% set _ = xs.extend(xs) %}{% endfor %}");
  EXPECT_EQ(e.kind, ErrorKind::kLimit) << e.message;
  e = render_error(env, "{% set d = {} %}{% for i in range(10**9) %}"
                        "{% set _ = d.setdefault(i, i) %}{% endfor %}");
  EXPECT_EQ(e.kind, ErrorKind::kLimit) << e.message;
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(20));
}

}  // namespace
}  // namespace docforge::testing
