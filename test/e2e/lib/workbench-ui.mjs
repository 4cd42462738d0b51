// Drives the real workbench once with playwright-core, as a user would: open a file with Quick Open, wait
// for promptcost's squiggles, open the Problems panel, hover a prompt, and take screenshots of each step.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { VIEWPORT, launchChromium, workbenchUrl } from './browser.mjs';

/** Editors only: the Chat view has a .monaco-editor of its own. */
const EDITOR = '.editor-group-container .monaco-editor';
/** Per-step limit on a cold, busy 2-core machine. */
const STEP_TIMEOUT_MS = 60_000;
/** Where to point inside the hovered text's span (px from its left edge): inside the prompt, not the quote. */
const HOVER_X_OFFSET = 160;
/** Quick Open is flaky right after a cold start: this many attempts. */
const QUICK_OPEN_ATTEMPTS = 4;

/** Workspace settings for a clean screenshot: no Chat side bar, no parent-repository prompt, no minimap. */
const UI_SETTINGS = {
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'git.openRepositoryInParentFolders': 'never',
  'editor.minimap.enabled': false,
  'workbench.tips.enabled': false,
};

/**
 * Writes the screenshot settings into a workspace copy (.vscode/settings.json).
 * @param {string} folder
 */
export function writeUiSettings(folder) {
  mkdirSync(join(folder, '.vscode'), { recursive: true });
  writeFileSync(join(folder, '.vscode/settings.json'), `${JSON.stringify(UI_SETTINGS, null, 2)}\n`);
}

/**
 * @typedef {object} UiCheck
 * @property {string} name
 * @property {boolean} ok
 * @property {string} [detail]
 */

/**
 * @param {{ serverUrl: string, folder: string, file: string, lineText: string, hoverText: string, screenshots: string, stateDir: string }} options
 *   file: workspace-relative path to open; lineText: text on screen once it is open; hoverText: text to hover;
 *   screenshots: output folder; stateDir: short folder for the browser's state
 * @returns {Promise<{ checks: UiCheck[], shots: Record<string, string> }>}
 */
export async function driveWorkbench({ serverUrl, folder, file, lineText, hoverText, screenshots, stateDir }) {
  /** @type {UiCheck[]} */
  const checks = [];
  /** @type {Record<string, string>} */
  const shots = {};
  const browser = await launchChromium(stateDir);
  const page = await browser.newPage({ viewport: VIEWPORT });
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  const shoot = async (/** @type {string} */ name) => {
    shots[name] = join(screenshots, `${name}.png`);
    await page.screenshot({ path: shots[name] });
  };
  /** @param {string} name @param {() => Promise<unknown>} step */
  const check = async (name, step) => {
    try {
      await step();
      checks.push({ name, ok: true });
    } catch (error) {
      checks.push({ name, ok: false, detail: error instanceof Error ? error.message.split('\n')[0] : String(error) });
      await shoot(`error-${checks.length}`).catch(() => {});
    }
    console.log(`[e2e ui] ${checks.at(-1)?.ok ? 'PASS' : 'FAIL'} ${name}${checks.at(-1)?.detail ? `: ${checks.at(-1)?.detail}` : ''}`);
    return checks.at(-1)?.ok;
  };
  try {
    await page.goto(workbenchUrl(serverUrl, folder));
    const opened = await check(`workbench opens ${file} with Quick Open`, async () => {
      await page.waitForSelector('.monaco-workbench .explorer-folders-view');
      await hideSecondarySideBar(page);
      await quickOpen(page, file, lineText);
    });
    if (!opened) return { checks, shots };
    await check('promptcost squiggles appear in the editor', () =>
      page.waitForSelector(`${EDITOR} .squiggly-warning, ${EDITOR} .squiggly-error, ${EDITOR} .squiggly-info`));
    await check('CodeLens shows tokens and $/mo above the prompt', () =>
      page.waitForFunction((selector) => [...document.querySelectorAll(selector)]
        .some((lens) => /tokens.*\$[\d.,]+[kKM]?\/mo/.test(lens.textContent ?? '')), `${EDITOR} .codelens-decoration`));
    await check('the Problems panel lists promptcost diagnostics', async () => {
      await page.keyboard.press('Control+Shift+M');
      await page.waitForFunction(() => /prompt-token-budget/.test(document.querySelector('.markers-panel')?.textContent ?? ''));
      await shoot('01-problems');
    });
    await check('hovering a prompt shows its tokens and cost', async () => {
      const target = page.locator(`${EDITOR} .view-line span span`, { hasText: hoverText }).first();
      const box = await target.boundingBox();
      if (!box) throw new Error(`"${hoverText}" is not on screen`);
      await page.mouse.move(box.x + Math.min(box.width / 2, HOVER_X_OFFSET), box.y + box.height / 2);
      await page.waitForFunction(() => [...document.querySelectorAll('.monaco-hover')].some((hover) => {
        const text = hover.textContent ?? '';
        return /tokens/i.test(text) && /\$\d/.test(text) && !/Loading\.\.\./.test(text)   // every provider answered
          && hover.getAnimations({ subtree: true }).every((animation) => animation.playState === 'finished');   // faded in
      }));
      await shoot('02-hover');
    });
  } finally {
    await browser.close().catch(() => {});
  }
  return { checks, shots };
}

/**
 * Hides the (empty, with AI features off) secondary side bar for a wider editor: cosmetic, so best effort.
 * @param {import('playwright-core').Page} page
 */
async function hideSecondarySideBar(page) {
  const bar = page.locator('.part.auxiliarybar');
  if (!(await bar.isVisible().catch(() => false))) return;
  await page.keyboard.press('Control+Alt+B');   // View: Toggle Secondary Side Bar Visibility
  await bar.waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => console.log('[e2e ui] (secondary side bar stayed open)'));
}

/**
 * Opens a file with Quick Open (Ctrl+P), retried: right after a cold start the first tries can be lost.
 * @param {import('playwright-core').Page} page @param {string} file @param {string} lineText
 */
async function quickOpen(page, file, lineText) {
  const shown = () => page.waitForFunction(([selector, text]) => [...document.querySelectorAll(selector)]
    .some((element) => (element.textContent ?? '').includes(text)), [`${EDITOR} .view-lines`, lineText], { timeout: 15_000 })
    .then(() => true, () => false);
  for (let attempt = 1; attempt <= QUICK_OPEN_ATTEMPTS; attempt++) {
    await page.keyboard.press('Escape');
    await page.locator('.editor-group-container').first().click({ position: { x: 50, y: 200 } }).catch(() => {});
    await page.keyboard.press('Control+P');
    const input = await page.waitForSelector('.quick-input-widget input', { state: 'visible', timeout: 15_000 }).catch(() => null);
    if (!input) continue;
    await page.keyboard.type(file);
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: file.split('/').at(-1) }).first();
    if (!(await row.waitFor({ timeout: 15_000 }).then(() => true, () => false))) continue;
    await page.keyboard.press('Enter');
    if (await shown()) return;
  }
  throw new Error(`could not open ${file} with Quick Open in ${QUICK_OPEN_ATTEMPTS} attempts`);
}
