#!/usr/bin/env python3
"""docforge against its peers on the workloads of bench/workloads/manifest.json.

Renders every workload with docforge (build/<preset>/bench/template/render_loop), Jinja2 (python3
jinja2, in this process), nunjucks and minijinja-js (node, bench/node_modules), one engine at a
time, single thread, warm (compiled once, data loaded once), with the manifest's options and
timing protocol, in the same run. Prints renders/s per engine and docforge's ratio to each as a
Markdown table, plus compile time of the invoice template, and notes for peers that cannot render
a workload (skipped) or whose output differs from Jinja2's (the oracle).

  python3 bench/peers/run_peers.py --render-loop build/release/bench/template/render_loop
      [--engines docforge,jinja2,nunjucks,minijinja-js] [--workloads invoice,micro] [--no-npm]

The npm packages (bench/peers/package.json) are installed into bench/node_modules (git-ignored)
on first use with `npm install --prefix bench`.
"""
import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
BENCH = os.path.dirname(HERE)
ENGINES = ["docforge", "jinja2", "nunjucks", "minijinja-js"]

# LaTeX escaping for the resume's `latex` filter: the characters docforge's builtin escapes.
LATEX = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&", "#": r"\#",
         "^": r"\textasciicircum{}", "_": r"\_", "%": r"\%", "~": r"\textasciitilde{}"}


def latex_escape(value):
    return "".join(LATEX.get(c, c) for c in str(value))


