// Lexer behaviour (whitespace control, delimiters, line statements) and syntax errors with
// their line and column. Expected outputs come from python3 jinja2 3.1.

#include <gtest/gtest.h>

#include "template/engine_test_util.h"

namespace docforge::testing {
namespace {

Options trim_lstrip() {
  Options o;
  o.trim_blocks = true;
  o.lstrip_blocks = true;
  return o;
}

TEST(Lexer, WhitespaceControl) {
  EXPECT_EQ(render("a  {%- if true -%}  b  {%- endif %}\nc"), "ab\nc");
  EXPECT_EQ(render("a\n  {{- 1 -}}  \nb"), "a1b");
  EXPECT_EQ(render("<{# c #}>{#- c -#} x"), "<>x");
  EXPECT_EQ(render("x\n"), "x");
  Options keep;
  keep.keep_trailing_newline = true;
  EXPECT_EQ(render("x\n", "", keep), "x\n");
  EXPECT_EQ(render("a\r\nb"), "a\nb");
}

TEST(Lexer, TrimAndLstripBlocks) {
  EXPECT_EQ(render("<ul>\n  {% for i in [1,2] %}\n  <li>{{ i }}</li>\n  {% endfor %}\n</ul>", "",
                   trim_lstrip()),
            "<ul>\n  <li>1</li>\n  <li>2</li>\n</ul>");
  EXPECT_EQ(render("  {%+ if true %}x{% endif +%}\ny", "", trim_lstrip()), "  x\ny");
  EXPECT_EQ(render("  {% raw %}\n  {{ x }}\n  {% endraw %}\nafter", "", trim_lstrip()),
            "\n  {{ x }}\nafter");
}

TEST(Lexer, RawAndStrings) {
  EXPECT_EQ(render("{% raw %}{{ x }}{% endraw %}"), "{{ x }}");
  EXPECT_EQ(render("{{ 'a' 'b' }}{{ \"\\t\" == '\\x09' }}{{ '\\u00e9' }}"), "abTrue\xc3\xa9");
  EXPECT_EQ(render("{{ {'a': {'b': 1}}['a']['b'] }}"), "1");
}

TEST(Lexer, LineStatementsAndLatexSyntax) {
  Options o;
  o.syntax.line_statement_prefix = "%%";
  o.syntax.line_comment_prefix = "%#";
  EXPECT_EQ(render("a\n%% for i in [1,2]\n\n\nx{{i}}\n%% endfor\n\nb  %# c\nd", "", o),
            "a\nx1\nx2\nb\nd");
  Options lx;
  lx.syntax = Syntax::latex();
  EXPECT_EQ(render("\\BLOCK{set x = 2}\\VAR{x * 2}\\#{ comment }\n%% if x\nyes\n%% endif", "",
                   lx),
            "4\nyes\n");
}

TEST(Lexer, CustomDelimiters) {
  Options o;
  o.syntax.variable_start = "${";
  o.syntax.variable_end = "}";
  o.syntax.block_start = "<%";
  o.syntax.block_end = "%>";
  EXPECT_EQ(render("<% for i in [1,2] %>${ i }<% endfor %>{{ x }}", "", o), "12{{ x }}");
}

TEST(SyntaxErrors, LineAndColumn) {
  Environment env;
  Error e = render_error(env, "line1\n{{ x \n}", "", "t.txt");
  EXPECT_EQ(e.kind, ErrorKind::kSyntax);
  EXPECT_EQ(e.message, "unexpected '}'");
  EXPECT_EQ(e.line, 3);
  EXPECT_EQ(e.column, 1);
  EXPECT_EQ(e.source_name, "t.txt");

  e = render_error(env, "ok\n\n  {% foo %}");
  EXPECT_EQ(e.message, "Encountered unknown tag 'foo'.");
  EXPECT_EQ(e.line, 3);
  EXPECT_EQ(e.column, 6);

  e = render_error(env, "{% for x in y %}{% break %}{% endfor %}");
  EXPECT_EQ(e.message,
            "Encountered unknown tag 'break'. Jinja was looking for the following tags: "
            "'endfor' or 'else'. The innermost block that needs to be closed is 'for'.");

  e = render_error(env, "{% for x in y %}\n\n");
  EXPECT_EQ(e.message,
            "Unexpected end of template. Jinja was looking for the following tags: "
            "'endfor' or 'else'. The innermost block that needs to be closed is 'for'.");

  e = render_error(env, "{{ x|nofilter }}");
  EXPECT_EQ(e.message, "No filter named 'nofilter'.");

  e = render_error(env, "a\n{{ 1 + }}");
  EXPECT_EQ(e.kind, ErrorKind::kSyntax);
  EXPECT_EQ(e.line, 2);
}

TEST(RuntimeErrors, Located) {
  Environment env;
  Error e = render_error(env, "a\nb {{ 1 // 0 }}", "", "r.txt");
  EXPECT_EQ(e.source_name, "r.txt");
  EXPECT_EQ(e.line, 2);
  EXPECT_GT(e.column, 0);
  EXPECT_EQ(e.source_line, "b {{ 1 // 0 }}");
}

}  // namespace
}  // namespace docforge::testing
