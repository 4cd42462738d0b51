import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ts } from 'ts-morph';
import { Engine } from '../../../server/src/engine';
import { scanComments } from '../../../server/src/prompts/comments';
import paddedInstruction from '../../../server/src/rules/padded-instruction';
import { findPrompts, lineOf } from '../../helpers/find-prompts';

const SYSTEM = 'You are a helpful assistant. Answer in one short sentence.';
const OTHER = 'You are a translator. Translate the text into French.';
const HEAD = "import OpenAI from 'openai';\nconst openai = new OpenAI();\n";

describe('finder: // promptcost-ignore', () => {
  it('drops the prompt on the next line, and only that one', () => {
    const src = `// promptcost-ignore\nexport const SYSTEM_PROMPT = '${SYSTEM}';\nexport const OTHER_PROMPT = '${OTHER}';\n`;
    const f = findPrompts({ 'a.ts': src });
    assert.deepEqual(f.sites.map((s) => s.name), ['OTHER_PROMPT']);
    // Control: without the comment both are prompts.
    assert.deepEqual(findPrompts({ 'a.ts': src.replace('// promptcost-ignore\n', '') }).sites.map((s) => s.name), ['SYSTEM_PROMPT', 'OTHER_PROMPT']);
  });

  it('drops a prompt whose statement starts on the next line and spans several lines', () => {
    const src = `// promptcost-ignore\nexport const SYSTEM_PROMPT =\n  '${SYSTEM}';\n`;
    assert.deepEqual(findPrompts({ 'a.ts': src }).sites, []);
  });

  it('drops a call’s prompt when the comment is on the line before the call', () => {
    const src = `${HEAD}// promptcost-ignore\nawait openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'system', content: '${SYSTEM}' }] });\nawait openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'system', content: '${OTHER}' }] });\n`;
    const f = findPrompts({ 'a.ts': src });
    assert.equal(f.sites.length, 1);
    assert.equal(f.text(f.sites[0]), OTHER);
  });

  it('drops the prompt of its own line when written at the end of the line', () => {
    const src = `export const SYSTEM_PROMPT = '${SYSTEM}'; // promptcost-ignore\nexport const OTHER_PROMPT = '${OTHER}';\n`;
    assert.deepEqual(findPrompts({ 'a.ts': src }).sites.map((s) => s.name), ['OTHER_PROMPT']);
  });

  it('accepts the block-comment form', () => {
    const src = `/* promptcost-ignore */\nexport const SYSTEM_PROMPT = '${SYSTEM}';\n`;
    assert.deepEqual(findPrompts({ 'a.ts': src }).sites, []);
  });

  it('keeps the prompt when rule ids are named (only those rules are silenced)', () => {
    for (const comment of ['// promptcost-ignore prompt-token-budget', '// promptcost-ignore padded-instruction, cheaper-model-tier']) {
      const src = `${comment}\nexport const SYSTEM_PROMPT = '${SYSTEM}';\n`;
      const f = findPrompts({ 'a.ts': src });
      assert.deepEqual(f.sites.map((s) => s.name), ['SYSTEM_PROMPT'], comment);
      assert.equal(f.line(f.sites[0]), 2);
    }
  });
});

describe('finder: // promptcost-ignore-file', () => {
  const body = `${HEAD}export const SYSTEM_PROMPT = '${SYSTEM}';\nawait openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'system', content: SYSTEM_PROMPT }, { role: 'user', content: q }] });\n`;

  it('finds nothing in a file that says so, wherever the comment is', () => {
    assert.ok(findPrompts({ 'a.ts': body }).sites.length >= 1, 'control: the file has prompts');
    for (const src of [`// promptcost-ignore-file\n${body}`, `${body}// promptcost-ignore-file\n`, `/* promptcost-ignore-file */\n${body}`]) {
      assert.deepEqual(findPrompts({ 'a.ts': src }).sites, [], src.slice(0, 30));
    }
  });

  it('does not ignore the other files of the workspace', () => {
    const f = findPrompts({ 'ignored.ts': `// promptcost-ignore-file\nexport const SYSTEM_PROMPT = '${SYSTEM}';\n`, 'kept.ts': `export const OTHER_PROMPT = '${OTHER}';\n` });
    assert.deepEqual(f.in('ignored.ts'), []);
    assert.deepEqual(f.in('kept.ts').map((s) => s.name), ['OTHER_PROMPT']);
  });
});

