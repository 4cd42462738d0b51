import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { calcPrice } from '@pydantic/genai-prices';
import { lookupModel } from '../../../server/src/pricing/catalogue';
import { cheaperTiers, nextCheaperTier, TIER_LADDERS, tierKey } from '../../../server/src/pricing/tiers';

/** Below every long-context tier in the catalogue (the lowest starts at 128k): base-tier prices. */
const BASE_TIER_TOKENS = 100_000;

/** Price of 100k input or output tokens, straight from genai-prices. */
function priceOf(id: string, kind: 'input' | 'output'): number {
  const result = calcPrice(kind === 'input' ? { input_tokens: BASE_TIER_TOKENS } : { output_tokens: BASE_TIER_TOKENS }, id);
  assert.ok(result, `calcPrice knows ${id}`);
  return result.total_price;
}

describe('TIER_LADDERS', () => {
  it('every entry is a catalogue model', () => {
    for (const ladder of TIER_LADDERS) for (const id of ladder) assert.ok(lookupModel(id), id);
  });

  it('every step is cheaper in input and output price', () => {
    for (const ladder of TIER_LADDERS) {
      for (let i = 0; i + 1 < ladder.length; i++) {
        const [from, to] = [ladder[i], ladder[i + 1]];
        assert.ok(priceOf(to, 'input') < priceOf(from, 'input'), `${from} → ${to} input`);
        assert.ok(priceOf(to, 'output') < priceOf(from, 'output'), `${from} → ${to} output`);
      }
    }
  });

  it('ladders that share a model continue the same way from it', () => {
    const next = new Map<string, string>();
    for (const ladder of TIER_LADDERS) {
      for (let i = 0; i + 1 < ladder.length; i++) {
        const seen = next.get(tierKey(ladder[i]));
        if (seen !== undefined) assert.equal(seen, ladder[i + 1], `${ladder[i]} continues two ways`);
        next.set(tierKey(ladder[i]), ladder[i + 1]);
      }
    }
  });
});

describe('cheaperTiers', () => {
  it('lists the ladder below a model, nearest first', () => {
    assert.deepEqual(cheaperTiers('gpt-5'), ['gpt-5-mini', 'gpt-5-nano']);
    assert.deepEqual(cheaperTiers('gpt-4.1'), ['gpt-4.1-mini', 'gpt-4.1-nano']);
    assert.deepEqual(cheaperTiers('gpt-4o'), ['gpt-4o-mini']);
    assert.deepEqual(cheaperTiers('o3'), ['o4-mini']);
    assert.deepEqual(cheaperTiers('o1'), ['o3-mini']);
    assert.deepEqual(cheaperTiers('claude-opus-4-1'), ['claude-sonnet-4-5', 'claude-haiku-4-5']);
    assert.deepEqual(cheaperTiers('gemini-2.5-pro'), ['gemini-2.5-flash', 'gemini-2.5-flash-lite']);
    assert.deepEqual(cheaperTiers('gemini-1.5-pro'), ['gemini-1.5-flash']);
  });

  it('normalises dated, aliased and prefixed ids', () => {
    assert.deepEqual(cheaperTiers('claude-sonnet-4-5-20250929'), ['claude-haiku-4-5']);
    assert.deepEqual(cheaperTiers('gpt-4o-2024-08-06'), ['gpt-4o-mini']);
    assert.deepEqual(cheaperTiers('gpt-5-2025-08-07'), ['gpt-5-mini', 'gpt-5-nano']);
    assert.deepEqual(cheaperTiers('claude-3-5-sonnet-latest'), ['claude-3-5-haiku-latest', 'claude-3-haiku-20240307']);
    assert.deepEqual(cheaperTiers('claude-3-5-sonnet-20241022'), ['claude-3-5-haiku-latest', 'claude-3-haiku-20240307']);
    assert.deepEqual(cheaperTiers('claude-3-opus-20240229'), ['claude-3-5-sonnet-latest', 'claude-3-5-haiku-latest', 'claude-3-haiku-20240307']);
    assert.deepEqual(cheaperTiers('claude-opus-4.1'), ['claude-sonnet-4-5', 'claude-haiku-4-5']);
    assert.deepEqual(cheaperTiers('gpt-5-chat-latest'), ['gpt-5-mini', 'gpt-5-nano']); // via the catalogue id (gpt-5)
    assert.deepEqual(cheaperTiers('openai/gpt-4o'), ['openai/gpt-4o-mini']);
  });

  it('is empty for the cheapest tier and for unknown models', () => {
    assert.deepEqual(cheaperTiers('gpt-5-nano'), []);
    assert.deepEqual(cheaperTiers('claude-haiku-4-5'), []);
    assert.deepEqual(cheaperTiers('my-model'), []);
  });
});

describe('nextCheaperTier', () => {
  it('is the first cheaper tier', () => {
    assert.equal(nextCheaperTier('claude-opus-4-1-20250805'), 'claude-sonnet-4-5');
    assert.equal(nextCheaperTier('gpt-5-mini'), 'gpt-5-nano');
    assert.equal(nextCheaperTier('gemini-2.5-flash-lite'), undefined);
  });
});
