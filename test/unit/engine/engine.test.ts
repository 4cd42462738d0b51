import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { get_encoding } from 'tiktoken';
import type { FileAnalysis, PricedPrompt } from '../../../server/src/analysis-types';
import { mergeConfig } from '../../../server/src/config/load-config';
import { defaultConfig, type ConfigInput } from '../../../server/src/config/schema';
import { Engine, summarize } from '../../../server/src/engine';
import type { Report } from '../../../server/src/rules/types';
import { assertClose, referencePrice } from '../../helpers/reference';

/** Root of the in-memory workspaces (never touched on disk). */
const ROOT = '/virtual/engine';

const o200k = get_encoding('o200k_base');
after(() => o200k.free());
const tokens = (text: string) => o200k.encode_ordinary(text).length;



const path = (name: string) => `${ROOT}/${name}`;

/** An engine over in-memory files (other paths are unreadable), with no rules unless given. */
function engineFor(files: Record<string, string>, config: ConfigInput = {}) {
  const read = (p: string) => (p.startsWith(ROOT + '/') ? files[p.slice(ROOT.length + 1)] : undefined);
  const engine = new Engine({ read, config: mergeConfig(defaultConfig(), config), rules: [] });
  const analyze = (names: string[], scope: string[] = names) =>
    engine.analyzeFiles(
      names.map(path),
      scope.map(path),
    );
  return { engine, analyze };
}

function byName(analysis: FileAnalysis, name: string): PricedPrompt {
  const found = analysis.prompts.find((p) => p.site.name === name);
  assert.ok(found, `prompt ${name} in ${analysis.file}: ${analysis.prompts.map((p) => p.site.name ?? p.site.kind).join(', ')}`);
  return found;
}

const SYSTEM = 'You are a helpful assistant for Acme support. Answer briefly and cite the help-center article you used.';
const EDITED = 'You are a terse assistant. Reply with one word.';

const prompts = (text: string) => `export const SYSTEM_PROMPT = '${text}';\n`;
const CHAT = [
  "import OpenAI from 'openai';",
  "import { SYSTEM_PROMPT } from './prompts';",
  'const openai = new OpenAI();',
  'export async function ask(question: string) {',
  "  return openai.chat.completions.create({ model: 'gpt-4.1-mini', max_tokens: 200, messages: [{ role: 'system', content: SYSTEM_PROMPT }, { role: 'user', content: question }] });",
  '}',
  '',
].join('\n');

