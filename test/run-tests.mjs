// Runs every test file under test/ (except fixtures and e2e, which have their own runners) with node's test runner.
// Usage: node test/run-tests.mjs [substring-filter…]
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const skipDirs = new Set(['fixtures', 'e2e', 'node_modules']);
const filters = process.argv.slice(2);

/** @param {string} dir @returns {string[]} */
function collect(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return skipDirs.has(name) ? [] : collect(path);
    return /\.test\.ts$/.test(name) ? [path] : [];
  });
}

const files = collect(join(root, 'test'))
  .map((f) => relative(root, f))
  .filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)))
  .sort();
if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
