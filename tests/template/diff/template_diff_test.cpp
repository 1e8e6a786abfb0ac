// The differential suite: docforge's template language against Jinja2 3.1, byte for byte.
//
// tests/template/diff/expected/<group>.json holds cases rendered by python3's jinja2
// (tests/template/diff/generate.py, run through scripts/gen-template-expected). This binary
// needs no Python: it loads those files, registers one gtest per case (suite diff_<group>, test
// <case name>) so ctest runs and names them one by one, and for each case builds an Environment
// with the case's options and a map loader of its templates, renders the main template with the
// case's data and compares:
//   - an expected output: the bytes must be identical; a failure shows the first differing line
//     of both versions with escapes made visible;
//   - an expected error: rendering (or compiling) must fail, and docforge's error must name the
//     template and line Jinja2 reported.
// Cases listed in known_failures.txt (one name per line, `# reason` after it) are skipped with
// GTEST_SKIP so the integrator can track them without hiding them.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "docforge/data.h"
#include "docforge/environment.h"
#include "docforge/error.h"
#include "docforge/value.h"

namespace docforge {
namespace {

struct DiffCase {
  std::string group;
  std::string name;
  std::string main;
  std::vector<std::pair<std::string, std::string>> templates;
  Value data;
  Options options;
  bool expect_error = false;
  std::string expected_output;
  std::string error_template;
  int error_line = 0;
  std::string error_type;
  std::string error_message;
  std::string known_failure;  // the reason, when the case is listed in known_failures.txt
};

// ---- reading the expected files ------------------------------------------------------------

struct LoadError {
  std::string message;
};

const Value& field(const Value& map, std::string_view key, std::string_view where) {
  if (!map.is_map()) throw LoadError{std::string(where) + ": not an object"};
  const Value* v = map.as_map().find(key);
  if (v == nullptr) throw LoadError{std::string(where) + ": no field '" + std::string(key) + "'"};
  return *v;
}

std::string string_field(const Value& map, std::string_view key, std::string_view where) {
  const Value& v = field(map, key, where);
  if (!v.is_string()) throw LoadError{std::string(where) + ": '" + std::string(key) + "' is not a string"};
  return std::string(v.as_string());
}

bool bool_field(const Value& map, std::string_view key, std::string_view where) {
  const Value& v = field(map, key, where);
  if (!v.is_bool()) throw LoadError{std::string(where) + ": '" + std::string(key) + "' is not a bool"};
  return v.as_bool();
}

Options options_from(const Value& o, const std::string& where) {
  Options opt;
  if (string_field(o, "delimiters", where) == "latex") opt.syntax = Syntax::latex();
  if (const Value* p = o.as_map().find("line_statement_prefix"); p && p->is_string()) {
    opt.syntax.line_statement_prefix = std::string(p->as_string());
  }
  if (const Value* p = o.as_map().find("line_comment_prefix"); p && p->is_string()) {
    opt.syntax.line_comment_prefix = std::string(p->as_string());
  }
  opt.trim_blocks = bool_field(o, "trim_blocks", where);
  opt.lstrip_blocks = bool_field(o, "lstrip_blocks", where);
  opt.keep_trailing_newline = bool_field(o, "keep_trailing_newline", where);
  const Value& ae = field(o, "autoescape", where);
  if (ae.is_bool()) {
    opt.autoescape = ae.as_bool() ? AutoescapeMode::kOn : AutoescapeMode::kOff;
  } else if (ae.is_string() && ae.as_string() == "by-name") {
    opt.autoescape = AutoescapeMode::kByName;
  } else {
    throw LoadError{where + ": bad autoescape"};
  }
  const std::string undefined = string_field(o, "undefined", where);
  if (undefined == "lenient") {
    opt.undefined = UndefinedPolicy::kLenient;
  } else if (undefined == "chainable") {
    opt.undefined = UndefinedPolicy::kChainable;
  } else if (undefined == "strict") {
    opt.undefined = UndefinedPolicy::kStrict;
  } else {
    throw LoadError{where + ": bad undefined policy '" + undefined + "'"};
  }
  return opt;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw LoadError{"cannot read " + path.string()};
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// known_failures.txt: `case_name  # reason`; blank lines and lines starting with # ignored.
std::map<std::string, std::string> read_known_failures(const std::filesystem::path& path) {
  std::map<std::string, std::string> out;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    std::size_t start = line.find_first_not_of(" \t\r");
    if (start == std::string::npos || line[start] == '#') continue;
    std::size_t hash = line.find('#', start);
    std::string name = line.substr(start, hash == std::string::npos ? std::string::npos : hash - start);
    name.erase(name.find_last_not_of(" \t\r") + 1);
    std::string reason = hash == std::string::npos ? "" : line.substr(hash + 1);
    reason.erase(0, std::min(reason.find_first_not_of(" \t"), reason.size()));
    while (!reason.empty() && (reason.back() == '\r' || reason.back() == ' ')) reason.pop_back();
    out[name] = reason.empty() ? "(no reason given)" : reason;
  }
  return out;
}

// `only_group` non-empty: load just expected/<only_group>.json (see single_group_of_filter).
std::vector<DiffCase> load_cases(const std::filesystem::path& dir, const std::string& only_group) {
  std::vector<std::filesystem::path> files;
  if (!only_group.empty()) {
    files.push_back(dir / "expected" / (only_group + ".json"));
  } else {
    for (const auto& entry : std::filesystem::directory_iterator(dir / "expected")) {
      if (entry.path().extension() == ".json") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
  }
  std::vector<DiffCase> cases;
  for (const auto& file : files) {
    const std::string text = read_file(file);
    auto doc = data::parse_json(text, file.string());
    if (!doc.ok()) throw LoadError{doc.error().format()};
    const std::string group = string_field(*doc, "group", file.string());
    const Value& list = field(*doc, "cases", file.string());
    if (!list.is_list()) throw LoadError{file.string() + ": 'cases' is not a list"};
    for (const Value& c : list.as_list()) {
      DiffCase dc;
      dc.group = group;
      dc.name = string_field(c, "name", file.string());
      const std::string where = file.string() + ": " + dc.name;
      dc.main = string_field(c, "main", where);
      const Value& templates = field(c, "templates", where);
      if (!templates.is_map()) throw LoadError{where + ": 'templates' is not an object"};
      for (const auto& [k, v] : templates.as_map()) {
        if (!k.is_string() || !v.is_string()) throw LoadError{where + ": bad template entry"};
        dc.templates.emplace_back(std::string(k.as_string()), std::string(v.as_string()));
      }
      dc.data = field(c, "data", where);
      dc.options = options_from(field(c, "options", where), where);
      if (const Value* out = c.as_map().find("output"); out != nullptr && out->is_string()) {
        dc.expected_output = std::string(out->as_string());
      } else {
        const Value& err = field(c, "error", where);
        dc.expect_error = true;
        dc.error_template = string_field(err, "template", where);
        const Value& line = field(err, "line", where);
        if (!line.is_int()) throw LoadError{where + ": error line is not an int"};
        dc.error_line = static_cast<int>(line.as_int());
        dc.error_type = string_field(err, "type", where);
        dc.error_message = string_field(err, "message", where);
      }
      cases.push_back(std::move(dc));
    }
  }
  return cases;
}

// ---- showing differences -------------------------------------------------------------------

// The text with \n \t \r \\ and other control bytes made visible; UTF-8 passes through.
std::string visible(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    switch (c) {
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      case '\\': out += "\\\\"; break;
      default:
        if (c < 0x20 || c == 0x7f) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\x%02x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out;
}

std::vector<std::string_view> split_lines(std::string_view s) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start < s.size()) {
    std::size_t nl = s.find('\n', start);
    std::size_t end = nl == std::string_view::npos ? s.size() : nl + 1;
    lines.push_back(s.substr(start, end - start));
    start = end;
  }
  return lines;
}

std::string describe_difference(std::string_view expected, std::string_view actual) {
  const auto exp_lines = split_lines(expected);
  const auto act_lines = split_lines(actual);
  std::size_t i = 0;
  while (i < exp_lines.size() && i < act_lines.size() && exp_lines[i] == act_lines[i]) ++i;
  std::string out = "output differs from Jinja2 at line " + std::to_string(i + 1) + " (of " +
                    std::to_string(exp_lines.size()) + " expected, " +
                    std::to_string(act_lines.size()) + " rendered)\n";
  out += "  jinja2:  " + (i < exp_lines.size() ? "\"" + visible(exp_lines[i]) + "\"" : "<end>") + "\n";
  out += "  docforge:" + (i < act_lines.size() ? "\"" + visible(act_lines[i]) + "\"" : "<end>") + "\n";
  constexpr std::size_t kWhole = 1500;
  if (expected.size() <= kWhole && actual.size() <= kWhole) {
    out += "  whole jinja2:   \"" + visible(expected) + "\"\n";
    out += "  whole docforge: \"" + visible(actual) + "\"\n";
  }
  return out;
}

std::string describe_case(const DiffCase& c) {
  std::string out = "case " + c.group + "/" + c.name + ", templates:\n";
  for (const auto& [name, source] : c.templates) {
    out += "  [" + name + "] \"" + visible(source.substr(0, 600)) +
           (source.size() > 600 ? "..." : "") + "\"\n";
  }
  return out;
}

// ---- the test ------------------------------------------------------------------------------

class DiffTest : public testing::Test {
 public:
  explicit DiffTest(std::shared_ptr<const DiffCase> c) : case_(std::move(c)) {}

