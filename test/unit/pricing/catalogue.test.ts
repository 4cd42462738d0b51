import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { findProvider, type ModelInfo } from '@pydantic/genai-prices';
import { lookupModel } from '../../../server/src/pricing/catalogue';

/** A catalogue entry's flat prices, read straight from genai-prices' data (independent of lookupModel). */
function catalogueEntry(providerId: string, modelId: string): { info: ModelInfo; prices: Record<string, unknown> } {
  const info = findProvider({ providerId })?.models.find((m) => m.id === modelId);
  assert.ok(info, `${providerId}/${modelId} in the catalogue`);
  assert.ok(!Array.isArray(info.prices), 'test expects unconditional prices');
  return { info, prices: info.prices };
}

describe('lookupModel (catalogue)', () => {
  it('returns the catalogue prices of gpt-4o', () => {
    const { info, prices } = catalogueEntry('openai', 'gpt-4o');
    assert.deepEqual(lookupModel('gpt-4o'), {
      id: 'gpt-4o',
      provider: 'openai',
      input: prices.input_mtok,
      output: prices.output_mtok,
      cacheRead: prices.cache_read_mtok,
      contextWindow: info.context_window,
      custom: false,
    });
  });

  it('returns Anthropic cache write prices (5 min and 1 h)', () => {
    const { prices } = catalogueEntry('anthropic', 'claude-haiku-4-5');
    const model = lookupModel('claude-haiku-4-5-20251001');
    assert.equal(model?.id, 'claude-haiku-4-5');
    assert.equal(model?.provider, 'anthropic');
    assert.equal(model?.cacheWrite, prices.cache_write_mtok);
    assert.equal(model?.cacheWrite1h, prices.cache_write_1h_mtok);
    assert.equal(model?.cacheRead, prices.cache_read_mtok);
  });

  it('gives the base tier price and the tiers of long-context models', () => {
    const { prices } = catalogueEntry('google', 'gemini-2.5-pro');
    const input = prices.input_mtok as { base: number; tiers: Array<{ start: number; price: number }> };
    const model = lookupModel('gemini-2.5-pro');
    assert.equal(model?.input, input.base);
    assert.deepEqual(model?.tiers?.input, input.tiers);
  });

  it('accepts provider prefixes', () => {
    assert.deepEqual(lookupModel('openai/gpt-4o'), lookupModel('gpt-4o'));
    assert.deepEqual(lookupModel('anthropic/claude-sonnet-4-5'), lookupModel('claude-sonnet-4-5'));
    assert.deepEqual(lookupModel('google/gemini-2.5-flash'), lookupModel('gemini-2.5-flash'));
    assert.deepEqual(lookupModel('openai:gpt-4.1-mini'), lookupModel('gpt-4.1-mini'));
  });

  it('maps providers to our four families', () => {
    assert.equal(lookupModel('gemini-2.5-flash')?.provider, 'google');
    assert.equal(lookupModel('google-vertex/gemini-2.5-flash')?.provider, 'google');
    assert.equal(lookupModel('claude-3-5-sonnet-latest')?.provider, 'anthropic');
    assert.equal(lookupModel('deepseek-chat')?.provider, 'other');
  });

  it('fills a missing context window from the fallback table', () => {
    const { info } = catalogueEntry('google', 'gemini-2.5-pro');
    assert.equal(info.context_window, undefined); // the reason for the table
    assert.equal(lookupModel('gemini-2.5-pro')?.contextWindow, 1_048_576);
  });

  it('returns undefined for unknown models and caches results', () => {
    assert.equal(lookupModel('definitely-not-a-model-xyz'), undefined);
    assert.equal(lookupModel('gpt-4o'), lookupModel('GPT-4o'));
  });
});

describe('lookupModel (custom prices)', () => {
  const custom = {
    'gpt-4o': { input: 1, output: 4 },
    'acme-llm': { provider: 'other' as const, input: 0.2, output: 0.4, cacheRead: 0.02, contextWindow: 32_000 },
  };

  it('custom prices win over the catalogue', () => {
    const model = lookupModel('gpt-4o', custom);
    assert.equal(model?.custom, true);
    assert.equal(model?.input, 1);
    assert.equal(model?.output, 4);
    assert.equal(model?.cacheRead, undefined);
    assert.equal(model?.provider, 'openai');
    assert.equal(model?.contextWindow, lookupModel('gpt-4o')?.contextWindow); // not set: the catalogue's
  });

  it('prices models the catalogue lacks, matched case-insensitively', () => {
    assert.deepEqual(lookupModel('ACME-LLM', custom), {
      id: 'ACME-LLM',
      provider: 'other',
      input: 0.2,
      output: 0.4,
      cacheRead: 0.02,
      contextWindow: 32_000,
      custom: true,
    });
  });

  it('falls back to the catalogue for other ids', () => {
    assert.equal(lookupModel('gpt-4o-mini', custom)?.custom, false);
  });
});
