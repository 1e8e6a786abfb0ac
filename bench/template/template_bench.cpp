// Google Benchmark for the template engine: the five workloads of bench/workloads/manifest.json
// rendered warm (compiled once, data parsed once, one output buffer reused), plus compiling the
// invoice template from source. Peer comparisons live in bench/peers/ (scripts/bench-templates).
//
//   build/release/bench/template/docforge_template_bench [--benchmark_filter=render/invoice]
//
// A workload that fails to load or render is reported as an error for that benchmark only.

#include <benchmark/benchmark.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "workload.h"

namespace {

using docforge::bench::LoadedWorkload;

void report_error(benchmark::State& state, const docforge::Error& e) {
  state.SkipWithError(e.format().c_str());
}

void bm_render(benchmark::State& state, const std::shared_ptr<LoadedWorkload>& lw) {
  const docforge::Template& tpl = *lw->tpl;
  std::string out;
  std::size_t bytes = 0;
  for (auto _ : state) {
    out.clear();
    auto st = tpl.render_to(lw->data, out);
    if (!st.ok()) {
      report_error(state, st.error());
      return;
    }
    bytes += out.size();
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
  state.counters["renders/s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

void bm_compile(benchmark::State& state, const std::shared_ptr<LoadedWorkload>& lw) {
  const docforge::Environment& env = *lw->env;
  for (auto _ : state) {
    auto tpl = env.from_string(lw->main_source, lw->workload.main_template);
    if (!tpl.ok()) {
      report_error(state, tpl.error());
      return;
    }
    benchmark::DoNotOptimize(tpl->get());
  }
  state.SetItemsProcessed(state.iterations());
}

void bm_failed(benchmark::State& state, const std::string& message) {
  for (auto _ : state) {
    state.SkipWithError(message.c_str());
    break;
  }
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;

  const std::string workloads_dir = docforge::bench::default_workloads_dir();
  const std::string data_dir = docforge::bench::default_data_dir();
  auto manifest = docforge::bench::load_manifest(workloads_dir);
  if (!manifest.ok()) {
    std::fprintf(stderr, "%s\n", manifest.error().format().c_str());
    return 1;
  }
  for (const auto& w : manifest->workloads) {
    auto loaded = docforge::bench::load_workload(*manifest, w, workloads_dir, data_dir);
    const std::string render_name = "render/" + w.name;
    if (!loaded.ok()) {
      std::string msg = loaded.error().format();
      benchmark::RegisterBenchmark(render_name.c_str(), bm_failed, msg);
      continue;
    }
    auto lw = std::make_shared<LoadedWorkload>(std::move(*loaded));
    benchmark::RegisterBenchmark(render_name.c_str(), bm_render, lw);
    if (w.name == "invoice") {
      benchmark::RegisterBenchmark("compile/invoice", bm_compile, lw)->Unit(benchmark::kMicrosecond);
    }
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
