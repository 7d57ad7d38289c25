# SPDX-License-Identifier: Apache-2.0
"""bench/compare.py: the side-by-side run behind bench/compare.

Contract: starts `recoveryctl mock --port P` as its own process (pinned to core 1 with taskset
when there are two cores or more), seeds distinct accounts through /__mock/accounts, then for
the same requests against the same mocks measures, each client pinned to core 0 and each against
a freshly started and seeded mock process (same ports, same accounts, no state from earlier runs):
  micro:      no-I/O SDK calls vs nlohmann::json::parse of the same body (ratio);
  sequential: N request_password_reset calls: SDK (RecoveryClient) vs raw libcurl easy loop vs
              Python requests.Session;
  bulk:       M jobs over the five vendors at concurrency 32: `recoveryctl batch` vs raw libcurl
              multi vs Python ThreadPoolExecutor(32) vs Node fetch (32-wide pool); and in the
              same rounds the asynchronous client: A request_password_reset_async calls
              (callback form) submitted at once from one thread (recovery_bench_sdk_async),
              with the number of threads the process ran beyond the caller's;
  memory:     peak RSS of `recoveryctl batch` for the --memory job counts.
The SDK and its libcurl floor run --rounds times each, alternating (SDK, floor, floor, SDK, ...;
in bulk: batch, multi, async, async, multi, batch, ...), so a slow stretch of the shared machine
hits them alike; each round gives one paired ratio, and the targets are judged on the median of
those ratios (the tables show each client's medians).
Python and Node run once, in the middle of the rounds.
Every client checks every answer (status + the vendor's success marker; the SDK: Result ok /
batch outcome "done"); a run with a wrong answer is reported FAILED and its figures are not
compared. Client CPU is user+sys of the client process (os.wait4), wall time is around the
process, server CPU is the mock process's utime+stime delta (/proc) over the same run, so a
server that is the bottleneck shows as server CPU ≈ wall. Never asserts a time: targets are
printed as met / not met. --json FILE writes every figure.
"""
import argparse
import http.client
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

VENDORS = ["temporal", "tangerine365", "clevercloud", "meshydb", "crafter"]
# How each vendor names the account of request_password_reset (as the mocks' demo_login).
BY_USERNAME = {"meshydb", "crafter"}
# The answer a correct request_password_reset gets from each mock: status and success marker.
EXPECT = {
    "temporal": (200, '"code":200'),
    "tangerine365": (200, '"success":true'),
    "clevercloud": (200, "we have sent it an e-mail"),
    "meshydb": (200, '"hash"'),
    "crafter": (200, '"code":0'),
}
HERE = os.path.dirname(os.path.abspath(__file__))


def parse_args():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--build", default=os.path.join(HERE, "..", "build"))
    p.add_argument("--recoveryctl", help="recoveryctl to use (default: BUILD/recoveryctl)")
    p.add_argument("--python", default="/usr/bin/python3" if os.path.exists("/usr/bin/python3")
                   else "python3", help="interpreter with Debian's python3-requests")
    p.add_argument("--port", type=int, default=18700, help="first mock port (5 consecutive)")
    p.add_argument("--sequential", type=int, default=2000)
    p.add_argument("--bulk", type=int, default=20000)
    p.add_argument("--async-calls", type=int, default=2000, dest="async_calls",
                   help="asynchronous calls submitted at once (part of the bulk scenario)")
    p.add_argument("--memory", default="10000,200000", help="job counts for the RSS runs")
    p.add_argument("--concurrency", type=int, default=32)
    p.add_argument("--rounds", type=int,
                   help="alternating rounds of the SDK and its libcurl floor, the targets taking "
                        "the median of their paired ratios (default 5; 1 with --quick)")
    p.add_argument("--quick", action="store_true",
                   help="small counts (sequential 200, bulk 1000, async 500, memory 1000,10000)")
    p.add_argument("--skip", default="",
                   help="comma list of: micro,sequential,bulk,async,memory,python,node "
                        "(async runs inside bulk: skipping bulk skips it)")
    p.add_argument("--json", help="write every figure to this file")
    a = p.parse_args()
    if a.quick:
        a.sequential, a.bulk, a.async_calls, a.memory = 200, 1000, 500, "1000,10000"
    a.rounds = max(1, a.rounds if a.rounds is not None else (1 if a.quick else 5))
    a.recoveryctl = a.recoveryctl or os.path.join(a.build, "recoveryctl")
    a.memory = [int(x) for x in a.memory.split(",") if x]
    a.skip = set(x for x in a.skip.split(",") if x)
    return a


