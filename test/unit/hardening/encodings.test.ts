import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { get_encoding } from 'tiktoken';
import type { FileAnalysis } from '../../../server/src/analysis-types';
import { Engine } from '../../../server/src/engine';
import { LineMap } from '../../../server/src/text/line-map';
import { analyseText, assertRangesWithin, engineFor, path } from './harness';

const o200k = get_encoding('o200k_base');
after(() => o200k.free());

const EXAMPLE = readFileSync(join(__dirname, '..', '..', '..', 'examples', 'src', 'anthropic', 'refunds.ts'), 'utf8');
const BOM = '\uFEFF';

/** A prompt file whose system prompt holds `inner` (already valid TS string content). */
const promptFile = (inner: string) =>
  [
    "import OpenAI from 'openai';",
    'const openai = new OpenAI();',
    `export const SYSTEM_PROMPT = 'You are a helpful assistant for Acme. ${inner} Answer in one sentence.';`,
    "export const ask = (q: string) => openai.chat.completions.create({ model: 'gpt-4o', max_tokens: 100, messages: [{ role: 'system', content: SYSTEM_PROMPT }, { role: 'user', content: q }] });",
    '',
  ].join('\n');

/** Each report as (rule, start position, end position, covered text with line breaks normalised). */
function reportPlaces(analysis: FileAnalysis): string[] {
  const lines = new LineMap(analysis.text);
  return analysis.reports.map((r) => {
    const s = lines.positionAt(r.span.start);
    const e = lines.positionAt(r.span.end);
    const covered = analysis.text.slice(r.span.start, r.span.end).replace(/\r\n/g, '\n');
    return `${r.ruleId} ${s.line}:${s.character}-${e.line}:${e.character} ${JSON.stringify(covered)}`;
  });
}

/** Each prompt as (name, position, tokens). */
function promptPlaces(analysis: FileAnalysis): string[] {
  const lines = new LineMap(analysis.text);
  return analysis.prompts.map((p) => {
    const s = lines.positionAt(p.site.span.start);
    const e = lines.positionAt(p.site.span.end);
    return `${p.site.name ?? p.site.kind} ${s.line}:${s.character}-${e.line}:${e.character} ${p.tokens.static}+${p.tokens.dynamic}`;
  });
}

