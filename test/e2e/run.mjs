#!/usr/bin/env node
// The e2e run, in a real VS Code (1.139.1, from code-server) offline:
//   1. build the bundles and the mocha suite (test/e2e/suite → test/e2e/out);
//   2. package the extension with @vscode/vsce and install the .vsix (checking what it holds);
//   3. run the suite in the extension host with @vscode/test-electron's runTests, through vscode-shim.mjs;
//   4. drive the workbench once with playwright-core: Problems panel + hover, screenshots in test/e2e/screenshots/.
// Needs `npm run e2e:setup` first (npm run test:e2e does both). Exits non-zero when anything fails.
// Env: PROMPTCOST_E2E_FORCE_FAIL=1 adds a failing test; E2E_SCREENSHOTS=0 skips step 4;
//      E2E_UPDATE_SCREENSHOT=1 copies the hover screenshot to docs/screenshot.png (done anyway when it is missing).
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { CACHE, CHROMIUM, NODE24, ROOT, VSCODE_SERVER_MAIN, shortTempDir } from './lib/paths.mjs';
import { checkInstalledExtension, packageExtension } from './lib/package-extension.mjs';
import { installExtension, startVsCodeServer } from './lib/vscode-server.mjs';
import { driveWorkbench, writeUiSettings } from './lib/workbench-ui.mjs';

const require = createRequire(import.meta.url);
const E2E = join(ROOT, 'test/e2e');
const OUT = join(E2E, 'out');
const SCREENSHOTS = join(E2E, 'screenshots');
const FIXTURE = join(ROOT, 'test/fixtures/e2e/workspace');
const DOCS_SCREENSHOT = join(ROOT, 'docs/screenshot.png');
/** What the UI step opens and hovers (text in the fixture, found on screen). */
const UI_FILE = 'src/support-chat.ts';
const UI_LINE_TEXT = 'SUPPORT_SYSTEM_PROMPT';
const UI_HOVER_TEXT = "You are Brightdesk's support assistant";

const t0 = Date.now();
const log = (/** @type {string} */ message) => console.log(`[e2e ${((Date.now() - t0) / 1000).toFixed(1)}s] ${message}`);

function checkSetup() {
  const missing = [NODE24, VSCODE_SERVER_MAIN, CHROMIUM].filter((path) => !existsSync(path));
  if (missing.length > 0) throw new Error(`e2e toolchain missing (${missing.join(', ')}): run \`npm run e2e:setup\` first`);
}

function build() {
  const result = spawnSync(process.execPath, [join(ROOT, 'esbuild.mjs')], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`build failed (exit ${result.status})`);
  const bundles = ['client/out/extension.js', 'server/out/server.js'].filter((path) => !existsSync(join(ROOT, path)));
  if (bundles.length > 0) throw new Error(`the build made no ${bundles.join(', ')}: the extension cannot be packaged yet`);
}

async function compileSuite() {
  rmSync(OUT, { recursive: true, force: true });
  const suite = join(E2E, 'suite');
  await esbuild.build({
    entryPoints: readdirSync(suite).filter((name) => name === 'index.ts' || name.endsWith('.test.ts')).map((name) => join(suite, name)),
    outdir: OUT, bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: 'inline',
    external: ['vscode', 'mocha'], logLevel: 'warning',
  });
}

/** Packages and installs the extension; returns the installed folder and the extensions folder it is in. */
function packageAndInstall(/** @type {string} */ state) {
  const vsix = packageExtension(ROOT, join(CACHE, 'promptcost.vsix'));
  const extensionsDir = join(state, 'exts');
  installExtension(vsix, extensionsDir, state);
  const folder = readdirSync(extensionsDir).find((name) => name.startsWith('promptcost.promptcost-'));
  if (!folder) throw new Error(`installing ${vsix} left no promptcost.promptcost-* folder in ${extensionsDir}`);
  const installed = join(extensionsDir, folder);
  const problems = checkInstalledExtension(installed);
  if (problems.length > 0) throw new Error(`the .vsix is incomplete or too big:\n  ${problems.join('\n  ')}`);
  log(`installed ${folder} from the .vsix: bundles, wasm and package.json references present`);
  return { installed, extensionsDir };
}