describe('Engine: prompts imported into calls', () => {
  it('reports an imported constant at its definition, priced with the model of the call in the other file', () => {
    const { engine, analyze } = engineFor({ 'chat.ts': CHAT, 'prompts.ts': prompts(SYSTEM) });
    try {
      const [chat, defs] = analyze(['chat.ts', 'prompts.ts']);
      const constant = byName(defs, 'SYSTEM_PROMPT');
      assert.equal(constant.site.file, path('prompts.ts'));
      assert.equal(defs.text.slice(constant.site.span.start, constant.site.span.end), `'${SYSTEM}'`);
      assert.equal(constant.site.call?.file, path('chat.ts'));
      assert.equal(constant.site.call?.api, 'openai.chat.completions.create');
      assert.deepEqual(constant.model, { id: 'gpt-4.1-mini', source: 'call', known: true });
      assert.equal(constant.tokens.static, tokens(SYSTEM));
      // The call's messages array is reported in chat.ts and contains the constant's text.
      const messages = chat.prompts.find((p) => p.site.kind === 'messages');
      assert.ok(messages);
      assert.equal(messages.site.file, path('chat.ts'));
      assert.equal(messages.tokens.static, tokens(SYSTEM));
      assert.equal(constant.site.partOf, messages.site.id);
    } finally {
      engine.dispose();
    }
  });

  it('re-analyses an importer when the imported file changes (setText), and lists it as a dependent', () => {
    const { engine, analyze } = engineFor({ 'chat.ts': CHAT, 'prompts.ts': prompts(SYSTEM) });
    try {
      const before = analyze(['chat.ts'], ['chat.ts', 'prompts.ts'])[0].prompts.find((p) => p.site.kind === 'messages');
      assert.equal(before?.tokens.static, tokens(SYSTEM));
      assert.deepEqual(engine.dependents(path('prompts.ts')), [path('chat.ts')]);
      assert.deepEqual(engine.dependents(path('chat.ts')), []);

      engine.setText(path('prompts.ts'), prompts(EDITED));
      const after = analyze(['chat.ts'], ['chat.ts', 'prompts.ts'])[0].prompts.find((p) => p.site.kind === 'messages');
      assert.equal(after?.tokens.static, tokens(EDITED));
      assert.notEqual(tokens(EDITED), tokens(SYSTEM));
      // analyzeFile on the definition looks at its importers' calls.
      const defs = engine.analyzeFile(path('prompts.ts'));
      const constant = byName(defs, 'SYSTEM_PROMPT');
      assert.equal(constant.tokens.static, tokens(EDITED));
      assert.equal(constant.site.call?.file, path('chat.ts'));
      assert.equal(constant.model.id, 'gpt-4.1-mini');
    } finally {
      engine.dispose();
    }
  });

  it('gives the same results when unchanged files are analysed again', () => {
    const { engine, analyze } = engineFor({ 'chat.ts': CHAT, 'prompts.ts': prompts(SYSTEM) });
    try {
      const summary = (list: FileAnalysis[]) => list.map((f) => f.prompts.map((p) => [p.site.id, p.tokens, p.cost, p.model]));
      const first = summary(analyze(['chat.ts', 'prompts.ts']));
      const second = summary(analyze(['chat.ts', 'prompts.ts']));
      assert.deepEqual(second, first);
    } finally {
      engine.dispose();
    }
  });
});

