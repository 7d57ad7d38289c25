// SPDX-License-Identifier: Apache-2.0
// lib/mock.mjs: `recoveryctl mock` as a child process, and the parts of its control API the
// vendor-client tests read.
//
// Contract: startMock(recoveryctl, args) runs `recoveryctl mock ARGS`, waits for its one JSON line
// (each vendor's base URL, "client_options", "demo_accounts") and returns { announcement, stop };
// it rejects when the program exits before printing it (its stderr is this process's). The child is
// sent SIGTERM by stop() and, at the latest, when this process exits. addAccount(base) stores a new
// enabled, locally managed account with a fresh password (POST {base}/__mock/accounts) and returns
// it; outbox(base) lists the mails the mock sent; signin(base, username, password) is the HTTP
// status of POST {base}/__mock/signin (200 when the password is the account's, 401 otherwise).
// newAccount(base) adds an account and checks, as two steps, that its password signs in and a
// fresh one does not, returning { account, password } (the password the flow will set);
// expectPasswordChanged(base, account, password) is the closing step: the new one signs in, the
// old one no longer does. These go through Node's own fetch: they are the test's view of the
// server, not the vendor client's.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import assert from 'node:assert/strict';

import { step } from './outcome.mjs';

export async function startMock(recoveryctl, args) {
  const child = spawn(recoveryctl, ['mock', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  process.on('exit', () => child.kill('SIGTERM'));
  const lines = createInterface({ input: child.stdout });
  const line = await new Promise((resolve, reject) => {
    lines.once('line', resolve);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      reject(
        new Error(
          `recoveryctl mock ${args.join(' ')} exited (${code ?? signal}) before ` +
            'printing its line',
        ),
      );
    });
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await exited;
  };
  return { announcement: JSON.parse(line), stop };
}

export async function addAccount(base, username) {
  const account = {
    username,
    email: `${username}@example.com`,
    password: freshPassword(),
    enabled: true,
    email_enabled: true,
    externally_managed: false,
  };
  const response = await fetch(`${base}/__mock/accounts`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(account),
  });
  if (response.status !== 204) {
    throw new Error(`POST ${base}/__mock/accounts: ${response.status} ${await response.text()}`);
  }
  return account;
}

export async function outbox(base) {
  const response = await fetch(`${base}/__mock/outbox`);
  if (response.status !== 200) throw new Error(`GET ${base}/__mock/outbox: ${response.status}`);
  return response.json();
}

// The newest mail to `address`, or an error naming what the outbox held.
export async function lastMailTo(base, address) {
  const mails = (await outbox(base)).filter((mail) => mail.to === address);
  if (mails.length === 0) throw new Error(`the mock mailed nothing to ${address}`);
  return mails[mails.length - 1];
}

export async function signin(base, username, password) {
  const response = await fetch(`${base}/__mock/signin`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  return response.status;
}

// A password no other account has, that Studio's policy (upper, lower, digit, special, >= 8) and
// zxcvbn both accept.
export function freshPassword() {
  return `Vendor-Client-${randomUUID().slice(0, 8)}-Aa9!`;
}

export async function newAccount(base) {
  const account = await step('an account is added through /__mock/accounts', () =>
    addAccount(base, 'vendor-client'),
  );
  const password = freshPassword();
  await step('its password signs in (200), the new one does not (401)', async () => {
    assert.equal(await signin(base, account.username, account.password), 200);
    assert.equal(await signin(base, account.username, password), 401);
  });
  return { account, password };
}

export async function expectPasswordChanged(base, account, password) {
  await step('the new password signs in (200), the old one no longer does (401)', async () => {
    assert.equal(await signin(base, account.username, password), 200);
    assert.equal(await signin(base, account.username, account.password), 401);
  });
}
