import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { catalogueModel, majorProviderListings, priceProvider } from '../../../server/src/pricing/genai-catalogue';

describe('priceProvider', () => {
  it('maps genai-prices provider ids to our families', () => {
    assert.equal(priceProvider('openai'), 'openai');
    assert.equal(priceProvider('anthropic'), 'anthropic');
    assert.equal(priceProvider('google'), 'google');
    assert.equal(priceProvider('google-vertex'), 'google');
    assert.equal(priceProvider('gemini'), 'google');
    assert.equal(priceProvider('groq'), 'other');
  });
});

describe('catalogueModel', () => {
  it('returns frozen results', () => {
    const model = catalogueModel('gpt-4o');
    assert.ok(model && Object.isFrozen(model));
  });

  it('resolves router-style ids through OpenRouter when the prefix is not a provider', () => {
    const model = catalogueModel('meta-llama/llama-3.3-70b-instruct');
    assert.equal(model?.provider, 'other');
  });
});

describe('majorProviderListings', () => {
  it('lists models of openai, anthropic and google with their literal names', () => {
    const listings = majorProviderListings();
    const gpt4o = listings.find((l) => l.id === 'gpt-4o');
    assert.ok(gpt4o?.names.includes('gpt-4o-2024-08-06'));
    assert.ok(listings.some((l) => l.id === 'claude-sonnet-4-5'));
    assert.ok(listings.some((l) => l.id === 'gemini-2.5-pro'));
  });
});
