#!/usr/bin/env python3
"""Data reader benchmark: docforge (data_bench) against Python's json / csv on the same files.

Generates deterministic data (JSON ~100 MB, JSON Lines ~100 MB and ~1 GB, CSV ~100 MB) in a
scratch folder, runs `data_bench` on each file and Python's reader on the same bytes, and prints
throughput, peak RSS and the speed ratio. Machines here are shared and noisy: compare ratios.

usage: compare_python.py BUILD_DIR [--size-mb 100] [--dir /tmp/docforge-data-bench] [--keep]
"""
import argparse
import csv
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import time


def record(rng, i):
    return {
        "id": i,
        "number": f"INV-{i:08d}",
        "customer": {"name": f"Customer {rng.randrange(100000)}",
                     "email": f"user{rng.randrange(10**6)}@example.com",
                     "vip": rng.random() < 0.1},
        "amount": round(rng.uniform(1, 10000), 2),
        "currency": rng.choice(["EUR", "USD", "GBP"]),
        "lines": [{"sku": f"SKU-{rng.randrange(10**5)}", "qty": rng.randrange(1, 20),
                   "price": round(rng.uniform(0.5, 500), 2),
                   "note": "caf\u00e9 \"quoted\" text" if rng.random() < 0.1 else None}
                  for _ in range(rng.randrange(1, 6))],
        "tags": rng.sample(["a", "b", "c", "urgent", "paid", "late"], rng.randrange(0, 4)),
    }


def flat(rng, i):
    return {"id": str(i), "number": f"INV-{i:08d}", "name": f"Customer {rng.randrange(100000)}",
            "email": f"user{rng.randrange(10**6)}@example.com",
            "amount": f"{rng.uniform(1, 10000):.2f}", "currency": rng.choice(["EUR", "USD"]),
            "note": rng.choice(["", "plain", "with, comma", "with \"quotes\"", "two\nlines"]),
            "qty": str(rng.randrange(1, 100))}


def generate(folder, size_mb):
    os.makedirs(folder, exist_ok=True)
    target = size_mb * 1_000_000
    files = {}
    path = os.path.join(folder, "data.jsonl")
    big = os.path.join(folder, "data_big.jsonl")
    rng = random.Random(1)
    with open(path, "w") as f:
        i = 0
        while f.tell() < target:
            f.write(json.dumps(record(rng, i)) + "\n")
            i += 1
    files["jsonl"] = path
    # The JSON document is the same records as one array.
    with open(path) as src, open(os.path.join(folder, "data.json"), "w") as out:
        out.write("[\n")
        first = True
        for line in src:
            if not first:
                out.write(",\n")
            out.write(line.rstrip("\n"))
            first = False
        out.write("\n]\n")
    files["json"] = os.path.join(folder, "data.json")
    # 10x the JSON Lines (1 GB at the default size): streaming memory must not grow with it.
    with open(big, "wb") as out:
        for _ in range(10):
            with open(path, "rb") as src:
                shutil.copyfileobj(src, out)
    files["jsonl_big"] = big
    cpath = os.path.join(folder, "data.csv")
    rng = random.Random(2)
    with open(cpath, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(flat(rng, 0).keys()))
        w.writeheader()
        i = 0
        while f.tell() < target:
            w.writerow(flat(rng, i))
            i += 1
    files["csv"] = cpath
    return files


def python_read(kind, path):
    """CPU seconds (best of 3 for json) and record count, timed like data_bench."""
    t0 = time.process_time()
    n = 0
    if kind == "json":
        with open(path, "rb") as f:
            data = f.read()
        best = None
        for _ in range(3):
            t0 = time.process_time()  # parsing only, like data_bench
            x = json.loads(data)
            dt = time.process_time() - t0
            best = dt if best is None else min(best, dt)
            n = len(x)
            del x
        return best, n
    elif kind.startswith("jsonl"):
        with open(path, "rb") as f:
            for line in f:
                if line.strip():
                    json.loads(line)
                    n += 1
    elif kind == "csv":
        with open(path, newline="") as f:
            for _ in csv.DictReader(f):
                n += 1
    return time.process_time() - t0, n


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("build_dir")
    ap.add_argument("--size-mb", type=int, default=100)
    ap.add_argument("--dir", default="/tmp/docforge-data-bench")
    ap.add_argument("--keep", action="store_true")
    ap.add_argument("--no-python", action="store_true")
    ap.add_argument("--hugetlb", action="store_true",
                    help="run data_bench with GLIBC_TUNABLES=glibc.malloc.hugetlb=1")
    ap.add_argument("--no-trim", action="store_true",
                    help="run data_bench with GLIBC_TUNABLES=glibc.malloc.trim_threshold=1G "
                         "(freed list vectors stay mapped between documents)")
    ap.add_argument("--reuse", action="store_true", help="reuse files already in --dir")
    args = ap.parse_args()
    exe = os.path.join(args.build_dir, "bench", "data", "data_bench")
    if args.reuse:
        files = {k: os.path.join(args.dir, v) for k, v in
                 {"json": "data.json", "jsonl": "data.jsonl", "jsonl_big": "data_big.jsonl",
                  "csv": "data.csv"}.items()}
    else:
        files = generate(args.dir, args.size_mb)
    env = dict(os.environ)
    tunables = []
    if args.hugetlb:
        tunables.append("glibc.malloc.hugetlb=1")
    if args.no_trim:
        tunables.append("glibc.malloc.trim_threshold=1073741824")
    if tunables:
        env["GLIBC_TUNABLES"] = ":".join(tunables)
    # Throughput per CPU second (user + system) on both sides: these machines are shared.
    # JSON: "best" is the best of 3 parses by one reader that reuses its memory (a batch);
    # "first" is the first parse in the fresh process (one parse_json call), printed apart.
    print(f"{'file':10} {'MB':>7} {'docforge MB/cpu-s':>18} {'first parse':>12} {'RSS MB':>8} "
          f"{'python MB/cpu-s':>16} {'ratio':>6}")
    for kind, path in files.items():
        fmt = {"json": "json", "jsonl": "jsonl", "jsonl_big": "jsonl", "csv": "csv"}[kind]
        out = subprocess.run([exe, path, fmt, "3"], capture_output=True, text=True, check=True,
                             env=env)
        r = json.loads(out.stdout)
        size = os.path.getsize(path) / 1e6
        py = "-"
        ratio = "-"
        if not args.no_python and kind != "jsonl_big":
            dt, n = python_read(kind, path)
            if n != r["records"]:
                print(f"record count differs: python {n}, docforge {r['records']}",
                      file=sys.stderr)
            py = f"{size / dt:.1f}"
            ratio = f"{r['mb_per_cpu_s'] / (size / dt):.1f}x"
        # (an older data_bench, e.g. a build of main for comparison, prints no first parse)
        first = f"{r['first_mb_per_cpu_s']:.1f}" if kind == "json" and "first_mb_per_cpu_s" in r else "-"
        print(f"{kind:10} {size:7.1f} {r['mb_per_cpu_s']:18.1f} {first:>12} "
              f"{r['max_rss_mb']:8.1f} {py:>16} {ratio:>6}")
    if not args.keep and not args.reuse:
        shutil.rmtree(args.dir)


if __name__ == "__main__":
    main()