/** A fresh copy of the fixture workspace (tests edit files; the repository must stay untouched). */
function copyWorkspace(/** @type {string} */ state, /** @type {string} */ name) {
  const folder = join(state, name);
  cpSync(FIXTURE, folder, { recursive: true });
  return folder;
}

/** @returns {Promise<{ passes: number, failures: number, pending: number, ok: boolean }>} */
async function runSuite(/** @type {string} */ state, /** @type {string} */ installed) {
  const { runTests } = require('@vscode/test-electron');
  const shim = join(E2E, 'vscode-shim.mjs');
  chmodSync(shim, 0o755);   // a checkout without the executable bit still works
  const results = join(state, 'results.json');
  let ok = true;
  try {
    await runTests({
      vscodeExecutablePath: shim,
      extensionDevelopmentPath: installed,
      extensionTestsPath: join(OUT, 'index.js'),
      launchArgs: [copyWorkspace(state, 'ws')],
      extensionTestsEnv: { PROMPTCOST_E2E_RESULTS: results },
    });
  } catch (error) {
    ok = false;
    log(`extension tests failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  const counts = existsSync(results) ? JSON.parse(readFileSync(results, 'utf8')) : { passes: 0, failures: 1, pending: 0 };
  return { ...counts, ok: ok && counts.failures === 0 };
}

/** @returns {Promise<{ passes: number, failures: number }>} */
async function runUi(/** @type {string} */ state, /** @type {string} */ extensionsDir) {
  rmSync(SCREENSHOTS, { recursive: true, force: true });
  mkdirSync(SCREENSHOTS, { recursive: true });
  const uiState = join(state, 'ui');
  mkdirSync(uiState);
  const server = await startVsCodeServer({ stateDir: uiState, extensionsDir, enableTestDriver: false });
  try {
    const folder = copyWorkspace(state, 'brightdesk');   // the folder name shows in the title bar
    writeUiSettings(folder);
    const { checks, shots } = await driveWorkbench({
      serverUrl: server.url, folder, file: UI_FILE, lineText: UI_LINE_TEXT, hoverText: UI_HOVER_TEXT, screenshots: SCREENSHOTS, stateDir: uiState,
    });
    const failures = checks.filter((check) => !check.ok).length;
    if (failures > 0) console.log(`--- VS Code server output (tail) ---\n${server.output()}`);
    if (shots['02-hover'] && (process.env.E2E_UPDATE_SCREENSHOT === '1' || !existsSync(DOCS_SCREENSHOT))) {
      copyFileSync(shots['02-hover'], DOCS_SCREENSHOT);
      log(`copied ${shots['02-hover']} to docs/screenshot.png`);
    }
    log(`screenshots: ${Object.values(shots).join(', ')}`);
    return { passes: checks.length - failures, failures };
  } finally {
    await server.stop();
  }
}

async function main() {
  checkSetup();
  build();
  await compileSuite();
  log('built the bundles and the suite');
  const state = shortTempDir('e2e-');
  const removeState = () => rmSync(state, { recursive: true, force: true });
  process.once('exit', removeState);   // also on Ctrl+C (lib/vscode-server.mjs turns signals into exit)
  try {
    const { installed, extensionsDir } = packageAndInstall(state);
    const suite = await runSuite(state, installed);
    log(`extension host: ${suite.passes} passed, ${suite.failures} failed, ${suite.pending} pending`);
    const ui = process.env.E2E_SCREENSHOTS === '0' ? { passes: 0, failures: 0 } : await runUi(state, extensionsDir);
    const failed = (suite.ok ? 0 : Math.max(suite.failures, 1)) + ui.failures;   // a run that died counts as one failure
    log(`done in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    console.log(`e2e: ${suite.passes + ui.passes} passed, ${failed} failed`);
    return failed === 0 ? 0 : 1;
  } finally {
    removeState();
  }
}

main().then((code) => process.exit(code), (error) => {
  console.error(`[e2e] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
