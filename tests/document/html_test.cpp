#include <gtest/gtest.h>

#include <fstream>

#include "docforge/document.h"

namespace docforge::document {
namespace {

std::string html(std::string_view md, ConvertOptions opts = {}) {
  auto r = convert_markdown(md, Format::kHtml, opts);
  EXPECT_TRUE(r.ok()) << r.error().format();
  return r.ok() ? r->bytes : std::string();
}

TEST(Html, StandalonePageHonoursFrontMatter) {
  std::string out = html("---\ntitle: \"Q3 <Report> & more\"\nlang: fr-FR\nauthor: Ann\n---\n# Intro\n\nText.\n");
  EXPECT_EQ(out.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(out.find("<html lang=\"fr-FR\">"), std::string::npos);
  EXPECT_NE(out.find("<title>Q3 &lt;Report&gt; &amp; more</title>"), std::string::npos);
  EXPECT_NE(out.find("<meta name=\"author\" content=\"Ann\">"), std::string::npos);
  EXPECT_NE(out.find("<style>"), std::string::npos);
  EXPECT_NE(out.find("<h1 id=\"intro\">Intro</h1>"), std::string::npos);
  EXPECT_NE(out.find("<p>Text.</p>"), std::string::npos);
}

TEST(Html, FragmentIsBodyOnly) {
  ConvertOptions o;
  o.fragment = true;
  std::string out = html("Hello *there* & `a<b>`\n", o);
  EXPECT_EQ(out, "<p>Hello <em>there</em> &amp; <code>a&lt;b&gt;</code></p>\n");
}

TEST(Html, TablesListsAndTasks) {
  ConvertOptions o;
  o.fragment = true;
  std::string out = html("| A | B |\n|---|--:|\n| x | 1 |\n\n- [x] done\n- [ ] open\n\n3. three\n", o);
  EXPECT_NE(out.find("<thead>\n<tr><th>A</th><th style=\"text-align: right\">B</th></tr>"), std::string::npos);
  EXPECT_NE(out.find("<td style=\"text-align: right\">1</td>"), std::string::npos);
  EXPECT_NE(out.find("<input type=\"checkbox\" disabled checked> done"), std::string::npos);
  EXPECT_NE(out.find("<ol start=\"3\">"), std::string::npos);
}

TEST(Html, UnsafeLinkSchemesAreNeutralised) {
  ConvertOptions o;
  o.fragment = true;
  std::string out = html("[x](javascript:alert(1)) [y](https://example.com/?a=1&b=2 'a\"b')\n", o);
  EXPECT_EQ(out.find("javascript:"), std::string::npos);
  EXPECT_NE(out.find("href=\"https://example.com/?a=1&amp;b=2\" title=\"a&quot;b\""), std::string::npos) << out;
}

TEST(Html, UnknownThemeIsAnError) {
  ConvertOptions opts;
  opts.theme = "nope";
  auto r = convert_markdown("x", Format::kHtml, opts);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kNotFound);
}

TEST(Html, BuiltinThemesParse) {
  for (const std::string& name : builtin_theme_names()) {
    ConvertOptions opts;
    opts.theme = name;
    auto r = convert_markdown("# T\n", Format::kHtml, opts);
    EXPECT_TRUE(r.ok()) << name << ": " << r.error().format();
  }
  EXPECT_EQ(builtin_theme_names().size(), 3u);
}

TEST(Text, PlainTextDropsMarkup) {
  auto r = convert_markdown("---\ntitle: t\n---\n# Head\n\n- **a**\n- b\n", Format::kText);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->bytes, "Head\n\n- a\n- b\n");
}

// Bytes that are not UTF-8 (a truncated sequence at a paragraph's end, a stray continuation
// byte, an overlong form) become U+FFFD before anything reads the text: the PDF layout read past
// such a text's end (found by fuzz_markdown_pdf).
TEST(Text, InvalidUtf8BecomesReplacementCharacters) {
  auto r = convert_markdown("ab\xE2\x82\n\n\x80" "c \xC0\xAF\n", Format::kText);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->bytes, "ab\uFFFD\uFFFD\n\n\uFFFDc \uFFFD\uFFFD\n");
}

