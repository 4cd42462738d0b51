import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { lookupModel, suggestModelId } from '../../../server/src/pricing/catalogue';

describe('suggestModelId', () => {
  it('suggests the nearest known id for typos', () => {
    assert.equal(suggestModelId('gpt-4o-mnii'), 'gpt-4o-mini');
    assert.equal(suggestModelId('gpt4o'), 'gpt-4o');
    assert.equal(suggestModelId('claude-sonet-4-5'), 'claude-sonnet-4-5');
    assert.equal(suggestModelId('gemini-2.5-flahs'), 'gemini-2.5-flash');
  });

  it('recognises reordered name parts', () => {
    assert.equal(suggestModelId('gemini-pro-2.5'), 'gemini-2.5-pro');
    assert.equal(suggestModelId('claude-4.5-sonnet'), 'claude-sonnet-4-5');
  });

  it('keeps a provider prefix as written', () => {
    assert.equal(suggestModelId('openai/gpt4o'), 'openai/gpt-4o');
  });

  it('only suggests known ids', () => {
    for (const typo of ['gpt-4o-mnii', 'o3-mni', 'gpt-5-nana', 'claude-hauku-4-5']) {
      const suggestion = suggestModelId(typo);
      assert.ok(suggestion && lookupModel(suggestion), `${typo} → ${suggestion}`);
    }
  });

  it('says nothing for known ids or ids far from any', () => {
    assert.equal(suggestModelId('gpt-4o'), undefined);
    assert.equal(suggestModelId('my-own-finetuned-model'), undefined);
    assert.equal(suggestModelId('xyz'), undefined);
  });
});
