import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { get_encoding } from 'tiktoken';
import { MAX_MAPPED_CHANGES } from '../../../server/src/rules/utils/literal-edits';
import { flatten, splitInstructions } from '../../../server/src/rules/utils/instructions';
import { analyseText, assertRangesWithin, engineFor, path, timed } from './harness';

/** Issue #6's sizes. */
const TEN_MB = 10_000_000;
const TWO_MB = 2_000_000;
const ONE_MB = 1_000_000;
const PROMPT_COUNT = 10_000;
/** Just under the minified-line guard (file-guards.ts, 20,000 characters). */
const LONG_LINE = 19_000;

const o200k = get_encoding('o200k_base');
after(() => o200k.free());

const EXAMPLE = readFileSync(join(__dirname, '..', '..', '..', 'examples', 'src', 'openai', 'chat.ts'), 'utf8');

/** A prompt file: `body` in a template literal sent by an OpenAI call. */
function callingFile(body: string): string {
  return `import OpenAI from 'openai';\nconst openai = new OpenAI();\nexport const SYSTEM_PROMPT = \`${body}\`;\nexport const ask = () => openai.chat.completions.create({ model: 'gpt-4o', max_tokens: 100, messages: [{ role: 'system', content: SYSTEM_PROMPT }] });\n`;
}

/** About `length` characters of distinct lines (`Fact 12: refund order plan …`), from a fixed pseudo-random sequence. */
function distinctLines(length: number): string {
  const words = 'acme refund order invoice shipping warranty account password billing plan upgrade cancel delivery tracking return exchange discount coupon loyalty points gift card support agent ticket escalation priority'.split(' ');
  let seed = 1;
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return Math.floor((seed / 2147483648) * n);
  };
  let body = '';
  for (let i = 0; body.length < length; i++) body += `Fact ${i}: ${Array.from({ length: 6 + next(10) }, () => words[next(words.length)]).join(' ')}.\n`;
  return body;
}

/** Minified-looking code: `var a0=function(b){return b+0};var a1=…` up to `length` characters, no line break. */
function minified(length: number): string {
  let out = '';
  for (let i = 0; out.length < length; i++) out += `var a${i}=function(b){return b+${i}};`;
  return out.slice(0, length);
}

