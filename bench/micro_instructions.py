#!/usr/bin/env python3
"""bench/micro_instructions.py: the micro target (Normalize ÷ Anchor ≤ 2) in instructions.

The load-independent form of the micro table in bench/compare: runs
`recovery_micro_bench --instructions N` under `valgrind --tool=callgrind --collect-atstart=no`,
which collects, per vendor and operation, the instructions of N Normalize segments (from the
transport's return until the call returns) and of N `nlohmann::json::parse` calls of the same body,
and prints both per call and their ratio. User-space instructions only; no I/O is involved.

  bench/micro_instructions.py [--build build] [--iterations 200] [--json FILE]
"""
import argparse
import glob
import json
import os
import re
import subprocess
import sys
import tempfile


def count(bench, iterations):
    """Rows {benchmark, normalize_ir, anchor_ir, ratio} from one callgrind run of `bench`."""
    with tempfile.TemporaryDirectory(prefix="recovery-micro-ir-") as tmp:
        out = os.path.join(tmp, "cg.out")
        run = subprocess.run(["valgrind", "--tool=callgrind", "--collect-atstart=no",
                              f"--callgrind-out-file={out}", bench, "--instructions",
                              str(iterations)], capture_output=True, text=True)
        if run.returncode != 0:
            sys.exit(f"micro_instructions: {bench} failed:\n{run.stdout}{run.stderr[-2000:]}")
        totals = {}
        for path in glob.glob(out + "*"):
            with open(path, encoding="utf-8", errors="replace") as f:
                text = f.read()
            trigger = re.search(r"^desc: Trigger: Client Request: (\S+)", text, re.M)
            total = re.search(r"^(?:totals|summary): (\d+)", text, re.M)
            if trigger and total:
                totals[trigger.group(1)] = int(total.group(1)) / iterations
    rows = []
    for name in sorted({k.split("/", 1)[1] for k in totals}):
        normalize = totals.get("Normalize/" + name)
        anchor = totals.get("Anchor/" + name)  # JSON bodies; HTML ones come as Copy/
        copy = totals.get("Copy/" + name)
        if normalize is None or (anchor is None and copy is None):
            continue
        rows.append({"benchmark": name, "normalize_ir": normalize,
                     "anchor_ir": anchor if anchor is not None else copy,
                     "ratio": normalize / anchor if anchor else None})
    return rows


def print_rows(rows):
    print(f"{'vendor/operation':<42}{'Normalize Ir':>13}{'Anchor Ir':>11}{'Norm/Anchor':>13}")
    for r in rows:
        ratio = f"{r['ratio']:.2f}" if r["ratio"] is not None else "n/a"
        print(f"{r['benchmark']:<42}{r['normalize_ir']:>13.0f}{r['anchor_ir']:>11.0f}{ratio:>13}")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--build", default=os.path.join(here, "..", "build"))
    p.add_argument("--iterations", type=int, default=200)
    p.add_argument("--json", help="write the table to this file")
    a = p.parse_args()
    rows = count(os.path.join(a.build, "bench", "recovery_micro_bench"), a.iterations)
    print_rows(rows)
    json_rows = [r for r in rows if r["ratio"] is not None]
    if json_rows:
        worst = max(json_rows, key=lambda r: r["ratio"])
        status = "met" if worst["ratio"] <= 2.0 else "NOT met"
        print(f"\nworst Normalize ÷ Anchor (JSON bodies): {worst['ratio']:.2f} "
              f"({worst['benchmark']}; target <= 2.0) {status}")
    if a.json:
        with open(a.json, "w") as f:
            json.dump(rows, f, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
