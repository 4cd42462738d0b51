// Packages the extension with @vscode/vsce and checks what an install of that .vsix contains.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/**
 * Runs `vsce package` in `root` (the bundles must be built already) and returns the .vsix path.
 * @param {string} root the extension's folder (package.json, .vscodeignore)
 * @param {string} outFile where to write the .vsix
 * @returns {string}
 */
export function packageExtension(root, outFile) {
  const vsce = join(dirname(require.resolve('@vscode/vsce/package.json')), 'vsce');
  const args = [vsce, 'package', '--no-dependencies', '--no-rewrite-relative-links', '--allow-missing-repository', '--out', outFile];
  if (!readdirSync(root).some((name) => /^licen[cs]e/i.test(name))) args.push('--skip-license');   // else vsce asks on stdin
  const result = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.status !== 0) throw new Error(`vsce package failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  const summary = result.stdout.split('\n').find((line) => line.includes('Packaged:'));
  console.log(`[e2e] ${summary?.trim() ?? `packaged ${outFile}`}`);
  return outFile;
}

/** The files a working install must hold besides package.json's own references. */
const REQUIRED_FILES = ['package.json', 'client/out/extension.js', 'server/out/server.js', 'server/out/tiktoken_bg.wasm'];
/** What the bundles make unnecessary; finding any of these means .vscodeignore lets too much through. */
const FORBIDDEN_PATHS = ['node_modules', 'client/src', 'server/src', 'test', 'examples', 'scratch', 'bench', '.vscode-test'];

/**
 * Checks an installed extension folder: the bundles, the wasm, every file package.json points at
 * (main, grammars, icon) are there, and no sources, tests or node_modules.
 * @param {string} dir installed extension folder
 * @returns {string[]} problems (empty when the package is complete)
 */
export function checkInstalledExtension(dir) {
  /** @type {{ main?: string, icon?: string, contributes?: { grammars?: { path: string }[] } }} */
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const referenced = [manifest.main, manifest.icon, ...(manifest.contributes?.grammars ?? []).map((grammar) => grammar.path)]
    .filter((path) => typeof path === 'string');
  const problems = [...REQUIRED_FILES, ...referenced].filter((path) => !existsSync(join(dir, path))).map((path) => `missing ${path}`);
  if (!readdirSync(dir).some((name) => name.toLowerCase() === 'readme.md')) problems.push('missing README.md');   // vsce stores readme.md
  problems.push(...FORBIDDEN_PATHS.filter((path) => existsSync(join(dir, path))).map((path) => `should not be packaged: ${path}`));
  return problems;
}
