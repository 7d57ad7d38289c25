// SPDX-License-Identifier: Apache-2.0
// crafter_studio_ui_flow.mjs: Crafter Studio's own UI code (@craftercms/studio-ui's services/auth)
// recovers a password against the Crafter mock, step by step, as the UI's login page does.
//
//   node crafter_studio_ui_flow.mjs --recoveryctl PATH --studio-version 4|3.1|3.0
//
// Starts `recoveryctl mock --vendors crafter --crafter-version V` and adds an account through
// /__mock/accounts, then, in a jsdom page on the mock's origin (lib/studio_page.mjs):
// sendPasswordRecovery(username); the reset link from the mock's outbox, read with query-string as
// LoginView reads window.location.search; validatePasswordResetToken (true for it, false for a
// token Studio never issued); on Studio 3.x, the page holds the XSRF-TOKEN cookie the server set,
// setPassword with that cookie but without the header is refused with 403, then the UI's own
// setRequestForgeryToken() copies the cookie into the X-XSRF-TOKEN header, as its pages do (4.x
// switches CSRF off for /api/2, and its login page sends no header); setPassword returns the user;
// POST /__mock/signin accepts the new password and refuses the old one (before: the reverse).
// Exit: 0 every step passed, 1 one failed, 77 skipped (printed reason).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import * as nodeModule from 'node:module';

import { isInstalled } from './lib/install_state.mjs';
import { expectPasswordChanged, lastMailTo, newAccount, signin, startMock } from './lib/mock.mjs';
import { options, run, skip, step } from './lib/outcome.mjs';
import { openStudioPage } from './lib/studio_page.mjs';

const { recoveryctl, 'studio-version': version } = options();
if (!isInstalled()) {
  skip('the npm packages are not installed in the build tree (vendor_clients.install prints why)');
}
if (typeof nodeModule.register !== 'function') {
  skip(
    `Node.js ${process.version} cannot register module hooks (20.6 or newer can), which ` +
      "loading the UI's modules needs",
  );
}
nodeModule.register('./lib/studio_ui_hooks.mjs', import.meta.url);

const XSRF_COOKIE = 'XSRF-TOKEN';
const XSRF_HEADER = 'X-XSRF-TOKEN';

function cookie(name) {
  const pair = document.cookie.split('; ').find((entry) => entry.startsWith(`${name}=`));
  return pair === undefined ? undefined : pair.slice(name.length + 1);
}

run(async () => {
  const { lastValueFrom } = await import('rxjs');
  const { default: queryString } = await import('query-string');
  const ui = await step("Studio UI 4.3.0's services/auth and utils/auth load", async () => ({
    ...(await import('@craftercms/studio-ui/services/auth.js')),
    ...(await import('@craftercms/studio-ui/utils/auth.js')),
    ...(await import('@craftercms/studio-ui/utils/ajax.js')),
  }));

  const mock = await step(
    `recoveryctl mock --vendors crafter --crafter-version ${version} starts`,
    () => startMock(recoveryctl, ['--vendors', 'crafter', '--crafter-version', version]),
  );
  try {
    const base = mock.announcement.crafter;
    // The UI's paths are absolute ("/studio/api/2/..."): the mock must serve Studio's context path.
    assert.match(base, /^http:\/\/127\.0\.0\.1:\d+\/studio$/);
    const { account, password } = await newAccount(base);

    const dom = openStudioPage(`${base}/login`);
    await step('sendPasswordRecovery(username) answers code 0 "OK"', async () => {
      const answer = await lastValueFrom(ui.sendPasswordRecovery(account.username));
      assert.equal(answer.code, 0);
      assert.equal(answer.message, 'OK');
    });

    const token = await step(
      'the mailed reset link carries the token (LoginView reads it)',
      async () => {
        const mail = await lastMailTo(base, account.email);
        const link = mail.fields?.link;
        assert.ok(typeof link === 'string' && link.startsWith(`${base}/`), `reset link: ${link}`);
        dom.reconfigure({ url: link });
        const fromPage = queryString.parse(window.location.search).token;
        assert.equal(typeof fromPage, 'string');
        assert.equal(fromPage, mail.fields.token, 'the link and the mail name different tokens');
        // The UI puts the token into validate_token?token= unencoded, and Tomcat reads '+' in a
        // query as a space. Studio's tokens never hold one: they are base64 of its encryptor's
        // base64 text (craftercms/studio UserServiceImpl.encryptToken), and base64 of such text
        // has no '+' or '/'.
        assert.doesNotMatch(
          fromPage,
          /\+/,
          "the mock minted a token with '+', which Studio never does",
        );
        return fromPage;
      },
    );

    await step('validatePasswordResetToken(token) is true', async () => {
      assert.equal(
        await lastValueFrom(ui.validatePasswordResetToken(token)),
        true,
        'the mock refused (401) the token it mailed, as the UI sent it',
      );
    });
    await step(
      'validatePasswordResetToken(a token Studio never issued) is false (401)',
      async () => {
        const stranger = Buffer.from(`not issued by this Studio ${randomUUID()}`).toString(
          'base64',
        );
        assert.equal(await lastValueFrom(ui.validatePasswordResetToken(stranger)), false);
      },
    );

    if (version.startsWith('3')) {
      await step(`Studio ${version} set the XSRF-TOKEN cookie, readable by the page`, () => {
        // Spring's CookieCsrfTokenRepository (not HttpOnly) on the answers so far.
        assert.notEqual(cookie(XSRF_COOKIE), undefined, 'no XSRF-TOKEN cookie in the page');
      });
      await step(`setPassword without the X-XSRF-TOKEN header is refused (403)`, async () => {
        await assert.rejects(lastValueFrom(ui.setPassword(token, password)), (error) => {
          assert.equal(error.name, 'AjaxError', String(error));
          assert.equal(error.status, 403);
          return true;
        });
        assert.equal(await signin(base, account.username, password), 401);
      });
      await step("the UI's setRequestForgeryToken() copies the cookie into X-XSRF-TOKEN", () => {
        ui.setRequestForgeryToken();
        assert.equal(ui.getGlobalHeaders()[XSRF_HEADER], cookie(XSRF_COOKIE));
      });
    } else {
      assert.equal(ui.getGlobalHeaders()[XSRF_HEADER], undefined);
    }

    const csrf = version.startsWith('3') ? 'with X-XSRF-TOKEN' : 'without X-XSRF-TOKEN (4.x)';
    await step(`setPassword(token, password) ${csrf} returns the user`, async () => {
      const user = await lastValueFrom(ui.setPassword(token, password));
      assert.equal(user.username, account.username);
      assert.equal(user.email, account.email);
      assert.equal(user.enabled, true);
      assert.equal(user.externallyManaged, false);
    });

    await expectPasswordChanged(base, account, password);
  } finally {
    await mock.stop();
  }
});
