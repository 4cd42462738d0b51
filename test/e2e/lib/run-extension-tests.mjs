// Runs extension integration tests (mocha inside the Node extension host) the way @vscode/test-electron
// does with a desktop VS Code, but in the VS Code server bundled with code-server, opened in headless
// Chromium: the workbench loads `extensionDevelopmentPath`, runs `extensionTestsPath`'s run(), and calls
// window.codeAutomationExit(code) when it settles (the smoke-test driver's hook).
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import { launchChromium, workbenchUrl } from './browser.mjs';
import { shortTempDir } from './paths.mjs';
import { startVsCodeServer } from './vscode-server.mjs';

/** Whole-run limit; a hung extension host must not hang `npm test`. Override with E2E_TIMEOUT_MS. */
const RUN_TIMEOUT_MS = Number(process.env.E2E_TIMEOUT_MS) || 300_000;
/** Workbench chatter that says nothing about our tests (shown with E2E_VERBOSE=1). */
const NOISE = /authentication provider 'github'|^Creation of workbench contribution|^Updating additional builtin extensions cache|AgentHost|ChatModelSelection|AccountPolicyGate|open-vsx|Service Worker|socket|connection token|grace-time|Extension host \(Remote\)|\[Extension Host\] (?:Started|Loaded)|^\s*$/;

const t0 = Date.now();
const log = (/** @type {string} */ message) => console.log(`[e2e runner ${((Date.now() - t0) / 1000).toFixed(1)}s] ${message}`);

/**
 * @param {{ extensionDevelopmentPath: string, extensionTestsPath: string, folder: string }} options absolute paths
 * @returns {Promise<number>} 0 when every test passed
 */
export async function runExtensionTests({ extensionDevelopmentPath, extensionTestsPath, folder }) {
  const state = shortTempDir('run-');
  const removeState = () => rmSync(state, { recursive: true, force: true });
  process.once('exit', removeState);
  const extensionsDir = join(state, 'exts');   // empty: only the extension under development is loaded
  mkdirSync(extensionsDir);
  const server = await startVsCodeServer({ stateDir: state, extensionsDir });
  log(`VS Code server up at ${server.url}`);
  const browser = await launchChromium(state);
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  try {
    const page = await browser.newPage();
    /** @type {(code: number) => void} */
    let onExit = () => {};
    const exited = new Promise((resolve) => { onExit = resolve; });
    await page.exposeFunction('codeAutomationExit', (/** @type {number} */ code) => onExit(code));
    await page.exposeFunction('codeAutomationLog', (/** @type {string} */ _type, /** @type {unknown[]} */ args) => {
      const text = format(...args);
      if (process.env.E2E_VERBOSE || !NOISE.test(text)) console.log(text);
    });
    page.on('pageerror', (error) => log(`page error: ${error.message}`));
    await page.goto(workbenchUrl(server.url, folder, { extensionDevelopmentPath, extensionTestsPath }));
    const timeout = new Promise((resolve) => { timer = setTimeout(() => resolve('timeout'), RUN_TIMEOUT_MS); });
    const code = await Promise.race([exited, timeout]);
    log(`extension host exit code: ${code}`);
    if (code !== 0) console.log(`--- VS Code server output (tail) ---\n${server.output()}`);
    return code === 0 ? 0 : 1;
  } finally {
    clearTimeout(timer);
    await browser.close().catch(() => {});
    await server.stop();
    process.off('exit', removeState);
    removeState();
  }
}