describe('finder: /* @prompt */', () => {
  it('makes a short string a prompt, marked forced', () => {
    const src = "const greeting = /* @prompt */ 'Hi there';\nconst other = 'Hi there again';\n";
    const f = findPrompts({ 'a.ts': src });
    assert.equal(f.sites.length, 1);
    assert.equal(f.text(f.sites[0]), 'Hi there');
    assert.equal(f.sites[0].forced, true);
    assert.equal(f.line(f.sites[0]), 1);
    // Control: the same string without the comment is not a prompt.
    assert.deepEqual(findPrompts({ 'a.ts': src.replace('/* @prompt */ ', '') }).sites, []);
  });

  it('works on an argument to an unknown function', () => {
    const f = findPrompts({ 'a.ts': "send(/* @prompt */ 'Say hello');\n" });
    assert.deepEqual(f.sites.map((s) => [f.text(s), s.forced]), [['Say hello', true]]);
  });
});

describe('finder: // promptcost: annotations', () => {
  const ANNOTATION = '// promptcost: calls-per-day=5000 model=gpt-4.1 dynamic-tokens=800 output-tokens=300';
  const EXPECTED = { callsPerDay: 5000, model: 'gpt-4.1', dynamicTokens: 800, outputTokens: 300 };

  it('applies to the prompt constant on the next line', () => {
    const src = `${ANNOTATION}\nexport const SYSTEM_PROMPT = '${SYSTEM}';\nexport const OTHER_PROMPT = '${OTHER}';\n`;
    const f = findPrompts({ 'a.ts': src });
    assert.deepEqual(f.sites.map((s) => [s.name, s.annotation]), [
      ['SYSTEM_PROMPT', EXPECTED],
      ['OTHER_PROMPT', {}],
    ]);
  });

  it('applies to the call on the next line, not to the following call', () => {
    const src = `${HEAD}${ANNOTATION}\nawait openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'system', content: '${SYSTEM}' }, { role: 'user', content: q }] });\nawait openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'system', content: '${OTHER}' }] });\n`;
    const f = findPrompts({ 'a.ts': src });
    const first = f.at('a.ts', SYSTEM);
    const second = f.at('a.ts', OTHER);
    assert.ok(first && second && first !== second);
    assert.deepEqual(first.annotation, EXPECTED);
    assert.equal(first.call?.model, 'gpt-4o'); // the annotation does not rewrite the call; pricing prefers it
    assert.deepEqual(second.annotation, {});
  });

  it('applies to a call spread over several lines when written on the line before it', () => {
    const src = `${HEAD}export async function ask(q: string) {\n  // promptcost: calls-per-day=20 output-tokens=64\n  return openai.chat.completions.create({\n    model: 'gpt-4o',\n    messages: [{ role: 'system', content: '${SYSTEM}' }, { role: 'user', content: q }],\n  });\n}\n`;
    const f = findPrompts({ 'a.ts': src });
    assert.equal(f.sites.length, 1);
    assert.equal(f.line(f.sites[0]), lineOf(src, 'messages: ['));
    assert.deepEqual(f.sites[0].annotation, { callsPerDay: 20, outputTokens: 64 });
  });

  it('reads numbers with underscores and pairs separated by commas', () => {
    const f = findPrompts({ 'a.ts': `// promptcost: calls-per-day=1_000_000, model=gpt-4o-mini\nexport const SYSTEM_PROMPT = '${SYSTEM}';\n` });
    assert.deepEqual(f.sites[0].annotation, { callsPerDay: 1_000_000, model: 'gpt-4o-mini' });
  });

  it('ignores negative numbers and unknown keys', () => {
    const f = findPrompts({ 'a.ts': `// promptcost: calls-per-day=-5 colour=blue output-tokens=12\nexport const SYSTEM_PROMPT = '${SYSTEM}';\n` });
    assert.deepEqual(f.sites[0].annotation, { outputTokens: 12 });
  });
});

