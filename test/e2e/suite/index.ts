// Entry point the extension host loads (extensionTestsPath): runs every *.test.js next to it with mocha.
// Compiled by test/e2e/run.mjs with esbuild into test/e2e/out/.
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

/** Generous per-test limit: the first test waits for a cold language server on a busy 2-core machine. */
const TEST_TIMEOUT_MS = 120_000;

/**
 * Runs the suite; rejects when a test fails, so the workbench exits with a non-zero code.
 * PROMPTCOST_E2E_FORCE_FAIL=1 adds a failing test (proves that a failure fails `npm test`);
 * PROMPTCOST_E2E_RESULTS names a JSON file that receives the pass/fail counts.
 */
export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: TEST_TIMEOUT_MS, reporter: 'spec' });
  for (const file of readdirSync(__dirname).filter((name) => name.endsWith('.test.js')).sort()) {
    mocha.addFile(join(__dirname, file));
  }
  if (process.env.PROMPTCOST_E2E_FORCE_FAIL === '1') {
    mocha.suite.addTest(new Mocha.Test('forced failure (PROMPTCOST_E2E_FORCE_FAIL=1)', () => {
      throw new Error('failing on purpose: PROMPTCOST_E2E_FORCE_FAIL=1');
    }));
  }
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const results = process.env.PROMPTCOST_E2E_RESULTS;
      if (results) writeFileSync(results, JSON.stringify({ passes: runner.stats?.passes ?? 0, failures, pending: runner.stats?.pending ?? 0 }));
      if (failures > 0) reject(new Error(`${failures} e2e test(s) failed`));
      else resolve();
    });
  });
}
