#include "cli/data_context.h"

#include <CLI/CLI.hpp>

#include "cli/output_file.h"
#include "docforge/data.h"

namespace docforge::cli {

void add_data_flags(CLI::App& cmd, DataFlags& flags) {
  cmd.add_option("--data-format", flags.format,
                 "Read --data files as this format instead of guessing from the extension")
      ->check(CLI::IsMember({"json", "jsonl", "yaml", "csv", "tsv", "toml", "markdown"}));
  cmd.add_flag("--allow-nan", flags.allow_nan, "Accept NaN and Infinity in JSON data");
  cmd.add_flag("--csv-types", flags.csv_types,
               "Infer ints, floats and booleans in CSV cells (default: every cell is a string)");
  cmd.add_option("--csv-delimiter", flags.csv_delimiter,
                 "CSV field delimiter (default ',' and tab for .tsv)")
      ->type_name("CHAR");
}

Result<Value> build_context(const std::vector<std::string>& data_files,
                            const std::vector<std::string>& sets, const DataFlags& flags) {
  Value context = Value::map();
  Map& merged = context.map_mut();
  for (const std::string& path : data_files) {
    Result<std::string> text = read_input(path);
    if (!text.ok()) return std::move(text).error();
    Result<Value> data = data::parse_json(*text, path == "-" ? "<stdin>" : path,
                                          data::JsonOptions{flags.allow_nan, 1000});
    if (!data.ok()) return std::move(data).error();
    if (!data->is_map()) {
      Error e = make_error(ErrorKind::kData,
                           std::string("the top level must be an object (a mapping of names to "
                                       "values), not ") + data->type_name());
      e.source_name = path;
      return e;
    }
    for (const auto& [key, value] : data->as_map()) merged.set(key, value);
  }
  for (const std::string& assignment : sets) {
    std::size_t eq = assignment.find('=');
    if (eq == std::string::npos || eq == 0) {
      return make_error(ErrorKind::kUsage,
                        "--set takes KEY=VALUE, got '" + assignment + "'");
    }
    std::string key = assignment.substr(0, eq);
    std::string raw = assignment.substr(eq + 1);
    Result<Value> parsed = data::parse_json(raw, "--set");
    merged.set(key, parsed.ok() ? std::move(parsed).value() : Value::string(raw));
  }
  return context;
}

}  // namespace docforge::cli
