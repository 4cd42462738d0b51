import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { PricedPrompt } from '../../../../server/src/analysis-types';
import { lookupModel } from '../../../../server/src/pricing/catalogue';
import { cacheSavingPerMonth, MAX_CACHE_WRITES_PER_DAY, staticHead } from '../../../../server/src/rules/utils/prompt-cache';

function prompt(segments: PricedPrompt['site']['segments'], staticTokens: number): PricedPrompt {
  return {
    site: { id: 'x', file: 'f', span: { start: 0, end: 1 }, kind: 'template', role: 'system', segments, call: null, provider: 'anthropic', history: null, retrieval: null, annotation: {} },
    model: { id: 'claude-sonnet-4-5', source: 'call', known: true },
    tokens: { static: staticTokens, dynamic: 0, overhead: 0, total: staticTokens, approximate: true },
    cost: { perCall: 0, perMonth: 0, input: 0, output: 0, outputTokens: 0, callsPerDay: 1000, currency: 'USD' },
  };
}

describe('cacheSavingPerMonth', () => {
  const sonnet = lookupModel('claude-sonnet-4-5')!;
  it('counts one write per 5-minute window: 2,000 tokens on Sonnet 4.5 at 1,000 calls a day ≈ $102/month', () => {
    assert.equal(MAX_CACHE_WRITES_PER_DAY, 288);
    // 2,000 × (1,000 × $3 − 288 × $3.75 − 712 × $0.30) / 1M × 30
    assert.ok(Math.abs(cacheSavingPerMonth(2000, sonnet, 1000) - 102.384) < 1e-9);
  });
  it('is negative when every call may be a cache write', () => {
    assert.ok(cacheSavingPerMonth(2000, sonnet, 100) < 0);
  });
});

describe('staticHead', () => {
  it('whole static prompts, then the static share before the first dynamic part', () => {
    const whole = prompt([{ kind: 'static', text: 'abcd' }], 100);
    const cut = prompt([{ kind: 'static', text: 'aaa' }, { kind: 'dynamic', expression: 'x', source: 'interpolation' }, { kind: 'static', text: 'b' }], 40);
    assert.deepEqual(staticHead([whole]), { tokens: 100, wholeStatic: true, approximate: true });
    assert.deepEqual(staticHead([whole, cut]), { tokens: 130, wholeStatic: false, approximate: true });
  });
});
