// The `docforge render` contract as outside conformance suites use it: output, exit codes
// (0 ok, 1 template/data error, 2 usage error), the `NAME:LINE:COL: error: MESSAGE` line,
// confinement of template names, and no output file on failure.

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "e2e/run_process.h"

namespace docforge::testing {
namespace {

ProcessResult docforge(std::vector<std::string> args, const std::string& input = "") {
  args.insert(args.begin(), DOCFORGE_EXE);
  return run_process(args, input);
}

TEST(CliRender, RendersTemplateWithDataAndSet) {
  TempDir dir;
  std::string tpl = dir.write("hello.txt.j2", "Hello {{ name }}! {{ n + 1 }} {{ s }}");
  std::string data = dir.write("data.json", R"({"name": "World", "n": 1, "s": "x"})");
  ProcessResult r = docforge({"render", tpl, "--data", data, "--set", "n=41", "--set", "s=abc"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "Hello World! 42 abc");
  EXPECT_EQ(r.err, "");
}

TEST(CliRender, SetValuesParseAsJsonWhenTheyParse) {
  TempDir dir;
  std::string tpl = dir.write("t.j2", "{{ a is number }} {{ b is string }} {{ c|length }} {{ d }}");
  ProcessResult r = docforge({"render", tpl, "--set", "a=1.5", "--set", "b=hello world",
                              "--set", "c=[1,2,3]", "--set", "d=a=b"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "True True 3 a=b");
}

TEST(CliRender, DataFilesMergeLeftToRight) {
  TempDir dir;
  std::string tpl = dir.write("t.j2", "{{ a }} {{ b }} {{ c }}");
  std::string d1 = dir.write("1.json", R"({"a": 1, "b": 1})");
  std::string d2 = dir.write("2.json", R"({"b": 2, "c": 2})");
  ProcessResult r = docforge({"render", tpl, "--data", d1, "--data", d2});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "1 2 2");
}

TEST(CliRender, DataFromStdin) {
  TempDir dir;
  std::string tpl = dir.write("t.j2", "{{ x }}");
  ProcessResult r = docforge({"render", tpl, "--data", "-"}, R"({"x": "from stdin"})");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "from stdin");
}

TEST(CliRender, WritesOutputFile) {
  TempDir dir;
  std::string tpl = dir.write("t.md.j2", "# {{ title }}\n");
  ProcessResult r = docforge({"render", tpl, "--set", "title=Report", "-o",
                              dir.path() + "/out/report.md"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(dir.read("out/report.md"), "# Report");
}

TEST(CliRender, KeepTrailingNewlineAndTrimFlags) {
  TempDir dir;
  std::string tpl = dir.write("t.j2", "{% if true %}\n  yes\n  {% endif %}\nend\n");
  ProcessResult plain = docforge({"render", tpl});
  EXPECT_EQ(plain.out, "\n  yes\n  \nend");
  ProcessResult trimmed = docforge({"render", tpl, "--trim-blocks", "--lstrip-blocks",
                                    "--keep-trailing-newline"});
  EXPECT_EQ(trimmed.exit_code, 0) << trimmed.err;
  EXPECT_EQ(trimmed.out, "  yes\nend\n");
}

TEST(CliRender, AutoescapeFollowsTheFileNameAndFlags) {
  TempDir dir;
  std::string html = dir.write("page.html.j2", "{{ x }}");
  std::string text = dir.write("page.txt.j2", "{{ x }}");
  const std::string x = "x=<a href=\"q\">'&'</a>";
  EXPECT_EQ(docforge({"render", html, "--set", x}).out,
            "&lt;a href=&#34;q&#34;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  EXPECT_EQ(docforge({"render", text, "--set", x}).out, "<a href=\"q\">'&'</a>");
  EXPECT_EQ(docforge({"render", html, "--no-autoescape", "--set", x}).out, "<a href=\"q\">'&'</a>");
  EXPECT_EQ(docforge({"render", text, "--autoescape", "--set", x}).out,
            "&lt;a href=&#34;q&#34;&gt;&#39;&amp;&#39;&lt;/a&gt;");
}

TEST(CliRender, LatexDelimiters) {
  TempDir dir;
  std::string tpl = dir.write("cv.tex.j2",
                              "\\section{\\VAR{name}}\n"
                              "%% for s in skills\n"
                              "\\item \\VAR{s}\\#{ comment }\n"
                              "%% endfor\n"
                              "%# a line comment\n"
                              "\\BLOCK{ if done }done\\BLOCK{ endif }");
  ProcessResult r = docforge({"render", tpl, "--delimiters", "latex", "--set", "name=Ada",
                              "--set", R"(skills=["C++","TeX"])", "--set", "done=true"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  // As Jinja2 does: a line comment removes its text but keeps the line's newline.
  EXPECT_EQ(r.out, "\\section{Ada}\n\\item C++\n\\item TeX\n\ndone");
}

TEST(CliRender, IncludesResolveAgainstTemplateDirsInOrder) {
  TempDir dir;
  dir.write("a/part.j2", "from a");
  dir.write("b/part.j2", "from b");
  dir.write("b/only_b.j2", "only b");
  std::string tpl = dir.write("main.j2", "{% include 'part.j2' %} {% include 'only_b.j2' %}");
  ProcessResult r = docforge({"render", tpl, "--template-dir", dir.path() + "/a",
                              "--template-dir", dir.path() + "/b"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "from a only b");
}

TEST(CliRender, DefaultTemplateDirIsTheTemplatesFolder) {
  TempDir dir;
  dir.write("site/base.j2", "<{% block body %}{% endblock %}>");
  std::string tpl = dir.write("site/page.j2", "{% extends 'base.j2' %}{% block body %}hi{% endblock %}");
  ProcessResult r = docforge({"render", tpl});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "<hi>");
}

TEST(CliErrors, SyntaxErrorNamesLineAndColumn) {
  TempDir dir;
  std::string tpl = dir.write("bad.j2", "line one\n{% if x %}\nno end");
  ProcessResult r = docforge({"render", tpl});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err.rfind(tpl + ":", 0), 0u) << r.err;
  EXPECT_NE(r.err.find(": error: "), std::string::npos) << r.err;
}

TEST(CliErrors, ErrorLineHasTheLineAndColumnOfTheFault) {
  TempDir dir;
  std::string tpl = dir.write("bad.j2", "a\nb {{ 1 + }}\n");
  ProcessResult r = docforge({"render", tpl});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err.rfind(tpl + ":2:", 0), 0u) << r.err;
}

TEST(CliErrors, RenderErrorInsideAnIncludeNamesTheIncludedTemplate) {
  TempDir dir;
  dir.write("inner.j2", "ok\n{{ 1 // 0 }}");
  std::string tpl = dir.write("outer.j2", "{% include 'inner.j2' %}");
  ProcessResult r = docforge({"render", tpl});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err.rfind("inner.j2:2:", 0), 0u) << r.err;
}

TEST(CliErrors, StrictUndefinedIsAnError) {
  TempDir dir;
  std::string tpl = dir.write("t.j2", "{{ missing }}");
  EXPECT_EQ(docforge({"render", tpl}).exit_code, 0);
  ProcessResult r = docforge({"render", tpl, "--undefined", "strict"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("'missing' is undefined"), std::string::npos) << r.err;
}

TEST(CliErrors, NoOutputFileOnError) {
  TempDir dir;
  std::string tpl = dir.write("t.j2", "{{ 1 / 0 }}");
  ProcessResult r = docforge({"render", tpl, "-o", dir.path() + "/out.txt"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_FALSE(dir.exists("out.txt"));
  // Nothing else was left behind either (no temporary file).
  int entries = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir.path())) entries += e.is_regular_file();
  EXPECT_EQ(entries, 1);  // t.j2 only
}

TEST(CliErrors, BadDataIsADataError) {
  TempDir dir;
  std::string tpl = dir.write("t.j2", "{{ x }}");
  std::string bad = dir.write("bad.json", "{\"x\": [1, 2,\n  }");
  ProcessResult r = docforge({"render", tpl, "--data", bad});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err.rfind(bad + ":", 0), 0u) << r.err;
  std::string list = dir.write("list.json", "[1, 2]");
  ProcessResult r2 = docforge({"render", tpl, "--data", list});
  EXPECT_EQ(r2.exit_code, 1);
  EXPECT_NE(r2.err.find("top level must be an object"), std::string::npos) << r2.err;
}

TEST(CliErrors, MissingFilesAreErrors) {
  TempDir dir;
  ProcessResult r = docforge({"render", dir.path() + "/nope.j2"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("nope.j2"), std::string::npos) << r.err;
}

TEST(CliUsage, UsageErrorsExitTwo) {
  TempDir dir;
  std::string tpl = dir.write("t.j2", "x");
  EXPECT_EQ(docforge({"render"}).exit_code, 2);
  EXPECT_EQ(docforge({"render", tpl, "--no-such-flag"}).exit_code, 2);
  EXPECT_EQ(docforge({"render", tpl, "--undefined", "sloppy"}).exit_code, 2);
  EXPECT_EQ(docforge({"render", tpl, "--delimiters", "xml"}).exit_code, 2);
  EXPECT_EQ(docforge({"render", tpl, "--set", "novalue"}).exit_code, 2);
  EXPECT_EQ(docforge({"render", tpl, "--autoescape", "--no-autoescape"}).exit_code, 2);
  EXPECT_EQ(docforge({}).exit_code, 2);
}

TEST(CliUsage, HelpExplainsTheFlags) {
  ProcessResult r = docforge({"render", "--help"});
  EXPECT_EQ(r.exit_code, 0);
  for (const char* flag : {"--data", "--set", "--template-dir", "--autoescape", "--no-autoescape",
                           "--trim-blocks", "--lstrip-blocks", "--keep-trailing-newline",
                           "--undefined", "--delimiters", "--line-statement-prefix",
                           "--line-comment-prefix"}) {
    EXPECT_NE(r.out.find(flag), std::string::npos) << flag;
  }
}

TEST(CliSandbox, TemplateNamesCannotLeaveTheTemplateDirs) {
  TempDir dir;
  dir.write("secret.txt", "TOP SECRET");
  dir.write("tpl/ok.j2", "fine");
  std::filesystem::create_symlink(dir.path() + "/secret.txt", dir.path() + "/tpl/link.j2");
  for (const std::string& name : {std::string("../secret.txt"), dir.path() + "/secret.txt",
                                  std::string("link.j2"), std::string("sub/../../secret.txt")}) {
    std::string tpl = dir.write("tpl/main.j2", "{% include '" + name + "' %}");
    ProcessResult r = docforge({"render", tpl});
    EXPECT_EQ(r.exit_code, 1) << name;
    EXPECT_EQ(r.out.find("TOP SECRET"), std::string::npos) << name;
  }
  std::string tpl = dir.write("tpl/main.j2", "{% include 'ok.j2' %}");
  EXPECT_EQ(docforge({"render", tpl}).out, "fine");
}

TEST(CliSandbox, LimitsStopRunawayTemplates) {
  TempDir dir;
  std::string loop = dir.write("loop.j2", "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}");
  ProcessResult r = docforge({"render", loop});
  EXPECT_EQ(r.exit_code, 1);
  std::string big = dir.write("big.j2", "{{ 'a' * 10**10 }}");
  EXPECT_EQ(docforge({"render", big}).exit_code, 1);
  std::string rec = dir.write("rec.j2", "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}");
  ProcessResult rr = docforge({"render", rec});
  EXPECT_EQ(rr.exit_code, 1);
  EXPECT_NE(rr.err.find("recursion"), std::string::npos) << rr.err;
}

}  // namespace
}  // namespace docforge::testing
