// SPDX-License-Identifier: Apache-2.0
// lib/studio_ui_hooks.mjs: Node module hooks that let Node load @craftercms/studio-ui's modules
// the way the UI's own bundler does, without changing them.
//
// The published package is bundler input: its .js files are ES modules in a package whose
// package.json has no "type": "module", and they import each other without the file extension
// ('../utils/ajax'). resolve() retries such a relative specifier with ".js" and "/index.js" when it
// comes from inside the package; load() declares the package's .js files ES modules. Every other
// module (rxjs, query-string, jsdom, ...) loads untouched. Registered with module.register().
const PACKAGE = '/node_modules/@craftercms/studio-ui/';

export async function resolve(specifier, context, nextResolve) {
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    if (!specifier.startsWith('.') || !context.parentURL?.includes(PACKAGE)) throw error;
    for (const suffix of ['.js', '/index.js']) {
      try {
        return await nextResolve(specifier + suffix, context);
      } catch {
        // try the next spelling
      }
    }
    throw error;
  }
}

export async function load(url, context, nextLoad) {
  if (url.includes(PACKAGE) && url.endsWith('.js')) {
    return nextLoad(url, { ...context, format: 'module' });
  }
  return nextLoad(url, context);
}
