#!/usr/bin/env python3
"""bench/footprint.py: code lines touched per request, SDK vs the raw libcurl floor.

The load-independent measure that tracks bench/compare's sequential CPU ratio (instructions do
not: see docs/PERFORMANCE.md). Between two sequential requests the core waits for the
server, and what a request's code touches is then no longer in L1/L2: its CPU follows the
number of distinct code lines it executes more than the number of instructions.

For each vendor, runs the sequential SDK client (recovery_bench_sdk_seq) and the raw libcurl easy
loop (recovery_bench_raw_curl_easy) on N requests of that vendor against a fresh
`recoveryctl mock`, under `valgrind --tool=callgrind --dump-instr=yes`, collecting only inside
the per-request work (SDK: RecoveryClient::request_password_reset; floor: curl_easy_setopt,
curl_easy_perform, curl_easy_getinfo and its answer check), and prints the distinct 64-byte code
lines executed, by object file. The counts are zeroed as each request starts, so what is printed
is the last request alone: the steady state, without what only a first request does (a pooled
handle created and configured, symbols bound lazily by ld.so, shown apart as "once").

  bench/footprint.py [--build build] [--requests 200] [--vendors temporal,...]
"""
import collections
import json
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from compare import Mock, callgrind_arguments, write_jobs, write_replay  # noqa: E402

LINE = 64
SDK_COLLECT = ["recovery::RecoveryClient::request_password_reset*"]
RAW_COLLECT = ["curl_easy_setopt", "curl_easy_perform", "curl_easy_getinfo",
               "recovery::bench::answered_correctly*"]
# Costs are zeroed as each request starts, so the dump holds the last request alone: the steady
# state, without what only the first request does (a pooled handle created, a vector grown). The
# floor's start (prepare_handle) is not also a toggle: callgrind then misses that call's setopts.
SDK_START = ("recovery::RecoveryClient::request_password_reset(std::__cxx11::basic_string<char, "
             "std::char_traits<char>, std::allocator<char> >, recovery::CallOptions const&)")
RAW_START = "recovery::bench::prepare_handle*"


def code_lines(path):
    """{object file: set of 64-byte code lines} executed in a callgrind --dump-instr dump."""
    names, lines = {}, collections.defaultdict(set)
    current, address = None, 0
    with open(path) as f:
        for line in f:
            match = re.match(r"^(c?ob)=\((\d+)\)(?: (.*))?$", line)
            if match:
                kind, number, name = match.groups()
                if name:
                    names[number] = os.path.basename(name)
                if kind == "ob":
                    current = names.get(number, number)
                continue
            if line.startswith(("cfn=", "cfi=", "cfl=", "calls=", "fn=", "fi=", "fe=", "fl=")):
                continue
            match = re.match(r"^(0x[0-9a-f]+|[+-]\d+|\*)\s", line)
            if match and current:
                token = match.group(1)
                if token.startswith("0x"):
                    address = int(token, 16)
                elif token != "*":
                    address += int(token)
                lines[current].add(address // LINE)
    return lines


def footprint(argv, collect, start):
    with tempfile.NamedTemporaryFile(suffix=".callgrind") as out:
        toggles = [f"--toggle-collect={name}" for name in collect] + [f"--zero-before={start}"]
        run = subprocess.run(["valgrind", "--tool=callgrind", "--dump-instr=yes",
                              f"--callgrind-out-file={out.name}"] + toggles + argv,
                             capture_output=True, text=True)
        if run.returncode != 0:
            raise SystemExit(f"footprint: {argv[0]} failed:\n{run.stdout}{run.stderr[-2000:]}")
        return {name: len(found) for name, found in code_lines(out.name).items()}


def row(label, lines):
    once = sum(n for name, n in lines.items() if name.startswith("ld-linux"))
    total = sum(lines.values()) - once
    parts = ", ".join(f"{name} {n}" for name, n in sorted(lines.items(), key=lambda kv: -kv[1])
                      if not name.startswith("ld-linux") and n > 1)
    print(f"  {label:<8}{total:>6} lines ({parts}; ld.so, once: {once})")
    return total


def main():
    a = callgrind_arguments(__doc__, requests=200, port=18760).parse_args()
    bench = os.path.join(a.build, "bench")
    tmp = tempfile.mkdtemp(prefix="recovery-footprint-")
    mock = Mock(os.path.join(a.build, "recoveryctl"), a.port)
    try:
        mock.seed(a.requests + 1)
        urls = os.path.join(tmp, "urls.json")
        with open(urls, "w") as f:
            json.dump(mock.urls, f)
        print(f"distinct {LINE}-byte code lines executed per request ({a.requests} requests a vendor)")
        ratios = []
        for vendor in [v for v in a.vendors.split(",") if v]:
            jobs = os.path.join(tmp, f"{vendor}.jobs.jsonl")
            write_jobs(jobs, a.requests, [vendor])
            replay = write_replay(bench, urls, jobs, os.path.join(tmp, f"{vendor}.replay.jsonl"))
            print(vendor)
            mock.restart()
            sdk = row("SDK", footprint([os.path.join(bench, "recovery_bench_sdk_seq"), urls, jobs],
                                       SDK_COLLECT, SDK_START))
            mock.restart()
            raw = row("raw", footprint([os.path.join(bench, "recovery_bench_raw_curl_easy"), replay],
                                       RAW_COLLECT, RAW_START))
            print(f"  SDK / raw {sdk / raw:.2f}")
            ratios.append(sdk / raw)
        if ratios:
            print(f"mean SDK / raw over the vendors: {sum(ratios) / len(ratios):.2f}")
    finally:
        mock.stop()


if __name__ == "__main__":
    main()
