// data_bench FILE [json|jsonl|csv|yaml|toml] [REPEAT] [fresh]
//
// Reads FILE with docforge's reader (the whole file into Values for json/yaml/toml; record by
// record, each record dropped after use, for jsonl/csv) REPEAT times and prints one JSON line:
// {"format", "bytes", "records", "best_s", "best_cpu_s", "mb_per_s", "mb_per_cpu_s",
// "first_cpu_s", "first_mb_per_cpu_s", "free_cpu_s", "max_rss_mb", "reader"}.
//   - first_*: the first parse in this (fresh) process: every page it touches is new memory;
//     this is what a single parse_json call costs.
//   - best_* and mb_per_*: the best of the REPEAT parses. For json the parses share one
//     JsonReader with a chunk pool ("reader": "pooled"), as a batch of large documents would,
//     so the later parses reuse the memory of the earlier ones; with `fresh`, each parse uses
//     parse_json_padded (a new reader per call, no reuse: "reader": "fresh").
//   - free_cpu_s: destroying the Values of the last parse (not in the parse timings).
// The file is read into memory once first for json so the timing is parsing, not disk.

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "data/json_reader.h"
#include "docforge/data.h"

namespace {

double now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// CPU seconds (user + system) of this process: the machines here are shared, so wall time
// mostly measures the neighbours.
double cpu_now() {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
         static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

// Peak resident memory of this program (VmHWM: unlike ru_maxrss, it does not inherit the peak
// of the process that forked us).
double max_rss_mb() {
  std::FILE* f = std::fopen("/proc/self/status", "r");
  if (f == nullptr) return 0;
  char line[256];
  double kb = 0;
  while (std::fgets(line, sizeof line, f) != nullptr) {
    if (std::sscanf(line, "VmHWM: %lf kB", &kb) == 1) break;
  }
  std::fclose(f);
  return kb / 1024.0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: data_bench FILE [json|jsonl|csv|yaml|toml] [REPEAT]\n");
    return 2;
  }
  std::string path = argv[1];
  docforge::data::ReadOptions opt;
  if (argc > 2) {
    auto f = docforge::data::format_from_name(argv[2]);
    if (!f) {
      std::fprintf(stderr, "unknown format %s\n", argv[2]);
      return 2;
    }
    opt.format = *f;
  } else if (auto f = docforge::data::format_from_path(path)) {
    opt.format = *f;
  }
  int repeat = argc > 3 ? std::atoi(argv[3]) : 3;
  const bool fresh = argc > 4 && std::string(argv[4]) == "fresh";
  // The batch case: one reader for every parse, keeping up to 1 GB of freed arena chunks.
  docforge::data::JsonReader pooled({}, std::size_t{1} << 30);
  bool streaming = opt.format == docforge::data::DataFormat::kJsonLines ||
                   opt.format == docforge::data::DataFormat::kCsv ||
                   opt.format == docforge::data::DataFormat::kTsv;
  std::string text;
  if (!streaming) {
    auto t = docforge::data::read_file_text(path);
    if (!t.ok()) {
      std::fprintf(stderr, "%s\n", t.error().format().c_str());
      return 1;
    }
    text = std::move(t).value();
    text.append(docforge::data::kJsonPadding, '\0');  // parse_json_padded: no extra copy
  }
  double best = 1e300;
  double best_cpu = 1e300;
  double free_cpu = 0;
  double first_cpu = 0;
  std::size_t records = 0;
  std::uint64_t bytes = streaming ? 0 : text.size() - docforge::data::kJsonPadding;
  for (int i = 0; i < repeat; ++i) {
    double t0 = now();
    double c0 = cpu_now();
    records = 0;
    if (streaming) {
      auto reader = docforge::data::open_record_reader(path, opt);
      if (!reader.ok()) {
        std::fprintf(stderr, "%s\n", reader.error().format().c_str());
        return 1;
      }
      while (auto r = (*reader)->next()) {
        if (!r->ok()) {
          std::fprintf(stderr, "%s\n", r->error().format().c_str());
          return 1;
        }
        ++records;
      }
      bytes = (*reader)->bytes_read();
    } else {
      docforge::Result<docforge::Value> v = docforge::Value::none();
      switch (opt.format) {
        case docforge::data::DataFormat::kYaml: v = docforge::data::parse_yaml(text, path); break;
        case docforge::data::DataFormat::kToml: v = docforge::data::parse_toml(text, path); break;
        default: {
          std::string_view json(text.data(), text.size() - docforge::data::kJsonPadding);
          v = fresh ? docforge::data::parse_json_padded(json, path)
                    : pooled.parse_padded(json, docforge::data::kJsonPadding, path);
          break;
        }
      }
      if (!v.ok()) {
        std::fprintf(stderr, "%s\n", v.error().format().c_str());
        return 1;
      }
      records = v->is_list() ? v->as_list().size() : 1;
      // Time the parse, not the destruction (as Python's json.loads is timed); the
      // destruction is reported apart.
      double dt = now() - t0;
      double dc = cpu_now() - c0;
      if (dt < best) best = dt;
      if (dc < best_cpu) best_cpu = dc;
      if (i == 0) first_cpu = dc;
      double f0 = cpu_now();
      v = docforge::Value::none();
      free_cpu = cpu_now() - f0;
      continue;
    }
    double dt = now() - t0;
    double dc = cpu_now() - c0;
    if (dt < best) best = dt;
    if (dc < best_cpu) best_cpu = dc;
    if (i == 0) first_cpu = dc;
  }
  std::printf(
      "{\"format\": \"%s\", \"bytes\": %llu, \"records\": %zu, \"best_s\": %.4f, "
      "\"best_cpu_s\": %.4f, \"mb_per_s\": %.1f, \"mb_per_cpu_s\": %.1f, "
      "\"first_cpu_s\": %.4f, \"first_mb_per_cpu_s\": %.1f, "
      "\"free_cpu_s\": %.4f, \"max_rss_mb\": %.1f, \"reader\": \"%s\"}\n",
      docforge::data::format_name(opt.format), static_cast<unsigned long long>(bytes), records,
      best, best_cpu, static_cast<double>(bytes) / 1e6 / best,
      static_cast<double>(bytes) / 1e6 / best_cpu, first_cpu,
      static_cast<double>(bytes) / 1e6 / first_cpu, free_cpu, max_rss_mb(),
      streaming ? "stream" : (fresh ? "fresh" : "pooled"));
  return 0;
}
