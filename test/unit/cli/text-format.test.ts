import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatText, groupThousands } from '../../../server/src/cli/format/text';
import { renderTable } from '../../../server/src/cli/format/table';
import { displayPath } from '../../../server/src/cli/format/paths';
import type { WorkspaceAnalysis } from '../../../server/src/workspace-types';
import { buildAnalysis, readText } from './analysis-fixture';

const ANSI = /\u001b\[\d+m/g;

describe('formatText', () => {
  it('prints config issues, files, the problem count, the costliest prompts and totals', () => {
    const expected = [
      'config: .promptcost.json: budgets.system.maxTokens: must be greater than 0, got -5',
      'config: settings: promptcost.callsPerDay: expected a number',
      '',
      'lib/ask.ts',
      '  2:84  error  Chat history `history` is injected without a bound  no-unbounded-history',
      '  note  rule no-tool-bloat threw: boom',
      '',
      'lib/llm.ts',
      '  1:10  hint  A hint in another file  experimental-rule',
      '',
      'src/agents/summarize.ts',
      '  3:60  warning  Filler word "please" repeated: 2 tokens on every call  padded-instruction',
      '  5:10  info     No output cap: priced at 500 output tokens             missing-max-tokens',
      '',
      '✖ 4 problems (1 error, 1 warning, 1 info, 1 hint)',
      '',
      'Costliest prompts',
      '  file:line                  model             tokens   $/call  $/month',
      '  lib/ask.ts:2               claude-sonnet-4*  ≈2,204   $0.014     $423',
      '  src/agents/summarize.ts:7  gpt-4o               218  $0.0055     $166',
      '  * no model visible at the call: priced with the default model (setting defaultModel)',
      '',
      '2 prompts in 2 files (3 scanned) · 2,422 tokens · $590/month',
      '',
    ].join('\n');
    assert.equal(formatText(buildAnalysis(), { color: false, readText }), expected);
  });

  it('aligns line numbers right and columns left within a file', () => {
    const analysis = buildAnalysis();
    const summarize = analysis.files[0];
    const far = { ...summarize.reports[1], span: { start: 0, end: 1 }, severity: 'error' as const, ruleId: 'r', message: 'm' };
    const text = '\n'.repeat(11) + summarize.text;
    analysis.files[0] = { ...summarize, text, reports: [{ ...far, span: { start: 11, end: 12 } }, { ...far, span: { start: 0, end: 1 } }], prompts: [] };
    const lines = formatText(analysis, { color: false, readText, top: 0 }).split('\n');
    const start = lines.indexOf('src/agents/summarize.ts');
    assert.deepEqual(lines.slice(start + 1, start + 3), ['   1:1  error  m  r', '  12:1  error  m  r']);
  });

  it('lists only the top N top-level prompts, most expensive first, and hides the table for 0', () => {
    const top1 = formatText(buildAnalysis(), { color: false, readText, top: 1 });
    assert.ok(
      top1.includes(
        ['Costliest prompts', '  file:line     model             tokens  $/call  $/month', '  lib/ask.ts:2  claude-sonnet-4*  ≈2,204  $0.014     $423', ''].join('\n'),
      ),
    );
    assert.doesNotMatch(top1, /summarize\.ts:[37] /);
    const none = formatText(buildAnalysis(), { color: false, readText, top: 0 });
    assert.doesNotMatch(none, /Costliest prompts/);
    assert.match(none, /2 prompts in 2 files/);
  });

  it('never lists a prompt that is part of another', () => {
    const text = formatText(buildAnalysis(), { color: false, readText, top: 50 });
    assert.doesNotMatch(text, /summarize\.ts:3 /);
  });

  it('marks unknown models', () => {
    const analysis = buildAnalysis();
    analysis.files[1].prompts[0].model = { id: 'my-model', source: 'call', known: false };
    const text = formatText(analysis, { color: false, readText });
    assert.match(text, / {2}lib\/ask\.ts:2 {15}my-model\? /);
    assert.match(text, /\? model without known prices/);
    assert.doesNotMatch(text, /\* no model visible/);
  });

  it('uses colours only when asked, without changing the text', () => {
    const plain = formatText(buildAnalysis(), { color: false, readText });
    const colored = formatText(buildAnalysis(), { color: true, readText });
    assert.doesNotMatch(plain, ANSI);
    assert.match(colored, /\u001b\[31merror\u001b\[39m/);
    assert.match(colored, /\u001b\[4mlib\/ask\.ts\u001b\[24m/);
    assert.equal(colored.replace(ANSI, ''), plain);
  });

  it('says so when there are no problems and no prompts', () => {
    const empty: WorkspaceAnalysis = {
      root: '/r',
      files: [{ file: '/r/a.ts', text: 'x', prompts: [], reports: [], notes: [] }],
      summary: { files: 1, filesWithPrompts: 0, prompts: 0, tokens: 0, perMonth: 0, errors: 0, warnings: 0, infos: 0, durationMs: 1 },
      configIssues: [],
    };
    assert.equal(formatText(empty, { color: false }), '✔ no problems\n\nNo prompts found in 1 file.\n');
  });

  it('counts errors and warnings always, infos and hints when present, with singular forms', () => {
    const analysis = buildAnalysis();
    analysis.files[1].reports = [];
    analysis.files[0].reports = analysis.files[0].reports.filter((r) => r.severity === 'warning');
    assert.match(formatText(analysis, { color: false, readText }), /\n✖ 1 problem \(0 errors, 1 warning\)\n/);
  });

  it('puts a multi-line message on one line', () => {
    const analysis = buildAnalysis();
    analysis.files[1].reports[0].message = 'first\n  second';
    assert.match(formatText(analysis, { color: false, readText }), /error {2}first second {2}no-unbounded-history/);
  });
});

describe('text helpers', () => {
  it('groups thousands', () => {
    assert.equal(groupThousands(0), '0');
    assert.equal(groupThousands(999), '999');
    assert.equal(groupThousands(1234567), '1,234,567');
  });

  it('aligns table columns by plain text width and trims trailing space', () => {
    const rows = renderTable(
      [
        [{ text: '1', paint: (t) => `<${t}>` }, 'a', ''],
        ['10', 'bb', 'c'],
      ],
      ['right', 'left', 'left'],
      '  ',
    );
    assert.deepEqual(rows, ['  < 1>  a', '  10  bb  c']);
  });

  it('shows paths relative to the root with forward slashes', () => {
    assert.equal(displayPath('/repo', '/repo/src/a.ts'), 'src/a.ts');
    assert.equal(displayPath('/repo', '/other/a.ts'), '../other/a.ts');
    assert.equal(displayPath('/repo', 'rel\\a.ts'), 'rel/a.ts');
  });
});
