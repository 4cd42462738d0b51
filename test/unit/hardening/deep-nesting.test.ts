import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { get_encoding } from 'tiktoken';
import { analyseText, assertRangesWithin, engineFor, path, timed } from './harness';

/** How deep the expressions of this file nest (issue #6: 5,000). */
const DEPTH = 5000;
/** Nesting levels per source line, so no line is long enough to count as minified. */
const PER_LINE = 20;

const o200k = get_encoding('o200k_base');
after(() => o200k.free());

/** `open` repeated DEPTH times around `inner`, then `close` DEPTH times, broken into short lines. */
function nest(open: string, inner: string, close: string): string {
  const lines = (piece: string) => Array.from({ length: DEPTH / PER_LINE }, () => piece.repeat(PER_LINE)).join('\n');
  return `${lines(open)}\n${inner}\n${lines(close)}`;
}

/** DEPTH operands joined by `op`, one per line (a left-leaning tree DEPTH deep). */
function chain(operand: (i: number) => string, op: string): string {
  return Array.from({ length: DEPTH }, (_, i) => operand(i)).join(` ${op}\n  `);
}

const SENTENCE = 'You are a helpful assistant. ';
const LITERAL = `'${SENTENCE}'`;

/** Shapes the TypeScript parser recurses into once per level: they cannot be parsed this deep. */
const UNPARSABLE: Record<string, string> = {
  'parenthesised sums a + (a + (…))': `const a = 'x';\nexport const P = ${nest('a + (', 'a', ')')};\n`,
  'nested arrays': `export const P = ${nest('[', LITERAL, ']')};\n`,
  'nested calls': `export const P = ${nest('f(', LITERAL, ')')};\n`,
  'nested template literals': `export const SYSTEM_PROMPT = ${nest('`You are ${', "'x'", '}`')};\n`,
  'nested object literals': `export const P = ${nest('{ a: ', LITERAL, ' }')};\n`,
  'nested arrow functions': `export const P = ${nest('() => ', LITERAL, '')};\n`,
  'nested blocks': `export function f(x: number) {\n${nest('if (x) {', `return ${LITERAL};`, '}')}\n}\n`,
  'an else-if chain': `export function f(x: number) {\n  if (x < 0) return 'a';\n  ${chain((i) => `if (x === ${i}) return 'Answer number ${i}.';`, 'else\n')}\n}\n`,
};

/** Shapes TypeScript parses in a loop (left-leaning trees): the index walk stops at MAX_DEPTH, the finder reads what it can. */
const CHAINS: Record<string, string> = {
  "a 5,000-part string concatenation 'x' + 'x' + …": `export const SYSTEM_PROMPT =\n  ${chain(() => LITERAL, '+')};\n`,
  'a 5,000-part || chain': `export const v =\n  ${chain((i) => `a${i}`, '||')};\n`,
  'a 5,000-part comma list': `export const v = (\n  ${chain((i) => `a${i}`, ',')});\n`,
  'a 5,000-long property chain': `export const v = a\n  ${chain(() => '.b', '')};\n`,
  'a 5,000-long call chain': `export const v = a\n  ${chain(() => '.b()', '')};\n`,
};

/** A normal file analysed by the same engine in the same call: one deep file must not cost the others. */
const NORMAL = [
  "import OpenAI from 'openai';",
  'const openai = new OpenAI();',
  "export const ask = (q: string) => openai.chat.completions.create({ model: 'gpt-4o', max_tokens: 100, messages: [{ role: 'system', content: 'You are a terse assistant. Reply in one sentence.' }, { role: 'user', content: q }] });",
  '',
].join('\n');