describe('hardening: huge inputs', () => {
  it('a 10 MB file is skipped with a note before it is parsed, and so is each keystroke in it', (t) => {
    let text = '';
    for (let i = 0; text.length < TEN_MB; i++) text += EXAMPLE.replace(/\breply\b/g, `reply${i}`) + '\n';
    const engine = engineFor();
    try {
      const first = timed(() => analyseText(engine, 'big.ts', text));
      assert.deepEqual(first.result.prompts, []);
      assert.equal(first.result.notes.length, 1);
      assert.match(first.result.notes[0], /^skipped: [\d,]+ bytes is over maxFileBytes \(2,000,000\)$/);
      const keystroke = timed(() => analyseText(engine, 'big.ts', text + ' '));
      assert.match(keystroke.result.notes[0], /over maxFileBytes/);
      t.diagnostic(`10 MB (${text.length.toLocaleString('en-US')} characters): first analysis ${first.ms} ms, a keystroke ${keystroke.ms} ms`);
    } finally {
      engine.dispose();
    }
  });

  it('a file over maxFileBytes is not searched for the files it takes prompts from (editors ask on every keystroke)', () => {
    const prompts = "export const SYSTEM_PROMPT = 'You are a helpful assistant. Answer in one sentence.';\n";
    const call = "import OpenAI from 'openai';\nimport { SYSTEM_PROMPT } from './prompts';\nconst openai = new OpenAI();\nexport const ask = () => openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'system', content: SYSTEM_PROMPT }] });\n";
    const big = call + '// filler\n'.repeat(Math.ceil(TWO_MB / 10));
    const engine = engineFor({ 'prompts.ts': prompts, 'small.ts': call, 'big.ts': big });
    try {
      engine.project.text(path('prompts.ts')); // in-memory files resolve once loaded
      assert.deepEqual(engine.dependencies(path('small.ts')), [path('prompts.ts')]);
      assert.deepEqual(engine.dependencies(path('big.ts')), []);
      assert.match(engine.analyzeFile(path('big.ts')).notes[0], /over maxFileBytes/);
    } finally {
      engine.dispose();
    }
  });

  it('a minified bundle with one 2 MB line is skipped (over maxFileBytes; raised, as minified), also on every keystroke', (t) => {
    const text = minified(TWO_MB) + '\n';
    const engine = engineFor();
    const raised = engineFor({}, { maxFileBytes: TEN_MB });
    try {
      assert.deepEqual(analyseText(engine, 'bundle.min.js', text).notes, ['skipped: 2,000,001 bytes is over maxFileBytes (2,000,000)']);
      const first = timed(() => analyseText(raised, 'bundle.min.js', text));
      assert.deepEqual(first.result.prompts, []);
      assert.deepEqual(first.result.notes, ['skipped: minified or generated (a line over 20,000 characters)']);
      const keystroke = timed(() => analyseText(raised, 'bundle.min.js', text.replace('var a0=', 'var a0 =')));
      assert.deepEqual(keystroke.result.notes, first.result.notes);
      t.diagnostic(`one 2 MB line: first analysis ${first.ms} ms, a keystroke ${keystroke.ms} ms`);
    } finally {
      engine.dispose();
      raised.dispose();
    }
  });

  it('a 1.9 MB bundle of 19,000-character lines (under the guard) is parsed and analysed', (t) => {
    const line = minified(LONG_LINE);
    const text = Array.from({ length: Math.floor(TWO_MB / LONG_LINE) }, () => line).join('\n') + '\n';
    const engine = engineFor();
    try {
      const first = timed(() => analyseText(engine, 'long-lines.js', text));
      assert.deepEqual(first.result.notes, []);
      assertRangesWithin(first.result, text);
      const keystroke = timed(() => analyseText(engine, 'long-lines.js', ' ' + text));
      assert.deepEqual(keystroke.result.notes, []);
      t.diagnostic(`${(text.length / 1e6).toFixed(2)} MB in lines of ${LONG_LINE.toLocaleString('en-US')} characters: first analysis ${first.ms} ms, a keystroke ${keystroke.ms} ms`);
    } finally {
      engine.dispose();
    }
  });

  it('a 1 MB prompt in a template literal is counted exactly (tiktoken on the same text)', (t) => {
    const body = distinctLines(ONE_MB);
    const text = callingFile(body);
    const engine = engineFor();
    try {
      const first = timed(() => analyseText(engine, 'huge-prompt.ts', text));
      assertRangesWithin(first.result, text);
      const prompt = first.result.prompts.find((p) => p.site.name === 'SYSTEM_PROMPT');
      assert.ok(prompt, 'the 1 MB constant is a prompt');
      assert.equal(prompt.tokens.static, o200k.encode_ordinary(body).length);
      assert.ok(first.result.reports.some((r) => r.ruleId === 'context-window-overflow'), 'it is over gpt-4o\'s context window');
      const keystroke = timed(() => analyseText(engine, 'huge-prompt.ts', text + '\n'));
      assert.equal(keystroke.result.prompts.length, first.result.prompts.length);
      t.diagnostic(`1 MB prompt (${prompt.tokens.static.toLocaleString('en-US')} tokens): first analysis ${first.ms} ms, a keystroke ${keystroke.ms} ms`);
    } finally {
      engine.dispose();
    }
  });

  it('a 1 MB prompt of three instructions repeated: every repeat is reported, the last ones in the text with a fix', (t) => {
    const sentences = ['You are a support assistant for Acme.', 'Answer in two sentences and cite the article you used.', 'Never promise refunds.'];
    let body = '';
    for (let i = 0; body.length < ONE_MB; i++) body += `${i}. ${sentences[i % sentences.length]}\n`;
    const text = callingFile(body);
    const engine = engineFor();
    try {
      const { result, ms } = timed(() => analyseText(engine, 'repeated.ts', text));
      assertRangesWithin(result, text);
      const repeats = result.reports.filter((r) => r.ruleId === 'redundant-instruction');
      const lines = body.split('\n').length - 1;
      assert.equal(repeats.length, lines - sentences.length, 'every line after the first three repeats one');
      const fixed = repeats.filter((r) => r.fix);
      assert.equal(fixed.length, MAX_MAPPED_CHANGES);
      assert.deepEqual(fixed, repeats.slice(-MAX_MAPPED_CHANGES), 'the last repeats carry the fixes');
      t.diagnostic(`1 MB prompt, ${lines.toLocaleString('en-US')} lines: ${repeats.length.toLocaleString('en-US')} repeats reported, ${fixed.length} with a fix, in ${ms} ms`);
    } finally {
      engine.dispose();
    }
  });

  it('a prompt line of 580,000 characters is split into its 20,000 sentences; abbreviations still do not end one', (t) => {
    const line = 'You are a helpful assistant. '.repeat(20_000) + 'Cite sources, e.g. the help center. Mr. Smith approves.';
    const { result, ms } = timed(() => splitInstructions(flatten([{ kind: 'static', text: line }])));
    assert.equal(result.length, 20_002);
    assert.deepEqual(
      result.slice(-2).map((i) => i.text),
      ['Cite sources, e.g. the help center.', 'Mr. Smith approves.'],
    );
    t.diagnostic(`${line.length.toLocaleString('en-US')} characters split in ${ms} ms`);
  });

  it('a 1 MB prompt written on one source line is skipped as minified, with a note', () => {
    const body = 'You are a support assistant for Acme. Answer briefly. '.repeat(Math.ceil(ONE_MB / 54)).slice(0, ONE_MB);
    const engine = engineFor();
    try {
      const analysis = analyseText(engine, 'one-line-prompt.ts', `export const SYSTEM_PROMPT = '${body}';\n`);
      assert.deepEqual(analysis.prompts, []);
      assert.deepEqual(analysis.notes, ['skipped: minified or generated (a line over 20,000 characters)']);
    } finally {
      engine.dispose();
    }
  });

  /** Three ways to write 10,000 prompts in one file. */
  const MANY: Record<string, (i: number) => string> = {
    'named prompt constants': (i) => `export const P${i}_PROMPT = 'You are assistant number ${i}. Answer the user briefly and politely.';`,
    'SDK calls with a system message': (i) => `const a${i} = () => openai.chat.completions.create({ model: 'gpt-4o-mini', max_tokens: 50, messages: [{ role: 'system', content: 'You are assistant number ${i}. Be brief.' }] });`,
  };
  for (const [shape, line] of Object.entries(MANY)) {
    it(`10,000 prompts in one file (${shape}) are all found`, (t) => {
      const text = ["import OpenAI from 'openai';", 'const openai = new OpenAI();', ...Array.from({ length: PROMPT_COUNT }, (_, i) => line(i)), ''].join('\n');
      const engine = engineFor();
      try {
        const first = timed(() => analyseText(engine, 'many.ts', text));
        assert.deepEqual(first.result.notes, []);
        assert.equal(first.result.prompts.length, PROMPT_COUNT);
        assertRangesWithin(first.result, text);
        const keystroke = timed(() => analyseText(engine, 'many.ts', text + ' '));
        assert.equal(keystroke.result.prompts.length, PROMPT_COUNT);
        t.diagnostic(`10,000 ${shape} (${(text.length / 1e6).toFixed(2)} MB): first analysis ${first.ms} ms, a keystroke ${keystroke.ms} ms`);
      } finally {
        engine.dispose();
      }
    });
  }

  it('10,000 messages in 5,000 message arrays outside calls are all found', (t) => {
    const arrays = Array.from({ length: PROMPT_COUNT / 2 }, (_, i) => `export const M${i} = [{ role: 'system', content: 'You are assistant number ${i}. Be brief.' }, { role: 'user', content: 'Question ${i}?' }];`);
    const text = ["import OpenAI from 'openai';", ...arrays, ''].join('\n');
    const engine = engineFor();
    try {
      const first = timed(() => analyseText(engine, 'arrays.ts', text));
      assert.deepEqual(first.result.notes, []);
      assert.equal(first.result.prompts.length, PROMPT_COUNT / 2);
      assert.equal(first.result.prompts.reduce((n, p) => n + (p.site.messages?.length ?? 0), 0), PROMPT_COUNT);
      const keystroke = timed(() => analyseText(engine, 'arrays.ts', text + ' '));
      assert.equal(keystroke.result.prompts.length, PROMPT_COUNT / 2);
      t.diagnostic(`5,000 arrays of 10,000 messages (${(text.length / 1e6).toFixed(2)} MB): first analysis ${first.ms} ms, a keystroke ${keystroke.ms} ms`);
    } finally {
      engine.dispose();
    }
  });
});
