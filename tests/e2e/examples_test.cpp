// Every bundled example renders out of the box, exactly as scripts/render-examples runs it
// (examples/*/render.args). Text outputs with a golden file in tests/e2e/golden/ (rendered by
// Jinja2 itself, see scripts/gen-e2e-golden) must match it byte for byte.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "e2e/run_process.h"

namespace docforge::testing {
namespace {

namespace fs = std::filesystem;

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

struct ExampleRun {
  std::string output;
  std::vector<std::string> args;
};

std::vector<ExampleRun> example_runs() {
  std::vector<ExampleRun> runs;
  for (const auto& dir : fs::directory_iterator(fs::path(DOCFORGE_SOURCE_DIR) / "examples")) {
    fs::path list = dir.path() / "render.args";
    if (!fs::exists(list)) continue;
    std::istringstream lines(slurp(list));
    std::string line;
    while (std::getline(lines, line)) {
      if (line.empty() || line[0] == '#') continue;
      std::istringstream words(line);
      ExampleRun run;
      words >> run.output;
      for (std::string w; words >> w;) run.args.push_back(w);
      runs.push_back(run);
    }
  }
  return runs;
}

TEST(Examples, EveryExampleRenders) {
  std::vector<ExampleRun> runs = example_runs();
  ASSERT_FALSE(runs.empty());
  TempDir out;
  for (const ExampleRun& run : runs) {
    std::vector<std::string> argv = {DOCFORGE_EXE, "render"};
    argv.insert(argv.end(), run.args.begin(), run.args.end());
    argv.push_back("-o");
    argv.push_back(out.path() + "/" + run.output);
    ProcessResult r = run_process(argv, "", DOCFORGE_SOURCE_DIR);
    ASSERT_EQ(r.exit_code, 0) << run.output << ": " << r.err;
    std::string produced = out.read(run.output);
    EXPECT_GT(produced.size(), 100u) << run.output;
    fs::path golden = fs::path(DOCFORGE_SOURCE_DIR) / "tests/e2e/golden" / run.output;
    if (fs::exists(golden)) {
      EXPECT_EQ(produced, slurp(golden)) << run.output;
    }
  }
}

}  // namespace
}  // namespace docforge::testing