def timed(fn, t):
    # Process CPU time (as render_loop and node_peers.js): robust on a shared machine.
    clock = time.process_time
    t0 = clock()
    warm = 0
    while clock() - t0 < t["warmup_s"] or warm == 0:
        fn()
        warm += 1
    per_op = (clock() - t0) / warm
    batch = max(1, int(t["min_batch_s"] / per_op) + 1)
    rates, total = [], 0.0
    while total < t["min_total_s"] or len(rates) < t["min_samples"]:
        b0 = clock()
        for _ in range(batch):
            fn()
        s = clock() - b0
        total += s
        rates.append(batch / s)
    rates.sort()
    return rates[len(rates) // 2]


def compile_timing(t):
    return dict(t, min_total_s=t["compile_min_total_s"], min_samples=t["compile_min_samples"])


def sha(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# ---------------------------------------------------------------- engines

def jinja2_env(manifest, wl, workloads_dir):
    import jinja2
    kw = dict(manifest["options"])
    if wl.get("syntax"):
        s = manifest["syntax"][wl["syntax"]]
        kw.update({k + "_string" if not k.startswith("line_") else k: v for k, v in s.items()})
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(workloads_dir),
                             autoescape=bool(wl.get("autoescape")), **kw)
    env.filters["latex"] = latex_escape
    return env


def run_jinja2(manifest, wl, workloads_dir, data, mode):
    env = jinja2_env(manifest, wl, workloads_dir)
    tpl = env.get_template(wl["main"])
    first = tpl.render(data)
    if mode == "compile":
        src = open(os.path.join(workloads_dir, wl["main"]), encoding="utf-8").read()
        return {"compiles_per_s": timed(lambda: env.from_string(src), compile_timing(manifest["timing"]))}
    return {"renders_per_s": timed(lambda: tpl.render(data), manifest["timing"]),
            "bytes": len(first.encode("utf-8")), "sha256": sha(first), "output": first}


def run_docforge(render_loop, wl, workloads_dir, data_dir, mode):
    base = [render_loop, wl["name"], "--workloads", workloads_dir, "--data", data_dir]
    if mode == "compile":
        p = subprocess.run(base + ["--compile", "--json"], capture_output=True, text=True)
        if p.returncode != 0:
            return {"skipped": p.stderr.strip().splitlines()[0] if p.stderr.strip() else f"exit {p.returncode}"}
        return json.loads(p.stdout)
    printed = subprocess.run(base + ["--print"], capture_output=True)
    if printed.returncode != 0:
        err = printed.stderr.decode("utf-8", "replace").strip()
        return {"skipped": err.splitlines()[0] if err else f"exit {printed.returncode}"}
    out = printed.stdout.decode("utf-8", "replace")
    p = subprocess.run(base + ["--timed", "--json"], capture_output=True, text=True)
    if p.returncode != 0:
        return {"skipped": p.stderr.strip().splitlines()[0] if p.stderr.strip() else f"exit {p.returncode}"}
    r = json.loads(p.stdout)
    r["sha256"] = sha(out)
    r["output"] = out
    return r


def run_node(engine, wl, workloads_dir, data_dir, modules_dir, mode):
    p = subprocess.run(["node", os.path.join(HERE, "node_peers.js"), engine, wl["name"], mode,
                        workloads_dir, data_dir, modules_dir], capture_output=True, text=True)
    if p.returncode != 0:
        err = p.stderr.strip().splitlines()
        return {"skipped": f"node failed: {err[-1] if err else p.returncode}"}
    r = json.loads(p.stdout.strip().splitlines()[-1])
    if mode == "render" and "renders_per_s" in r:
        printed = subprocess.run(["node", os.path.join(HERE, "node_peers.js"), engine, wl["name"], "print",
                                  workloads_dir, data_dir, modules_dir], capture_output=True)
        if printed.returncode == 0:
            r["output"] = printed.stdout.decode("utf-8", "replace")
    return r


def ensure_npm(modules_dir, allow_install):
    want = ["nunjucks", "minijinja-js"]
    if all(os.path.isdir(os.path.join(modules_dir, m)) for m in want):
        return True
    if not allow_install or shutil.which("npm") is None or shutil.which("node") is None:
        return False
    pkg = json.load(open(os.path.join(HERE, "package.json")))
    specs = [f"{n}@{v}" for n, v in pkg["dependencies"].items()]
    p = subprocess.run(["npm", "install", "--prefix", BENCH, "--no-save", "--no-audit", "--no-fund"] + specs,
                       capture_output=True, text=True)
    if p.returncode != 0:
        print(p.stderr, file=sys.stderr)
    return all(os.path.isdir(os.path.join(modules_dir, m)) for m in want)


# ---------------------------------------------------------------- report

def fmt_rate(r):
    if r >= 1e6:
        return f"{r / 1e6:.2f}M"
    if r >= 1e4:
        return f"{r / 1e3:.1f}k"
    if r >= 100:
        return f"{r:,.0f}"
    return f"{r:.1f}"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--render-loop", default=os.path.join(BENCH, "..", "build", "release", "bench", "template", "render_loop"))
    ap.add_argument("--workloads-dir", default=os.path.join(BENCH, "workloads"))
    ap.add_argument("--data-dir", default=os.path.join(BENCH, "workloads", "data"))
    ap.add_argument("--engines", default=",".join(ENGINES))
    ap.add_argument("--workloads", default="")
    ap.add_argument("--no-npm", action="store_true", help="do not run npm install")
    ap.add_argument("--no-compile", action="store_true", help="skip the invoice compile comparison")
    args = ap.parse_args()

    workloads_dir = os.path.abspath(args.workloads_dir)
    data_dir = os.path.abspath(args.data_dir)
    modules_dir = os.path.join(BENCH, "node_modules")
    manifest = json.load(open(os.path.join(workloads_dir, "manifest.json"), encoding="utf-8"))
    if not os.path.exists(os.path.join(data_dir, manifest["workloads"][0]["data"])):
        subprocess.run([sys.executable, os.path.join(workloads_dir, "gen_data.py"), data_dir], check=True)
    engines = [e for e in args.engines.split(",") if e]
    only = set(w for w in args.workloads.split(",") if w)
    notes = []
    node_ok = True
    if any(e in ("nunjucks", "minijinja-js") for e in engines):
        node_ok = ensure_npm(modules_dir, not args.no_npm)
        if not node_ok:
            notes.append("nunjucks/minijinja-js not run: node/npm or the packages are unavailable")

    results = {}  # (workload, engine) -> dict
    for wl in manifest["workloads"]:
        if only and wl["name"] not in only:
            continue
        data = json.load(open(os.path.join(data_dir, wl["data"]), encoding="utf-8"))
        for engine in engines:
            print(f"[{wl['name']}] {engine} ...", file=sys.stderr, flush=True)
            try:
                if engine == "docforge":
                    r = run_docforge(os.path.abspath(args.render_loop), wl, workloads_dir, data_dir, "render")
                elif engine == "jinja2":
                    r = run_jinja2(manifest, wl, workloads_dir, data, "render")
                elif node_ok:
                    r = run_node(engine, wl, workloads_dir, data_dir, modules_dir, "render")
                else:
                    r = {"skipped": "not installed"}
            except Exception as e:  # a peer that cannot render is reported, not fatal
                r = {"skipped": f"{type(e).__name__}: {e}".splitlines()[0]}
            results[(wl["name"], engine)] = r

    compile_results = {}
    if not args.no_compile and (not only or "invoice" in only):
        wl = next(w for w in manifest["workloads"] if w["name"] == "invoice")
        data = json.load(open(os.path.join(data_dir, wl["data"]), encoding="utf-8"))
        for engine in engines:
            print(f"[invoice compile] {engine} ...", file=sys.stderr, flush=True)
            try:
                if engine == "docforge":
                    r = run_docforge(os.path.abspath(args.render_loop), wl, workloads_dir, data_dir, "compile")
                elif engine == "jinja2":
                    r = run_jinja2(manifest, wl, workloads_dir, data, "compile")
                elif node_ok:
                    r = run_node(engine, wl, workloads_dir, data_dir, modules_dir, "compile")
                else:
                    r = {"skipped": "not installed"}
            except Exception as e:
                r = {"skipped": f"{type(e).__name__}: {e}".splitlines()[0]}
            compile_results[engine] = r

    # Output checks against Jinja2 (the oracle).
    for (w, e), r in results.items():
        ref = results.get((w, "jinja2"))
        if e == "jinja2" or not ref or "sha256" not in ref or "sha256" not in r:
            continue
        if r["sha256"] != ref["sha256"]:
            extra = ""
            if "output" in r:
                a, b = r["output"], ref["output"]
                i = next((k for k in range(min(len(a), len(b))) if a[k] != b[k]), min(len(a), len(b)))
                line = b.count("\n", 0, i) + 1
                extra = f", first difference at line {line}"
            notes.append(f"{e} / {w}: output differs from Jinja2's ({r.get('bytes')} vs {ref.get('bytes')} bytes{extra})")
            r["differs"] = True

    peers = [e for e in engines if e != "docforge"]
    head = ["workload"] + [f"{e} (renders/s)" for e in engines]
    if "docforge" in engines:
        head += [f"docforge ÷ {p}" for p in peers]
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join(["---"] + ["---:"] * (len(head) - 1)) + "|"]
    for wl in manifest["workloads"]:
        w = wl["name"]
        if only and w not in only:
            continue
        row = [w]
        for e in engines:
            r = results.get((w, e), {})
            if "renders_per_s" in r:
                row.append(fmt_rate(r["renders_per_s"]) + (" †" if r.get("differs") else ""))
            else:
                row.append("—")
                if "skipped" in r:
                    notes.append(f"{e} / {w}: not measured: {r['skipped']}")
        if "docforge" in engines:
            d = results.get((w, "docforge"), {}).get("renders_per_s")
            for p in peers:
                pr = results.get((w, p), {}).get("renders_per_s")
                row.append(f"{d / pr:.1f}×" if d and pr else "—")
        lines.append("| " + " | ".join(row) + " |")
    if compile_results:
        row = ["invoice compile (µs)"]
        for e in engines:
            r = compile_results.get(e, {})
            if "compiles_per_s" in r:
                row.append(f"{1e6 / r['compiles_per_s']:.1f}")
            else:
                row.append("—")
                if "skipped" in r:
                    notes.append(f"{e} / invoice compile: not measured: {r['skipped']}")
        if "docforge" in engines:
            d = compile_results.get("docforge", {}).get("compiles_per_s")
            for p in peers:
                pr = compile_results.get(p, {}).get("compiles_per_s")
                row.append(f"{d / pr:.1f}×" if d and pr else "—")
        lines.append("| " + " | ".join(row) + " |")

    print("\n".join(lines))
    print()
    print("Single thread, warm, median of ≥10 timed batches of process CPU time (manifest \"timing\"), all engines in one run; "
          "ratio > 1 means docforge is faster (for compile: fewer µs).")
    print("nunjucks renders with compat filters for Jinja2 features it lacks (format, map, "
          "selectattr with a test, sum(attribute=)); † = output differs from Jinja2's. "
          "Node CPU time includes V8's GC and compiler threads.")
    for n in notes:
        print(f"- {n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
