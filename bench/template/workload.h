// The benchmark workloads of bench/workloads/manifest.json, loaded through the public API.
//
// A workload is a main template (plus the templates it extends/includes/imports), a JSON data
// file produced by bench/workloads/gen_data.py, and engine options shared by every engine that
// renders it (docforge, Jinja2, nunjucks, minijinja-js): trim_blocks, lstrip_blocks,
// keep_trailing_newline, autoescape per workload and, for the resume, the LaTeX delimiters of the
// manifest (`\BLOCK{ }`, `\VAR{ }`, `\#{ }`, `%%` line statements).
//
// load_workload() builds an Environment with a file loader rooted at the workloads folder,
// compiles the main template once and parses the data once, so callers can time warm renders.
//
// Thread safety: the functions are reentrant; a LoadedWorkload is used by one thread at a time
// (its Template may be rendered from many).

#ifndef DOCFORGE_BENCH_TEMPLATE_WORKLOAD_H_
#define DOCFORGE_BENCH_TEMPLATE_WORKLOAD_H_

#include <memory>
#include <string>
#include <vector>

#include "docforge/environment.h"
#include "docforge/error.h"
#include "docforge/value.h"

namespace docforge::bench {

struct Workload {
  std::string name;
  std::string main_template;
  std::string data_file;
  bool latex_syntax = false;
  bool autoescape = false;
};

struct Manifest {
  Options options;  // the shared options (syntax left at Jinja defaults)
  Syntax latex;     // the manifest's "latex" syntax
  std::vector<Workload> workloads;
};

// Folders: DOCFORGE_BENCH_WORKLOADS / DOCFORGE_BENCH_DATA when set, otherwise
// <source>/bench/workloads and <source>/bench/workloads/data.
std::string default_workloads_dir();
std::string default_data_dir();

// Reads <dir>/manifest.json.
Result<Manifest> load_manifest(const std::string& workloads_dir);

// The options a workload renders with (shared options + its syntax and autoescape).
Options workload_options(const Manifest& manifest, const Workload& workload);

struct LoadedWorkload {
  Workload workload;
  std::unique_ptr<Environment> env;
  std::shared_ptr<const Template> tpl;
  Value data;
  std::string main_source;  // text of the main template (for compile benchmarks)
};

// Loads data, builds the environment and compiles the main template.
Result<LoadedWorkload> load_workload(const Manifest& manifest, const Workload& workload,
                                     const std::string& workloads_dir,
                                     const std::string& data_dir);

// Reads a whole file.
Result<std::string> read_file(const std::string& path);

}  // namespace docforge::bench

#endif  // DOCFORGE_BENCH_TEMPLATE_WORKLOAD_H_
