import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { dedent, dedentKept } from '../../../server/src/prompts/segments';
import { findPrompts, lineOf } from '../../helpers/find-prompts';

describe('finder: prompt text forms', () => {
  it('finds a string literal constant named as a prompt', () => {
    const f = findPrompts({ 'a.ts': `export const SYSTEM_PROMPT = "You are a terse assistant. Answer in one sentence.";\n` });
    assert.equal(f.sites.length, 1);
    assert.equal(f.sites[0].kind, 'literal');
    assert.equal(f.sites[0].name, 'SYSTEM_PROMPT');
    assert.equal(f.sites[0].role, 'system');
    assert.equal(f.text(f.sites[0]), 'You are a terse assistant. Answer in one sentence.');
  });

  it('splits a template literal into static and dynamic segments', () => {
    const src = 'export const summaryPrompt = (doc: string) => `Summarize the following document in 3 bullet points:\\n${doc}\\nBe brief.`;\n';
    const f = findPrompts({ 'a.ts': src });
    assert.equal(f.sites.length, 1);
    const site = f.sites[0];
    assert.equal(site.kind, 'function');
    assert.deepEqual(site.segments.map((s) => s.kind), ['static', 'dynamic', 'static']);
    assert.equal(f.text(site), 'Summarize the following document in 3 bullet points:\n{argument:doc}\nBe brief.');
    const first = site.segments[0];
    assert.ok(first.kind === 'static' && first.span);
    assert.equal(src.slice(first.span.start, first.span.end), 'Summarize the following document in 3 bullet points:\\n');
  });

  it('dedents tagged templates', () => {
    const src = "import dedent from 'dedent';\nexport const reviewPrompt = dedent`\n    You are a code reviewer.\n      - Point out bugs.\n    Reply in Markdown.\n  `;\n";
    const f = findPrompts({ 'a.ts': src });
    assert.equal(f.sites.length, 1);
    assert.equal(f.text(f.sites[0]), 'You are a code reviewer.\n  - Point out bugs.\nReply in Markdown.');
  });

  it('dedents a tagged template whose text has several static parts in a row once (found by npm run fuzz)', () => {
    // A constant or a literal interpolated next to the template's text: every static part got the whole
    // dedented text, so a prompt was counted once per part (and redundant-instruction reported n² copies).
    const src = "import dedent from 'dedent';\nconst COMPANY = 'Acme';\nexport const SYSTEM_PROMPT = dedent`\n  You work for ${COMPANY}. ${'Be kind.'}\n  Answer in ${lang}.\n`;\n";
    const f = findPrompts({ 'a.ts': src });
    const site = f.at('a.ts', 'You work for');
    assert.ok(site);
    assert.equal(f.text(site), 'You work for Acme. Be kind.\nAnswer in {interpolation:lang}.');
    // Shrunk from npm run fuzz: an html-tagged template around a concatenation.
    const concat = findPrompts({ 'a.ts': "export const SYSTEM_PROMPT = html`${'Answer briefly (rule 1).\\n' + 'Answer briefly (rule 2).\\n'}`;\n" });
    assert.equal(concat.text(concat.sites[0]), 'Answer briefly (rule 1).\nAnswer briefly (rule 2).');
  });

  it('dedentKept keeps exactly the characters dedent keeps', () => {
    const text = fc.string({ unit: fc.constantFrom(' ', '\t', '\n', 'a', 'b', '\u0000', '\u00a0'), maxLength: 40 });
    fc.assert(
      fc.property(text, (t) => {
        const keep = dedentKept(t);
        assert.equal([...t].filter((_, i) => keep[i]).join(''), dedent(t));
      }),
      { numRuns: 1000, seed: 6 },
    );
  });

  it('concatenates + chains and resolves constants inside them', () => {
    const src = "const TONE = 'Be friendly and brief.';\nexport const instructions = 'You are a travel agent. ' + TONE + ' Today is ' + today + '.';\n";
    const f = findPrompts({ 'a.ts': src });
    const site = f.at('a.ts', 'You are a travel agent');
    assert.ok(site);
    assert.equal(site.kind, 'concat');
    assert.equal(f.text(site), 'You are a travel agent. Be friendly and brief. Today is {interpolation:today}.');
  });

  it('joins arrays of strings with their separator', () => {
    const src = "export const PLANNER_PROMPT = [\n  'You are a planner.',\n  'Break the goal into steps.',\n  `Goal: ${goal}`,\n].join('\\n');\n";
    const f = findPrompts({ 'a.ts': src });
    assert.equal(f.sites.length, 1);
    assert.equal(f.sites[0].kind, 'join');
    assert.equal(f.line(f.sites[0]), lineOf(src, '['));
    assert.equal(f.text(f.sites[0]), 'You are a planner.\nBreak the goal into steps.\nGoal: {interpolation:goal}');
  });

  it('finds functions that return a template, reported at the template', () => {
    const src = 'export function buildGraderPrompt(answer: string, rubric: string) {\n  if (!answer) return "";\n  return `Grade the answer against the rubric.\\nRubric: ${rubric}\\nAnswer: ${answer}`;\n}\n';
    const f = findPrompts({ 'a.ts': src });
    assert.equal(f.sites.length, 1);
    assert.equal(f.sites[0].name, 'buildGraderPrompt');
    assert.equal(f.line(f.sites[0]), lineOf(src, '`Grade'));
  });

  it('finds unnamed text that reads as instructions, and forced strings', () => {
    const src = [
      'async function run(llm: any, q: string) {',
      '  return llm.call(`You are an expert SQL tutor. Explain the following query step by step: ${q}`);',
      '}',
      'const short = /* @prompt */ "Say hi";',
    ].join('\n');
    const f = findPrompts({ 'a.ts': src });
    assert.equal(f.sites.length, 2);
    assert.ok(f.at('a.ts', 'You are an expert SQL tutor'));
    const forced = f.at('a.ts', 'Say hi');
    assert.ok(forced?.forced);
  });

  it('does not report ordinary strings', () => {
    const src = [
      "throw new Error('You are not allowed to access this workspace, please ask an admin for an invitation.');",
      "console.log('Processing the following documents for indexing, this may take a while...');",
      "const sql = 'SELECT id, name, created_at FROM users WHERE org_id = $1 ORDER BY created_at DESC';",
      "const html = '<div class=\"card\"><h2>Welcome back</h2><p>Pick up where you left off.</p></div>';",
      "export const messages = { en: { welcome: 'Welcome! Answer a few questions to set up your account.' } };",
      "const label = 'Generate report for the selected date range and download it as CSV';",
      "// const SYSTEM_PROMPT = 'You are a helpful assistant that answers questions about cats.';",
      "await db.insert(prompts).values({ name: 'summarize', template: 'Summarize the following text in three sentences: {text}' });",
      "const url = 'https://api.example.com/v1/answers?question=you+are+here&format=json';",
      "export const ERRORS = { rateLimited: 'You are sending messages too quickly. Please wait a few seconds and try again.' } as const;",
      "const status = 'You are using the free plan, which answers up to twenty questions a day in your workspace.';",
    ].join('\n');
    const f = findPrompts({ 'a.ts': src });
    assert.deepEqual(f.sites.map((s) => f.text(s)), []);
  });
});
