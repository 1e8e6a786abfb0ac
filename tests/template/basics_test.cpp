// Basic rendering: text, output, if/for/set, filters. Expected outputs come from python3 jinja2.

#include <gtest/gtest.h>

#include "template/engine_test_util.h"

namespace docforge::testing {
namespace {

TEST(Basics, HelloName) {
  EXPECT_EQ(render("Hello {{ name }}!", R"({"name": "World"})"), "Hello World!");
}

TEST(Basics, Literals) {
  EXPECT_EQ(render("{{ 1 }} {{ 1.5 }} {{ 'a' }} {{ true }} {{ none }} {{ [1, 'a'] }} {{ (1,) }}"),
            "1 1.5 a True None [1, 'a'] (1,)");
  EXPECT_EQ(render("{{ {'a': 1} }}"), "{'a': 1}");
  EXPECT_EQ(render("{{ 1_000 + 0x_ff }} {{ 1_0.5e1_0 }}"), "1255 105000000000.0");
  EXPECT_EQ(render("{{ \"a\\x41\\u00e9\\q\" }}"), "aA\xc3\xa9\\q");
}

TEST(Basics, Arithmetic) {
  EXPECT_EQ(render("{{ 2**3**2 }} {{ -2**2 }} {{ -1|abs }} {{ 2*3**2 }}"), "64 4 1 18");
  EXPECT_EQ(render("{{ 7 // 2 }} {{ 7 % 3 }} {{ 7 / 2 }} {{ 'a' ~ 1 ~ none }}"), "3 1 3.5 a1None");
  EXPECT_EQ(render("{{ 1 < 2 < 3 }} {{ 1 < 3 < 2 }} {{ 'a' in 'abc' }} {{ 2 not in [1] }}"),
            "True False True True");
  EXPECT_EQ(render("{{ 1 if false }}|{{ 1 if true else 2 }}|{{ 0 or 'x' }}|{{ 1 and 2 }}"),
            "|1|x|2");
}

TEST(Basics, IfForSet) {
  EXPECT_EQ(render("{% for x in xs %}{{ x }}{% if not loop.last %},{% endif %}{% endfor %}",
                   R"({"xs": [1, 2, 3]})"),
            "1,2,3");
  EXPECT_EQ(render("{% set a = 1 %}{% if a == 1 %}one{% elif a == 2 %}two{% else %}other{% endif %}"),
            "one");
  EXPECT_EQ(render("{% for x in [] %}x{% else %}empty{% endfor %}"), "empty");
  EXPECT_EQ(render("{% for k, v in d.items() %}{{ k }}={{ v }};{% endfor %}",
                   R"({"d": {"a": 1, "b": 2}})"),
            "a=1;b=2;");
  EXPECT_EQ(render("{% for x in range(10) if x is odd %}{{ x }}{% endfor %}"), "13579");
}

TEST(Basics, Filters) {
  EXPECT_EQ(render("{{ name|upper }} {{ items|length }} {{ '%.2f'|format(3.14159) }}",
                   R"({"name": "ab", "items": [1, 2]})"),
            "AB 2 3.14");
  EXPECT_EQ(render("{{ missing|default('d') }}"), "d");
}

// `{{ x|latex }}` escapes straight into the output for strings; everything else takes the
// filter's general path. Both must print the same.
TEST(Basics, LatexFilterInOutput) {
  const char* ctx = R"({"s": "50% of $x_1 & {y}", "n": 3.5, "l": ["a_b"]})";
  EXPECT_EQ(render("{{ s|latex }}|{{ (s|latex)|string }}", ctx),
                   "50\\% of \\$x\\_1 \\& \\{y\\}|50\\% of \\$x\\_1 \\& \\{y\\}");
  EXPECT_EQ(render("{{ n|latex }} {{ l|latex }} {{ missing|latex }}", ctx), "3.5 ['a\\_b'] ");
  // Markup is not escaped twice; under HTML autoescape the LaTeX result is Markup too.
  EXPECT_EQ(render("{{ ('a_b'|latex)|latex }} {{ ('<i>'|safe)|latex }}", ctx), "a\\_b <i>");
  Options html;
  html.autoescape = AutoescapeMode::kOn;
  EXPECT_EQ(render("{{ '<_>'|latex }}", "", html), "<\\_>");
  EXPECT_EQ(render("{{ s|latex(1) }}", ctx).rfind("ERROR:", 0), 0u);
}

// `{{ x.name }}` and one-operator comparisons read locals and map entries in place (and find a
// key through the node's cached entry index); these are the cases that must fall back.
TEST(Basics, AttributeOfLocalFallbacks) {
  const char* ctx = R"({"rows": [{"a": 1, "abcd": 2, "abcdefgh": 3, "abcdefghijklmnopq": 4},
                                  {"abcd": 5, "abce": 6, "a": 7},
                                  {"items": 8}, [9], "s"]})";
  // Names of every compare width; the second row has the keys in another order (stale index).
  EXPECT_EQ(render("{% for r in rows[:2] %}{{ r.a }} {{ r.abcd }} {{ r.abcdefgh }} "
                   "{{ r.abcdefghijklmnopq }}|{% endfor %}",
                   ctx),
            "1 2 3 4|7 5  |");
  // A dict method name is the method, not the key; a list and a string have no such key.
  EXPECT_EQ(render("{% for r in rows[2:] %}{{ r.items is defined }} {{ r.a }};{% endfor %}", ctx),
            "True ;False ;False ;");
  Options strict;
  strict.undefined = UndefinedPolicy::kStrict;
  std::string missing = render("{% for r in rows[:1] %}{{ r.zz }}{% endfor %}", ctx, strict);
  EXPECT_EQ(missing.rfind("ERROR:", 0), 0u);
  EXPECT_NE(missing.find("zz"), std::string::npos) << missing;
}

