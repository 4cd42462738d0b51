#!/usr/bin/env node
// A stand-in "VS Code executable" for @vscode/test-electron's runTests({ vscodeExecutablePath }):
// it takes the desktop CLI's arguments and runs the tests in code-server's VS Code + headless Chromium
// instead (see lib/run-extension-tests.mjs). Understood: --extensionDevelopmentPath=, --extensionTestsPath=
// and one folder; the desktop-only flags runTests adds (--no-sandbox, --user-data-dir=, …) are ignored,
// each run gets fresh, short state folders.
import { resolve } from 'node:path';
import { runExtensionTests } from './lib/run-extension-tests.mjs';

/** @type {string[]} */
const developmentPaths = [];
let testsPath = '', folder = '';
for (const arg of process.argv.slice(2)) {
  const [, key, value] = /^--([^=]+)=(.*)$/.exec(arg) ?? [];
  if (key === 'extensionDevelopmentPath' && value) developmentPaths.push(resolve(value));
  else if (key === 'extensionTestsPath' && value) testsPath = resolve(value);
  else if (!arg.startsWith('-')) folder = resolve(arg);
}
if (!testsPath || developmentPaths.length !== 1) {
  console.error('vscode-shim: needs --extensionTestsPath= and exactly one --extensionDevelopmentPath=');
  process.exit(2);
}

runExtensionTests({ extensionDevelopmentPath: developmentPaths[0], extensionTestsPath: testsPath, folder: folder || developmentPaths[0] })
  .then((code) => process.exit(code), (error) => {
    console.error(`vscode-shim: ${error instanceof Error ? error.stack : String(error)}`);
    process.exit(2);
  });
