// Debian's Chromium, headless, driven by playwright-core (which never downloads a browser of its own).
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, isolatedEnv } from './paths.mjs';

/** A viewport wide enough for the editor, the Problems panel and a hover side by side. */
export const VIEWPORT = { width: 1400, height: 900 };

/**
 * @param {string} stateDir short folder for Chromium's XDG_* and TMPDIR (keeps it out of $HOME)
 * @returns {Promise<import('playwright-core').Browser>}
 */
export function launchChromium(stateDir) {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, env: isolatedEnv(stateDir) });
}

/**
 * The workbench URL for a folder, optionally with the test payload that makes the workbench load an
 * extension under development and run its tests (needs the server's --enable-smoke-test-driver).
 * @param {string} serverUrl http://127.0.0.1:PORT
 * @param {string} folder absolute path on the server
 * @param {{ extensionDevelopmentPath?: string, extensionTestsPath?: string }} [payload]
 * @returns {string}
 */
export function workbenchUrl(serverUrl, folder, payload = {}) {
  const remote = (/** @type {string} */ path) => `vscode-remote://${new URL(serverUrl).host}${path}`;
  const entries = [['skipWelcome', 'true'], ['skipReleaseNotes', 'true']];
  if (payload.extensionDevelopmentPath) entries.push(['extensionDevelopmentPath', remote(payload.extensionDevelopmentPath)]);
  if (payload.extensionTestsPath) entries.push(['extensionTestsPath', remote(payload.extensionTestsPath)]);
  return `${serverUrl}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(entries))}`;
}