  void TestBody() override {
    const DiffCase& c = *case_;
    if (!c.known_failure.empty()) GTEST_SKIP() << "known failure: " << c.known_failure;

    Environment env(c.options);
    env.set_loader(make_map_loader(c.templates));
    std::string output;
    std::optional<Error> error;
    auto tpl = env.get_template(c.main);
    if (!tpl.ok()) {
      error = tpl.error();
    } else {
      auto rendered = (*tpl)->render(c.data);
      if (rendered.ok()) {
        output = std::move(*rendered);
      } else {
        error = rendered.error();
      }
    }

    if (c.expect_error) {
      ASSERT_TRUE(error.has_value())
          << describe_case(c) << "Jinja2 fails with " << c.error_type << " at " << c.error_template
          << ":" << c.error_line << " (" << c.error_message << ") but docforge rendered \""
          << visible(output) << "\"";
      EXPECT_EQ(error->source_name, c.error_template)
          << describe_case(c) << "docforge: " << error->format() << "\nJinja2: " << c.error_type
          << " at " << c.error_template << ":" << c.error_line << ": " << c.error_message;
      EXPECT_EQ(error->line, c.error_line)
          << describe_case(c) << "docforge: " << error->format() << "\nJinja2: " << c.error_type
          << " at " << c.error_template << ":" << c.error_line << ": " << c.error_message;
      return;
    }
    ASSERT_FALSE(error.has_value()) << describe_case(c) << "docforge failed: "
                                    << error->format_with_context() << "\nJinja2 rendered \""
                                    << visible(c.expected_output) << "\"";
    if (output != c.expected_output) {
      ADD_FAILURE() << describe_case(c) << describe_difference(c.expected_output, output);
    }
  }

