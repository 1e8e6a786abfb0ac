// Building a template's variables from the command line: --data files merged left to right,
// then --set KEY=VALUE assignments, then schema validation (--schema, or a schema file beside
// the template).

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

// Flags that say how data files are read and checked (shared by render and, later, batch).
struct DataFlags {
  std::string format;  // empty: from the file extension
  bool allow_nan = false;
  bool csv_types = false;
  std::string csv_delimiter;
  std::string schema;  // empty: a schema beside the template, if any
  bool no_schema = false;
  bool apply_defaults = false;
};

void add_data_flags(CLI::App& cmd, DataFlags& flags);

// The merged context map. Data whose top level is an object contributes its keys; record
// formats (CSV, TSV, JSON Lines) contribute their list of records as `records`; any other top
// level is an error naming the file. A --set without '=' is a usage error. Later files and --set
// override earlier keys.
Result<Value> build_context(const std::vector<std::string>& data_files,
                            const std::vector<std::string>& sets, const DataFlags& flags);

// Validates (and with --apply-defaults completes) the context against --schema or the schema
// found beside `template_path`. Every violation is listed in the error.
Result<Value> check_context(Value context, const DataFlags& flags, const std::string& template_path);

}  // namespace docforge::cli

#endif  // DOCFORGE_CLI_DATA_CONTEXT_H_
