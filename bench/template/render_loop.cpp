// render_loop: renders one benchmark workload repeatedly and prints renders per second.
//
//   render_loop WORKLOAD [--iterations N] [--timed] [--json] [--print]
//                        [--workloads DIR] [--data DIR]
//
// --iterations N  render exactly N times after one warm-up render (callgrind: only this loop is
//                 collected when run with --collect-atstart=no)
// --timed         the manifest's timing protocol, shared with bench/peers/run_peers.py: warm up,
//                 then time batches of >= min_batch_s until >= min_total_s and >= min_samples;
//                 reports the median batch rate (process CPU time)
// --json          one JSON object on stdout instead of text
// --print         write one rendering to stdout and exit (for output comparison)
// --compile       time compiling the main template (from_string) instead of rendering; with
//                 --iterations N, compile exactly N times (callgrind, as for renders)

#include <algorithm>
#include <cstdint>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>


#if defined(__has_include)
#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#define DOCFORGE_HAVE_CALLGRIND 1
#endif
#endif
#ifndef DOCFORGE_HAVE_CALLGRIND
#define CALLGRIND_TOGGLE_COLLECT
#endif

#include "workload.h"

namespace {

// Process CPU time, not wall time: the machines are shared, and every runner (run_peers.py,
// node_peers.js) measures the same way, so a busy neighbour does not skew the ratios.
struct Clock {
  using time_point = double;
  static double now() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
  }
};

struct Timing {
  double warmup_s = 0.3;
  double min_total_s = 1.5;
  double min_batch_s = 0.005;
  int min_samples = 10;
};

double seconds_since(Clock::time_point t0) { return Clock::now() - t0; }

// Runs `fn` with the shared timing protocol; returns the median operations per second.
template <typename Fn>
double timed_rate(const Timing& t, Fn&& fn) {
  auto t0 = Clock::now();
  std::uint64_t warm = 0;
  while (seconds_since(t0) < t.warmup_s || warm == 0) {
    fn();
    ++warm;
  }
  // Batch size: enough operations to last min_batch_s.
  double per_op = seconds_since(t0) / static_cast<double>(warm);
  std::uint64_t batch = std::max<std::uint64_t>(1, static_cast<std::uint64_t>(t.min_batch_s / per_op) + 1);
  std::vector<double> rates;
  double total = 0;
  while (total < t.min_total_s || static_cast<int>(rates.size()) < t.min_samples) {
    auto b0 = Clock::now();
    for (std::uint64_t i = 0; i < batch; ++i) fn();
    double s = seconds_since(b0);
    total += s;
    rates.push_back(static_cast<double>(batch) / s);
  }
  std::sort(rates.begin(), rates.end());
  return rates[rates.size() / 2];
}

int usage() {
  std::fprintf(stderr,
               "usage: render_loop WORKLOAD [--iterations N] [--timed] [--json] [--print] "
               "[--compile] [--workloads DIR] [--data DIR]\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return usage();
  std::string name = argv[1];
  std::uint64_t iterations = 0;
  bool timed = false, json = false, print = false, compile = false;
  std::string workloads_dir = docforge::bench::default_workloads_dir();
  std::string data_dir = docforge::bench::default_data_dir();
  for (int i = 2; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> const char* { return i + 1 < argc ? argv[++i] : nullptr; };
    if (a == "--iterations") {
      const char* v = next();
      if (v == nullptr) return usage();
      iterations = std::strtoull(v, nullptr, 10);
    } else if (a == "--timed") {
      timed = true;
    } else if (a == "--json") {
      json = true;
    } else if (a == "--print") {
      print = true;
    } else if (a == "--compile") {
      compile = true;
    } else if (a == "--workloads") {
      const char* v = next();
      if (v == nullptr) return usage();
      workloads_dir = v;
    } else if (a == "--data") {
      const char* v = next();
      if (v == nullptr) return usage();
      data_dir = v;
    } else {
      return usage();
    }
  }
  if (!timed && iterations == 0 && !print) timed = true;

  auto manifest = docforge::bench::load_manifest(workloads_dir);
  if (!manifest.ok()) {
    std::fprintf(stderr, "%s\n", manifest.error().format().c_str());
    return 1;
  }
  const docforge::bench::Workload* wl = nullptr;
  for (const auto& w : manifest->workloads) {
    if (w.name == name) wl = &w;
  }
  if (wl == nullptr) {
    std::fprintf(stderr, "render_loop: no workload named '%s' in the manifest\n", name.c_str());
    return 2;
  }
  auto loaded = docforge::bench::load_workload(*manifest, *wl, workloads_dir, data_dir);
  if (!loaded.ok()) {
    std::fprintf(stderr, "%s\n", loaded.error().format_with_context().c_str());
    return 1;
  }
  const docforge::Template& tpl = *loaded->tpl;
  std::string out;
  bool failed = false;
  std::string failure;
  auto render = [&] {
    out.clear();
    auto st = tpl.render_to(loaded->data, out);
    if (!st.ok() && !failed) {
      failed = true;
      failure = st.error().format_with_context();
    }
  };
  render();
  if (failed) {
    std::fprintf(stderr, "%s\n", failure.c_str());
    return 1;
  }
  if (print) {
    std::fwrite(out.data(), 1, out.size(), stdout);
    return 0;
  }
  const std::size_t bytes = out.size();

  if (compile) {
    const docforge::Environment& env = *loaded->env;
    const std::string& src = loaded->main_source;
    const std::string& tname = wl->main_template;
    auto compile_once = [&] {
      auto t = env.from_string(src, tname);
      if (!t.ok() && !failed) {
        failed = true;
        failure = t.error().format_with_context();
      }
    };
    double rate = 0;
    if (iterations != 0) {
      auto t0 = Clock::now();
      CALLGRIND_TOGGLE_COLLECT;
      for (std::uint64_t i = 0; i < iterations; ++i) compile_once();
      CALLGRIND_TOGGLE_COLLECT;
      rate = static_cast<double>(iterations) / seconds_since(t0);
    } else {
      Timing t;
      t.min_total_s = 0.5;
      t.min_samples = 5;
      rate = timed_rate(t, compile_once);
    }
    if (failed) {
      std::fprintf(stderr, "%s\n", failure.c_str());
      return 1;
    }
    if (json) {
      std::printf("{\"engine\": \"docforge\", \"workload\": \"%s\", \"compiles_per_s\": %.3f}\n",
                  name.c_str(), rate);
    } else {
      std::printf("%s compile: %.0f compiles/s (%.2f us each)\n", name.c_str(), rate, 1e6 / rate);
    }
    return 0;
  }

  double rate = 0;
  if (timed) {
    rate = timed_rate(Timing{}, render);
  } else {
    auto t0 = Clock::now();
    CALLGRIND_TOGGLE_COLLECT;
    for (std::uint64_t i = 0; i < iterations; ++i) render();
    CALLGRIND_TOGGLE_COLLECT;
    rate = static_cast<double>(iterations) / seconds_since(t0);
  }
  if (failed) {
    std::fprintf(stderr, "%s\n", failure.c_str());
    return 1;
  }
  if (json) {
    std::printf("{\"engine\": \"docforge\", \"workload\": \"%s\", \"renders_per_s\": %.3f, "
                "\"bytes\": %zu}\n",
                name.c_str(), rate, bytes);
  } else {
    std::printf("%s: %.0f renders/s (%zu bytes per render)\n", name.c_str(), rate, bytes);
  }
  return 0;
}
