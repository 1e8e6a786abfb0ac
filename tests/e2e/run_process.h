// Running a program the way a user's shell would, for end-to-end tests: arguments, optional
// standard input, captured standard output and error, and the exit status.

#ifndef DOCFORGE_TESTS_E2E_RUN_PROCESS_H_
#define DOCFORGE_TESTS_E2E_RUN_PROCESS_H_

#include <string>
#include <vector>

namespace docforge::testing {

struct ProcessResult {
  int exit_code = -1;  // -1 when killed by a signal
  std::string out;
  std::string err;
};

// Runs `argv[0]` with `argv` in `cwd` (empty: current folder), feeding `input` on stdin.
ProcessResult run_process(const std::vector<std::string>& argv, const std::string& input = "",
                          const std::string& cwd = "");

// A fresh temporary folder, removed (recursively) when the object dies.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  // Writes `text` to path()/name (creating folders), returns the full path.
  std::string write(const std::string& name, const std::string& text) const;
  std::string read(const std::string& name) const;
  bool exists(const std::string& name) const;

 private:
  std::string path_;
};

}  // namespace docforge::testing

#endif  // DOCFORGE_TESTS_E2E_RUN_PROCESS_H_
