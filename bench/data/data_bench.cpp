// data_bench FILE [json|jsonl|csv|yaml|toml] [REPEAT]
//
// Reads FILE with docforge's reader (the whole file into Values for json/yaml/toml; record by
// record, each record dropped after use, for jsonl/csv) REPEAT times and prints one JSON line:
// {"format", "bytes", "records", "best_s", "mb_per_s", "max_rss_mb"}. The file is read into
// memory once first for json so the timing is parsing, not disk.

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "docforge/data.h"

namespace {

double now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

double max_rss_mb() {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<double>(ru.ru_maxrss) / 1024.0;
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
  }
  double best = 1e300;
  std::size_t records = 0;
  std::uint64_t bytes = text.size();
  for (int i = 0; i < repeat; ++i) {
    double t0 = now();
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
        default: v = docforge::data::parse_json(text, path); break;
      }
      if (!v.ok()) {
        std::fprintf(stderr, "%s\n", v.error().format().c_str());
        return 1;
      }
      records = v->is_list() ? v->as_list().size() : 1;
    }
    double dt = now() - t0;
    if (dt < best) best = dt;
  }
  std::printf(
      "{\"format\": \"%s\", \"bytes\": %llu, \"records\": %zu, \"best_s\": %.4f, "
      "\"mb_per_s\": %.1f, \"max_rss_mb\": %.1f}\n",
      docforge::data::format_name(opt.format), static_cast<unsigned long long>(bytes), records,
      best, static_cast<double>(bytes) / 1e6 / best, max_rss_mb());
  return 0;
}