describe('Engine: files it must not choke on', () => {
  const PROMPT_LINE = `export const SYSTEM_PROMPT = '${SYSTEM}';\n`;

  it('skips a file over maxFileBytes with a note, and still analyses the others', () => {
    const { engine, analyze } = engineFor({ 'big.ts': PROMPT_LINE + `// ${'x'.repeat(5000)}\n`, 'small.ts': PROMPT_LINE }, { maxFileBytes: 4000 });
    try {
      const [big, small] = analyze(['big.ts', 'small.ts']);
      assert.deepEqual(big.prompts, []);
      assert.deepEqual(big.reports, []);
      assert.equal(big.notes.length, 1);
      assert.match(big.notes[0], /maxFileBytes/);
      assert.equal(small.prompts.length, 1);
      assert.deepEqual(small.notes, []);
    } finally {
      engine.dispose();
    }
  });

  it('skips binary content (NUL bytes) with a note', () => {
    const { engine, analyze } = engineFor({ 'bin.ts': `export const SYSTEM_PROMPT = 'You are helpful.\u0000\u0001\u0002 Answer briefly and cite sources.';\n` });
    try {
      const [bin] = analyze(['bin.ts']);
      assert.deepEqual(bin.prompts, []);
      assert.equal(bin.notes.length, 1);
      assert.match(bin.notes[0], /binary/);
    } finally {
      engine.dispose();
    }
  });

  it('skips a minified file (a 30,000-character line) with a note', () => {
    const minified = `var SYSTEM_PROMPT="${SYSTEM}";` + Array.from({ length: 3000 }, (_, i) => `var a${i}=${i};`).join('');
    assert.ok(minified.length >= 30_000 && !minified.includes('\n'));
    const { engine, analyze } = engineFor({ 'bundle.min.js': minified });
    try {
      const [bundle] = analyze(['bundle.min.js']);
      assert.deepEqual(bundle.prompts, []);
      assert.equal(bundle.notes.length, 1);
      assert.match(bundle.notes[0], /minified/);
    } finally {
      engine.dispose();
    }
  });

  it('notes a file that cannot be read', () => {
    const { engine, analyze } = engineFor({});
    try {
      const [missing] = analyze(['missing.ts']);
      assert.deepEqual(missing.prompts, []);
      assert.equal(missing.notes.length, 1);
    } finally {
      engine.dispose();
    }
  });

  it('finds the prompts in the valid parts of a file with syntax errors, without throwing', () => {
    const broken = [
      "import OpenAI from 'openai';",
      'const openai = new OpenAI();',
      'const x = ;',
      'if (x {',
      `export const SYSTEM_PROMPT = '${SYSTEM}';`,
      "openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Summarise the following document in three bullet points.' }] });",
      'const y = `unterminated ${',
      '',
    ].join('\n');
    const { engine, analyze } = engineFor({ 'broken.ts': broken });
    try {
      const [result] = analyze(['broken.ts']);
      const constant = byName(result, 'SYSTEM_PROMPT');
      assert.equal(constant.tokens.static, tokens(SYSTEM));
      const messages = result.prompts.find((p) => p.site.kind === 'messages');
      assert.ok(messages, 'the messages array of the call is found');
      assert.equal(messages.tokens.static, tokens('Summarise the following document in three bullet points.'));
    } finally {
      engine.dispose();
    }
  });

  it('prices an unknown model id at 0 with model.known false', () => {
    const src = "import OpenAI from 'openai';\nconst openai = new OpenAI();\nopenai.chat.completions.create({ model: 'my-private-llm-v9', messages: [{ role: 'system', content: 'You are a helpful assistant. Answer briefly.' }] });\n";
    const { engine, analyze } = engineFor({ 'a.ts': src });
    try {
      const [result] = analyze(['a.ts']);
      assert.equal(result.prompts.length, 1);
      const [p] = result.prompts;
      assert.deepEqual(p.model, { id: 'my-private-llm-v9', source: 'call', known: false });
      assert.equal(p.cost.perCall, 0);
      assert.equal(p.cost.perMonth, 0);
      assert.ok(p.tokens.total > 0);
    } finally {
      engine.dispose();
    }
  });

  it('finds no prompts in a file marked // promptcost-ignore-file', () => {
    const src = `// promptcost-ignore-file\nimport OpenAI from 'openai';\nconst openai = new OpenAI();\n${PROMPT_LINE}openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'system', content: SYSTEM_PROMPT }] });\n`;
    const { engine, analyze } = engineFor({ 'ignored.ts': src, 'control.ts': src.replace('// promptcost-ignore-file\n', '') });
    try {
      const [ignored, control] = analyze(['ignored.ts', 'control.ts']);
      assert.deepEqual(ignored.prompts, []);
      assert.deepEqual(ignored.reports, []);
      assert.ok(control.prompts.length > 0);
    } finally {
      engine.dispose();
    }
  });
});

describe('Engine: annotations reach the price', () => {
  it('applies // promptcost: calls-per-day, model, dynamic-tokens and output-tokens to the next line’s call', () => {
    const src = [
      "import OpenAI from 'openai';",
      'const openai = new OpenAI();',
      'export async function ask(question: string) {',
      '  // promptcost: calls-per-day=5000 model=gpt-4.1 dynamic-tokens=800 output-tokens=300',
      "  return openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'system', content: 'You are a concise assistant.' }, { role: 'user', content: question }] });",
      '}',
      '',
    ].join('\n');
    const { engine, analyze } = engineFor({ 'a.ts': src });
    try {
      const [result] = analyze(['a.ts']);
      assert.equal(result.prompts.length, 1);
      const [p] = result.prompts;
      assert.deepEqual(p.model, { id: 'gpt-4.1', source: 'annotation', known: true });
      assert.equal(p.tokens.dynamic, 800);
      assert.equal(p.cost.outputTokens, 300);
      assert.equal(p.cost.callsPerDay, 5000);
      const input = tokens('You are a concise assistant.') + 800 + (3 + 1) * 2 + 3;
      assert.equal(p.tokens.total, input);
      assertClose(p.cost.perMonth, referencePrice('gpt-4.1', input, 300) * 5000 * 30);
    } finally {
      engine.dispose();
    }
  });
});

