#!/usr/bin/env bash
# Markdown -> PDF speed: docforge (in-process, warm, new data each time; and fresh process)
# against Typst (typst-ts-node-compiler from npm, into this folder's git-ignored node_modules),
# pdflatex and WeasyPrint (skipped when absent) on /work/shared/workloads/documents/.
#   bench/document/run.sh [BUILD_DIR]      (default build/document)
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build/document}
docs=${DOCUMENTS:-/work/shared/workloads/documents}
n=${ITERATIONS:-50}
fresh=${FRESH_RUNS:-20}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if [ ! -x "$build/bench/document/document_bench" ]; then
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  ninja -C "$build" -j2 document_bench >/dev/null
fi
bench="$build/bench/document/document_bench"

# Wall time of N fresh processes (median and min, ms), their CPU time (user + system, all
# threads; median, ms) and the peak RSS (MB) of the largest. CPU time is the steadier figure on a
# shared machine; wall time is what a user waits.
fresh_runs() {  # fresh_runs LABEL COMMAND...
  local label=$1; shift
  python3 - "$fresh" "$label" "$@" <<'PY'
import os, statistics, subprocess, sys, time
n, label, cmd = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
times, cpu, rss = [], [], 0
for _ in range(n):
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    times.append((time.perf_counter() - t0) * 1000)
    if status != 0:
        sys.exit(f"{cmd[0]} failed")
    cpu.append((ru.ru_utime + ru.ru_stime) * 1000)
    rss = max(rss, ru.ru_maxrss / 1024)
print(f"{label:<34} fresh process median {statistics.median(times):7.2f} ms  min {min(times):7.2f} ms  "
      f"cpu median {statistics.median(cpu):6.1f} ms  peak RSS {rss:5.1f} MB  ({n} runs)")
PY
}

echo "== machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== docforge, in process (one PdfEngine, $n documents each, new data each time)"
"$bench" warm --iterations "$n" "$docs/invoice.md" "$docs/resume.md"
"$bench" warm --html --iterations "$n" "$docs/invoice.md" "$docs/resume.md" | grep -v RSS
echo "== docforge, fresh process per document"
for d in invoice resume; do
  fresh_runs "docforge $d.md -> pdf" "$bench" once "$docs/$d.md" "$tmp/$d.pdf"
done
if [ -x "$build/src/cli/docforge" ]; then  # the CLI: also parses arguments, renders the template
  for d in invoice resume; do
    fresh_runs "docforge render $d.md -o $d.pdf" "$build/src/cli/docforge" render "$docs/$d.md" -o "$tmp/$d-cli.pdf"
  done
fi

echo "== Typst (typst-ts-node-compiler)"
if command -v node >/dev/null && command -v npm >/dev/null; then
  if [ ! -d bench/document/node_modules/@myriaddreamin/typst-ts-node-compiler ]; then
    npm install --no-audit --no-fund --prefix bench/document @myriaddreamin/typst-ts-node-compiler >/dev/null 2>&1 || true
  fi
  if [ -d bench/document/node_modules/@myriaddreamin/typst-ts-node-compiler ]; then
    node bench/document/typst_bench.js warm "$n" "$docs/invoice.typ" "$docs/resume.typ"
    for d in invoice resume; do
      fresh_runs "typst $d.typ -> pdf (node)" node bench/document/typst_bench.js once "$docs/$d.typ" "$tmp/$d-typst.pdf"
    done
  else
    echo "typst: npm install failed, skipped"
  fi
else
  echo "typst: node/npm not installed, skipped"
fi

echo "== pdflatex"
if command -v pdflatex >/dev/null; then
  for d in invoice resume; do
    cp "$docs/$d.tex" "$tmp/"
    # Two passes, as the documents need (page references, "Page N of M"), as one command.
    fresh_runs "pdflatex $d.tex, 2 passes" bash -c 'for pass in 1 2; do
      pdflatex -interaction=batchmode -output-directory "$1" "$1/$2.tex" >/dev/null || exit 1
    done' pdflatex "$tmp" "$d"
  done
else
  echo "pdflatex: not installed, skipped (scripts/install-deps --peers installs it)"
fi

echo "== WeasyPrint"
if command -v weasyprint >/dev/null; then
  for d in invoice resume; do
    fresh_runs "weasyprint $d.html" weasyprint "$docs/$d.html" "$tmp/$d-weasy.pdf"
  done
else
  echo "weasyprint: not installed, skipped (scripts/install-deps --peers installs it)"
fi