def pin(core):
    if shutil.which("taskset") and (os.cpu_count() or 1) >= 2:
        return ["taskset", "-c", str(core)]
    return []


def proc_cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def loadavg():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


class Mock:
    def __init__(self, recoveryctl, port):
        self.argv = pin(1) + [recoveryctl, "mock", "--port", str(port)]
        self.per_vendor = 0
        self.peak_mib = 0.0
        self.start()

    def start(self):
        self.proc = subprocess.Popen(self.argv, stdout=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        if not line:
            raise SystemExit("compare: recoveryctl mock printed nothing")
        announced = json.loads(line)  # each vendor's URL, then client_options, demo_accounts
        self.urls = {v: announced[v] for v in VENDORS}
        self.client_options = announced.get("client_options", {})

    def restart(self):
        """A fresh mock process on the same ports with the same accounts: every measured client
        starts from the same server state (the mocks keep every reset token and mail they hand
        out, and a mock that served one run serves the next one measurably slower)."""
        self.peak_mib = max(self.peak_mib, self.peak_rss_mib())
        self.stop()
        self.start()
        if self.per_vendor:
            self.seed(self.per_vendor)

    def cpu(self):
        return proc_cpu_seconds(self.proc.pid)

    def control(self, vendor, method, path, body=None):
        u = urllib.parse.urlsplit(self.urls[vendor])
        c = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
        c.request(method, path, body=body, headers={"Content-Type": "application/json"})
        r = c.getresponse()
        r.read()
        c.close()
        return r.status

    def seed(self, per_vendor):
        self.per_vendor = per_vendor
        # One POST a vendor: /__mock/accounts takes a JSON array (at most 8 MiB, so in chunks).
        def seed_vendor(vendor):
            u = urllib.parse.urlsplit(self.urls[vendor])
            c = http.client.HTTPConnection(u.hostname, u.port, timeout=60)
            for start in range(0, per_vendor, 50000):
                body = json.dumps([{"username": f"u{i}", "email": f"u{i}@bench.example",
                                    "password": "Old-Passw0rd-1"}
                                   for i in range(start, min(per_vendor, start + 50000))])
                c.request("POST", "/__mock/accounts", body=body,
                          headers={"Content-Type": "application/json"})
                r = c.getresponse()
                r.read()
                if r.status != 204:
                    raise SystemExit(f"compare: seeding {vendor} failed: {r.status}")
            c.close()
        threads = [threading.Thread(target=seed_vendor, args=(v,)) for v in VENDORS]
        for t in threads:
            t.start()
        for t in threads:
            t.join()

    def clear_journals(self):
        for v in VENDORS:
            self.control(v, "DELETE", "/__mock/requests")

    def peak_rss_mib(self):
        with open(f"/proc/{self.proc.pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024.0
        return 0.0

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def account(vendor, i):
    return f"u{i}" if vendor in BY_USERNAME else f"u{i}@bench.example"


def write_jobs(path, count, vendors=VENDORS):
    with open(path, "w") as f:
        for n in range(count):
            vendor = vendors[n % len(vendors)]
            f.write(json.dumps({"vendor": vendor, "account": account(vendor, n // len(vendors))}))
            f.write("\n")


def write_replay(bench, urls, jobs, replay):
    """The SDK's exact requests for `jobs` (recovery_bench_wire_dump), each with the answer a
    correct client must check, for the raw libcurl, Python and Node clients to replay."""
    dump = subprocess.run([os.path.join(bench, "recovery_bench_wire_dump"), urls, jobs],
                          check=True, capture_output=True, text=True).stdout
    with open(replay, "w") as f:
        for line in dump.splitlines():
            r = json.loads(line)
            r["expect_status"], r["expect_substring"] = EXPECT[r["vendor"]]
            f.write(json.dumps(r) + "\n")
    return replay


def measure(name, argv, count, mock, check, env=None):
    mock.restart()
    server_before = mock.cpu()
    start = time.perf_counter()
    # Peak RSS from GNU time: a child forked from this Python process starts with Python's RSS
    # as its high-water mark (Linux keeps it across exec), /usr/bin/time's children do not.
    rss_file = tempfile.NamedTemporaryFile(prefix="recovery-bench-rss-", delete=False).name
    timer = ["/usr/bin/time", "-f", "%M", "-o", rss_file] if os.path.exists("/usr/bin/time") else []
    proc = subprocess.Popen(timer + pin(0) + argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=env)
    out = proc.stdout.read()
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    server = mock.cpu() - server_before
    proc.returncode = os.waitstatus_to_exitcode(status)
    correct, detail, *extra = check(proc.returncode, out.decode(errors="replace"), count)
    cpu = usage.ru_utime + usage.ru_stime  # the client and its reaped children (taskset, time)
    peak_kib = usage.ru_maxrss
    try:
        with open(rss_file) as f:
            peak_kib = int(f.read().split()[-1])
    except (OSError, ValueError, IndexError):
        pass
    os.remove(rss_file)
    row = {
        "client": name, "requests": count, "correct": correct, "detail": detail,
        "wall_s": wall, "cpu_s": cpu, "cpu_us_per_request": cpu / count * 1e6,
        "requests_per_s": count / wall if wall > 0 else 0.0,
        "peak_rss_mib": peak_kib / 1024.0,
        "server_cpu_s": server, "server_cpu_us_per_request": server / count * 1e6,
    }
    row.update(extra[0] if extra else {})
    if not correct:
        sys.stderr.write(f"compare: {name} FAILED: {detail}\n{err.decode(errors='replace')[-2000:]}\n")
    return row


def median(values):
    values = sorted(values)
    mid = len(values) // 2
    return values[mid] if len(values) % 2 else (values[mid - 1] + values[mid]) / 2


def median_row(runs):
    """One client's row over its rounds: the median of every figure, correct only if every round
    was."""
    row = dict(runs[0])
    for key in ("wall_s", "cpu_s", "cpu_us_per_request", "requests_per_s", "peak_rss_mib",
                "server_cpu_s", "server_cpu_us_per_request"):
        row[key] = median([r[key] for r in runs])
    row["correct"] = all(r["correct"] for r in runs)
    if "threads_beyond_caller" in row:  # the async client: its worst round
        row["threads_beyond_caller"] = max(r.get("threads_beyond_caller", 0) for r in runs)
    row["detail"] = "; ".join(sorted(set(r["detail"] for r in runs)))
    row["rounds"] = len(runs)
    return row


def alternate(rounds, runners, others=()):
    """Runs each of `runners` (thunks returning a measure() row) `rounds` times, in ABBA order
    (forward in even rounds, backward in odd ones), and each of `others` once after the middle
    round. Returns (one list of runs per runner, the other rows)."""
    runs, other_rows = [[] for _ in runners], []
    for r in range(rounds):
        order = range(len(runners)) if r % 2 == 0 else reversed(range(len(runners)))
        for i in order:
            runs[i].append(runners[i]())
        if r == (rounds - 1) // 2:
            other_rows = [run() for run in others]
    return runs, other_rows


def paired(numerators, denominators, key):
    """Per-round ratios of `key`, numerator ÷ denominator, over the rounds where both were
    correct."""
    out = []
    for s, f in zip(numerators, denominators):
        if s["correct"] and f["correct"] and s[key] > 0 and f[key] > 0:
            out.append(s[key] / f[key])
    return out


def print_rounds(sdk_runs, floor_runs, throughput):
    cpu = paired(sdk_runs, floor_runs, "cpu_us_per_request")
    line = "  per round, CPU/req SDK ÷ floor: " + ", ".join(f"{x:.2f}" for x in cpu)
    if throughput:
        rps = paired(sdk_runs, floor_runs, "requests_per_s")
        line += "; req/s SDK ÷ floor: " + ", ".join(f"{x:.2f}" for x in rps)
    print(line)


def summary_check(code, out, count):
    try:
        s = json.loads(out.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return False, "no summary line"
    ok = code == 0 and s.get("ok") == count and s.get("bad") == 0
    return ok, f"ok {s.get('ok')} bad {s.get('bad')} {s.get('first_error', '')}".strip()


def async_check(code, out, count):
    """summary_check, plus the async client's own figures (threads beyond the caller's at the
    peak, calls in flight then, wall and CPU inside the process)."""
    correct, detail = summary_check(code, out, count)
    try:
        s = json.loads(out.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return correct, detail
    extra = {k: s[k] for k in ("threads_beyond_caller", "in_flight_at_peak", "wall_s", "cpu_s")
             if k in s}
    extra = {("inner_" + k if k in ("wall_s", "cpu_s") else k): v for k, v in extra.items()}
    if extra.get("inner_wall_s"):
        extra["calls_per_s"] = count / extra["inner_wall_s"]
    detail += f", {extra.get('threads_beyond_caller')} threads beyond the caller's " \
              f"({extra.get('in_flight_at_peak')} calls in flight then)"
    return correct, detail, extra


def async_ratios(async_runs, batch_runs):
    """Per round: the async client's calls/s from its first submit to its last callback (its
    process's start and exit, about 0.1 s, weigh on 2,000 calls and not on 20,000 jobs) ÷ the
    batch's req/s around its process."""
    return [x["calls_per_s"] / b["requests_per_s"] for x, b in zip(async_runs, batch_runs)
            if x["correct"] and b["correct"] and x.get("calls_per_s") and b["requests_per_s"] > 0]


def batch_check_factory(output_path):
    def check(code, out, count):
        done, other = 0, {}
        if not os.path.exists(output_path):
            return False, f"exit {code}, no results file (does recoveryctl have `batch`?)"
        with open(output_path) as f:
            for line in f:
                outcome = json.loads(line).get("outcome")
                if outcome == "done":
                    done += 1
                else:
                    other[outcome] = other.get(outcome, 0) + 1
        ok = code == 0 and done == count and not other
        return ok, f"exit {code}, done {done} of {count}, other {other}"
    return check


def batch_argv(recoveryctl, config, jobs, journal, output, concurrency):
    return [recoveryctl, "batch", "--config", config, "--input", jobs,
            "--journal", journal, "--output", output, "--concurrency", str(concurrency),
            "--progress", "none"]


def run_batch(a, mock, tmp, config, jobs, count, label):
    stem = "".join(ch if ch.isalnum() else "_" for ch in label)
    journal = os.path.join(tmp, f"{stem}.journal")
    output = os.path.join(tmp, f"{stem}.out.jsonl")
    for path in (journal, output):
        if os.path.exists(path):
            os.remove(path)
    return measure(label, batch_argv(a.recoveryctl, config, jobs, journal, output, a.concurrency),
                   count, mock, batch_check_factory(output))


def run_micro(bench, quick):
    """The no-I/O micro benchmarks (recovery_micro_bench): per vendor and operation, the whole SDK
    call (CPU time) and, as medians of per-iteration times, its two sides of the transport (Build:
    validation + wire request + pipeline; Normalize: status/error mapping + parse + normalized
    result) next to nlohmann::json::parse of the same body (Anchor). The target, Normalize ÷
    Anchor, is taken from Pair/, which times both in the same iterations, alternately."""
    # Three repetitions, and the median of each figure across them: single runs of these
    # sub-microsecond segments move by up to 50 % on a shared VM.
    out = subprocess.run(pin(0) + [os.path.join(bench, "recovery_micro_bench"),
                                   "--benchmark_format=json",
                                   f"--benchmark_min_time={0.05 if quick else 0.5}",
                                   f"--benchmark_repetitions={1 if quick else 3}",
                                   "--benchmark_report_aggregates_only=true"],
                         check=True, capture_output=True, text=True).stdout
    runs = {b["name"].replace("/manual_time", "").replace("_median", ""): b
            for b in json.loads(out)["benchmarks"]
            if not b.get("error_occurred") and b.get("aggregate_name", "median") == "median"}
    print("\n## micro (no I/O), ns per call: SDK = whole call (CPU time); Build / Normalize = the "
          "call's two sides of the transport, Anchor = nlohmann::json::parse of the same body "
          "(medians); Pair = Normalize and Anchor timed in the same iterations (the target)")
    print(f"{'vendor/operation':<42}{'SDK':>8}{'Build':>8}{'Normalize':>11}{'Anchor':>8}"
          f"{'Pair N/A':>15}{'Norm/Anchor':>13}{'SDK/Anchor':>12}")
    rows = []
    for name, run in runs.items():
        if not name.startswith("SDK/"):
            continue
        key = name[len("SDK/"):]
        median = lambda prefix, counter="median_ns": runs.get(prefix + key, {}).get(counter)  # noqa: E731
        build, normalize, anchor = median("Build/"), median("Normalize/"), median("Anchor/")
        pair_normalize = median("Pair/", "normalize_median_ns")
        pair_anchor = median("Pair/", "anchor_median_ns")
        json_body = anchor is not None and anchor > 50  # HTML / empty bodies: nothing to parse
        ratio = pair_normalize / pair_anchor if json_body and pair_normalize and pair_anchor \
            else None
        upper = run["cpu_time"] / anchor if json_body else None
        rows.append({"benchmark": key, "sdk_cpu_ns": run["cpu_time"], "build_ns": build,
                     "normalize_ns": normalize, "parse_ns": anchor,
                     "pair_normalize_ns": pair_normalize, "pair_parse_ns": pair_anchor,
                     "ratio": ratio, "sdk_over_parse": upper})
        pair = f"{pair_normalize or 0:.0f}/{pair_anchor or 0:.0f}"
        print(f"{key:<42}{run['cpu_time']:>8.0f}{build or 0:>8.0f}{normalize or 0:>11.0f}"
              f"{anchor or 0:>8.0f}{pair:>15}{(f'{ratio:.2f}' if ratio else 'n/a'):>13}"
              f"{(f'{upper:.2f}' if upper else 'no JSON'):>12}")
    return rows


def print_table(title, rows):
    print(f"\n## {title}")
    sdk = rows[0]
    print(f"{'client':<28}{'ok':>4}{'wall s':>9}{'req/s':>10}{'CPU us/req':>12}"
          f"{'SDK/this CPU':>14}{'SDK/this req/s':>16}{'RSS MiB':>9}{'server us/req':>15}")
    for r in rows:
        cpu_ratio = sdk["cpu_us_per_request"] / r["cpu_us_per_request"] if r["cpu_s"] else 0
        rps_ratio = sdk["requests_per_s"] / r["requests_per_s"] if r["requests_per_s"] else 0
        r["sdk_cpu_ratio"], r["sdk_throughput_ratio"] = cpu_ratio, rps_ratio
        print(f"{r['client']:<28}{'yes' if r['correct'] else 'NO':>4}{r['wall_s']:>9.2f}"
              f"{r['requests_per_s']:>10.0f}{r['cpu_us_per_request']:>12.1f}{cpu_ratio:>14.2f}"
              f"{rps_ratio:>16.2f}{r['peak_rss_mib']:>9.1f}{r['server_cpu_us_per_request']:>15.1f}")
    for r in rows:
        if r["wall_s"] > 0 and r["server_cpu_s"] / r["wall_s"] > 0.85:
            print(f"  note: {r['client']}: the mock process was busy "
                  f"{100 * r['server_cpu_s'] / r['wall_s']:.0f}% of the wall time: server-bound")


def target(label, value, limit, op):
    met = value <= limit if op == "<=" else value >= limit
    print(f"  {label}: {value:.2f} (target {op} {limit}) {'met' if met else 'NOT met'}")
    return {"target": label, "value": value, "limit": limit, "op": op, "met": met}


def main():
    a = parse_args()
    results = {"machine": {"cpus": os.cpu_count(), "loadavg_start": loadavg(),
                           "uname": " ".join(os.uname())}, "scenarios": {}, "rounds": {},
               "targets": []}
    print(f"compare: load average at start {loadavg()} on {os.cpu_count()} CPUs"
          f"{' (pinned: mock core 1, clients core 0)' if pin(0) else ' (not pinned)'}")
    tmp = tempfile.mkdtemp(prefix="recovery-bench-")
    mock = Mock(a.recoveryctl, a.port)
    try:
        if "bulk" in a.skip:
            a.skip.add("async")
        counts = [1] + ([a.sequential] if "sequential" not in a.skip else []) + \
            ([a.bulk] if "bulk" not in a.skip else []) + \
            ([a.async_calls] if "async" not in a.skip else []) + \
            (a.memory if "memory" not in a.skip else [])
        per_vendor = (max(counts) + len(VENDORS) - 1) // len(VENDORS)
        t0 = time.perf_counter()
        mock.seed(per_vendor)
        print(f"compare: seeded {per_vendor} accounts per vendor in {time.perf_counter() - t0:.1f} s")
        config_urls = os.path.join(tmp, "urls.json")
        with open(config_urls, "w") as f:
            json.dump(mock.urls, f)
        batch_config = os.path.join(tmp, "vendors.json")
        with open(batch_config, "w") as f:
            json.dump({v: dict({"base_url": u}, **mock.client_options.get(v, {}))
                       for v, u in mock.urls.items()}, f)
        bench = os.path.join(a.build, "bench")
        has_node = shutil.which("node") is not None and "node" not in a.skip
        has_python = "python" not in a.skip

        def replay_for(jobs, count, label):
            return write_replay(bench, config_urls, jobs, os.path.join(tmp, f"{label}.replay.jsonl"))

        if "micro" not in a.skip:
            results["scenarios"]["micro"] = run_micro(bench, a.quick)

        if "sequential" not in a.skip:
            n = a.sequential
            jobs = os.path.join(tmp, "sequential.jobs.jsonl")
            write_jobs(jobs, n)
            replay = replay_for(jobs, n, "sequential")
            (sdk_runs, raw_runs), others = alternate(
                a.rounds,
                [lambda: measure("SDK RecoveryClient",
                                 [os.path.join(bench, "recovery_bench_sdk_seq"), config_urls, jobs],
                                 n, mock, summary_check),
                 lambda: measure("raw libcurl easy loop",
                                 [os.path.join(bench, "recovery_bench_raw_curl_easy"), replay],
                                 n, mock, summary_check)],
                [lambda: measure("Python requests.Session",
                                 [a.python, os.path.join(HERE, "python_sequential.py"), replay],
                                 n, mock, summary_check)] if has_python else [])
            rows = [median_row(sdk_runs), median_row(raw_runs)] + others
            print_table(f"sequential: {n} request_password_reset, one at a time"
                        f" (SDK and raw: medians of {a.rounds} rounds)", rows)
            print_rounds(sdk_runs, raw_runs, throughput=False)
            results["rounds"]["sequential"] = {"sdk": sdk_runs, "floor": raw_runs}
            results["scenarios"]["sequential"] = rows

        if "bulk" not in a.skip:
            n = a.bulk
            jobs = os.path.join(tmp, "bulk.jobs.jsonl")
            write_jobs(jobs, n)
            replay = replay_for(jobs, n, "bulk")
            c = str(a.concurrency)
            others = []
            if has_python:
                others.append(lambda: measure(f"Python requests pool({c})",
                                              [a.python, os.path.join(HERE, "python_bulk.py"),
                                               replay, c], n, mock, summary_check))
            if has_node:
                others.append(lambda: measure(f"Node fetch pool({c})",
                                              ["node", os.path.join(HERE, "node_fetch.mjs"),
                                               replay, c], n, mock, summary_check))
            runners = [
                lambda: run_batch(a, mock, tmp, batch_config, jobs, n, "SDK recoveryctl batch"),
                lambda: measure("raw libcurl multi",
                                [os.path.join(bench, "recovery_bench_raw_curl_multi"), replay, c],
                                n, mock, summary_check)]
            if "async" not in a.skip:
                # Its own jobs file (the first async_calls accounts of each vendor, as in bulk).
                async_jobs = os.path.join(tmp, "async.jobs.jsonl")
                write_jobs(async_jobs, a.async_calls)
                runners.append(lambda: measure(
                    f"SDK async, {a.async_calls} at once",
                    [os.path.join(bench, "recovery_bench_sdk_async"), config_urls, async_jobs],
                    a.async_calls, mock, async_check))
            runs, others = alternate(a.rounds, runners, others)
            sdk_runs, raw_runs = runs[0], runs[1]
            rows = [median_row(r) for r in runs] + others
            print_table(f"bulk: {n} jobs over {len(VENDORS)} vendors, concurrency {c}"
                        f" (SDK, raw and async: medians of {a.rounds} rounds)", rows)
            print_rounds(sdk_runs, raw_runs, throughput=True)
            results["rounds"]["bulk"] = {"sdk": sdk_runs, "floor": raw_runs}
            if "async" not in a.skip:
                async_runs = runs[2]
                print("  per round, req/s async ÷ batch, both around the process: " + ", ".join(
                    f"{x:.2f}" for x in paired(async_runs, sdk_runs, "requests_per_s")))
                print("  per round, async calls/s from the first submit to the last callback "
                      "÷ batch req/s (the target): " + ", ".join(
                          f"{x:.2f}" for x in async_ratios(async_runs, sdk_runs)))
                print("  per round, async: threads beyond the caller's (calls in flight then): "
                      + ", ".join(f"{r.get('threads_beyond_caller')} ({r.get('in_flight_at_peak')})"
                                  for r in async_runs))
                print("  per round, async calls/s from the first submit to the last callback: "
                      + ", ".join(f"{r['calls_per_s']:.0f}" for r in async_runs
                                  if r.get("calls_per_s")))
                results["rounds"]["async"] = {"sdk": async_runs, "floor": sdk_runs}
            results["scenarios"]["bulk"] = rows

        if "memory" not in a.skip:
            # Up to 3 rounds, the job counts in alternating order; the ratio target takes the
            # median of the per-round ratios (one peak RSS moves by a few hundred KiB run to run).
            memory_rounds = min(a.rounds, 3)
            for n in a.memory:
                write_jobs(os.path.join(tmp, f"memory{n}.jobs.jsonl"), n)

            def memory_run(n):
                return lambda: run_batch(a, mock, tmp, batch_config,
                                         os.path.join(tmp, f"memory{n}.jobs.jsonl"), n,
                                         f"batch {n} jobs")
            memory_runs, _ = alternate(memory_rounds, [memory_run(n) for n in a.memory])
            runs = dict(zip(a.memory, memory_runs))
            rows = [median_row(runs[n]) for n in a.memory]
            print(f"\n## memory: peak RSS of recoveryctl batch (medians of {memory_rounds} rounds)")
            for n, r in zip(a.memory, rows):
                each = ", ".join(f"{x['peak_rss_mib']:.1f}" for x in runs[n])
                print(f"  {r['client']:<22} {'ok' if r['correct'] else 'FAILED':<7}"
                      f"{r['peak_rss_mib']:8.1f} MiB  wall {r['wall_s']:.1f} s  "
                      f"{r['requests_per_s']:.0f} req/s  (rounds: {each} MiB)")
            results["rounds"]["memory"] = {str(n): runs[n] for n in a.memory}
            results["scenarios"]["memory"] = rows

        print(f"\n## targets (load average now {loadavg()}; a loaded machine skews every figure)")
        sc = results["scenarios"]
        t = results["targets"]

        def row(scenario, prefix):
            return next((r for r in sc.get(scenario, []) if r["client"].startswith(prefix)), None)

        def both_correct(*rows_):
            return all(r is not None and r["correct"] for r in rows_)

        def paired_median(scenario, key):
            runs = results["rounds"].get(scenario)
            ratios = paired(runs["sdk"], runs["floor"], key) if runs else []
            return median(ratios) if ratios else None

        s_sdk, s_raw = row("sequential", "SDK"), row("sequential", "raw")
        if both_correct(s_sdk, s_raw):
            t.append(target("sequential CPU/req SDK ÷ raw libcurl (median of paired rounds)",
                            paired_median("sequential", "cpu_us_per_request"), 1.10, "<="))
        b_sdk, b_raw = row("bulk", "SDK"), row("bulk", "raw")
        if both_correct(b_sdk, b_raw):
            t.append(target("bulk CPU/req SDK ÷ raw libcurl multi (median of paired rounds)",
                            paired_median("bulk", "cpu_us_per_request"), 1.0, "<="))
            t.append(target("bulk req/s SDK ÷ raw libcurl multi (median of paired rounds)",
                            paired_median("bulk", "requests_per_s"), 0.95, ">="))
        b_async = row("bulk", "SDK async")
        async_vs_batch = async_ratios(results["rounds"]["async"]["sdk"],
                                      results["rounds"]["async"]["floor"]) \
            if "async" in results["rounds"] else []
        if both_correct(b_sdk, b_async) and async_vs_batch:
            t.append(target("async calls/s (first submit to last callback) ÷ recoveryctl batch "
                            "req/s (median of paired rounds)", median(async_vs_batch), 0.9, ">="))
            t.append(target("async: threads beyond the caller's, while calls were in flight "
                            "(worst round)", b_async["threads_beyond_caller"], 4, "<="))
        for prefix, limit in (("Python", 3.0), ("Node", 1.5)):
            other = row("bulk", prefix)
            if both_correct(b_sdk, other):
                t.append(target(f"bulk req/s SDK ÷ {prefix}",
                                b_sdk["requests_per_s"] / other["requests_per_s"], limit, ">="))
        micro = [r for r in sc.get("micro", []) if r["ratio"]]
        if micro:
            worst = max(micro, key=lambda r: r["ratio"])
            t.append(target(f"micro normalize ÷ parse (time, paired), worst ({worst['benchmark']})",
                            worst["ratio"], 2.0, "<="))
        mem = sc.get("memory", [])
        if mem and all(r["correct"] for r in mem):
            mem_runs = results["rounds"]["memory"]
            t.append(target("peak RSS MiB (largest run of any round)",
                            max(x["peak_rss_mib"] for runs_ in mem_runs.values() for x in runs_),
                            64, "<="))
            if len(mem) >= 2:
                ratios = paired(mem_runs[str(a.memory[-1])], mem_runs[str(a.memory[0])],
                                "peak_rss_mib")
                print(f"  per round, RSS {a.memory[-1]} ÷ {a.memory[0]}: "
                      + ", ".join(f"{x:.2f}" for x in ratios))
                t.append(target(f"RSS {a.memory[-1]} jobs ÷ RSS {a.memory[0]} jobs "
                                "(median of paired rounds)", median(ratios), 1.2, "<="))
        failed = sorted(set(r["client"] for rows in sc.values() for r in rows
                            if not r.get("correct", True)))
        results["machine"]["loadavg_end"] = loadavg()
        results["mock_peak_rss_mib"] = max(mock.peak_mib, mock.peak_rss_mib())
        print(f"\ncompare: the mock process peaked at {results['mock_peak_rss_mib']:.0f} MiB "
              f"(journal, outbox and accounts are kept in memory)")
        if a.json:
            with open(a.json, "w") as f:
                json.dump(results, f, indent=2)
        if failed:
            print(f"\ncompare: FAILED (wrong or missing answers): {', '.join(failed)}")
            return 1
        return 0
    finally:
        mock.stop()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
