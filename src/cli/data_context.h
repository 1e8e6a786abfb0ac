// Building a template's variables from the command line: --data files merged left to right,
// then --set KEY=VALUE assignments.

#ifndef DOCFORGE_CLI_DATA_CONTEXT_H_
#define DOCFORGE_CLI_DATA_CONTEXT_H_

#include <string>
#include <vector>

#include "docforge/error.h"
#include "docforge/value.h"

namespace CLI {
class App;
}

namespace docforge::cli {

// Flags that say how data files are read (shared by render and, later, batch).
struct DataFlags {
  std::string format;  // empty: from the file extension
  bool allow_nan = false;
  bool csv_types = false;
  std::string csv_delimiter;
};

void add_data_flags(CLI::App& cmd, DataFlags& flags);

// The merged context map. A data file whose top level is not an object is an error naming it;
// a --set without '=' is a usage error. Later files and --set override earlier keys.
Result<Value> build_context(const std::vector<std::string>& data_files,
                            const std::vector<std::string>& sets, const DataFlags& flags);

}  // namespace docforge::cli

#endif  // DOCFORGE_CLI_DATA_CONTEXT_H_
