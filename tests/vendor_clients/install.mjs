// SPDX-License-Identifier: Apache-2.0
// install.mjs: installs the pinned vendor clients into the folder it runs from (the build tree's
// copy of tests/vendor_clients), once; ctest runs it as vendor_clients.install, the fixture the
// client tests require.
//
//   node install.mjs --npm PATH
//
// Exit: 0 installed, or already installed: node_modules matches package.json, package-lock.json
// and .npmrc, nothing is fetched, so a second `make test` does not reinstall; 77 skipped with the
// reason printed (no npm, the npm registry not reachable); 1 the install or its check failed.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import {
  isInstalled,
  pinnedDependencies,
  PREFIX,
  STAMP,
  wantedStamp,
} from './lib/install_state.mjs';
import { options, skip } from './lib/outcome.mjs';

const npm = options().npm ?? '';
if (isInstalled()) {
  console.log(`vendor clients: ${PREFIX}/node_modules is up to date, nothing to install`);
  process.exit(0);
}
if (npm === '' || npm.endsWith('-NOTFOUND')) {
  skip(
    'npm was not found when CMake configured this build: install nodejs and npm ' +
      '(scripts/setup.sh does), then re-run cmake',
  );
}

function runNpm(args, timeoutSeconds) {
  return spawnSync(npm, [...args, '--prefix', PREFIX], {
    cwd: PREFIX,
    encoding: 'utf8',
    timeout: timeoutSeconds * 1000,
  });
}

// The line of npm's output that says what went wrong: the failed request, else its last line.
function npmReason(result) {
  if (result.error) return result.error.message;
  const lines = `${result.stdout ?? ''}\n${result.stderr ?? ''}`
    .split('\n')
    .map((line) => line.replace(/^npm (error|ERR!) /, '').trim())
    .filter((line) => line !== '' && !line.startsWith('A complete log of this run'));
  return lines.find((line) => /reason: /.test(line)) ?? lines.at(-1) ?? `exit ${result.status}`;
}

const ping = runNpm(['ping', '--fetch-retries=0', '--fetch-timeout=20000'], 60);
if (ping.status !== 0) skip(`the npm registry is not reachable (npm ping: ${npmReason(ping)})`);

console.log(`vendor clients: npm ci into ${PREFIX} (package-lock.json)`);
const install = runNpm(['ci', '--loglevel=error'], 900);
if (install.status !== 0) {
  const output = `${install.error?.message ?? ''}${install.stdout}${install.stderr}`;
  console.log(`vendor clients: npm ci failed:\n${output}`);
  process.exit(1);
}

// The lockfile pins the tree; check that what landed is what package.json names.
for (const [name, wanted] of Object.entries(pinnedDependencies())) {
  const manifest = join(PREFIX, 'node_modules', name, 'package.json');
  const installed = JSON.parse(readFileSync(manifest, 'utf8')).version;
  if (installed !== wanted) {
    console.log(
      `vendor clients: ${name} is ${installed} after npm ci, package.json pins ${wanted}`,
    );
    process.exit(1);
  }
  console.log(`vendor clients: ${name}@${installed}`);
}
writeFileSync(STAMP, `${wantedStamp()}\n`);
