import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cacheMinimum } from '../../../server/src/pricing/cache-minimums';

// Expected values from ../shared/design/COST-MODEL.md "Prompt caching" (and Anthropic's docs for Claude 3.x).
describe('cacheMinimum', () => {
  it('Anthropic minimums per model, explicit (cache_control)', () => {
    const expected: Record<string, number> = {
      'claude-sonnet-4-5-20250929': 1024,
      'claude-sonnet-4-20250514': 1024,
      'claude-sonnet-4-6': 1024,
      'claude-opus-4-1': 1024,
      'claude-opus-4-0': 1024,
      'claude-opus-4-7': 2048,
      'claude-3-5-haiku-latest': 2048,
      'claude-opus-4-5': 4096,
      'claude-opus-4-6': 4096,
      'claude-haiku-4-5-20251001': 4096,
      'claude-3-haiku-20240307': 2048,
      'claude-3-7-sonnet-latest': 1024,
      'claude-3-opus-20240229': 1024,
      'anthropic/claude-haiku-4.5': 4096,
    };
    for (const [model, tokens] of Object.entries(expected)) {
      const minimum = cacheMinimum(model);
      assert.equal(minimum?.tokens, tokens, model);
      assert.equal(minimum?.explicit, true, model);
      assert.match(minimum?.source ?? '', /COST-MODEL\.md/);
    }
  });

  it('OpenAI caches automatically from 1024 tokens on models that bill cached input', () => {
    for (const model of ['gpt-4o', 'gpt-4.1-mini', 'gpt-5', 'o3', 'openai/gpt-5-nano']) {
      assert.deepEqual({ ...cacheMinimum(model), source: undefined }, { tokens: 1024, explicit: false, source: undefined }, model);
    }
    assert.equal(cacheMinimum('gpt-4'), undefined);
    assert.equal(cacheMinimum('gpt-3.5-turbo'), undefined);
  });

  it('Gemini 2.5+ implicit caching: 1024 for Flash, 4096 for Pro', () => {
    assert.equal(cacheMinimum('gemini-2.5-flash')?.tokens, 1024);
    assert.equal(cacheMinimum('gemini-2.5-flash-lite')?.tokens, 1024);
    assert.equal(cacheMinimum('gemini-2.5-pro')?.tokens, 4096);
    assert.equal(cacheMinimum('google/gemini-3-pro-preview')?.tokens, 4096);
    assert.equal(cacheMinimum('gemini-2.5-pro')?.explicit, false);
    assert.equal(cacheMinimum('gemini-1.5-pro'), undefined);
  });

  it('is undefined where nothing is documented', () => {
    assert.equal(cacheMinimum('claude-opus-5'), undefined);
    assert.equal(cacheMinimum('llama-3.3-70b'), undefined);
  });
});
