// SPDX-License-Identifier: Apache-2.0
// bench/node_fetch.mjs: Node's built-in fetch with a 32-wide pool of workers.
//
// Contract: `node node_fetch.mjs REPLAY.jsonl [WIDTH=32]` sends every replay request with global
// fetch (undici, keep-alive), WIDTH async workers pulling from one shared index, checks each
// answer (expected status and success marker, as bench/raw_requests.hpp) and prints
// {"ok","bad","first_error"}; exit 0 when all were correct. fetch adds its own accept-language,
// sec-fetch-mode and accept-encoding headers; User-Agent and Accept are set as the SDK's.
import { readFileSync } from 'node:fs';

const requests = readFileSync(process.argv[2], 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line));
const width = Number(process.argv[3] ?? 32);

let next = 0;
let ok = 0;
let bad = 0;
let firstError = '';

async function worker() {
  while (next < requests.length) {
    const r = requests[next++];
    let good = false;
    let error = `${r.vendor}: wrong answer`;
    try {
      const headers = new Headers([['User-Agent', 'recovery-cpp/0.2.0'], ['Accept', '*/*']]);
      for (const [name, value] of r.headers) headers.set(name, value);
      const response = await fetch(r.url, {
        method: r.method,
        headers,
        body: r.method === 'GET' ? undefined : r.body,
        redirect: 'manual',
      });
      const text = await response.text();
      good = response.status === r.expect_status && text.includes(r.expect_substring);
    } catch (e) {
      error = `${r.vendor}: ${e.name}`;
    }
    if (good) {
      ok += 1;
    } else {
      bad += 1;
      firstError = firstError || error;
    }
  }
}

await Promise.all(Array.from({ length: width }, () => worker()));
console.log(JSON.stringify({ ok, bad, first_error: firstError }));
process.exitCode = bad === 0 ? 0 : 1;
