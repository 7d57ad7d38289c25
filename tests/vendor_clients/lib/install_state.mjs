// SPDX-License-Identifier: Apache-2.0
// lib/install_state.mjs: whether this folder's node_modules holds exactly what package.json and
// package-lock.json pin.
//
// Contract: wantedStamp() hashes the install's inputs (package.json, package-lock.json, .npmrc
// beside this folder); install.mjs writes it to STAMP after a verified install, inside
// node_modules so that anything that empties node_modules (npm ci does) removes it too.
// isInstalled() compares the two.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PREFIX = dirname(dirname(fileURLToPath(import.meta.url)));
export const STAMP = join(PREFIX, 'node_modules', '.recovery-vendor-clients-installed');
const INPUTS = ['package.json', 'package-lock.json', '.npmrc'];

export function wantedStamp() {
  const hash = createHash('sha256');
  for (const name of INPUTS) hash.update(`${name}\0`).update(readFileSync(join(PREFIX, name)));
  return hash.digest('hex');
}

export function isInstalled() {
  return existsSync(STAMP) && readFileSync(STAMP, 'utf8').trim() === wantedStamp();
}

export function pinnedDependencies() {
  return JSON.parse(readFileSync(join(PREFIX, 'package.json'), 'utf8')).dependencies;
}
