import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { HOST_SCOPES, scopesOf, tokenize, type Token } from './grammar-harness';

/** Scopes whose last part names promptcost's own tokens. */
function promptcostScopes(tokens: readonly Token[]): string[] {
  return tokens.flatMap((t) => t.scopes.filter((s) => s.endsWith('.promptcost')));
}

for (const scope of HOST_SCOPES) {
  describe(`injection grammars in ${scope}`, () => {
    it('// promptcost-ignore with rule ids', async () => {
      const [tokens] = await tokenize(scope, ['  // promptcost-ignore padded-instruction, cheaper-model-tier']);
      assert.ok(scopesOf(tokens, 'promptcost-ignore').includes('keyword.control.directive.ignore.promptcost'));
      assert.ok(scopesOf(tokens, 'padded-instruction').includes('constant.other.rule-id.promptcost'));
      assert.ok(scopesOf(tokens, 'cheaper-model-tier').includes('constant.other.rule-id.promptcost'));
      assert.ok(scopesOf(tokens, 'padded-instruction').some((s) => s.startsWith('comment.line.double-slash')), 'still inside the comment');
    });

    it('// promptcost-ignore-file and a trailing ignore after code', async () => {
      const [file, trailing] = await tokenize(scope, ['// promptcost-ignore-file', "const p = 'x'; // promptcost-ignore"]);
      assert.ok(scopesOf(file, 'promptcost-ignore-file').includes('keyword.control.directive.ignore-file.promptcost'));
      assert.ok(scopesOf(trailing, 'promptcost-ignore').includes('keyword.control.directive.ignore.promptcost'));
    });

    it('// promptcost: key=value annotations', async () => {
      const [tokens] = await tokenize(scope, ['// promptcost: calls-per-day=5_000 model=gpt-4o dynamic-tokens=800']);
      assert.ok(scopesOf(tokens, 'promptcost').includes('keyword.control.directive.annotation.promptcost'));
      assert.ok(scopesOf(tokens, 'calls-per-day').includes('variable.parameter.annotation.promptcost'));
      assert.ok(scopesOf(tokens, '5_000').includes('constant.numeric.promptcost'));
      assert.ok(scopesOf(tokens, 'gpt-4o').includes('string.unquoted.promptcost'));
      assert.ok(scopesOf(tokens, '800').includes('constant.numeric.promptcost'));
    });

    it('/* @prompt */ before an expression', async () => {
      const [tokens] = await tokenize(scope, ["const q = /* @prompt */ 'Summarize the ticket.';"]);
      assert.ok(scopesOf(tokens, '@prompt').includes('keyword.control.directive.prompt.promptcost'));
    });

    it('{{placeholder}} and {placeholder} in quoted strings and templates', async () => {
      const [quoted, template] = await tokenize(scope, [
        "const a = 'Hello {{ user.name }}, answer {question} in {{#lang}}';",
        'const b = `Context: {context}\\nQ: {{question}}`;',
      ]);
      assert.ok(scopesOf(quoted, 'user.name').includes('variable.other.placeholder.promptcost'));
      assert.ok(scopesOf(quoted, 'question').includes('variable.other.placeholder.promptcost'));
      assert.ok(scopesOf(quoted, 'lang').includes('variable.other.placeholder.promptcost'));
      assert.ok(scopesOf(quoted, '{{').includes('punctuation.definition.placeholder.begin.promptcost'));
      assert.ok(scopesOf(template, 'context').includes('variable.other.placeholder.promptcost'));
      assert.ok(scopesOf(template, 'question').includes('variable.other.placeholder.promptcost'));
      assert.ok(scopesOf(template, 'context').some((s) => s.startsWith('string.template')), 'still inside the string');
    });

    it('leaves code, ${…} expressions, JSON-like braces and ordinary comments alone', async () => {
      const lines = await tokenize(scope, [
        'const { a } = obj; function f() { return {b}; }',
        'const t = `Hi ${name} and ${ {x: 1}.x }`;',
        'const j = \'Reply as JSON: {"ok": true}\';',
        '// a comment that mentions {name} and promptcost in passing',
        '/** @param {string} name */',
      ]);
      for (const [i, tokens] of lines.entries()) assert.deepEqual(promptcostScopes(tokens), [], `line ${i}`);
    });
  });
}
