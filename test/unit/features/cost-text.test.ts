import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { PricedPrompt } from '../../../server/src/analysis-types';
import { costSummary, formatTokens, isApproximate, totalsOf } from '../../../server/src/features/cost-text';

function prompt(id: string, total: number, perCall: number, extra: { partOf?: string; approximate?: boolean; dynamic?: number; unknownModel?: boolean } = {}): PricedPrompt {
  return {
    site: { id, partOf: extra.partOf } as PricedPrompt['site'],
    model: extra.unknownModel ? { id: 'gpt-4o-mnii', source: 'call', known: false } : { id: 'gpt-4o', source: 'call', known: true },
    tokens: { static: total - (extra.dynamic ?? 0), dynamic: extra.dynamic ?? 0, overhead: 0, total, approximate: extra.approximate ?? false },
    cost: { perCall, perMonth: perCall * 30_000, input: perCall, output: 0, outputTokens: 0, callsPerDay: 1000, currency: 'USD' },
  };
}

describe('cost text', () => {
  it('formats token counts, marking estimates', () => {
    assert.equal(formatTokens(1240, true), '≈1,240');
    assert.equal(formatTokens(12, false), '12');
  });

  it('summarises a lens: ≈ tokens · $/call · $/mo', () => {
    assert.equal(costSummary({ prompts: 1, tokens: 1240, approximate: true, perCall: 0.0031, perMonth: 93 }), '≈ 1,240 tokens · $0.0031/call · $93/mo');
    assert.equal(costSummary({ prompts: 1, tokens: 50, approximate: false, perCall: 0.5, perMonth: 15000 }), '50 tokens · $0.50/call · $15,000/mo');
  });

  it('shows no dollar figure for prompts of a model without a known price', () => {
    const unknown = prompt('u', 80, 0, { unknownModel: true });
    const totals = totalsOf([unknown]);
    assert.equal(totals.unpriced, 1);
    assert.equal(costSummary(totals), '80 tokens · unknown model price');
    const mixed = totalsOf([unknown, prompt('k', 100, 0.001)]);
    assert.equal(costSummary(mixed), '180 tokens · $0.0010/call · $30/mo (+1 at an unknown model price)');
  });

  it('counts a prompt that is part of another prompt of the list once, and alone when alone', () => {
    const parent = prompt('a#10', 300, 0.002, { dynamic: 100 });
    const child = prompt('a#1', 100, 0.0005, { partOf: 'a#10' });
    assert.deepEqual(totalsOf([child, parent]), { prompts: 1, tokens: 300, approximate: true, perCall: 0.002, perMonth: 60 });
    assert.deepEqual(totalsOf([child]), { prompts: 1, tokens: 100, approximate: false, perCall: 0.0005, perMonth: 15 });
  });

  it('a count is approximate with an estimated tokenizer or dynamic parts', () => {
    assert.ok(isApproximate(prompt('x', 1, 0, { approximate: true })));
    assert.ok(isApproximate(prompt('x', 5, 0, { dynamic: 2 })));
    assert.ok(!isApproximate(prompt('x', 5, 0)));
  });
});
