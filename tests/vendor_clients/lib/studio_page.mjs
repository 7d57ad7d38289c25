// SPDX-License-Identifier: Apache-2.0
// lib/studio_page.mjs: the browser page Studio's UI code expects to run in.
//
// Contract: openStudioPage(url) makes a jsdom page at `url` and installs its window, document and
// XMLHttpRequest as this process's globals, which is all the UI's services/auth reaches: rxjs's
// ajax sends through `new XMLHttpRequest()`, the UI's paths ("/studio/api/2/...") resolve against
// the page's origin, and js-cookie reads document.cookie. jsdom keeps a cookie jar per page as a
// browser does: cookies the server sets, or the page writes, go with the page's same-origin
// requests, and nothing else adds a Cookie header. Returns the JSDOM; dom.reconfigure({ url })
// "navigates" (the address changes, nothing is fetched).
import { JSDOM } from 'jsdom';

export function openStudioPage(url) {
  const dom = new JSDOM('<!DOCTYPE html><title>Crafter Studio</title>', { url });
  const { window } = dom;
  globalThis.window = window;
  globalThis.document = window.document;
  globalThis.XMLHttpRequest = window.XMLHttpRequest;
  return dom;
}
