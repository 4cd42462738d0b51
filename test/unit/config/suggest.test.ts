import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { suggestClosest } from '../../../server/src/config/suggest';
import { editDistance } from '../../../server/src/text/edit-distance';
import { findJsonSyntaxError } from '../../../server/src/config/json-syntax';

describe('suggestClosest', () => {
  it('counts a transposition as one edit', () => {
    assert.equal(editDistance('defaultModle', 'defaultModel'), 1);
    assert.equal(editDistance('', 'abc'), 3);
    assert.equal(editDistance('kitten', 'sitting'), 3);
  });

  it('suggests close keys and completions, nothing for far ones', () => {
    const keys = ['defaultModel', 'callsPerDay', 'budgets', 'budget', 'rules'];
    assert.equal(suggestClosest('defaultModle', keys), 'defaultModel');
    assert.equal(suggestClosest('CALLSPERDAY', keys), 'callsPerDay');
    assert.equal(suggestClosest('rule', keys), 'rules');
    assert.equal(suggestClosest('budgetz', keys), 'budgets');
    assert.equal(suggestClosest('warn', ['off', 'warning']), 'warning');
    assert.equal(suggestClosest('xyz', keys), undefined);
    assert.equal(suggestClosest('rules', keys), undefined);
    assert.equal(suggestClosest('w', ['warning']), undefined);
  });
});

describe('findJsonSyntaxError', () => {
  it('accepts valid JSON of every kind', () => {
    for (const text of ['{}', '[]', ' {"a": [1, -2.5e3, true, false, null, "x\\n\\u00e9"]} ', '"s"', '0']) {
      assert.equal(findJsonSyntaxError(text), undefined, text);
      assert.doesNotThrow(() => JSON.parse(text));
    }
  });

  it('locates errors by offset', () => {
    assert.deepEqual(findJsonSyntaxError('{"a": 1,}'), { offset: 7, message: "trailing comma before '}'" });
    assert.deepEqual(findJsonSyntaxError('{"a": tru}'), { offset: 6, message: 'unexpected "t"; expected a value' });
    assert.deepEqual(findJsonSyntaxError('{"a": "\\x"}'), { offset: 7, message: 'invalid escape \\x' });
    assert.deepEqual(findJsonSyntaxError('{"a": "\t"}'), { offset: 7, message: 'control characters must be escaped inside strings' });
    assert.deepEqual(findJsonSyntaxError(''), { offset: 0, message: 'unexpected end of file; expected a value' });
  });
});