// A name set in a loop body starts every iteration with its value outside the loop (resolved
// once per loop run, then copied): from the context, an outer local, or undefined; objects the
// body mutates are shared, not snapshotted.
TEST(Basics, LoopScopeRestartsEachIteration) {
  EXPECT_EQ(render("{% for i in [1,2,3] %}{{ x }}{% set x = i %}{{ x }};{% endfor %}{{ x }}",
                   R"({"x": "c"})"),
            "c1;c2;c3;c");
  EXPECT_EQ(render("{% set y = 5 %}{% for i in [1,2] %}{% for j in [1,2] %}{{ y }}{% set y = j %}"
                   "{{ y }},{% endfor %}{% set y = 0 %};{% endfor %}{{ y }}"),
            "51,52,;51,52,;5");
  EXPECT_EQ(render("{% set ns = namespace(n=0) %}{% set xs = [] %}{% for i in [1,2,3] %}"
                   "{{ ns.n }}{{ xs|length }}{% set ns.n = ns.n + i %}{% set _ = xs.append(i) %}"
                   "{% set ns = 7 %};{% endfor %}{{ ns.n }}"),
            "00;11;32;6");
  EXPECT_EQ(render("{% for i in [1,2] %}[{{ z is defined }}]{% set z = i %}{% endfor %}"),
            "[False][False]");
}

// attribute= on records reads map entries directly (nested parts, keys in other orders, missing
// keys: undefined, or the default).
TEST(Basics, AttributeArguments) {
  const char* ctx = R"({"rs": [{"q": 1, "n": {"v": 2}, "t": true}, {"n": {"v": 3}, "q": 4, "t": false},
                             {"q": 5, "n": {}, "t": true}]})";
  EXPECT_EQ(render("{{ rs|sum(attribute='q') }} {{ rs|map(attribute='n.v')|list }} "
                   "{{ rs|selectattr('t')|sum(attribute='q') }} "
                   "{{ rs|map(attribute='zz', default=0)|list }}",
                   ctx),
            "10 [2, 3, Undefined] 6 [0, 0, 0]");
}

TEST(Basics, IntComparisons) {
  EXPECT_EQ(render("{% for x in [1, 2, 3] %}{{ x == 2 }}{{ x != 2 }}{{ x < 2 }}{{ x <= 2 }}"
                   "{{ x > 2 }}{{ x >= 2 }};{% endfor %}"),
            "FalseTrueTrueTrueFalseFalse;TrueFalseFalseTrueFalseTrue;"
            "FalseTrueFalseFalseTrueTrue;");
  EXPECT_EQ(render("{{ 2 == 2.0 }} {{ 1 == true }} {{ 3 > 2.5 }}"), "True True True");
  EXPECT_EQ(render("{{ 1 in 2 }}").rfind("ERROR:", 0), 0u);
}

}  // namespace
}  // namespace docforge::testing
