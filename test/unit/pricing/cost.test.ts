import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { calcPrice, findProvider } from '@pydantic/genai-prices';
import { lookupModel } from '../../../server/src/pricing/catalogue';
import { callCost, DAYS_PER_MONTH, monthlyCost, type TokenUsage } from '../../../server/src/pricing/cost';

/** genai-prices counts input_tokens as the total (uncached + cache reads + cache writes); ours is uncached. */
function reference(usage: TokenUsage, modelId: string, providerId?: string): number {
  const cacheRead = usage.cacheRead ?? 0;
  const cacheWrite = usage.cacheWrite ?? 0;
  const result = calcPrice(
    { input_tokens: usage.input + cacheRead + cacheWrite, cache_read_tokens: cacheRead, cache_write_tokens: cacheWrite, output_tokens: usage.output },
    modelId,
    providerId ? { providerId } : undefined,
  );
  assert.ok(result, `calcPrice knows ${modelId}`);
  return result.total_price;
}

const USAGES: TokenUsage[] = [
  { input: 1_234, output: 567 },
  { input: 3_000, cacheRead: 12_000, cacheWrite: 2_048, output: 800 },
  { input: 150_000, cacheRead: 60_000, output: 4_000 }, // 210k total input: above the 200k tiers
  { input: 271_999, output: 10 }, // exactly at gpt-5.4's tier start (not above it)
  { input: 272_000, cacheWrite: 5, output: 10 },
  { input: 0, cacheRead: 0, output: 0 },
];

describe('callCost for catalogue models', () => {
  for (const id of ['gpt-4o', 'gpt-4o-2024-05-13', 'gpt-5.4', 'o3', 'claude-sonnet-4-5-20250929', 'claude-opus-4-6', 'claude-3-5-haiku-latest', 'gemini-2.5-pro', 'gemini-1.5-flash', 'gemini-2.5-flash-lite']) {
    it(`equals genai-prices calcPrice for ${id}`, () => {
      const model = lookupModel(id);
      assert.ok(model);
      for (const usage of USAGES) assert.equal(callCost(usage, model).total, reference(usage, id), `${id} ${JSON.stringify(usage)}`);
    });
  }

  it('equals calcPrice for every text model of openai, anthropic and google', () => {
    let compared = 0;
    for (const providerId of ['openai', 'anthropic', 'google']) {
      for (const info of findProvider({ providerId })?.models ?? []) {
        const model = lookupModel(`${providerId}/${info.id}`);
        if (!model) continue;
        for (const usage of USAGES) {
          assert.equal(callCost(usage, model).total, reference(usage, info.id, providerId), `${providerId}/${info.id} ${JSON.stringify(usage)}`);
        }
        compared++;
      }
    }
    assert.ok(compared > 150, `compared ${compared} models`);
  });

  it('applies the long-context tier from the total input, cache tokens included', () => {
    const model = lookupModel('gemini-2.5-pro');
    assert.ok(model);
    const below = callCost({ input: 190_000, output: 1_000_000 }, model);
    const above = callCost({ input: 190_000, cacheRead: 20_000, output: 1_000_000 }, model);
    // genai-prices data: gemini-2.5-pro output $10/MTok, $15/MTok above 200k input tokens.
    assert.equal(below.output, 10);
    assert.equal(above.output, 15);
  });

  it('splits the cost into parts that add up to the total', () => {
    const model = lookupModel('claude-sonnet-4-5');
    assert.ok(model);
    const cost = callCost({ input: 1_000_000, cacheRead: 1_000_000, cacheWrite: 1_000_000, output: 1_000_000 }, model);
    // Rates straight from the catalogue entry (tiers apply: 3M input tokens > 200k).
    const info = findProvider({ providerId: 'anthropic' })?.models.find((m) => m.id === 'claude-sonnet-4-5');
    const prices = info && !Array.isArray(info.prices) ? info.prices : undefined;
    const tierPrice = (key: string): number => (prices?.[key] as { tiers: Array<{ price: number }> }).tiers[0].price;
    assert.equal(cost.input, tierPrice('input_mtok'));
    assert.equal(cost.cacheRead, tierPrice('cache_read_mtok'));
    assert.equal(cost.cacheWrite, tierPrice('cache_write_mtok'));
    assert.equal(cost.output, tierPrice('output_mtok'));
    assert.equal(cost.total, cost.input + cost.cacheWrite + cost.cacheRead + cost.output);
  });

  it('charges cache tokens at the input rate when the model has no cache price (as calcPrice does)', () => {
    const model = lookupModel('gpt-4o-2024-05-13');
    assert.ok(model);
    assert.equal(model.cacheRead, undefined);
    const cost = callCost({ input: 0, cacheRead: 1_000_000, output: 0 }, model);
    assert.equal(cost.cacheRead, model.input);
  });
});

describe('callCost for custom models', () => {
  const custom = lookupModel('in-house', { 'in-house': { input: 2, output: 8, cacheRead: 0.5 } });
  assert.ok(custom);

  it('uses simple per-MTok rates', () => {
    const cost = callCost({ input: 500_000, cacheRead: 2_000_000, cacheWrite: 250_000, output: 100_000 }, custom);
    assert.equal(cost.input, 1);
    assert.equal(cost.cacheRead, 1);
    assert.equal(cost.cacheWrite, 0.5); // no cacheWrite price: input rate
    assert.equal(cost.output, 0.8);
    assert.ok(Math.abs(cost.total - 3.3) < 1e-12);
  });

  it('ignores negative and missing counts', () => {
    assert.deepEqual(callCost({ input: -5, output: Number.NaN }, custom), { input: 0, cacheRead: 0, cacheWrite: 0, output: 0, total: 0 });
  });
});

describe('monthlyCost', () => {
  it('is per call × calls per day × 30', () => {
    assert.equal(DAYS_PER_MONTH, 30);
    assert.equal(monthlyCost(0.002, 1000), 0.002 * 1000 * 30);
    assert.equal(monthlyCost(0.5, 0), 0);
  });
});
