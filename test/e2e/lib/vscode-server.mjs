// Starts and stops the VS Code server bundled in code-server (lib/vscode/out/server-main.js) on Node 24.
// We run it directly rather than through code-server's CLI: that CLI rejects --enable-smoke-test-driver,
// and without it the workbench ignores the extensionDevelopmentPath/extensionTestsPath URL payload.
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { NODE24, VSCODE_SERVER_MAIN, isolatedEnv } from './paths.mjs';

/** How long the server may take to answer /version on a cold, busy 2-core machine. */
const STARTUP_TIMEOUT_MS = 60_000;
/** How long the server's process group may take to exit after SIGTERM before it gets SIGKILL. */
const STOP_TIMEOUT_MS = 10_000;
/** Poll interval while waiting for the server (a condition poll, not a sleep-and-hope). */
const POLL_MS = 100;
/** Keep this much of the server's output for error reports. */
const LOG_TAIL_CHARS = 8000;

/** Ctrl+C or a CI timeout: exit normally, so the 'exit' listeners stop the server group and remove temp folders. */
function exitOnSignals() {
  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) {
    if (process.listenerCount(signal) === 0) process.once(signal, () => process.exit(130));
  }
}

/** @returns {Promise<number>} a free TCP port on the loopback interface */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject).listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Installs a .vsix into an extensions folder with the VS Code server's own CLI (offline: local files only).
 * @param {string} vsix @param {string} extensionsDir @param {string} stateDir short folder for XDG_* and TMPDIR
 */
export function installExtension(vsix, extensionsDir, stateDir) {
  const result = spawnSync(NODE24, [VSCODE_SERVER_MAIN, '--accept-server-license-terms', '--extensions-dir', extensionsDir,
    '--server-data-dir', join(stateDir, 'server'), '--install-extension', vsix, '--force'],
  { env: isolatedEnv(stateDir), encoding: 'utf8', timeout: 120_000 });
  if (result.status !== 0) {
    throw new Error(`installing ${vsix} failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
}

/**
 * @typedef {object} VsCodeServer
 * @property {number} port
 * @property {string} url http://127.0.0.1:PORT
 * @property {() => string} output the tail of the server's stdout + stderr
 * @property {() => Promise<void>} stop stops the server and every child it started
 */

/**
 * Starts the VS Code server in its own process group (its file watcher and extension host outlive a plain
 * SIGTERM to the parent; stop() signals the whole group) and waits until it answers.
 * @param {{ stateDir: string, extensionsDir: string, enableTestDriver?: boolean }} options
 * @returns {Promise<VsCodeServer>}
 */
export async function startVsCodeServer({ stateDir, extensionsDir, enableTestDriver = true }) {
  const port = await freePort();
  const args = [VSCODE_SERVER_MAIN, '--host', '127.0.0.1', '--port', String(port), '--without-connection-token',
    '--accept-server-license-terms', '--disable-telemetry', '--disable-workspace-trust',
    '--server-data-dir', join(stateDir, 'server'), '--user-data-dir', join(stateDir, 'user-data'),
    '--extensions-dir', extensionsDir, ...(enableTestDriver ? ['--enable-smoke-test-driver'] : [])];
  const child = spawn(NODE24, args, { env: isolatedEnv(stateDir), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  const collect = (/** @type {Buffer} */ chunk) => { output = (output + chunk.toString()).slice(-LOG_TAIL_CHARS); };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  let exited = false;
  child.once('exit', () => { exited = true; });
  const signalGroup = (/** @type {NodeJS.Signals | 0} */ signal) => {
    try { if (child.pid) process.kill(-child.pid, signal); return true; } catch { return false; }   // false: group gone
  };
  const killOnExit = () => signalGroup('SIGKILL');
  process.once('exit', killOnExit);
  exitOnSignals();
  const stop = async () => {
    process.off('exit', killOnExit);
    signalGroup('SIGTERM');
    for (const deadline = Date.now() + STOP_TIMEOUT_MS; signalGroup(0);) {
      if (Date.now() > deadline) { signalGroup('SIGKILL'); break; }
      await delay(POLL_MS);
    }
  };
  const url = `http://127.0.0.1:${port}`;
  for (const deadline = Date.now() + STARTUP_TIMEOUT_MS; ;) {
    if (exited) { await stop(); throw new Error(`VS Code server exited at startup:\n${output}`); }
    if (await fetch(`${url}/version`).then((r) => r.ok, () => false)) break;
    if (Date.now() > deadline) { await stop(); throw new Error(`VS Code server did not answer within ${STARTUP_TIMEOUT_MS} ms:\n${output}`); }
    await delay(POLL_MS);
  }
  return { port, url, output: () => output, stop };
}
