# SPDX-License-Identifier: Apache-2.0
"""bench/python_bulk.py: Python requests with ThreadPoolExecutor(32), what a migration script does.

Contract: `python3 python_bulk.py REPLAY.jsonl [WORKERS=32]` sends every replay request through a
ThreadPoolExecutor, one requests.Session per worker thread (Session is not thread-safe), checks
each answer and prints {"ok","bad","first_error"}; exit 0 when all were correct.
"""
import concurrent.futures
import sys
import threading

import python_replay

local = threading.local()


def send_one(r):
    session = getattr(local, "session", None)
    if session is None:
        session = local.session = python_replay.new_session()
    try:
        return python_replay.send(session, r), r["vendor"] + ": wrong answer"
    except Exception as e:  # a bench counts every failure, whatever its kind
        return False, r["vendor"] + ": " + type(e).__name__


def main():
    requests_ = python_replay.load(sys.argv[1])
    workers = int(sys.argv[2]) if len(sys.argv) > 2 else 32
    ok, bad, first_error = 0, 0, ""
    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        for good, error in pool.map(send_one, requests_, chunksize=16):
            if good:
                ok += 1
            else:
                bad += 1
                first_error = first_error or error
    return python_replay.summary(ok, bad, first_error)


if __name__ == "__main__":
    sys.exit(main())
