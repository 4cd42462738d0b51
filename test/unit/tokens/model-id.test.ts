import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bareModelName, splitModelId } from '../../../server/src/tokens/model-id';

describe('splitModelId', () => {
  it('splits slash and known colon prefixes, lower-cased', () => {
    assert.deepEqual(splitModelId(' OpenAI/GPT-4o '), { prefix: 'openai', model: 'gpt-4o' });
    assert.deepEqual(splitModelId('anthropic:claude-opus-4-1'), { prefix: 'anthropic', model: 'claude-opus-4-1' });
    assert.deepEqual(splitModelId('meta-llama/llama-3.1-8b'), { prefix: 'meta-llama', model: 'llama-3.1-8b' });
  });

  it('leaves colons that are part of a model name alone', () => {
    assert.deepEqual(splitModelId('gpt-4o:extended'), { model: 'gpt-4o:extended' });
    assert.deepEqual(splitModelId('ft:gpt-4o-mini-2024-07-18:acme::x1'), { model: 'ft:gpt-4o-mini-2024-07-18:acme::x1' });
  });
});

describe('bareModelName', () => {
  it('drops every path segment and unwraps fine-tunes', () => {
    assert.equal(bareModelName('accounts/fireworks/models/llama-v3-70b'), 'llama-v3-70b');
    assert.equal(bareModelName('ft:gpt-4o-mini-2024-07-18:acme::x1'), 'gpt-4o-mini-2024-07-18');
    assert.equal(bareModelName('google/gemini-2.5-pro'), 'gemini-2.5-pro');
  });
});