describe('finder: promptcost inside string literals is text, not a directive', () => {
  it('a prompt whose text mentions promptcost-ignore-file is still found', () => {
    const src = `export const SYSTEM_PROMPT = '// promptcost-ignore-file ${SYSTEM}';\n`;
    const f = findPrompts({ 'a.ts': src });
    assert.equal(f.sites.length, 1);
    assert.equal(f.text(f.sites[0]), `// promptcost-ignore-file ${SYSTEM}`);
  });

  it('an ignore comment inside a string on the line before does not drop the next prompt', () => {
    for (const before of ["const note = '// promptcost-ignore';", 'const note = "/* promptcost-ignore */";']) {
      const f = findPrompts({ 'a.ts': `${before}\nexport const SYSTEM_PROMPT = '${SYSTEM}';\n` });
      assert.deepEqual(f.sites.map((s) => s.name), ['SYSTEM_PROMPT'], before);
    }
  });

  it('an ignore line inside a template literal does not drop the next prompt', () => {
    const src = "const note = `\n// promptcost-ignore\n`;\nexport const SYSTEM_PROMPT = '" + SYSTEM + "';\n";
    const f = findPrompts({ 'a.ts': src });
    assert.deepEqual(f.sites.map((s) => s.name), ['SYSTEM_PROMPT']);
  });

  it('an annotation inside a string is not applied', () => {
    const src = `const note = '/* promptcost: model=gpt-4.1 calls-per-day=9 */';\nexport const SYSTEM_PROMPT = '${SYSTEM}';\nexport const HELP_PROMPT = "// promptcost: model=gpt-4.1 You are a support agent. Answer politely.";\n`;
    const f = findPrompts({ 'a.ts': src });
    assert.deepEqual(f.sites.map((s) => [s.name, s.annotation]), [
      ['SYSTEM_PROMPT', {}],
      ['HELP_PROMPT', {}],
    ]);
  });
});

describe('scanComments: found by npm run fuzz', () => {
  const scan = (text: string) => scanComments(ts.createSourceFile('/a.ts', text, ts.ScriptTarget.Latest, true));

  it('a directive above a line and one at its end both apply (the one at the end replaced the one above)', () => {
    // "Disable padded-instruction for this line" above a line that already ended with another directive did nothing.
    const src = `// promptcost-ignore padded-instruction\nexport const SYSTEM_PROMPT = 'Please make sure to cite sources.'; // promptcost-ignore unbounded-history\n`;
    assert.deepEqual(scan(src).ignoredLines.get(1), new Set(['padded-instruction', 'unbounded-history']));
    // A directive naming no rule silences every rule of the line, whichever comes first.
    assert.deepEqual(scan(`// promptcost-ignore\nconst P = 'x'; // promptcost-ignore padded-instruction\n`).ignoredLines.get(1), new Set());
    assert.deepEqual(scan(`// promptcost-ignore padded-instruction\nconst P = 'x'; // promptcost-ignore\n`).ignoredLines.get(1), new Set());
  });

  // U+2028 (line separator) is allowed raw in a string. TypeScript counts it as a line break, editors and
  // LSP do not: directive lines were TypeScript's, report lines the editor's, so after such a string
  // "// promptcost-ignore <rule>" silenced the line below the next one.
  const NOTE = "const NOTE = 'first\u2028second';\n";
  const PADDED = "export const SYSTEM_PROMPT = 'Please make sure to cite the source of every claim. You are a helpful assistant for Acme.';\n";

  it('counts lines as the editor does (U+2028 in a string is no line break)', () => {
    assert.deepEqual([...scan(`${NOTE}// promptcost-ignore\n${PADDED}`).ignoredLines.keys()], [2]);
  });

  it('silences the rule on the line below after a U+2028 in a string (engine)', () => {
    const reports = (text: string) => {
      const engine = new Engine({ read: (p) => (p === '/virtual/u2028/a.ts' ? text : undefined), rules: [paddedInstruction] });
      try {
        return engine.analyzeFiles(['/virtual/u2028/a.ts'])[0].reports.map((r) => r.ruleId);
      } finally {
        engine.dispose();
      }
    };
    assert.deepEqual(reports(`${NOTE}${PADDED}`), ['padded-instruction'], 'control: reported without the directive');
    assert.deepEqual(reports(`${NOTE}// promptcost-ignore padded-instruction\n${PADDED}`), []);
  });

  it('drops the prompt below a promptcost-ignore after a U+2028 in a string (finder)', () => {
    const f = findPrompts({ 'a.ts': `${NOTE}// promptcost-ignore\nexport const SYSTEM_PROMPT = '${SYSTEM}';\nexport const OTHER_PROMPT = '${OTHER}';\n` });
    assert.deepEqual(f.sites.map((s) => s.name), ['OTHER_PROMPT']);
  });
});
