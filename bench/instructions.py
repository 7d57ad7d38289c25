#!/usr/bin/env python3
"""bench/instructions.py: user-space instructions per request, SDK vs the raw libcurl floor.

A load-independent companion to bench/compare (CPU time on a shared machine moves with the load;
instruction counts do not). Starts `recoveryctl mock`, seeds accounts, then runs the sequential
SDK client (recovery_bench_sdk_seq) and the raw libcurl easy loop (recovery_bench_raw_curl_easy)
under `valgrind --tool=callgrind` for N + K and for K requests round-robin over the five vendors,
and prints (Ir(N + K) - Ir(K)) / N for each, so start-up and shutdown cancel out, and the ratio.
That count still includes reading each client's input file, which costs the floor far more (its
replay file names every header; ~40k instructions a request to parse) than the SDK (a vendor and
an account a line), so the sequential mode also counts "in the call": only what runs inside
RecoveryClient::request_password_reset and inside the floor's send_one (prepare the handle,
curl_easy_perform, read the status), with callgrind --toggle-collect, over the N + K run.
With --bulk, the same for `recoveryctl batch` (journal and --output on, every thread counted) vs
the raw libcurl multi loop, both at concurrency 32.
Kernel time is not counted (the same for both: one send and one poll/recv per request).

  bench/instructions.py [--build build] [--requests 500] [--bulk] [--vendors temporal,...]
"""
import json
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from compare import (Mock, batch_argv, callgrind_arguments, write_jobs,  # noqa: E402
                     write_replay)

BASE = 5  # the short run whose cost (start-up, shutdown) is subtracted


# The function that holds one request's work, per client (sequential mode).
IN_CALL = {"SDK": "recovery::RecoveryClient::request_password_reset*",
           "raw": "recovery::bench::send_one*"}


def instructions(argv, toggle=None):
    with tempfile.NamedTemporaryFile(suffix=".callgrind") as out:
        extra = [f"--toggle-collect={toggle}"] if toggle else []
        run = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out.name}"] +
                             extra + argv, capture_output=True, text=True)
        if run.returncode != 0:
            raise SystemExit(f"instructions: {argv[0]} failed:\n{run.stdout}{run.stderr}")
        match = re.search(r"Collected : (\d+)", run.stderr)
        if not match:
            raise SystemExit("instructions: no instruction count in valgrind's output")
        return int(match.group(1))


def main():
    p = callgrind_arguments(__doc__, requests=500, port=18750)
    p.add_argument("--bulk", action="store_true",
                   help="recoveryctl batch vs the raw libcurl multi loop (concurrency 32)")
    a = p.parse_args()
    vendors = [v for v in a.vendors.split(",") if v]
    bench = os.path.join(a.build, "bench")
    tmp = tempfile.mkdtemp(prefix="recovery-instr-")
    mock = Mock(os.path.join(a.build, "recoveryctl"), a.port)
    try:
        mock.seed((a.requests + BASE) // len(vendors) + 1)
        urls = os.path.join(tmp, "urls.json")
        with open(urls, "w") as f:
            json.dump(mock.urls, f)
        config = os.path.join(tmp, "vendors.json")
        with open(config, "w") as f:
            json.dump({v: dict({"base_url": u}, **({"account": "demo"} if v == "meshydb" else {}))
                       for v, u in mock.urls.items()}, f)

        def sdk_argv(jobs):
            if not a.bulk:
                return [os.path.join(bench, "recovery_bench_sdk_seq"), urls, jobs]
            journal, output = jobs + ".journal", jobs + ".out"
            for path in (journal, output):
                if os.path.exists(path):
                    os.remove(path)
            return batch_argv(os.path.join(a.build, "recoveryctl"), config, jobs, journal, output, 32)

        def raw_argv(replay):
            if not a.bulk:
                return [os.path.join(bench, "recovery_bench_raw_curl_easy"), replay]
            return [os.path.join(bench, "recovery_bench_raw_curl_multi"), replay, "32"]

        per_request = {}
        in_call = {}
        for label, count in (("long", a.requests + BASE), ("short", BASE)):
            jobs = os.path.join(tmp, f"{label}.jobs.jsonl")
            write_jobs(jobs, count, vendors)
            replay = write_replay(bench, urls, jobs, os.path.join(tmp, f"{label}.replay.jsonl"))
            for client, argv in (("SDK", lambda: sdk_argv(jobs)), ("raw", lambda: raw_argv(replay))):
                mock.restart()  # the same fresh server state for every run
                per_request.setdefault(client, {})[label] = instructions(argv())
                if label == "long" and not a.bulk:
                    mock.restart()
                    in_call[client] = instructions(argv(), IN_CALL[client]) / count
        sdk = (per_request["SDK"]["long"] - per_request["SDK"]["short"]) / a.requests
        raw = (per_request["raw"]["long"] - per_request["raw"]["short"]) / a.requests
        print(f"instructions per request over {a.requests} requests ({','.join(vendors)}):")
        if a.bulk:
            print(f"  {'SDK recoveryctl batch':<23}{sdk:>10,.0f}")
            print(f"  {'raw libcurl multi':<23}{raw:>10,.0f}")
            print(f"  SDK / raw              {sdk / raw:>10.3f}")
            return
        print(f"  {'':<23}{'process':>10}{'in the call':>14}")
        print(f"  {'SDK RecoveryClient':<23}{sdk:>10,.0f}{in_call['SDK']:>14,.0f}")
        print(f"  {'raw libcurl easy loop':<23}{raw:>10,.0f}{in_call['raw']:>14,.0f}")
        print(f"  {'SDK / raw':<23}{sdk / raw:>10.3f}{in_call['SDK'] / in_call['raw']:>14.3f}")
    finally:
        mock.stop()


if __name__ == "__main__":
    main()
