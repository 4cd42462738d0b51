import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { budgetFor } from '../../../server/src/config/budgets';
import { parseConfig } from '../../../server/src/config/load-config';

const config = parseConfig(
  {
    budget: { maxTokens: 4000, maxCostPerMonth: 500 },
    budgets: {
      SUMMARY_PROMPT: { maxTokens: 300 },
      'src/agents/**': { maxTokens: 1500, maxCostPerCall: 0.02 },
      'role:system': { maxTokens: 800, maxCostPerMonth: 50 },
      '**/*.legacy.ts': { maxCostPerMonth: 1000 },
    },
  },
  'test',
).config;

describe('budgetFor', () => {
  it('uses the global budget when no key matches', () => {
    assert.deepEqual(budgetFor(config, { file: '/repo/src/other.ts', role: 'user' }), { maxTokens: 4000, maxCostPerMonth: 500 });
  });

  it('matches a role key', () => {
    assert.deepEqual(budgetFor(config, { file: '/repo/src/other.ts', role: 'system' }), { maxTokens: 800, maxCostPerMonth: 50 });
  });

  it('matches a file glob against an absolute path at a directory boundary', () => {
    assert.deepEqual(budgetFor(config, { file: '/repo/src/agents/deep/a.ts', role: 'user' }), {
      maxTokens: 1500,
      maxCostPerCall: 0.02,
      maxCostPerMonth: 500,
    });
    assert.deepEqual(budgetFor(config, { file: 'src/agents/a.ts', role: 'user' }).maxTokens, 1500);
    assert.deepEqual(budgetFor(config, { file: '/repo/lib/src-agents/a.ts', role: 'user' }).maxTokens, 4000);
  });

  it('matches Windows paths', () => {
    assert.equal(budgetFor(config, { file: 'C:\\repo\\src\\agents\\a.ts', role: 'user' }).maxTokens, 1500);
  });

  it('layers role < glob < name, field by field', () => {
    const budget = budgetFor(config, { name: 'SUMMARY_PROMPT', file: '/repo/src/agents/summary.ts', role: 'system' });
    assert.deepEqual(budget, { maxTokens: 300, maxCostPerCall: 0.02, maxCostPerMonth: 50 });
  });

  it('does not treat a name key as matching another name', () => {
    assert.equal(budgetFor(config, { name: 'OTHER', file: '/repo/x.ts', role: 'user' }).maxTokens, 4000);
  });

  it('applies keys of equal specificity in written order', () => {
    const twoGlobs = parseConfig({ budgets: { '**/*.ts': { maxTokens: 1 }, 'src/**': { maxTokens: 2 } } }, 'test').config;
    assert.equal(budgetFor(twoGlobs, { file: '/r/src/a.ts', role: 'user' }).maxTokens, 2);
  });

  it('returns an empty budget by default', () => {
    assert.deepEqual(budgetFor(parseConfig({}, 'test').config, { file: 'a.ts', role: 'user' }), {});
  });
});
