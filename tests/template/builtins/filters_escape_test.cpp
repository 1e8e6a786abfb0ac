// HTML / LaTeX escaping and iterate_value.

#include <string>

#include <gtest/gtest.h>

#include "template/builtins/fake_call_context.h"

namespace docforge {
namespace {

using namespace fake;  // NOLINT: test-local value constructors

std::string Html(std::string_view s) {
  std::string out;
  append_html_escaped(out, s);
  return out;
}

std::string Latex(std::string_view s) {
  std::string out;
  append_latex_escaped(out, s);
  return out;
}

TEST(Escape, HtmlMatchesMarkupsafe) {
  // markupsafe.escape('<a href="x">\'&\'</a>')
  EXPECT_EQ(Html("<a href=\"x\">'&'</a>"), "&lt;a href=&#34;x&#34;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  EXPECT_EQ(Html(""), "");
  EXPECT_EQ(Html("plain h\xc3\xa9llo"), "plain h\xc3\xa9llo");
  EXPECT_EQ(Html("&&"), "&amp;&amp;");
  EXPECT_EQ(Html(std::string("a\0b", 3)), std::string("a\0b", 3));
}

std::string NaiveHtml(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&#34;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

// Every length and position around the 16-byte blocks of the vectorised path.
TEST(Escape, HtmlAllPositions) {
  const char alphabet[] = {'a', '&', '<', '>', '"', '\'', 'z', '\xc3', '\xa9', ' '};
  unsigned seed = 12345;
  for (int len = 0; len < 70; ++len) {
    for (int trial = 0; trial < 20; ++trial) {
      std::string s;
      for (int i = 0; i < len; ++i) {
        seed = seed * 1103515245u + 12345u;
        s.push_back(alphabet[(seed >> 16) % sizeof alphabet]);
      }
      std::string out = "pre";
      append_html_escaped(out, s);
      ASSERT_EQ(out, "pre" + NaiveHtml(s)) << s;
    }
  }
}

// One special byte at every position of plain strings of every length up to a few blocks, and
// none: the boundaries of the short-string and last-block tests.
TEST(Escape, HtmlOneSpecialAnywhere) {
  for (std::size_t len = 0; len < 50; ++len) {
    std::string plain(len, 'x');
    ASSERT_EQ(Html(plain), plain);
    for (std::size_t at = 0; at < len; ++at) {
      for (char c : {'&', '<', '>', '"', '\''}) {
        std::string s = plain;
        s[at] = c;
        ASSERT_EQ(Html(s), NaiveHtml(s)) << len << " " << at;
      }
    }
  }
}

TEST(Escape, HtmlAppends) {
  std::string out = "x";
  append_html_escaped(out, "<");
  append_html_escaped(out, "y");
  EXPECT_EQ(out, "x&lt;y");
}

TEST(Escape, HtmlLargeInput) {
  std::string row = "<td>R&amp;D \"q\" 'x'</td>plain text without specials .......\n";
  std::string big;
  while (big.size() < (1u << 20)) big += row;
  std::string expected_row = Html(row);
  std::string out = Html(big);
  ASSERT_EQ(out.size(), expected_row.size() * (big.size() / row.size()));
  EXPECT_EQ(out.substr(0, expected_row.size()), expected_row);
  EXPECT_EQ(out.substr(out.size() - expected_row.size()), expected_row);
}

TEST(Escape, LatexMapping) {
  EXPECT_EQ(Latex("\\"), "\\textbackslash{}");
  EXPECT_EQ(Latex("{}"), "\\{\\}");
  EXPECT_EQ(Latex("$&#_%"), "\\$\\&\\#\\_\\%");
  EXPECT_EQ(Latex("^~"), "\\textasciicircum{}\\textasciitilde{}");
  EXPECT_EQ(Latex("caf\xc3\xa9 <b> \"q\""), "caf\xc3\xa9 <b> \"q\"");
  EXPECT_EQ(Latex(""), "");
}

std::string NaiveLatex(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '\\': out += "\\textbackslash{}"; break;
      case '^': out += "\\textasciicircum{}"; break;
      case '~': out += "\\textasciitilde{}"; break;
      case '{': case '}': case '$': case '&': case '#': case '_': case '%':
        out += '\\';
        out += c;
        break;
      default: out += c;
    }
  }
  return out;
}

// Every length and position around the 16-byte blocks of the vectorised path.
TEST(Escape, LatexAllPositions) {
  const char alphabet[] = {'a', '\\', '{', '}', '$', '&', '#', '^', '_', '%', '~', 'z', '\xc3', ' '};
  unsigned seed = 777;
  for (int len = 0; len < 70; ++len) {
    for (int trial = 0; trial < 20; ++trial) {
      std::string s;
      for (int i = 0; i < len; ++i) {
        seed = seed * 1103515245u + 12345u;
        // Mostly plain text, as real documents are, so whole blocks are skipped too.
        unsigned r = (seed >> 16) % (3 * sizeof alphabet);
        s.push_back(r < sizeof alphabet ? alphabet[r] : 'p');
      }
      std::string out = "pre";
      append_latex_escaped(out, s);
      ASSERT_EQ(out, "pre" + NaiveLatex(s)) << s;
    }
  }
}

class Pair : public Object {
 public:
  bool iterable() const noexcept override { return true; }
  List to_list() const override { return {Value::integer(1), Value::integer(2)}; }
};

TEST(Iterate, Kinds) {
  FakeCallContext ctx;
  EXPECT_EQ(Value::list(iterate_value(ctx, L({I(1), S("a")}))).repr(), "[1, 'a']");
  EXPECT_EQ(Value::list(iterate_value(ctx, M({{S("b"), I(1)}, {S("a"), I(2)}}))).repr(),
            "['b', 'a']");
  List chars = iterate_value(ctx, S("h\xc3\xa9\xe2\x98\x83!"));
  ASSERT_EQ(chars.size(), 4u);
  EXPECT_EQ(chars[1].str(), "\xc3\xa9");
  EXPECT_EQ(chars[2].str(), "\xe2\x98\x83");
  List safe_chars = iterate_value(ctx, Safe("<"));
  ASSERT_EQ(safe_chars.size(), 1u);
  EXPECT_FALSE(safe_chars[0].is_safe());  // iterating Markup yields plain str
  EXPECT_TRUE(iterate_value(ctx, Und("x")).empty());
  EXPECT_EQ(iterate_value(ctx, Value::object(new Pair())).size(), 2u);
  EXPECT_TRUE(iterate_value(ctx, S("")).empty());
}

TEST(Iterate, Errors) {
  FakeCallContext ctx;
  try {
    iterate_value(ctx, I(5));
    FAIL();
  } catch (const TemplateError& e) {
    EXPECT_EQ(e.error.kind, ErrorKind::kType);
    EXPECT_EQ(e.error.message, "'int' object is not iterable");
  }
  ctx.policy = UndefinedPolicy::kStrict;
  try {
    iterate_value(ctx, Und("x"));
    FAIL();
  } catch (const TemplateError& e) {
    EXPECT_EQ(e.error.kind, ErrorKind::kUndefined);
    EXPECT_EQ(e.error.message, "'x' is undefined");
  }
}

}  // namespace
}  // namespace docforge
