// Include, import, inheritance through the map loader; file loader confinement; sandbox limits.

#include <gtest/gtest.h>

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

#include "template/engine_test_util.h"

namespace docforge::testing {
namespace {

std::string render_named(Environment& env, const std::string& name, std::string_view ctx = "") {
  auto t = env.get_template(name);
  if (!t.ok()) return "ERROR: " + t.error().format();
  auto r = (*t)->render(json(ctx));
  if (!r.ok()) return "ERROR: " + r.error().format();
  return *r;
}

TEST(Loading, IncludeImportExtends) {
  Environment env;
  env.set_loader(map_loader({
      {"base", "<{% block a %}A{% endblock %}|{% block b %}B{% endblock %}>"},
      {"mid", "{% extends 'base' %}{% block a %}[{{ super() }}]{% endblock %}"},
      {"child", "{% extends 'mid' %}{% set v = 3 %}{% block b %}{{ super() }}{{ v }}"
                "{{ self.a() }}{% endblock %}ignored"},
      {"inc", "inc:{{ x }}{{ y|default('-') }}"},
      {"lib", "{% macro hi(n) %}hi {{ n }}{% endmacro %}{% set k = 7 %}"},
      {"main", "{% set y = 1 %}{% for x in [1] %}{% include 'inc' %}{% endfor %}"
               "{% include 'inc' without context %}{% include 'nope' ignore missing %}"
               "{% import 'lib' as l %}{{ l.hi(2) }}{{ l.k }}"
               "{% from 'lib' import hi as h %}{{ h(3) }}"},
  }));
  EXPECT_EQ(render_named(env, "child"), "<[A]|B3[A]>");
  EXPECT_EQ(render_named(env, "main"), "inc:11inc:-hi 27hi 3");
  EXPECT_EQ(render_named(env, "missing"), "ERROR: missing: error: template 'missing' not found");
}

TEST(Loading, ErrorsNameTheIncludedTemplate) {
  Environment env;
  env.set_loader(map_loader({{"outer", "x\n{% include 'inner' %}"},
                             {"inner", "a\nb\n{{ 1 / 0 }}"},
                             {"bad", "{% if %}"},
                             {"usesbad", "{% include 'bad' %}"}}));
  auto t = env.get_template("outer");
  ASSERT_TRUE(t.ok());
  auto r = (*t)->render(Value::map());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().source_name, "inner");
  EXPECT_EQ(r.error().line, 3);
  auto u = env.get_template("usesbad");
  ASSERT_TRUE(u.ok());
  auto r2 = (*u)->render(Value::map());
  ASSERT_FALSE(r2.ok());
  EXPECT_EQ(r2.error().kind, ErrorKind::kSyntax);
  EXPECT_EQ(r2.error().source_name, "bad");
}

TEST(Loading, CacheReturnsSameTemplate) {
  Environment env;
  env.set_loader(map_loader({{"a", "x"}}));
  auto t1 = env.get_template("a");
  auto t2 = env.get_template("a");
  ASSERT_TRUE(t1.ok() && t2.ok());
  EXPECT_EQ(t1->get(), t2->get());
}

class FileLoaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    base_ = std::filesystem::temp_directory_path() /
            ("docforge_engine_" + std::to_string(::getpid()) + "_" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(base_ / "root" / "sub");
    write(base_ / "root" / "sub" / "ok.txt", "ok {{ 1 }}");
    write(base_ / "secret.txt", "secret");
    std::filesystem::create_symlink(base_ / "secret.txt", base_ / "root" / "link.txt");
  }
  void TearDown() override { std::filesystem::remove_all(base_); }
  static void write(const std::filesystem::path& p, const std::string& s) {
    std::ofstream(p) << s;
  }
  std::filesystem::path base_;
};

TEST_F(FileLoaderTest, ConfinedToRoot) {
  Environment env;
  env.set_loader(make_file_loader({(base_ / "root").string()}));
  EXPECT_EQ(render_named(env, "sub/ok.txt"), "ok 1");
  for (const char* bad : {"../secret.txt", "sub/../../secret.txt", "/etc/passwd", "link.txt"}) {
    auto t = env.get_template(bad);
    ASSERT_FALSE(t.ok()) << bad;
    EXPECT_EQ(t.error().kind, ErrorKind::kSecurity) << bad;
  }
  auto t = env.get_template("nothere.txt");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().kind, ErrorKind::kNotFound);
}

TEST_F(FileLoaderTest, ReloadsChangedSource) {
  auto loader = make_file_loader({(base_ / "root").string()});
  std::string v1 = loader->version("sub/ok.txt");
  EXPECT_FALSE(v1.empty());
  write(base_ / "root" / "sub" / "ok.txt", "changed, longer");
  EXPECT_NE(loader->version("sub/ok.txt"), v1);
}

