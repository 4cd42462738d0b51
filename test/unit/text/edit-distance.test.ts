import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { editDistance } from '../../../server/src/text/edit-distance';

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and adjacent swaps', () => {
    assert.equal(editDistance('', ''), 0);
    assert.equal(editDistance('abc', ''), 3);
    assert.equal(editDistance('', 'ab'), 2);
    assert.equal(editDistance('kitten', 'sitting'), 3); // the textbook Levenshtein example
    assert.equal(editDistance('gpt4o', 'gpt-4o'), 1);
    assert.equal(editDistance('mnii', 'mini'), 1);
    assert.equal(editDistance('ca', 'abc'), 3); // OSA (not unrestricted Damerau): 3
  });

  it('is symmetric', () => {
    for (const [a, b] of [['claude', 'cluade'], ['gemini', 'gemni'], ['o3-mini', 'o4-mini']]) assert.equal(editDistance(a, b), editDistance(b, a));
  });
});
