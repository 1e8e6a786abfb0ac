#include "workload.h"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <utility>

#include "docforge/data.h"

namespace docforge::bench {
namespace {

std::string env_or(const char* var, std::string fallback) {
  const char* v = std::getenv(var);
  return (v != nullptr && *v != '\0') ? std::string(v) : std::move(fallback);
}

const Value* field(const Value& map, std::string_view key) {
  if (!map.is_map()) return nullptr;
  return map.as_map().find(key);
}

bool bool_field(const Value& map, std::string_view key) {
  const Value* v = field(map, key);
  return v != nullptr && v->truthy();
}

std::string string_field(const Value& map, std::string_view key) {
  const Value* v = field(map, key);
  return (v != nullptr && v->is_string()) ? std::string(v->as_string()) : std::string();
}

void set_if_present(const Value& map, std::string_view key, std::string& out) {
  const Value* v = field(map, key);
  if (v != nullptr && v->is_string()) out = std::string(v->as_string());
}

}  // namespace

std::string default_workloads_dir() {
  return env_or("DOCFORGE_BENCH_WORKLOADS", std::string(DOCFORGE_SOURCE_DIR) + "/bench/workloads");
}

std::string default_data_dir() {
  return env_or("DOCFORGE_BENCH_DATA", std::string(DOCFORGE_SOURCE_DIR) + "/bench/workloads/data");
}

Result<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error(ErrorKind::kIo, "cannot read " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Result<Manifest> load_manifest(const std::string& workloads_dir) {
  const std::string path = workloads_dir + "/manifest.json";
  auto text = read_file(path);
  if (!text.ok()) return std::move(text).error();
  auto parsed = data::parse_json(*text, path);
  if (!parsed.ok()) return std::move(parsed).error();
  const Value& root = *parsed;

  Manifest m;
  if (const Value* opts = field(root, "options")) {
    m.options.trim_blocks = bool_field(*opts, "trim_blocks");
    m.options.lstrip_blocks = bool_field(*opts, "lstrip_blocks");
    m.options.keep_trailing_newline = bool_field(*opts, "keep_trailing_newline");
  }
  const Value* syntaxes = field(root, "syntax");
  const Value* latex = syntaxes != nullptr ? field(*syntaxes, "latex") : nullptr;
  if (latex != nullptr) {
    set_if_present(*latex, "block_start", m.latex.block_start);
    set_if_present(*latex, "block_end", m.latex.block_end);
    set_if_present(*latex, "variable_start", m.latex.variable_start);
    set_if_present(*latex, "variable_end", m.latex.variable_end);
    set_if_present(*latex, "comment_start", m.latex.comment_start);
    set_if_present(*latex, "comment_end", m.latex.comment_end);
    set_if_present(*latex, "line_statement_prefix", m.latex.line_statement_prefix);
    set_if_present(*latex, "line_comment_prefix", m.latex.line_comment_prefix);
  }
  const Value* workloads = field(root, "workloads");
  if (workloads == nullptr || !workloads->is_list()) {
    return make_error(ErrorKind::kData, path + ": no \"workloads\" list");
  }
  for (const Value& w : workloads->as_list()) {
    Workload wl;
    wl.name = string_field(w, "name");
    wl.main_template = string_field(w, "main");
    wl.data_file = string_field(w, "data");
    wl.latex_syntax = string_field(w, "syntax") == "latex";
    wl.autoescape = bool_field(w, "autoescape");
    m.workloads.push_back(std::move(wl));
  }
  return m;
}

Options workload_options(const Manifest& manifest, const Workload& workload) {
  Options o = manifest.options;
  if (workload.latex_syntax) o.syntax = manifest.latex;
  o.autoescape = workload.autoescape ? AutoescapeMode::kOn : AutoescapeMode::kOff;
  return o;
}

Result<LoadedWorkload> load_workload(const Manifest& manifest, const Workload& workload,
                                     const std::string& workloads_dir,
                                     const std::string& data_dir) {
  LoadedWorkload lw;
  lw.workload = workload;
  const std::string data_path = data_dir + "/" + workload.data_file;
  auto data_text = read_file(data_path);
  if (!data_text.ok()) {
    Error e = std::move(data_text).error();
    e.message += " (generate it: python3 bench/workloads/gen_data.py)";
    return e;
  }
  auto data = data::parse_json(*data_text, data_path);
  if (!data.ok()) return std::move(data).error();
  lw.data = std::move(*data);

  auto source = read_file(workloads_dir + "/" + workload.main_template);
  if (!source.ok()) return std::move(source).error();
  lw.main_source = std::move(*source);

  lw.env = std::make_unique<Environment>(workload_options(manifest, workload));
  lw.env->set_loader(make_file_loader({workloads_dir}));
  auto tpl = lw.env->get_template(workload.main_template);
  if (!tpl.ok()) return std::move(tpl).error();
  lw.tpl = std::move(*tpl);
  return lw;
}

}  // namespace docforge::bench