describe('hardening: binary content, invalid UTF-8, CRLF and byte-order marks', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'promptcost-encodings-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('binary content with NUL bytes in a .ts file is skipped as binary', () => {
    const file = join(dir, 'blob.ts');
    writeFileSync(file, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
    const engine = new Engine();
    try {
      const analysis = engine.analyzeFile(file);
      assert.deepEqual(analysis.prompts, []);
      assert.deepEqual(analysis.notes, ['skipped: binary content']);
    } finally {
      engine.dispose();
    }
  });

  it('binary content without NUL bytes (read as U+FFFD and control characters) is parsed as garbage without a crash', () => {
    const file = join(dir, 'noise.ts');
    // A deterministic byte soup with no 0 byte and short lines, so no guard skips it.
    const bytes = Buffer.from(Array.from({ length: 64 * 1024 }, (_, i) => (i % 97 === 96 ? 10 : 1 + ((i * 7919 + (i >> 3)) % 255))));
    writeFileSync(file, bytes);
    const engine = new Engine();
    try {
      const analysis = engine.analyzeFile(file);
      assertRangesWithin(analysis, bytes.toString('utf8'));
      assert.deepEqual(analysis.notes, []);
    } finally {
      engine.dispose();
    }
  });

  it('invalid UTF-8 inside a prompt is read as U+FFFD: ranges and tokens follow the decoded text', () => {
    const file = join(dir, 'latin1.ts');
    const text = promptFile('Caf\u00e9 cr\u00e8me, na\u00efve.');
    // Latin-1 bytes for é, è and ï: each is an invalid UTF-8 sequence on its own.
    writeFileSync(file, Buffer.from(text, 'latin1'));
    const decoded = readFileSync(file, 'utf8');
    assert.ok(decoded.includes('\uFFFD'), 'the bytes are invalid UTF-8');
    const engine = new Engine();
    try {
      const analysis = engine.analyzeFile(file);
      assertRangesWithin(analysis, decoded);
      const prompt = analysis.prompts.find((p) => p.site.name === 'SYSTEM_PROMPT');
      assert.ok(prompt);
      const literal = decoded.slice(prompt.site.span.start, prompt.site.span.end);
      assert.match(literal, /^'You are a helpful assistant for Acme\. Caf\uFFFD cr\uFFFDme, na\uFFFDve\. Answer in one sentence\.'$/);
      assert.equal(prompt.tokens.static, o200k.encode_ordinary(literal.slice(1, -1)).length);
    } finally {
      engine.dispose();
    }
  });

  it('lone UTF-16 surrogates in an editor buffer are counted like tiktoken counts them', () => {
    const engine = engineFor();
    try {
      const analysis = analyseText(engine, 'surrogates.ts', promptFile('Broken \\uD83D pair \uD83D and \uDE00 here.'));
      const prompt = analysis.prompts.find((p) => p.site.name === 'SYSTEM_PROMPT');
      assert.ok(prompt);
      const text = prompt.site.segments.map((s) => (s.kind === 'static' ? s.text : '')).join('');
      assert.ok(/\uD83D pair \uD83D and \uDE00/.test(text), 'the escape and the raw surrogates are in the text');
      assert.equal(prompt.tokens.static, o200k.encode_ordinary(text).length);
    } finally {
      engine.dispose();
    }
  });

  it('CRLF line endings: the same prompts, reports and line/character positions as with LF', () => {
    const crlf = EXAMPLE.replace(/\n/g, '\r\n');
    const engine = engineFor();
    try {
      const lf = analyseText(engine, 'lf.ts', EXAMPLE);
      const windows = analyseText(engine, 'crlf.ts', crlf);
      assertRangesWithin(windows, crlf);
      assert.ok(lf.prompts.length > 0 && lf.reports.length > 0, 'the example has prompts and reports');
      assert.deepEqual(promptPlaces(windows), promptPlaces(lf));
      assert.deepEqual(reportPlaces(windows), reportPlaces(lf));
    } finally {
      engine.dispose();
    }
  });

  it('a byte-order mark (with CRLF) in a file read from disk is hidden as editors hide it: positions as without it', () => {
    const engine = engineFor({ 'plain.ts': EXAMPLE, 'bom.ts': BOM + EXAMPLE.replace(/\n/g, '\r\n') });
    try {
      const [lf, marked] = engine.analyzeFiles([path('plain.ts'), path('bom.ts')]);
      assertRangesWithin(marked, EXAMPLE.replace(/\n/g, '\r\n'));
      assert.deepEqual(promptPlaces(marked), promptPlaces(lf));
      assert.deepEqual(reportPlaces(marked), reportPlaces(lf));
    } finally {
      engine.dispose();
    }
  });

  it('a byte-order mark an editor keeps in its buffer stays: offsets are the buffer\'s', () => {
    const buffer = BOM + "export const SYSTEM_PROMPT = 'You are a helpful assistant for Acme. Please make sure to answer in one sentence.';\r\n";
    const engine = engineFor();
    try {
      const analysis = analyseText(engine, 'bom-buffer.ts', buffer);
      assertRangesWithin(analysis, buffer);
      const { span } = analysis.prompts[0].site;
      assert.equal(buffer.slice(span.start, span.end), "'You are a helpful assistant for Acme. Please make sure to answer in one sentence.'");
      const padded = analysis.reports.find((r) => r.ruleId === 'padded-instruction');
      assert.ok(padded);
      assert.match(buffer.slice(padded.span.start, padded.span.end), /^Please make sure to ?$/);
    } finally {
      engine.dispose();
    }
  });

  it('a byte-order mark read from disk: the prompt on the first line keeps its column', () => {
    const file = join(dir, 'bom-first-line.ts');
    const text = "export const SYSTEM_PROMPT = 'You are a helpful assistant for Acme. Answer in one sentence.';\r\n";
    writeFileSync(file, BOM + text);
    const engine = new Engine();
    try {
      const analysis = engine.analyzeFile(file);
      assert.equal(analysis.text, text);
      const { span } = analysis.prompts[0].site;
      assert.equal(new LineMap(analysis.text).positionAt(span.start).character, text.indexOf("'"));
      assert.equal(analysis.text.slice(span.start, span.end), "'You are a helpful assistant for Acme. Answer in one sentence.'");
    } finally {
      engine.dispose();
    }
  });

  it('a lone CR line ending and mixed endings keep ranges inside the text', () => {
    const mixed = EXAMPLE.split('\n')
      .map((line, i) => line + (i % 3 === 0 ? '\r' : i % 3 === 1 ? '\r\n' : '\n'))
      .join('');
    const engine = engineFor({ 'mixed.ts': mixed });
    try {
      const analysis = engine.analyzeFile(path('mixed.ts'));
      assertRangesWithin(analysis, mixed);
      assert.ok(analysis.prompts.length > 0);
    } finally {
      engine.dispose();
    }
  });
});
