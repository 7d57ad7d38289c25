// SPDX-License-Identifier: Apache-2.0
// clevercloud_client_flow.mjs: Clever Cloud's own JavaScript client (@clevercloud/client) recovers
// a password against the Clever Cloud mock.
//
//   node clevercloud_client_flow.mjs --recoveryctl PATH
//
// Starts `recoveryctl mock --vendors clevercloud` and adds an account through /__mock/accounts;
// builds each of the four password_forgotten requests with the client's generated builders
// (esm/api/v2/unknown.js, todo_*), prefixes them with the API host (esm/prefix-url.js) and sends
// them through the client's fetch transport (esm/request.fetch.js), as the client's users chain
// them: the forms load, the reset is asked for the account's e-mail, the key comes from the mock's
// outbox, the new password is set, POST /__mock/signin accepts it and refuses the old one (before:
// the reverse), and the spent key is refused (404).
// Exit: 0 every step passed, 1 one failed, 77 skipped (printed reason).
import assert from 'node:assert/strict';

import { isInstalled } from './lib/install_state.mjs';
import { expectPasswordChanged, lastMailTo, newAccount, startMock } from './lib/mock.mjs';
import { options, run, skip, step } from './lib/outcome.mjs';

const { recoveryctl } = options();
if (!isInstalled()) {
  skip('the npm packages are not installed in the build tree (vendor_clients.install prints why)');
}

run(async () => {
  const client = await step(
    "@clevercloud/client 12.0.0's builders and fetch transport load",
    async () => ({
      ...(await import('@clevercloud/client/esm/api/v2/unknown.js')),
      ...(await import('@clevercloud/client/esm/prefix-url.js')),
      ...(await import('@clevercloud/client/esm/request.fetch.js')),
    }),
  );

  const mock = await step('recoveryctl mock --vendors clevercloud starts', () =>
    startMock(recoveryctl, ['--vendors', 'clevercloud']),
  );
  try {
    const base = mock.announcement.clevercloud;
    // The builders' paths start with "/v2": the API host is the base URL without it.
    assert.match(base, /^http:\/\/127\.0\.0\.1:\d+\/v2$/);
    const apiHost = base.slice(0, -'/v2'.length);
    const send = (requestParams) =>
      Promise.resolve(requestParams).then(client.prefixUrl(apiHost)).then(client.request);
    const { account, password } = await newAccount(base);

    await step(
      'todo_getPasswordForgottenForm: GET /v2/password_forgotten is the form',
      async () => {
        const page = await send(await client.todo_getPasswordForgottenForm({}));
        assert.match(page, /<form[^>]*method="post"/);
        assert.match(page, /name="login"/);
      },
    );

    await step(
      'todo_askForPasswordResetViaForm: POST /v2/password_forgotten is accepted',
      async () => {
        const page = await send(
          await client.todo_askForPasswordResetViaForm(
            {},
            {
              login: account.email,
            },
          ),
        );
        assert.match(page, /<html/);
      },
    );

    const key = await step('the mock mailed the reset key', async () => {
      const mail = await lastMailTo(base, account.email);
      assert.match(mail.fields?.key ?? '', /^[0-9a-f]+$/);
      return mail.fields.key;
    });

    await step(
      'todo_confirmPasswordResetRequest: GET /v2/password_forgotten/{key} is the form',
      async () => {
        const page = await send(await client.todo_confirmPasswordResetRequest({ key }));
        assert.match(page, /name="pass"/);
        assert.match(page, /name="pass2"/);
      },
    );

    await step(
      'todo_resetPasswordForgotten: POST /v2/password_forgotten/{key} sets it',
      async () => {
        const page = await send(
          await client.todo_resetPasswordForgotten(
            { key },
            {
              pass: password,
              pass2: password,
            },
          ),
        );
        assert.match(page, /<html/);
      },
    );

    await expectPasswordChanged(base, account, password);

    await step('the spent key is refused (404)', async () => {
      const again = await client.todo_resetPasswordForgotten(
        { key },
        { pass: password, pass2: password },
      );
      await assert.rejects(send(again), (error) => {
        assert.equal(error.response?.status, 404, String(error));
        return true;
      });
    });
  } finally {
    await mock.stop();
  }
});
