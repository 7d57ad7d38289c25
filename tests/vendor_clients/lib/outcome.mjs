// SPDX-License-Identifier: Apache-2.0
// lib/outcome.mjs: how a vendor-client test reports to ctest.
//
// Contract: skip(reason) prints "SKIPPED: reason" and exits 77, which CMakeLists.txt declares as
// SKIP_RETURN_CODE (and "SKIPPED: " as SKIP_REGULAR_EXPRESSION), so ctest reports the test
// skipped with the reason in its output, never passed. step(what, action) awaits one step and
// prints "ok N - what"; run(main) runs a test, prints "not ok - why" and exits 1 when a step
// throws, 0 when every step passed.
export const SKIP_RETURN_CODE = 77;

export function skip(reason) {
  console.log(`SKIPPED: ${reason}`);
  process.exit(SKIP_RETURN_CODE);
}

let steps = 0;

export async function step(what, action) {
  const value = await action();
  steps += 1;
  console.log(`ok ${steps} - ${what}`);
  return value;
}

export async function run(main) {
  try {
    await main();
  } catch (error) {
    console.log(`not ok - ${error?.stack ?? error}`);
    process.exit(1);
  }
  console.log(`${steps} steps passed`);
  process.exit(0);
}

// --name value pairs from the command line, as an object.
export function options(argv = process.argv.slice(2)) {
  const out = {};
  for (let i = 0; i < argv.length; i += 2) {
    if (!argv[i].startsWith('--') || i + 1 >= argv.length) {
      throw new Error(`expected --name value pairs, got: ${argv.join(' ')}`);
    }
    out[argv[i].slice(2)] = argv[i + 1];
  }
  return out;
}
