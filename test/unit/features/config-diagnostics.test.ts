import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { configIssueToDiagnostic } from '../../../server/src/features/config-diagnostics';
import { jsonErrorSpan, keyPathSpan } from '../../../server/src/features/json-key-range';

const text = '{\n  "budgets": { "role:system": { "maxTokens": -5 }, "src/*.ts": { "maxTokens": 0 } },\n  "include": ["a", 3]\n}';

function spanText(path: string): string {
  const span = keyPathSpan(text, path);
  return text.slice(span.start, span.end);
}

describe('keyPathSpan', () => {
  it('finds the key a dotted path names, keys with dots and colons included', () => {
    assert.equal(spanText('budgets.role:system.maxTokens'), '"maxTokens"');
    assert.equal(keyPathSpan(text, 'budgets.src/*.ts.maxTokens').start, text.lastIndexOf('"maxTokens"'));
    assert.equal(spanText('include.1'), '3');
  });

  it('falls back to the deepest key found, then to the start of the text', () => {
    assert.equal(spanText('budgets.role:system.nope'), '"role:system"');
    assert.equal(spanText('nothing.here'), '{');
    assert.equal(spanText(''), '{');
    assert.deepEqual(keyPathSpan('[1, 2]', 'a'), { start: 0, end: 1 });
    assert.deepEqual(keyPathSpan('', 'a'), { start: 0, end: 0 });
  });
});

describe('jsonErrorSpan', () => {
  it('points at the line and column of an invalid-JSON message', () => {
    assert.deepEqual(jsonErrorSpan('{\n  "a": 1,\n}', "invalid JSON at 2:9: trailing comma before '}'"), { start: 10, end: 11 });
    assert.equal(jsonErrorSpan('{}', 'expected a number'), undefined);
  });
});

describe('configIssueToDiagnostic', () => {
  it('names the key path, says the default is used, and sits on the key', () => {
    const diagnostic = configIssueToDiagnostic({ source: '/r/.promptcost.json', path: 'budgets.role:system.maxTokens', message: 'expected a positive integer, got -5' }, text);
    assert.equal(diagnostic.message, 'budgets.role:system.maxTokens: expected a positive integer, got -5 (the default is used)');
    const column = text.indexOf('"maxTokens"') - (text.indexOf('\n') + 1);
    assert.deepEqual(diagnostic.range, { start: { line: 1, character: column }, end: { line: 1, character: column + '"maxTokens"'.length } });
    assert.equal(diagnostic.source, 'promptcost');
    assert.equal(diagnostic.code, 'config');
    assert.equal(diagnostic.severity, 1);
  });

  it('says an unknown key is ignored and a whole-file problem uses all defaults', () => {
    assert.match(configIssueToDiagnostic({ source: 'f', path: 'defaultModle', message: 'unknown key `defaultModle`' }, '{"defaultModle": 1}').message as string, /\(it is ignored\)$/);
    assert.match(configIssueToDiagnostic({ source: 'f', path: '', message: 'the file is empty' }, '').message as string, /^the file is empty \(the defaults are used\)$/);
  });

  it('says an unknown default model leaves prompts unpriced (no other model is priced in its place)', () => {
    const modelText = '{ "defaultModel": "gpt-4o-mnii" }';
    const diagnostic = configIssueToDiagnostic({ source: 'f', path: 'defaultModel', message: 'unknown model "gpt-4o-mnii": not in the price catalogue nor in `models`; did you mean "gpt-4o-mini"?' }, modelText);
    assert.match(diagnostic.message as string, /did you mean "gpt-4o-mini"\? \(prompts that show no model are not priced\)$/);
    assert.equal(modelText.slice(diagnostic.range.start.character, diagnostic.range.end.character), '"defaultModel"');
  });
});