Error limit_error(Options o, std::string_view src) {
  Environment env(o);
  return render_error(env, src);
}

TEST(Sandbox, LimitsFailFast) {
  auto start = std::chrono::steady_clock::now();
  Error e = limit_error({}, "{% for i in range(10**9) %}{{ i }}{% endfor %}");
  EXPECT_EQ(e.kind, ErrorKind::kLimit) << e.message;

  Options fuel;
  fuel.limits.fuel = 10000;
  e = limit_error(fuel, "{% for i in range(100000) %}{{ i }}{% endfor %}");
  EXPECT_EQ(e.kind, ErrorKind::kLimit) << e.message;
  EXPECT_NE(e.message.find("fuel"), std::string::npos) << e.message;

  e = limit_error({}, "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}");
  EXPECT_EQ(e.kind, ErrorKind::kLimit) << e.message;
  EXPECT_NE(e.message.find("recursion"), std::string::npos) << e.message;

  e = limit_error({}, "{{ 'a' * 10**9 }}");
  EXPECT_EQ(e.kind, ErrorKind::kLimit) << e.message;

  Options out;
  out.limits.max_output_bytes = 1000;
  e = limit_error(out, "{% for i in range(1000) %}xxxxxxxxxx{% endfor %}");
  EXPECT_EQ(e.kind, ErrorKind::kLimit) << e.message;
  EXPECT_NE(e.message.find("output"), std::string::npos) << e.message;

  Options wall;
  wall.limits.max_wall_ms = 50;
  wall.limits.fuel = 0;
  wall.limits.max_range = 1000000;
  e = limit_error(wall,
                  "{% for i in range(1000000) %}{% for j in range(1000000) %}{% endfor %}"
                  "{% endfor %}");
  EXPECT_EQ(e.kind, ErrorKind::kLimit) << e.message;
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

TEST(Sandbox, PrivateAttributesRefused) {
  Environment env;
  Error e = render_error(env, "{{ 'a'.__class__ }}");
  EXPECT_EQ(e.kind, ErrorKind::kSecurity);
  e = render_error(env, "{{ range.__init__ }}");
  EXPECT_EQ(e.kind, ErrorKind::kSecurity);
  // Data keys starting with '_' are plain data.
  EXPECT_EQ(render("{{ d._id }}", R"({"d": {"_id": 5}})"), "5");
  // Private names of an imported template are not exported (Jinja2: undefined).
  env.set_loader(map_loader({{"m", "{% macro _hidden() %}{% endmacro %}"}}));
  EXPECT_EQ(render_with(env, "{% import 'm' as m %}[{{ m._hidden is defined }}]"), "[False]");
}

TEST(Environment, ConcurrentRendersOfOneTemplate) {
  Environment env;
  env.set_loader(map_loader({{"lib", "{% macro m(x) %}<{{ x.a }}>{% endmacro %}"},
                             {"main", "{% import 'lib' as l %}{% for i in items %}"
                                      "{{ l.m(i) }}{{ loop.index }}{% endfor %}"}}));
  auto t = env.get_template("main");
  ASSERT_TRUE(t.ok());
  Value ctx = json(R"({"items": [{"a": 1}, {"a": "x"}, {"a": 3.5}]})");
  std::vector<std::thread> threads;
  std::vector<std::string> outs(4);
  for (int k = 0; k < 4; ++k) {
    threads.emplace_back([&, k] {
      for (int i = 0; i < 200; ++i) {
        auto r = (*t)->render(ctx);
        outs[static_cast<std::size_t>(k)] = r.ok() ? *r : r.error().format();
        if (outs[static_cast<std::size_t>(k)] != "<1>1<x>2<3.5>3") return;
      }
    });
  }
  for (auto& th : threads) th.join();
  for (const auto& o : outs) EXPECT_EQ(o, "<1>1<x>2<3.5>3");
}

TEST(Environment, CustomFiltersTestsGlobals) {
  Environment env;
  env.add_filter("twice", [](const CallArgs& a) -> Result<Value> {
    return Value::string(a.positional[0].str() + a.positional[0].str());
  });
  env.add_test("big", [](const CallArgs& a) -> Result<Value> {
    return Value::boolean(a.positional[0].is_int() && a.positional[0].as_int() > 10);
  });
  env.add_global("site", Value::string("S"));
  env.add_global_function("answer", [](const CallArgs&) -> Result<Value> {
    return Value::integer(42);
  });
  EXPECT_EQ(render_with(env, "{{ 'ab'|twice }} {{ 11 is big }} {{ site }} {{ answer() }}"),
            "abab True S 42");
}

}  // namespace
}  // namespace docforge::testing