describe(`hardening: expressions nested ${DEPTH.toLocaleString('en-US')} deep`, () => {
  for (const [shape, text] of Object.entries(UNPARSABLE)) {
    it(`${shape}: skipped with a note (the parser runs out of stack), other files analysed`, (t) => {
      const engine = engineFor({ 'deep.ts': text, 'normal.ts': NORMAL });
      try {
        const { result, ms } = timed(() => engine.analyzeFiles([path('deep.ts'), path('normal.ts')]));
        const [deep, normal] = result;
        assert.equal(deep.prompts.length, 0);
        assert.deepEqual(deep.notes.length, 1, deep.notes.join('; '));
        assert.match(deep.notes[0], /^skipped: nested too deeply to parse/);
        assert.equal(normal.notes.length, 0, normal.notes.join('; '));
        assert.equal(normal.prompts.length, 1);
        assert.equal(normal.prompts[0].tokens.static, o200k.encode_ordinary('You are a terse assistant. Reply in one sentence.').length);
        // The same engine parses a repaired text (the parser's state survived the overflow).
        const repaired = analyseText(engine, 'deep.ts', NORMAL);
        assert.equal(repaired.prompts.length, 1);
        assert.deepEqual(repaired.notes, []);
        t.diagnostic(`${shape}: ${(text.length / 1000).toFixed(0)} kB, ${ms} ms; note: ${deep.notes[0]}`);
      } finally {
        engine.dispose();
      }
    });
  }

  for (const [shape, text] of Object.entries(CHAINS)) {
    it(`${shape}: analysed as far as it is safe, with a note`, (t) => {
      const engine = engineFor({ 'deep.ts': text, 'normal.ts': NORMAL });
      try {
        const { result, ms } = timed(() => engine.analyzeFiles([path('deep.ts'), path('normal.ts')]));
        const [deep, normal] = result;
        assertRangesWithin(deep, text);
        assert.deepEqual(deep.notes, ['expressions nested too deeply were skipped']);
        assert.equal(normal.prompts.length, 1);
        t.diagnostic(`${shape}: ${(text.length / 1000).toFixed(0)} kB, ${ms} ms, ${deep.prompts.length} prompts; note: ${deep.notes[0]}`);
      } finally {
        engine.dispose();
      }
    });
  }

  it('a 5,000-part concatenated prompt is counted whole: its tokens equal tiktoken on the joined text', () => {
    const engine = engineFor();
    try {
      const analysis = analyseText(engine, 'chain.ts', `export const SYSTEM_PROMPT =\n  ${chain(() => LITERAL, '+')};\n`);
      const prompt = analysis.prompts.find((p) => p.site.name === 'SYSTEM_PROMPT');
      assert.ok(prompt, 'the concatenation is a prompt');
      assert.equal(prompt.tokens.dynamic, 0, 'no part was given up as dynamic');
      assert.equal(prompt.tokens.static, o200k.encode_ordinary(SENTENCE.repeat(DEPTH)).length);
    } finally {
      engine.dispose();
    }
  });

  it('a concatenation of 60 literals (deeper than the evaluator follows nested expressions) is counted whole', () => {
    const parts = Array.from({ length: 60 }, (_, i) => `Rule ${i}: answer briefly and cite the article you used.\n`);
    const text = `export const SYSTEM_PROMPT =\n  ${parts.map((p) => JSON.stringify(p)).join(' +\n  ')};\n`;
    const engine = engineFor();
    try {
      const prompt = analyseText(engine, 'sixty.ts', text).prompts.find((p) => p.site.name === 'SYSTEM_PROMPT');
      assert.ok(prompt);
      assert.deepEqual(
        prompt.site.segments.map((s) => s.kind),
        parts.map(() => 'static'),
      );
      assert.equal(prompt.tokens.static, o200k.encode_ordinary(parts.join('')).length);
    } finally {
      engine.dispose();
    }
  });

  it('a deep chain inside a call whose history is searched for bounds is skipped with a note, not thrown', () => {
    // bounds.ts walks the whole file recursively looking for `history = …` reassignments.
    const text = [
      "import OpenAI from 'openai';",
      'const openai = new OpenAI();',
      'let history = [];',
      "history.push({ role: 'user', content: 'hi' });",
      'history = load();',
      `openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'system', content:\n  ${chain(() => LITERAL, '+')} }, ...history] });`,
      '',
    ].join('\n');
    const engine = engineFor({ 'deep.ts': text, 'normal.ts': NORMAL });
    try {
      assert.deepEqual(engine.dependencies(path('deep.ts')), [], 'asked on every keystroke: no throw');
      const [deep, normal] = engine.analyzeFiles([path('deep.ts'), path('normal.ts')]);
      assertRangesWithin(deep, text);
      assert.equal(deep.notes.length, 1);
      assert.match(deep.notes[0], /nested too deeply/);
      assert.equal(normal.prompts.length, 1);
    } finally {
      engine.dispose();
    }
  });
});
