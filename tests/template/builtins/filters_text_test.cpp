// String filters against python3 jinja2 3.1 (expected strings were produced by rendering
// `{{ v|filter(*a, **k) }}` with jinja2; "ERR" marks calls jinja2 rejects).

#include <cmath>

#include <gtest/gtest.h>

#include "template/builtins/fake_call_context.h"

namespace docforge {
namespace {

using namespace fake;  // NOLINT: test-local value constructors

TEST(FiltersText, MatchJinja2) {
  EXPECT_EQ(RunF("upper", S("hello w\303\266rld"), {}, {}, 0), "HELLO W\303\226RLD");
  EXPECT_EQ(RunF("upper", Safe("<b>x</b>"), {}, {}, kAe), "<B>X</B>");
  EXPECT_EQ(RunF("upper", I(42LL), {}, {}, 0), "42");
  EXPECT_EQ(RunF("upper", Und("x"), {}, {}, 0), "");
  EXPECT_EQ(RunF("upper", Und("x"), {}, {}, kStrict), "ERR undefined");
  EXPECT_EQ(RunF("upper", S("stra\303\237e"), {}, {}, 0), "STRASSE");
  EXPECT_EQ(RunF("lower", S("HeLLo \303\204\303\226\303\234"), {}, {}, 0), "hello \303\244\303\266\303\274");
  EXPECT_EQ(RunF("lower", N(), {}, {}, 0), "none");
  EXPECT_EQ(RunF("capitalize", S("hello WORLD"), {}, {}, 0), "Hello world");
  EXPECT_EQ(RunF("capitalize", S(""), {}, {}, 0), "");
  EXPECT_EQ(RunF("capitalize", S("\303\251lan VITAL"), {}, {}, 0), "\303\211lan vital");
  EXPECT_EQ(RunF("title", S("hello world-wide (web) [x] <y> {z}"), {}, {}, 0), "Hello World-Wide (Web) [X] <Y> {Z}");
  EXPECT_EQ(RunF("title", S("it's a dog's life"), {}, {}, 0), "It's A Dog's Life");
  EXPECT_EQ(RunF("title", S("HELLO\tWORLD"), {}, {}, 0), "Hello\tWorld");
  EXPECT_EQ(RunF("center", S("abc"), {I(9LL)}, {}, 0), "   abc   ");
  EXPECT_EQ(RunF("center", S("abc"), {I(8LL)}, {}, 0), "  abc   ");
  EXPECT_EQ(RunF("center", S("abcd"), {I(9LL)}, {}, 0), "   abcd  ");
  EXPECT_EQ(RunF("center", S("ab"), {I(7LL)}, {}, 0), "   ab  ");
  EXPECT_EQ(RunF("center", S("abc"), {I(2LL)}, {}, 0), "abc");
  EXPECT_EQ(RunF("center", S("abc"), {}, {}, 0), "                                      abc                                       ");
  EXPECT_EQ(RunF("center", S("<a>"), {I(7LL)}, {}, kAe), "  &lt;a&gt;  ");
  EXPECT_EQ(RunF("center", Safe("<a>"), {I(7LL)}, {}, kAe), "  <a>  ");
  EXPECT_EQ(RunF("center", S("x"), {}, {{"width", I(5LL)}}, 0), "  x  ");
  EXPECT_EQ(RunF("trim", S("  hi  "), {}, {}, 0), "hi");
  EXPECT_EQ(RunF("trim", S("xxhixx"), {S("x")}, {}, 0), "hi");
  EXPECT_EQ(RunF("trim", S("\343\200\200hi\n\t"), {}, {}, 0), "hi");
  EXPECT_EQ(RunF("trim", S("abcba"), {S("ab")}, {}, 0), "c");
  EXPECT_EQ(RunF("trim", S(" x "), {}, {{"chars", N()}}, 0), "x");
  EXPECT_EQ(RunF("replace", S("Hello World"), {S("World"), S("There")}, {}, 0), "Hello There");
  EXPECT_EQ(RunF("replace", S("aaaa"), {S("a"), S("b"), I(2LL)}, {}, 0), "bbaa");
  EXPECT_EQ(RunF("replace", S("abc"), {S(""), S("-")}, {}, 0), "-a-b-c-");
  EXPECT_EQ(RunF("replace", S("abc"), {S(""), S("-"), I(2LL)}, {}, 0), "-a-bc");
  EXPECT_EQ(RunF("replace", S("<a>"), {S("a"), S("<b>")}, {}, kAe), "&lt;&lt;b&gt;&gt;");
  EXPECT_EQ(RunF("replace", S("<a>"), {S("a"), Safe("<b>")}, {}, kAe), "&lt;<b>&gt;");
  EXPECT_EQ(RunF("replace", Safe("<a>"), {S("a"), S("<b>")}, {}, kAe), "<&lt;b&gt;>");
  EXPECT_EQ(RunF("replace", S("<a>"), {S("a"), S("<b>")}, {}, 0), "<<b>>");
  EXPECT_EQ(RunF("replace", S("aaa"), {S("a"), S("b")}, {{"count", I(1LL)}}, 0), "baa");
  EXPECT_EQ(RunF("replace", I(123LL), {I(2LL), I(5LL)}, {}, 0), "153");
  EXPECT_EQ(RunF("truncate", S("foo bar baz qux"), {I(9LL)}, {}, 0), "foo...");
  EXPECT_EQ(RunF("truncate", S("foo bar baz qux"), {I(9LL), B(true)}, {}, 0), "foo ba...");
  EXPECT_EQ(RunF("truncate", S("foo bar baz qux"), {I(9LL)}, {{"leeway", I(0LL)}}, 0), "foo...");
  EXPECT_EQ(RunF("truncate", S("foo bar baz qux"), {I(11LL), B(false), S("\342\200\246"), I(0LL)}, {}, 0), "foo bar\342\200\246");
  EXPECT_EQ(RunF("truncate", S("short"), {}, {}, 0), "short");
  EXPECT_EQ(RunF("truncate", S("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"), {}, {}, 0), "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...");
  EXPECT_EQ(RunF("truncate", S("abcdefghij"), {I(5LL)}, {{"leeway", I(0LL)}, {"end", S("!")}}, 0), "abcd!");
  EXPECT_EQ(RunF("truncate", S("abc"), {I(2LL)}, {}, 0), "ERR");
  EXPECT_EQ(RunF("truncate", S("abc"), {I(5LL)}, {{"leeway", I(-1LL)}}, 0), "ERR");
  EXPECT_EQ(RunF("truncate", S("foo bar baz"), {I(8LL)}, {{"leeway", I(0LL)}}, 0), "foo...");
  EXPECT_EQ(RunF("truncate", S("foobarbaz qux"), {I(8LL)}, {{"leeway", I(0LL)}}, 0), "fooba...");
  EXPECT_EQ(RunF("truncate", Safe("<b>hello world</b> and more"), {I(10LL)}, {{"leeway", I(0LL)}}, kAe), "<b>hell...");
  EXPECT_EQ(RunF("wordcount", S("Hello world, this is... a test_x 42"), {}, {}, 0), "7");
  EXPECT_EQ(RunF("wordcount", S(""), {}, {}, 0), "0");
  EXPECT_EQ(RunF("wordcount", S("h\303\251llo w\303\266rld"), {}, {}, 0), "2");
  EXPECT_EQ(RunF("wordwrap", S("The quick brown fox jumps over the lazy dog"), {I(10LL)}, {}, 0), "The quick\nbrown fox\njumps over\nthe lazy\ndog");
  EXPECT_EQ(RunF("wordwrap", S("The quick brown fox"), {I(5LL)}, {}, 0), "The\nquick\nbrown\nfox");
  EXPECT_EQ(RunF("wordwrap", S("supercalifragilistic word"), {I(5LL)}, {}, 0), "super\ncalif\nragil\nistic\nword");
  EXPECT_EQ(RunF("wordwrap", S("supercalifragilistic word"), {I(5LL), B(false)}, {}, 0), "supercalifragilistic\nword");
  EXPECT_EQ(RunF("wordwrap", S("a b c\n\nd e f"), {I(3LL)}, {}, 0), "a b\nc\n\nd e\nf");
  EXPECT_EQ(RunF("wordwrap", S("well-known long-winded text-book example"), {I(12LL)}, {}, 0), "well-known\nlong-winded\ntext-book\nexample");
  EXPECT_EQ(RunF("wordwrap", S("well-known long-winded text-book example"), {I(12LL)}, {{"break_on_hyphens", B(false)}}, 0), "well-known\nlong-winded\ntext-book\nexample");
  EXPECT_EQ(RunF("wordwrap", S("one two three"), {I(7LL)}, {{"wrapstring", S("<br>")}}, 0), "one two<br>three");
  EXPECT_EQ(RunF("wordwrap", S("  leading spaces here  and   there  "), {I(8LL)}, {}, 0), "leading\nspaces\nhere\nand\nthere");
  EXPECT_EQ(RunF("wordwrap", S("aaaa-bbbb-cccc-dddd"), {I(7LL)}, {}, 0), "aaaa-\nbbbb-\ncccc-\ndddd");
  EXPECT_EQ(RunF("wordwrap", S("x"), {I(0LL)}, {}, 0), "ERR");
  EXPECT_EQ(RunF("wordwrap", S(""), {I(0LL)}, {}, 0), "");
  EXPECT_EQ(RunF("wordwrap", S("tab\tsep\ttext"), {I(6LL)}, {}, 0), "tab\nsep\ntext");
  EXPECT_EQ(RunF("indent", S("a\nb\n\nc"), {}, {}, 0), "a\n    b\n\n    c");
  EXPECT_EQ(RunF("indent", S("a\nb\n\nc"), {I(2LL), B(true)}, {}, 0), "  a\n  b\n\n  c");
  EXPECT_EQ(RunF("indent", S("a\nb\n\nc"), {I(2LL), B(false), B(true)}, {}, 0), "a\n  b\n  \n  c");
  EXPECT_EQ(RunF("indent", S("a\nb"), {S("> ")}, {}, 0), "a\n> b");
  EXPECT_EQ(RunF("indent", S("a\015\nb\n"), {I(1LL)}, {}, 0), "a\n b\n");
  EXPECT_EQ(RunF("indent", S("single"), {}, {}, 0), "single");
  EXPECT_EQ(RunF("indent", S("a\nb"), {}, {{"first", B(true)}, {"width", S("--")}}, 0), "--a\n--b");
  EXPECT_EQ(RunF("indent", Safe("<a>\n<b>"), {I(2LL)}, {}, kAe), "<a>\n  <b>");
  EXPECT_EQ(RunF("striptags", S("<p>Hello <b>World</b></p>  &amp; more\n\n<!-- c -->x"), {}, {}, 0), "Hello World & more x");
  EXPECT_EQ(RunF("striptags", S("a < b and c > d"), {}, {}, 0), "a d");
  EXPECT_EQ(RunF("striptags", S("<!-->x<!-- y -->z"), {}, {}, 0), "xz");
  EXPECT_EQ(RunF("striptags", S("&lt;tag&gt; &#65;&#x42; &copy; &nbsp;x"), {}, {}, 0), "<tag> AB \302\251 \302\240x");
  EXPECT_EQ(RunF("striptags", S("a<!-<!-- -->-- z -->b"), {}, {}, 0), "ab");
  EXPECT_EQ(RunF("striptags", S("no tags"), {}, {}, 0), "no tags");
  EXPECT_EQ(RunF("striptags", S("x <unclosed"), {}, {}, 0), "x <unclosed");
  EXPECT_EQ(RunF("striptags", Safe("<i>a&amp;b</i>"), {}, {}, kAe), "a&amp;b");
  EXPECT_EQ(RunF("string", I(12LL), {}, {}, 0), "12");
  EXPECT_EQ(RunF("string", Safe("<a>"), {}, {}, kAe), "<a>");
  EXPECT_EQ(RunF("string", L({I(1LL), S("a")}), {}, {}, 0), "[1, 'a']");
  EXPECT_EQ(RunF("string", N(), {}, {}, 0), "None");
  EXPECT_EQ(RunF("escape", S("<a href=\"x\">'&'</a>"), {}, {}, 0), "&lt;a href=&#34;x&#34;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  EXPECT_EQ(RunF("e", Safe("<b>"), {}, {}, kAe), "<b>");
  EXPECT_EQ(RunF("escape", I(5LL), {}, {}, 0), "5");
  EXPECT_EQ(RunF("forceescape", Safe("<b>"), {}, {}, kAe), "&lt;b&gt;");
  EXPECT_EQ(RunF("forceescape", S("<b>"), {}, {}, 0), "&lt;b&gt;");
  EXPECT_EQ(RunF("safe", S("<b>"), {}, {}, 0), "<b>");
  EXPECT_EQ(RunF("safe", S("<b>"), {}, {}, kAe), "<b>");
  EXPECT_EQ(RunF("safe", I(3LL), {}, {}, kAe), "3");
  EXPECT_EQ(RunF("format", S("%s-%d"), {S("a"), I(3LL)}, {}, 0), "a-3");
  EXPECT_EQ(RunF("format", S("%(x)s!"), {}, {{"x", S("hi")}}, 0), "hi!");
  EXPECT_EQ(RunF("format", S("%.2f"), {D(3.14159)}, {}, 0), "3.14");
  EXPECT_EQ(RunF("format", S("%s"), {L({I(1LL), I(2LL)})}, {}, 0), "[1, 2]");
  EXPECT_EQ(RunF("format", Safe("<%s>"), {S("&")}, {}, kAe), "<&amp;>");
  EXPECT_EQ(RunF("format", S("%s %s"), {S("a")}, {}, 0), "ERR");
}

// Random texts (words, hyphens, em-dashes, tabs, newlines) wrapped by python3's textwrap.
TEST(FiltersText, WordwrapMatchesTextwrap) {
  EXPECT_EQ(RunF("wordwrap", S("hyphen-ated\nbb   y--bb-"), {I(4LL)}, {{"break_long_words", B(true)}, {"break_on_hyphens", B(true)}}, 0), "hyph\nen-\nated\nbb\ny--\nbb-");
  EXPECT_EQ(RunF("wordwrap", S("\303\200\303\211 --  \nbb-dddd bb-"), {I(10LL)}, {{"break_long_words", B(false)}, {"break_on_hyphens", B(true)}}, 0), "\303\200\303\211 --\nbb-dddd\nbb-");
  EXPECT_EQ(RunF("wordwrap", S("bb-hyphen-ated  \303\200\303\211 "), {I(9LL)}, {{"break_long_words", B(true)}, {"break_on_hyphens", B(false)}}, 0), "bb-hyphen\n-ated  \303\200\303\211");
  EXPECT_EQ(RunF("wordwrap", S("long-winded-word xxxxxxxxxxxx  dddd-ccc-bb-xxxxxxxxxxxx\n \n-x\n"), {I(10LL)}, {{"break_long_words", B(false)}, {"break_on_hyphens", B(false)}}, 0), "long-winded-word\nxxxxxxxxxxxx\ndddd-ccc-bb-xxxxxxxxxxxx\n\n-x");
  EXPECT_EQ(RunF("wordwrap", S("-- -- ab-cd-ef-    "), {I(12LL)}, {{"break_long_words", B(false)}, {"break_on_hyphens", B(false)}}, 0), "-- --\nab-cd-ef-");
  EXPECT_EQ(RunF("wordwrap", S("ccc \t\nlong-winded-word  hyphen-ated\n\303\200\303\211 ccc--x  y--  -"), {I(13LL)}, {{"break_long_words", B(false)}, {"break_on_hyphens", B(true)}}, 0), "ccc\nlong-winded-\nword  hyphen-\nated\n\303\200\303\211 ccc--x\ny--  -");
  EXPECT_EQ(RunF("wordwrap", S("a-b\n"), {I(12LL)}, {{"break_long_words", B(true)}, {"break_on_hyphens", B(true)}}, 0), "a-b");
  EXPECT_EQ(RunF("wordwrap", S("ab-cd-ef tab\there  \303\251 y- tab\there  long-winded-word-dddd\nbb ab-cd-ef --\n\303\251\n"), {I(2LL)}, {{"break_long_words", B(true)}, {"break_on_hyphens", B(false)}}, 0), "ab\n-c\nd-\nef\nta\nb\t\nhe\nre\n\303\251\ny-\nta\nb\t\nhe\nre\nlo\nng\n-w\nin\nde\nd-\nwo\nrd\n-d\ndd\nd\nbb\nab\n-c\nd-\nef\n--\n\303\251");
  EXPECT_EQ(RunF("wordwrap", S("   hyphen-ated\n   \303\200\303\211  \303\251 hyphen-ated "), {I(3LL)}, {{"break_long_words", B(true)}, {"break_on_hyphens", B(true)}}, 0), "   \nhyp\nhen\n-at\ned\n\303\200\303\211\n\303\251 h\nyph\nen-\nate\nd");
  EXPECT_EQ(RunF("wordwrap", S("--   -long-winded-word  ab-cd-ef hyphen-ated\n   -x \t-bb\n \n"), {I(7LL)}, {{"break_long_words", B(false)}, {"break_on_hyphens", B(false)}}, 0), "--\n-long-winded-word\nab-cd-ef\nhyphen-ated\n   -x\n-bb\n");
  EXPECT_EQ(RunF("wordwrap", S("   "), {I(7LL)}, {{"break_long_words", B(true)}, {"break_on_hyphens", B(true)}}, 0), "");
  EXPECT_EQ(RunF("wordwrap", S("xxxxxxxxxxxx\n"), {I(3LL)}, {{"break_long_words", B(true)}, {"break_on_hyphens", B(false)}}, 0), "xxx\nxxx\nxxx\nxxx");
  EXPECT_EQ(RunF("wordwrap", S("bb a-hyphen-ated-dddd  a xxxxxxxxxxxx-\303\251 a-b  y-\n"), {I(2LL)}, {{"break_long_words", B(true)}, {"break_on_hyphens", B(false)}}, 0), "bb\na-\nhy\nph\nen\n-a\nte\nd-\ndd\ndd\na \nxx\nxx\nxx\nxx\nxx\nxx\n-\303\251\na-\nb\ny-");
  EXPECT_EQ(RunF("wordwrap", S("  \nab-cd-ef hyphen-ated -x a-b\nlong-winded-word-a "), {I(9LL)}, {{"break_long_words", B(false)}, {"break_on_hyphens", B(true)}}, 0), "\nab-cd-ef\nhyphen-\nated -x\na-b\nlong-\nwinded-\nword-a");
  EXPECT_EQ(RunF("wordwrap", S("  \t  ccc a-b-y- y-  -\t  ---xxxxxxxxxxxx \303\251 "), {I(13LL)}, {{"break_long_words", B(true)}, {"break_on_hyphens", B(true)}}, 0), "  \t  ccc\na-b-y- y-  -\n---xxxxxxxxxx\nxx \303\251");
  EXPECT_EQ(RunF("wordwrap", S("    a a-b\na-b y-\ny-  ccc dddd "), {I(8LL)}, {{"break_long_words", B(true)}, {"break_on_hyphens", B(false)}}, 0), "    a\na-b\na-b y-\ny-  ccc\ndddd");
  EXPECT_EQ(RunF("wordwrap", S("  -a\ny- "), {I(2LL)}, {{"break_long_words", B(true)}, {"break_on_hyphens", B(false)}}, 0), "-a\ny-");
  EXPECT_EQ(RunF("wordwrap", S("xxxxxxxxxxxx\nlong-winded-word\n-x \303\251\n\303\251 ccc long-winded-word hyphen-ated hyphen-ated-tab\there hyphen-ated-   "), {I(15LL)}, {{"break_long_words", B(false)}, {"break_on_hyphens", B(true)}}, 0), "xxxxxxxxxxxx\nlong-winded-\nword\n-x \303\251\n\303\251 ccc long-\nwinded-word\nhyphen-ated\nhyphen-ated-tab\nhere hyphen-\nated-");
  EXPECT_EQ(RunF("wordwrap", S("  a dddd-hyphen-ated\nxxxxxxxxxxxx a  xxxxxxxxxxxx  \t "), {I(13LL)}, {{"break_long_words", B(false)}, {"break_on_hyphens", B(false)}}, 0), "  a\ndddd-hyphen-ated\nxxxxxxxxxxxx\na\nxxxxxxxxxxxx");
  EXPECT_EQ(RunF("wordwrap", S("\303\200\303\211 bb y-\n\t\n\t   \t-a\n"), {I(13LL)}, {{"break_long_words", B(true)}, {"break_on_hyphens", B(true)}}, 0), "\303\200\303\211 bb y-\n\n\t   \t-a");
  EXPECT_EQ(RunF("wordwrap", S("hyphen-ated hyphen-ated\ndddd-bb  \t- \ndddd-bb xxxxxxxxxxxx  bb \t\n  "), {I(13LL)}, {{"break_long_words", B(true)}, {"break_on_hyphens", B(false)}}, 0), "hyphen-ated\nhyphen-ated\ndddd-bb  \t-\ndddd-bb\nxxxxxxxxxxxx\nbb\n");
  EXPECT_EQ(RunF("wordwrap", S("\t-\t a-b\n\t-  -"), {I(4LL)}, {{"break_long_words", B(false)}, {"break_on_hyphens", B(true)}}, 0), "\t-\na-b\n\t-\n-");
  EXPECT_EQ(RunF("wordwrap", S("hyphen-ated\ndddd\ntab\there  ccc --\nccc ab-cd-ef "), {I(15LL)}, {{"break_long_words", B(true)}, {"break_on_hyphens", B(false)}}, 0), "hyphen-ated\ndddd\ntab\there  ccc\n--\nccc ab-cd-ef");
  EXPECT_EQ(RunF("wordwrap", S("a-b tab\there "), {I(12LL)}, {{"break_long_words", B(true)}, {"break_on_hyphens", B(false)}}, 0), "a-b tab\there");
  EXPECT_EQ(RunF("wordwrap", S("long-winded-word -- \303\200\303\211-\303\251  \303\200\303\211 y-  ccc "), {I(6LL)}, {{"break_long_words", B(true)}, {"break_on_hyphens", B(false)}}, 0), "long-w\ninded-\nword\n--\n\303\200\303\211-\303\251\n\303\200\303\211 y-\nccc");
  EXPECT_EQ(RunF("wordwrap", S("tab\there\na\n-x-ab-cd-ef-ccc -- ccc  a-b "), {I(15LL)}, {{"break_long_words", B(true)}, {"break_on_hyphens", B(false)}}, 0), "tab\there\na\n-x-ab-cd-ef-ccc\n-- ccc  a-b");
  EXPECT_EQ(RunF("wordwrap", S("hyphen-ated\na-b\nhyphen-ated-\t-   -x a-b long-winded-word\nccc  a ccc  ccc-"), {I(14LL)}, {{"break_long_words", B(true)}, {"break_on_hyphens", B(true)}}, 0), "hyphen-ated\na-b\nhyphen-ated-\t-\n-x a-b long-\nwinded-word\nccc  a ccc\nccc-");
  EXPECT_EQ(RunF("wordwrap", S("dddd\na   \na-b-"), {I(3LL)}, {{"break_long_words", B(true)}, {"break_on_hyphens", B(true)}}, 0), "ddd\nd\na\na-\nb-");
  EXPECT_EQ(RunF("wordwrap", S("long-winded-word  "), {I(1LL)}, {{"break_long_words", B(true)}, {"break_on_hyphens", B(true)}}, 0), "l\no\nn\ng\n-\nw\ni\nn\nd\ne\nd\n-\nw\no\nr\nd");
  EXPECT_EQ(RunF("wordwrap", S("ab-cd-ef-xxxxxxxxxxxx  tab\there-long-winded-word  "), {I(6LL)}, {{"break_long_words", B(true)}, {"break_on_hyphens", B(false)}}, 0), "ab-cd-\nef-xxx\nxxxxxx\nxxx\ntab\the\nre-lon\ng-wind\ned-wor\nd");
  EXPECT_EQ(RunF("wordwrap", S(""), {I(1LL)}, {{"break_long_words", B(true)}, {"break_on_hyphens", B(true)}}, 0), "");
  EXPECT_EQ(RunF("wordwrap", S("   tab\there \303\200\303\211   -\303\251-ab-cd-ef xxxxxxxxxxxx -x "), {I(14LL)}, {{"break_long_words", B(true)}, {"break_on_hyphens", B(false)}}, 0), "   tab\there \303\200\303\211\n-\303\251-ab-cd-ef\nxxxxxxxxxxxx\n-x");
  EXPECT_EQ(RunF("wordwrap", S("bb a a-b\nlong-winded-word ccc "), {I(14LL)}, {{"break_long_words", B(false)}, {"break_on_hyphens", B(false)}}, 0), "bb a a-b\nlong-winded-word\nccc");
  EXPECT_EQ(RunF("wordwrap", S("-- ab-cd-ef tab\there long-winded-word  tab\there a-b  -x--x bb  "), {I(4LL)}, {{"break_long_words", B(false)}, {"break_on_hyphens", B(true)}}, 0), "--\nab-\ncd-\nef\ntab\nhere\nlong-\nwinded-\nword\ntab\nhere\na-b\n-x--\nx bb");
  EXPECT_EQ(RunF("wordwrap", S(""), {I(6LL)}, {{"break_long_words", B(false)}, {"break_on_hyphens", B(true)}}, 0), "");
  EXPECT_EQ(RunF("wordwrap", S("a-b-xxxxxxxxxxxx \t ccc  ccc \303\251-bb\n"), {I(1LL)}, {{"break_long_words", B(false)}, {"break_on_hyphens", B(false)}}, 0), "a-b-xxxxxxxxxxxx\nccc\nccc\n\303\251-bb");
  EXPECT_EQ(RunF("wordwrap", S("-- \t \303\251     ab-cd-ef hyphen-ated \t \303\200\303\211 \t \t-"), {I(10LL)}, {{"break_long_words", B(true)}, {"break_on_hyphens", B(true)}}, 0), "-- \t \303\251\nab-cd-ef\nhyphen-\nated \t \303\200\303\211\n-");
  EXPECT_EQ(RunF("wordwrap", S("a "), {I(3LL)}, {{"break_long_words", B(false)}, {"break_on_hyphens", B(true)}}, 0), "a");
  EXPECT_EQ(RunF("wordwrap", S("tab\there-bb a   --\na-b "), {I(8LL)}, {{"break_long_words", B(true)}, {"break_on_hyphens", B(true)}}, 0), "tab\nhere-bb\na   --\na-b");
  EXPECT_EQ(RunF("wordwrap", S("\t     ccc  -- xxxxxxxxxxxx tab\there\n\303\251    ab-cd-ef xxxxxxxxxxxx "), {I(10LL)}, {{"break_long_words", B(true)}, {"break_on_hyphens", B(false)}}, 0), "\t     ccc\n-- xxxxxxx\nxxxxx tab\nhere\n\303\251\nab-cd-ef x\nxxxxxxxxxx\nx");
  EXPECT_EQ(RunF("wordwrap", S("ab-cd-ef-hyphen-ated        "), {I(11LL)}, {{"break_long_words", B(true)}, {"break_on_hyphens", B(true)}}, 0), "ab-cd-ef-\nhyphen-ated");
  EXPECT_EQ(RunF("wordwrap", S("    \t  tab\there\ntab\there   ab-cd-ef    ab-cd-ef\nccc-tab\there  "), {I(7LL)}, {{"break_long_words", B(true)}, {"break_on_hyphens", B(true)}}, 0), "tab\nhere\ntab\nhere\nab-cd-\nef\nab-cd-\nef\nccc-tab\nhere");
  EXPECT_EQ(RunF("wordwrap", S("ccc "), {I(12LL)}, {{"break_long_words", B(false)}, {"break_on_hyphens", B(false)}}, 0), "ccc");
  EXPECT_EQ(RunF("wordwrap", S("\t  dddd "), {I(6LL)}, {{"break_long_words", B(true)}, {"break_on_hyphens", B(false)}}, 0), "dddd");
  EXPECT_EQ(RunF("wordwrap", S("\303\251 long-winded-word    tab\there\nab-cd-ef hyphen-ated\ny-\n"), {I(6LL)}, {{"break_long_words", B(true)}, {"break_on_hyphens", B(false)}}, 0), "\303\251 long\n-winde\nd-word\ntab\nhere\nab-cd-\nef hyp\nhen-at\ned\ny-");
  EXPECT_EQ(RunF("wordwrap", S(""), {I(6LL)}, {{"break_long_words", B(false)}, {"break_on_hyphens", B(false)}}, 0), "");
  EXPECT_EQ(RunF("wordwrap", S("xxxxxxxxxxxx "), {I(1LL)}, {{"break_long_words", B(false)}, {"break_on_hyphens", B(false)}}, 0), "xxxxxxxxxxxx");
  EXPECT_EQ(RunF("wordwrap", S("ccc\n\303\251-ccc  \303\200\303\211  bb  "), {I(2LL)}, {{"break_long_words", B(true)}, {"break_on_hyphens", B(false)}}, 0), "cc\nc\n\303\251-\ncc\nc\n\303\200\303\211\nbb");
  EXPECT_EQ(RunF("wordwrap", S("hyphen-ated a-b\n\t  xxxxxxxxxxxx  \303\200\303\211 \303\251-  ccc \303\200\303\211\nhyphen-ated "), {I(14LL)}, {{"break_long_words", B(false)}, {"break_on_hyphens", B(false)}}, 0), "hyphen-ated\na-b\nxxxxxxxxxxxx\n\303\200\303\211 \303\251-  ccc \303\200\303\211\nhyphen-ated");
  EXPECT_EQ(RunF("wordwrap", S(""), {I(15LL)}, {{"break_long_words", B(true)}, {"break_on_hyphens", B(true)}}, 0), "");
  EXPECT_EQ(RunF("wordwrap", S("\303\200\303\211  ab-cd-ef  a-b a-b\n--    -\303\251 "), {I(3LL)}, {{"break_long_words", B(true)}, {"break_on_hyphens", B(true)}}, 0), "\303\200\303\211\nab-\ncd-\nef\na-b\na-b\n--\n-\303\251");
  EXPECT_EQ(RunF("wordwrap", S("\t\n  tab\there  "), {I(13LL)}, {{"break_long_words", B(false)}, {"break_on_hyphens", B(false)}}, 0), "\n  tab\there");
  EXPECT_EQ(RunF("wordwrap", S("  -- "), {I(3LL)}, {{"break_long_words", B(false)}, {"break_on_hyphens", B(true)}}, 0), "--");
  EXPECT_EQ(RunF("wordwrap", S("--  a-b-xxxxxxxxxxxx \303\200\303\211\n\303\200\303\211 "), {I(9LL)}, {{"break_long_words", B(true)}, {"break_on_hyphens", B(false)}}, 0), "--  a-b-x\nxxxxxxxxx\nxx \303\200\303\211\n\303\200\303\211");
  EXPECT_EQ(RunF("wordwrap", S("-x     y- \t-"), {I(11LL)}, {{"break_long_words", B(true)}, {"break_on_hyphens", B(true)}}, 0), "-x     y-\n-");
  EXPECT_EQ(RunF("wordwrap", S("--\n\303\251 tab\there\nab-cd-ef "), {I(3LL)}, {{"break_long_words", B(true)}, {"break_on_hyphens", B(false)}}, 0), "--\n\303\251\ntab\nher\ne\nab-\ncd-\nef");
  EXPECT_EQ(RunF("wordwrap", S("  -   ccc\n\t\ntab\there dddd hyphen-ated \t dddd tab\there   "), {I(1LL)}, {{"break_long_words", B(true)}, {"break_on_hyphens", B(true)}}, 0), "-\nc\nc\nc\n\nt\na\nb\nh\ne\nr\ne\nd\nd\nd\nd\nh\ny\np\nh\ne\nn\n-\na\nt\ne\nd\nd\nd\nd\nd\nt\na\nb\nh\ne\nr\ne");
  EXPECT_EQ(RunF("wordwrap", S("bb ab-cd-ef a-b-\303\200\303\211 dddd ccc  \t-xxxxxxxxxxxx\na-b "), {I(13LL)}, {{"break_long_words", B(true)}, {"break_on_hyphens", B(true)}}, 0), "bb ab-cd-ef\na-b-\303\200\303\211 dddd\nccc\n-xxxxxxxxxxxx\na-b");
  EXPECT_EQ(RunF("wordwrap", S("ab-cd-ef\na-b  --\n\t   a\nab-cd-ef a "), {I(8LL)}, {{"break_long_words", B(false)}, {"break_on_hyphens", B(true)}}, 0), "ab-cd-ef\na-b  --\n\t   a\nab-cd-ef\na");
  EXPECT_EQ(RunF("wordwrap", S("-- \303\200\303\211  --\nbb "), {I(6LL)}, {{"break_long_words", B(false)}, {"break_on_hyphens", B(false)}}, 0), "-- \303\200\303\211\n--\nbb");
}

// Python's full Unicode case mapping (titlecase digraphs, final sigma, special casing), and the
// int filter's tolerance of bad bases.
TEST(FiltersText, UnicodeCaseAndQuirks) {
  EXPECT_EQ(RunF("lower", S("\307\205ungla"), {}, {}, 0), "\307\206ungla");
  EXPECT_EQ(RunF("upper", S("\357\254\201sh"), {}, {}, 0), "FISH");
  EXPECT_EQ(RunF("lower", S("\304\260stanbul"), {}, {}, 0), "i\314\207stanbul");
  EXPECT_EQ(RunF("lower", S("\316\243\316\221\316\243 \316\237\316\224\316\237\316\243"), {}, {}, 0), "\317\203\316\261\317\202 \316\277\316\264\316\277\317\202");
  EXPECT_EQ(RunF("title", S("gro\303\237 \307\206ungla \317\203\316\261\317\202"), {}, {}, 0), "Gro\303\237 \307\204ungla \316\243\316\261\317\202");
  EXPECT_EQ(RunF("capitalize", S("\307\206UNGLA"), {}, {}, 0), "\307\205ungla");
  EXPECT_EQ(RunF("capitalize", S("\303\237a"), {}, {}, 0), "Ssa");
  EXPECT_EQ(RunF("upper", S("stra\303\237e"), {}, {}, 0), "STRASSE");
  EXPECT_EQ(RunF("sort", L({S("\303\211a"), S("\303\251b"), S("Ea")}), {}, {}, 0), "['Ea', '\303\211a', '\303\251b']");
  EXPECT_EQ(RunF("unique", L({S("\303\211"), S("\303\251")}), {}, {}, 0), "['\303\211']");
  EXPECT_EQ(RunF("wordcount", S("na\303\257ve caf\303\251 \331\241\331\242\331\243 x\302\262"), {}, {}, 0), "4");
  EXPECT_EQ(RunF("title", S("\303\251lan-vital (\303\274ber)"), {}, {}, 0), "\303\211lan-Vital (\303\234ber)");
  EXPECT_EQ(RunT("lower", S("\307\206"), {}, {}, 0), "True");
  EXPECT_EQ(RunT("upper", S("\307\205"), {}, {}, 0), "False");
  EXPECT_EQ(RunT("lower", S("\303\237"), {}, {}, 0), "True");
  EXPECT_EQ(RunT("upper", S("\316\243\316\221\316\243"), {}, {}, 0), "True");
  EXPECT_EQ(RunT("lower", S("\357\254\201"), {}, {}, 0), "True");
  EXPECT_EQ(RunF("int", S("12"), {}, {{"base", S("x")}}, 0), "12");
  EXPECT_EQ(RunF("int", S("12"), {}, {{"base", I(1LL)}}, 0), "12");
  EXPECT_EQ(RunF("int", S("ff"), {I(5LL)}, {{"base", N()}}, 0), "5");
  EXPECT_EQ(RunF("int", S("0x1A"), {I(0LL), I(16LL)}, {}, 0), "26");
  EXPECT_EQ(RunF("int", S("1A"), {I(0LL), I(37LL)}, {}, 0), "0");
}

// Splitting one huge word into width-1 lines stays linear (would hang if quadratic).
TEST(FiltersText, WordwrapLongWordIsLinear) {
  FakeCallContext ctx;
  std::string word(100000, 'x');
  Value v = F(ctx, "wordwrap", S(word), {I(1)});
  EXPECT_EQ(v.str().size(), 2 * word.size() - 1);
}

TEST(FiltersText, LatexFilterEscapesAndMarksSafe) {
  EXPECT_EQ(RunF("latex", S("50% of $x_1 & {y} #2 ~ ^ \\"), {}, {}, 0),
            "50\\% of \\$x\\_1 \\& \\{y\\} \\#2 \\textasciitilde{} \\textasciicircum{} "
            "\\textbackslash{}");
  FakeCallContext ctx;
  Value v = F(ctx, "latex", S("a_b"));
  EXPECT_TRUE(v.is_safe());
  EXPECT_EQ(F(ctx, "latex", Safe("a_b")).str(), "a_b");
}

TEST(FiltersText, EscapeFollowsLatexFormat) {
  FakeCallContext ctx;
  ctx.autoescape_on = true;
  ctx.format = EscapeFormat::kLatex;
  Value v = F(ctx, "e", S("a&b"));
  EXPECT_TRUE(v.is_safe());
  EXPECT_EQ(v.str(), "a\\&b");
}

TEST(FiltersText, LargeResultsAreCharged) {
  FakeCallContext ctx;
  ctx.limit_values.max_value_bytes = 1000;
  EXPECT_THROW(F(ctx, "center", S("x"), {I(100000)}), TemplateError);
  EXPECT_THROW(F(ctx, "indent", S("a\nb"), {I(5000)}), TemplateError);
  EXPECT_THROW(F(ctx, "replace", S(std::string(100, 'a')), {S("a"), S(std::string(50, 'b'))}),
               TemplateError);
  EXPECT_THROW(F(ctx, "wordwrap", S(std::string(200, 'a')), {I(1), B(true), S(std::string(20, '-'))}),
               TemplateError);
  EXPECT_EQ(F(ctx, "center", S("x"), {I(5)}).str(), "  x  ");
  try {
    F(ctx, "center", S("x"), {I(100000)});
  } catch (const TemplateError& e) {
    EXPECT_EQ(e.error.kind, ErrorKind::kLimit);
  }
}

TEST(FiltersText, ArgumentErrors) {
  EXPECT_EQ(RunF("upper", S("a"), {I(1)}, {}, 0), "ERR");
  EXPECT_EQ(RunF("center", S("a"), {}, {{"bogus", I(1)}}, 0), "ERR");
  EXPECT_EQ(RunF("replace", S("a"), {S("a")}, {}, 0), "ERR");
  EXPECT_EQ(RunF("center", S("a"), {S("x")}, {}, 0), "ERR");
}

}  // namespace
}  // namespace docforge