 private:
  std::shared_ptr<const DiffCase> case_;
};

class LoadFailure : public testing::Test {
 public:
  explicit LoadFailure(std::string message) : message_(std::move(message)) {}
  void TestBody() override { FAIL() << "could not load the differential cases: " << message_; }

 private:
  std::string message_;
};

// ctest runs each case as its own process with --gtest_filter=diff_<group>.<case>; such a run
// needs only that group's file, which keeps the per-process cost of 1000+ entries low. Any other
// filter (wildcards, lists, negations) loads everything.
std::string single_group_of_filter(const std::filesystem::path& dir, const std::string& filter) {
  constexpr std::string_view kPrefix = "diff_";
  if (filter.rfind(kPrefix, 0) != 0) return {};
  if (filter.find_first_of("*?:-") != std::string::npos) return {};
  const std::size_t dot = filter.find('.');
  if (dot == std::string::npos) return {};
  std::string group = filter.substr(kPrefix.size(), dot - kPrefix.size());
  if (group.empty() || !std::filesystem::exists(dir / "expected" / (group + ".json"))) return {};
  return group;
}

// known_failures.txt may only name existing cases.
class StaleKnownFailures : public testing::Test {
 public:
  explicit StaleKnownFailures(std::vector<std::string> stale) : stale_(std::move(stale)) {}
  void TestBody() override {
    for (const auto& name : stale_) {
      ADD_FAILURE() << "known_failures.txt names '" << name << "', which is not a case";
    }
  }

 private:
  std::vector<std::string> stale_;
};

void register_cases(const std::filesystem::path& dir, const std::string& filter) {
  std::vector<DiffCase> cases;
  std::map<std::string, std::string> known;
  const std::string only_group = single_group_of_filter(dir, filter);
  try {
    cases = load_cases(dir, only_group);
    known = read_known_failures(dir / "known_failures.txt");
  } catch (const LoadError& e) {
    const std::string message = e.message;
    // gtest owns the fixtures it creates through the factory (its API needs a raw pointer).
    testing::RegisterTest("diff_load", "expected_files", nullptr, nullptr, __FILE__, __LINE__,
                          [message]() -> testing::Test* { return new LoadFailure(message); });
    return;
  }
  std::vector<std::string> stale;
  if (only_group.empty()) {
    for (const auto& [name, reason] : known) {
      bool found = std::any_of(cases.begin(), cases.end(),
                               [&](const DiffCase& c) { return c.name == name; });
      if (!found) stale.push_back(name);
    }
  }
  testing::RegisterTest("diff_load", "known_failures", nullptr, nullptr, __FILE__, __LINE__,
                        [stale]() -> testing::Test* { return new StaleKnownFailures(stale); });
  for (auto& c : cases) {
    if (auto it = known.find(c.name); it != known.end()) c.known_failure = it->second;
    auto shared = std::make_shared<const DiffCase>(std::move(c));
    const std::string suite = "diff_" + shared->group;
    testing::RegisterTest(suite.c_str(), shared->name.c_str(), nullptr, nullptr, __FILE__,
                          __LINE__, [shared]() -> testing::Test* { return new DiffTest(shared); });
  }
}

}  // namespace
}  // namespace docforge

int main(int argc, char** argv) {
  testing::InitGoogleTest(&argc, argv);
  docforge::register_cases(std::filesystem::path(DOCFORGE_SOURCE_DIR) / "tests/template/diff",
                           testing::GTEST_FLAG(filter));
  return RUN_ALL_TESTS();
}
