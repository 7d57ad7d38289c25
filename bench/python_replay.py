# SPDX-License-Identifier: Apache-2.0
"""bench/python_replay.py: what the Python clients of bench/compare share.

Contract: load(path) reads the replay JSONL (wire_dump lines + expect_status/expect_substring);
new_session() is a requests.Session that sends exactly the replay's headers plus the User-Agent
and Accept the SDK's libcurl transport sends; send(session, r) performs one request and returns
True when it was answered correctly (same check as bench/raw_requests.hpp); summary() prints
{"ok","bad","first_error"}.
"""
import json
import sys

import requests

USER_AGENT = "recovery-cpp/0.2.0"


def load(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def new_session():
    session = requests.Session()
    session.headers.clear()
    session.headers.update({"User-Agent": USER_AGENT, "Accept": "*/*"})
    return session


def send(session, r):
    body = r["body"].encode("utf-8") if r["method"] != "GET" else None
    headers = {name: value for name, value in r["headers"]}
    response = session.request(r["method"], r["url"], headers=headers, data=body,
                               allow_redirects=False, timeout=30)
    return response.status_code == r["expect_status"] and r["expect_substring"] in response.text


def summary(ok, bad, first_error):
    print(json.dumps({"ok": ok, "bad": bad, "first_error": first_error}))
    sys.stdout.flush()
    return 0 if bad == 0 else 1
