import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { get_encoding, type TiktokenEncoding } from 'tiktoken';
import tiktokenTable from 'tiktoken/model_to_encoding.json';
import { loadableEncoding, modelFamily, tokenizerFor } from '../../../server/src/tokens/encodings';

/** tiktoken encodings that share vocabulary and split pattern with one of ours (see encodings.ts). */
const SAME_VOCABULARY: Record<string, string> = { p50k_edit: 'p50k_base', gpt2: 'r50k_base' };

describe('tokenizerFor', () => {
  it("uses tiktoken's own model table for every model it lists", () => {
    for (const [model, encoding] of Object.entries(tiktokenTable as Record<string, string>)) {
      assert.deepEqual(tokenizerFor(model), { encoding: SAME_VOCABULARY[encoding] ?? encoding, family: 'openai', approximate: false }, model);
    }
  });

  it('maps newer OpenAI ids by prefix (COST-MODEL.md)', () => {
    const expected: Record<string, string> = {
      'gpt-5.4-mini': 'o200k_base',
      'gpt-5-codex': 'o200k_base',
      'gpt-4.1-mini-2025-04-14': 'o200k_base',
      'gpt-4o-2099-01-01': 'o200k_base',
      'o1-pro-2099-01-01': 'o200k_base',
      'o3-deep-research': 'o200k_base',
      'o4-mini-high': 'o200k_base',
      'gpt-4-turbo-2099-01-01': 'cl100k_base',
      'gpt-4-0125-preview': 'cl100k_base',
      'gpt-3.5-turbo-2099': 'cl100k_base',
    };
    for (const [model, encoding] of Object.entries(expected)) {
      assert.deepEqual(tokenizerFor(model), { encoding, family: 'openai', approximate: false }, model);
    }
  });

  it('counts gpt-oss with o200k_base because tiktoken 1.0.22 has no o200k_harmony', () => {
    assert.throws(() => get_encoding('o200k_harmony' as TiktokenEncoding), /Invalid encoding/);
    assert.deepEqual(tokenizerFor('gpt-oss-120b'), { encoding: 'o200k_base', family: 'openai', approximate: false });
    assert.equal(loadableEncoding('o200k_harmony'), 'o200k_base');
  });

  it('accepts provider prefixes and fine-tune ids', () => {
    assert.deepEqual(tokenizerFor('openai/gpt-4'), tokenizerFor('gpt-4'));
    assert.deepEqual(tokenizerFor('OpenAI:GPT-4o'), tokenizerFor('gpt-4o'));
    assert.deepEqual(tokenizerFor('ft:gpt-3.5-turbo-0125:acme::abc'), { encoding: 'cl100k_base', family: 'openai', approximate: false });
  });

  it('estimates Claude with o200k_base, approximate', () => {
    for (const model of ['claude-sonnet-4-5-20250929', 'anthropic/claude-opus-4-1', 'claude-3-5-haiku-latest', 'us.anthropic.claude-3-5-sonnet-20240620-v1:0']) {
      assert.deepEqual(tokenizerFor(model), { encoding: 'o200k_base', family: 'anthropic', approximate: true }, model);
    }
  });

  it('estimates Gemini and Gemma with o200k_base, approximate', () => {
    for (const model of ['gemini-2.5-pro', 'google/gemini-2.5-flash-lite', 'gemma-3-27b-it']) {
      assert.deepEqual(tokenizerFor(model), { encoding: 'o200k_base', family: 'google', approximate: true }, model);
    }
  });

  it('treats anything else as other, o200k_base, approximate', () => {
    for (const model of ['llama-3.3-70b', 'mistral-large-latest', 'meta-llama/llama-3.1-8b-instruct', '']) {
      assert.deepEqual(tokenizerFor(model), { encoding: 'o200k_base', family: 'other', approximate: true }, model);
    }
  });

  it('marks unlisted gpt-* ids as OpenAI o200k estimates', () => {
    assert.deepEqual(tokenizerFor('gpt-image-1'), { encoding: 'o200k_base', family: 'openai', approximate: true });
  });
});

describe('modelFamily', () => {
  it('names the family of each provider', () => {
    assert.equal(modelFamily('gpt-4o-mini'), 'openai');
    assert.equal(modelFamily('anthropic/claude-haiku-4-5'), 'anthropic');
    assert.equal(modelFamily('google/gemini-2.5-pro'), 'google');
    assert.equal(modelFamily('deepseek-chat'), 'other');
  });
});