describe('summarize', () => {
  const CLAUDE_CHAT = [
    "import Anthropic from '@anthropic-ai/sdk';",
    "import { SYSTEM_PROMPT } from './prompts';",
    'const client = new Anthropic();',
    'export async function ask(q: string) {',
    "  return client.messages.create({ model: 'claude-haiku-4-5', max_tokens: 256, system: 'You answer billing questions only.', messages: [{ role: 'user', content: SYSTEM_PROMPT + q }] });",
    '}',
    '',
  ].join('\n');

  it('counts a part of another prompt once and the call’s output once', () => {
    const { engine, analyze } = engineFor({ 'chat.ts': CLAUDE_CHAT, 'prompts.ts': prompts(SYSTEM) });
    try {
      const results = analyze(['chat.ts', 'prompts.ts']);
      const [chat, defs] = results;
      const constant = byName(defs, 'SYSTEM_PROMPT');
      const messages = chat.prompts.find((p) => p.site.kind === 'messages');
      const system = chat.prompts.find((p) => p.site.kind === 'literal');
      assert.ok(messages && system);
      assert.equal(constant.site.partOf, messages.site.id);

      // Independent counts: Claude = round(o200k × 1.2); one user message = 3 + 1 + 3 framing; `q` is a user part (200).
      const systemTokens = Math.round(tokens('You answer billing questions only.') * 1.2);
      const messagesTokens = Math.round(tokens(SYSTEM) * 1.2) + 200 + 7;
      assert.equal(system.tokens.total, systemTokens);
      assert.equal(messages.tokens.total, messagesTokens);

      // Exactly one prompt of the call carries the call's output (max_tokens 256).
      const outputs = [constant, system, messages].map((p) => p.cost.outputTokens).sort((a, b) => a - b);
      assert.deepEqual(outputs, [0, 0, 256]);

      const summary = summarize(results, 12.4);
      assert.equal(summary.files, 2);
      assert.equal(summary.filesWithPrompts, 2);
      assert.equal(summary.durationMs, 12);
      assert.equal(summary.tokens, systemTokens + messagesTokens);
      assertClose(summary.perMonth, referencePrice('claude-haiku-4-5', systemTokens + messagesTokens, 256) * 1000 * 30);
    } finally {
      engine.dispose();
    }
  });

  it('adds only prompts that are not part of another, and counts reports by severity', () => {
    const priced = (id: string, total: number, perMonth: number, partOf?: string): PricedPrompt => ({
      site: { id, file: '/f.ts', span: { start: 0, end: 1 }, kind: 'literal', role: 'system', segments: [], call: null, provider: 'unknown', history: null, retrieval: null, annotation: {}, partOf },
      model: { id: 'gpt-4o', source: 'default', known: true },
      tokens: { static: total, dynamic: 0, overhead: 0, total, approximate: false },
      cost: { perCall: 0, perMonth, input: 0, output: 0, outputTokens: 0, callsPerDay: 1000, currency: 'USD' },
    });
    const report = (severity: Report['severity']) => ({ severity }) as Report;
    const files: FileAnalysis[] = [
      { file: '/a.ts', text: '', prompts: [priced('a', 100, 1.5), priced('b', 40, 0.5, 'a')], reports: [report('error'), report('warning'), report('warning')], notes: [] },
      { file: '/b.ts', text: '', prompts: [priced('c', 7, 0.25)], reports: [report('info'), report('hint')], notes: [] },
      { file: '/c.ts', text: '', prompts: [], reports: [], notes: ['skipped: binary content'] },
    ];
    const summary = summarize(files, 3);
    assert.equal(summary.files, 3);
    assert.equal(summary.filesWithPrompts, 2);
    assert.equal(summary.tokens, 107);
    assertClose(summary.perMonth, 1.75);
    assert.equal(summary.errors, 1);
    assert.equal(summary.warnings, 2);
    assert.equal(summary.infos, 2);
  });
});