TEST(Names, FormatsAndSourceFormats) {
  EXPECT_EQ(format_from_name("out/x.PDF"), Format::kPdf);
  EXPECT_EQ(format_from_name("html"), Format::kHtml);
  EXPECT_EQ(format_from_name("x.docx"), std::nullopt);
  EXPECT_EQ(source_format_from_template_name("invoice.md.j2"), SourceFormat::kMarkdown);
  EXPECT_EQ(source_format_from_template_name("a.tex.j2"), SourceFormat::kLatex);
  EXPECT_EQ(source_format_from_template_name("a.txt"), SourceFormat::kText);
}

}  // namespace
}  // namespace docforge::document

namespace docforge::document {
namespace {

TEST(Themes, CustomTomlFileOverridesTheDefault) {
  std::string dir = ::testing::TempDir();
  std::ofstream(dir + "/brand.toml") << "[colors]\ntext = \"#123456\"\n[sizes]\nbody = \"11pt\"\n";
  ConvertOptions o;
  o.theme = "brand.toml";
  o.base_dir = dir;
  auto r = convert_markdown("# T\n", Format::kHtml, o);
  ASSERT_TRUE(r.ok()) << r.error().format();
  EXPECT_NE(r->bytes.find("color: #123456"), std::string::npos);
  EXPECT_NE(r->bytes.find("font-size: 11pt"), std::string::npos);

  std::ofstream(dir + "/bad.toml") << "[colors]\ntext = \"red\"\n";
  o.theme = "bad.toml";
  auto bad = convert_markdown("# T\n", Format::kHtml, o);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("colors.text"), std::string::npos) << bad.error().format();

  std::ofstream(dir + "/typo.toml") << "[colours]\ntext = \"#000000\"\n";
  o.theme = "typo.toml";
  auto typo = convert_markdown("# T\n", Format::kHtml, o);
  ASSERT_FALSE(typo.ok());
  EXPECT_NE(typo.error().message.find("unknown theme key 'colours.text'"), std::string::npos);
}

TEST(Themes, FrontMatterSelectsThemeAndBadValuesAreErrors) {
  auto r = convert_markdown("---\ntheme: classic\n---\n# T\n", Format::kHtml);
  ASSERT_TRUE(r.ok());
  EXPECT_NE(r->bytes.find("Liberation Serif"), std::string::npos);
  auto bad = convert_markdown("---\nmargin: wide\n---\nx\n", Format::kHtml);
  EXPECT_FALSE(bad.ok());
  auto toc = convert_markdown("---\ntoc: maybe\n---\nx\n", Format::kHtml);
  EXPECT_FALSE(toc.ok());
}

}  // namespace
}  // namespace docforge::document

namespace docforge::document {
namespace {

TEST(Html, LocalImagesAreEmbeddedRemoteOnesKept) {
  std::string dir = ::testing::TempDir();
  std::ofstream(dir + "/dot.svg") << "<svg xmlns='http://www.w3.org/2000/svg' width='4' height='4'/>";
  ConvertOptions o;
  o.fragment = true;
  o.base_dir = dir;
  auto r = convert_markdown("![dot](dot.svg) ![web](https://example.com/a.png) ![gone](nope.png)\n", Format::kHtml, o);
  ASSERT_TRUE(r.ok());
  EXPECT_NE(r->bytes.find("<img src=\"data:image/svg+xml;base64,PHN2Zy"), std::string::npos) << r->bytes;
  EXPECT_NE(r->bytes.find("<img src=\"https://example.com/a.png\" alt=\"web\">"), std::string::npos);
  EXPECT_NE(r->bytes.find("<img src=\"nope.png\" alt=\"gone\">"), std::string::npos);
}

}  // namespace
}  // namespace docforge::document
