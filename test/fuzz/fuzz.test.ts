import { test } from 'node:test';
import fc from 'fast-check';
import { fuzzCase, type FuzzCase } from './arbitraries/program';
import { describeCase, FuzzHarness } from './properties';

/**
 * The fuzz properties of `npm run fuzz` (see properties.ts) over a few hundred generated workspaces,
 * with a fixed seed so `npm test` is reproducible; `npm run fuzz` runs 10,000+ with fresh seeds.
 */

/** Cases per `npm test` run: 250 take ≈20 s on the shared 2-core machine (≈60 ms a case under load; ≈15 ms idle). */
const RUNS = 250;
/** Fixed so a failure here is the same failure on every machine (replay: npm run fuzz -- --seed <SEED> --path <path>). */
const SEED = 20_261_123;

test(`fuzz: ${RUNS} generated workspaces (seed ${SEED}): analysis never throws, ranges stay inside documents, fixes keep code parsing`, () => {
  const harness = new FuzzHarness();
  try {
    const details = fc.check(
      fc.property(fuzzCase, (c) => harness.check(c)),
      { numRuns: RUNS, seed: SEED },
    );
    if (details.failed) {
      const counterexample = details.counterexample?.[0] as FuzzCase | undefined;
      const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
      throw new Error(
        `fuzz property failed (seed ${SEED}, path ${details.counterexamplePath}; replay: npm run fuzz -- --seed ${SEED} --path ${details.counterexamplePath} --runs 1)\n${error}\nshrunk counterexample:\n${counterexample ? describeCase(counterexample) : '(none)'}`,
      );
    }
  } finally {
    harness.dispose();
  }
});
