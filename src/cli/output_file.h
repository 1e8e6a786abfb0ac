// Writing a command's result: to stdout, or to a file that appears only when complete.
//
// write_output() writes to a temporary file beside the target and renames it into place, so a
// failed or interrupted run never leaves a truncated or half-written output file behind.

#ifndef DOCFORGE_CLI_OUTPUT_FILE_H_
#define DOCFORGE_CLI_OUTPUT_FILE_H_

#include <string>
#include <string_view>

#include "docforge/error.h"

namespace docforge::cli {

// `path` "-" or empty means stdout. Creates missing parent folders.
Status write_output(const std::string& path, std::string_view bytes);

// Reads a whole file ("-" reads stdin). kIo error naming the path on failure.
Result<std::string> read_input(const std::string& path);

}  // namespace docforge::cli

#endif  // DOCFORGE_CLI_OUTPUT_FILE_H_
