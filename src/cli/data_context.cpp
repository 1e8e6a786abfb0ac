#include "cli/data_context.h"

#include <CLI/CLI.hpp>

#include <optional>

#include "docforge/data.h"

namespace docforge::cli {
namespace {

Result<data::ReadOptions> read_options(const DataFlags& flags) {
  data::ReadOptions o;
  if (!flags.format.empty()) {
    std::optional<data::DataFormat> f = data::format_from_name(flags.format);
    if (!f) return make_error(ErrorKind::kUsage, "unknown --data-format '" + flags.format + "'");
    o.format = *f;
  }
  o.allow_nan = flags.allow_nan;
  o.csv_types = flags.csv_types;
  if (!flags.csv_delimiter.empty()) {
    if (flags.csv_delimiter == "\\t" || flags.csv_delimiter == "tab") {
      o.csv_delimiter = '\t';
    } else if (flags.csv_delimiter.size() == 1) {
      o.csv_delimiter = flags.csv_delimiter[0];
    } else {
      return make_error(ErrorKind::kUsage, "--csv-delimiter takes one character, got '" +
                                               flags.csv_delimiter + "'");
    }
  }
  return o;
}

bool is_record_format(const std::string& path, const data::ReadOptions& o) {
  data::DataFormat f = o.format;
  if (f == data::DataFormat::kAuto) f = data::format_from_path(path).value_or(data::DataFormat::kJson);
  return f == data::DataFormat::kCsv || f == data::DataFormat::kTsv ||
         f == data::DataFormat::kJsonLines;
}

}  // namespace

void add_data_flags(CLI::App& cmd, DataFlags& flags) {
  cmd.add_option("--data-format", flags.format,
                 "Read --data files as this format instead of by extension (.json .jsonl .ndjson "
                 ".yaml .yml .csv .tsv .toml .md front matter). CSV, TSV and JSON Lines records "
                 "become the list variable `records`")
      ->check(CLI::IsMember({"json", "jsonl", "ndjson", "yaml", "yml", "csv", "tsv", "toml", "md",
                             "frontmatter"}));
  cmd.add_flag("--allow-nan", flags.allow_nan, "Accept NaN and Infinity in JSON data");
  cmd.add_flag("--csv-types", flags.csv_types,
               "Infer ints, floats and booleans in CSV cells (default: every cell is a string)");
  cmd.add_option("--csv-delimiter", flags.csv_delimiter,
                 "CSV field delimiter, one character or 'tab' (default ',' and tab for .tsv)")
      ->type_name("CHAR");
  auto* schema = cmd.add_option("--schema", flags.schema,
                                "Validate the data against this JSON Schema (.json or .yaml) "
                                "before rendering (default: TEMPLATE's x.schema.json or "
                                "x.schema.yaml beside it, when there is one)")
                     ->type_name("FILE");
  cmd.add_flag("--no-schema", flags.no_schema, "Do not validate, even with a schema beside the template")
      ->excludes(schema);
  cmd.add_flag("--apply-defaults", flags.apply_defaults,
               "Fill in absent properties from the schema's `default` values");
}

Result<Value> build_context(const std::vector<std::string>& data_files,
                            const std::vector<std::string>& sets, const DataFlags& flags) {
  Result<data::ReadOptions> options = read_options(flags);
  if (!options.ok()) return std::move(options).error();
  Value context = Value::map();
  Map& merged = context.map_mut();
  for (const std::string& path : data_files) {
    Result<Value> data = data::read_data_file(path, *options);
    if (!data.ok()) return std::move(data).error();
    if (data->is_map()) {
      for (const auto& [key, value] : data->as_map()) merged.set(key, value);
    } else if (data->is_list() && is_record_format(path, *options)) {
      merged.set("records", std::move(data).value());
    } else {
      Error e = make_error(ErrorKind::kData,
                           std::string("the top level must be an object (a mapping of names to "
                                       "values), not ") + data->type_name());
      e.source_name = path;
      return e;
    }
  }
  for (const std::string& assignment : sets) {
    std::size_t eq = assignment.find('=');
    if (eq == std::string::npos || eq == 0) {
      return make_error(ErrorKind::kUsage, "--set takes KEY=VALUE, got '" + assignment + "'");
    }
    std::string key = assignment.substr(0, eq);
    std::string raw = assignment.substr(eq + 1);
    Result<Value> parsed = data::parse_json(raw, "--set");
    merged.set(key, parsed.ok() ? std::move(parsed).value() : Value::string(raw));
  }
  return context;
}

Result<Value> check_context(Value context, const DataFlags& flags,
                            const std::string& template_path) {
  if (flags.no_schema) return context;
  std::optional<std::string> path;
  if (!flags.schema.empty()) {
    path = flags.schema;
  } else {
    path = data::find_schema_for_template(template_path);
  }
  if (!path) return context;
  Result<data::Schema> schema = data::Schema::load(*path);
  if (!schema.ok()) return std::move(schema).error();
  if (flags.apply_defaults) context = schema->apply_defaults(context);
  Status valid = schema->check(context, "the data");
  if (!valid.ok()) return std::move(valid).error();
  return context;
}

}  // namespace docforge::cli
