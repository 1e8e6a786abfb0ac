// Document conversion benchmark: Markdown -> PDF / HTML through docforge::document.
//
//   document_bench warm [--iterations N] [--html] FILE...   one PdfEngine, N documents per file,
//                                                            new data each time
//   document_bench once FILE OUT.pdf                        one document (run as a fresh process
//                                                            by run.sh to measure cold start)
//
// "New data each time": every digit of the body changes pseudo-randomly per document, so each
// document has different numbers (and different glyph runs) with the same structure. Times are
// wall-clock and CPU (this thread) per document, median and mean (the mean shows the documents
// that pay for page faults and heap trimming); peak RSS is for the whole process.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/heap_tuning.h"
#include "docforge/document.h"

namespace {

using docforge::document::ConvertOptions;
using docforge::document::Format;
using docforge::document::PdfEngine;

std::string read_file(const char* path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Every digit of the body gets a pseudo-random shift drawn for document i (the same generator as
// typst_bench.js), so no two documents of a run repeat each other: a cache across documents
// (docforge's laid-out texts, Typst's memoization) reuses only the text that really stays.
std::string vary(const std::string& md, int i) {
  std::string out = md;
  std::size_t body = out.find("\n---\n", 4);
  body = body == std::string::npos ? 0 : body + 5;
  std::uint32_t state = static_cast<std::uint32_t>(i) * 2654435761u + 1;
  for (std::size_t k = body; k < out.size(); ++k) {
    if (out[k] >= '0' && out[k] <= '9') {
      state = state * 1664525u + 1013904223u;
      out[k] = static_cast<char>('0' + (out[k] - '0' + (state >> 24) % 10) % 10);
    }
  }
  return out;
}

double cpu_ms() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

double wall_ms() {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

long peak_rss_kb() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss;
}

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(p * (v.size() - 1) + 0.5))];
}

int warm(int argc, char** argv) {
  int iterations = 50;
  bool html = false;
  std::vector<const char*> files;
  for (int i = 2; i < argc; ++i) {
    if (std::strcmp(argv[i], "--iterations") == 0 && i + 1 < argc) {
      iterations = std::atoi(argv[++i]);
    } else if (std::strcmp(argv[i], "--html") == 0) {
      html = true;
    } else {
      files.push_back(argv[i]);
    }
  }
  PdfEngine engine;
  for (const char* file : files) {
    std::string md = read_file(file);
    std::vector<std::string> docs;
    for (int i = 0; i < iterations + 3; ++i) docs.push_back(vary(md, i));
    // Warm-up: fonts, theme, hyphenation dictionary.
    for (int i = 0; i < 3; ++i) (void)engine.render(docs[i]);
    std::vector<double> wall, cpu;
    int pages = 0;
    std::size_t bytes = 0;
    for (int i = 3; i < iterations + 3; ++i) {
      double w0 = wall_ms(), c0 = cpu_ms();
      auto r = html ? docforge::document::convert_markdown(docs[i], Format::kHtml) : engine.render(docs[i]);
      wall.push_back(wall_ms() - w0);
      cpu.push_back(cpu_ms() - c0);
      if (!r.ok()) {
        std::fprintf(stderr, "%s: %s\n", file, r.error().format().c_str());
        return 1;
      }
      pages = r->pages;
      bytes = r->bytes.size();
    }
    const char* name = std::strrchr(file, '/') ? std::strrchr(file, '/') + 1 : file;
    double cpu_mean = 0;
    for (double c : cpu) cpu_mean += c / static_cast<double>(cpu.size());
    std::printf("%-12s %-5s pages=%d bytes=%zu  wall median %.2f ms p95 %.2f ms  cpu median %.2f ms mean %.2f ms  (%d docs)\n",
                name, html ? "html" : "pdf", pages, bytes, percentile(wall, 0.5), percentile(wall, 0.95),
                percentile(cpu, 0.5), cpu_mean, iterations);
  }
  std::printf("peak RSS %.1f MB\n", peak_rss_kb() / 1024.0);
  return 0;
}

int once(int argc, char** argv) {
  if (argc < 4) return 2;
  docforge::cli::prefer_huge_heap_pages();  // as `docforge render` does first thing
  auto* engine = new PdfEngine();  // never destroyed, as in `docforge render` (cli/document_output.cpp)
  ConvertOptions o;
  auto r = engine->render(read_file(argv[2]), o);
  if (!r.ok()) {
    std::fprintf(stderr, "%s\n", r.error().format().c_str());
    return 1;
  }
  std::ofstream(argv[3], std::ios::binary) << r->bytes;
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc >= 2 && std::strcmp(argv[1], "warm") == 0) return warm(argc, argv);
  if (argc >= 2 && std::strcmp(argv[1], "once") == 0) return once(argc, argv);
  std::fprintf(stderr, "usage: document_bench warm [--iterations N] [--html] FILE... | once FILE OUT.pdf\n");
  return 2;
}
