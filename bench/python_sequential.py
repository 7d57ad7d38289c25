# SPDX-License-Identifier: Apache-2.0
"""bench/python_sequential.py: Python requests.Session, one request at a time.

Contract: `python3 python_sequential.py REPLAY.jsonl` sends every replay request in order on one
Session (keep-alive), checks each answer and prints {"ok","bad","first_error"}; exit 0 when all
were correct.
"""
import sys

import python_replay


def main():
    requests_ = python_replay.load(sys.argv[1])
    session = python_replay.new_session()
    ok, bad, first_error = 0, 0, ""
    for r in requests_:
        try:
            good = python_replay.send(session, r)
            error = "" if good else r["vendor"] + ": wrong answer"
        except Exception as e:  # a bench counts every failure, whatever its kind
            good, error = False, r["vendor"] + ": " + type(e).__name__
        if good:
            ok += 1
        else:
            bad += 1
            first_error = first_error or error
    return python_replay.summary(ok, bad, first_error)


if __name__ == "__main__":
    sys.exit(main())
