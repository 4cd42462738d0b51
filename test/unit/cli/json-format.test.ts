import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatJson, roundMoney } from '../../../server/src/cli/format/json';
import { buildAnalysis, readText, ROOT } from './analysis-fixture';

const DOCS = 'https://example.invalid/promptcost/docs/rules';

describe('formatJson', () => {
  const output = formatJson(buildAnalysis(), { readText });
  const parsed = JSON.parse(output);

  it('is pretty JSON ending with a newline, with version and top-level keys in order', () => {
    assert.ok(output.endsWith('}\n'));
    assert.deepEqual(Object.keys(parsed), ['version', 'files', 'configIssues', 'summary']);
    assert.equal(parsed.version, 1);
  });

  it('lists files by relative path, including files without prompts and files only reports point into', () => {
    assert.deepEqual(
      parsed.files.map((f: { path: string }) => f.path),
      ['lib/ask.ts', 'lib/llm.ts', 'src/agents/summarize.ts', 'src/empty.ts'],
    );
    assert.deepEqual(parsed.files[3], { path: 'src/empty.ts', prompts: [], diagnostics: [], notes: [] });
  });

  it('writes the exact shape of a file with prompts, diagnostics and fixes', () => {
    const id = `${ROOT}/src/agents/summarize.ts`;
    const call = { line: 5, api: 'openai.chat.completions.create', path: 'src/agents/summarize.ts' };
    assert.deepEqual(parsed.files[2], {
      path: 'src/agents/summarize.ts',
      prompts: [
        {
          line: 3, endLine: 3, column: 30, endColumn: 86,
          kind: 'template', role: 'system', name: 'SYSTEM_PROMPT', provider: 'openai',
          model: 'gpt-4o', modelSource: 'call',
          tokens: { static: 11, dynamic: 0, total: 11, approximate: false },
          cost: { perCall: 0.000028, perMonth: 0.825, currency: 'USD' },
          call, history: null, retrieval: null,
          partOf: `${id}#270`, id: `${id}#87`,
        },
        {
          line: 7, endLine: 7, column: 15, endColumn: 92,
          kind: 'messages', role: 'system', name: null, provider: 'openai',
          model: 'gpt-4o', modelSource: 'call',
          tokens: { static: 11, dynamic: 200, total: 218, approximate: false },
          cost: { perCall: 0.005545, perMonth: 166.35, currency: 'USD' },
          call, history: null, retrieval: null,
          partOf: null, id: `${id}#270`,
        },
      ],
      diagnostics: [
        {
          ruleId: 'padded-instruction', severity: 'warning',
          message: 'Filler word "please" repeated: 2 tokens on every call',
          line: 3, endLine: 3, column: 60, endColumn: 73,
          docsUrl: `${DOCS}#padded-instruction`,
          fix: {
            title: 'Remove the repeated filler', safe: true,
            edits: [{ path: 'src/agents/summarize.ts', line: 3, endLine: 3, column: 67, endColumn: 74, start: 124, end: 131, newText: '' }],
          },
        },
        {
          ruleId: 'missing-max-tokens', severity: 'info',
          message: 'No output cap: priced at 500 output tokens',
          line: 5, endLine: 5, column: 10, endColumn: 40,
          docsUrl: `${DOCS}#missing-max-tokens`,
          fix: {
            title: 'Add max_tokens: 500', safe: false,
            edits: [{ path: 'src/agents/summarize.ts', line: 7, endLine: 7, column: 1, endColumn: 1, start: 256, end: 256, newText: '    max_tokens: 500,\n' }],
          },
        },
      ],
      notes: [],
    });
  });

  it('computes a call line against the call file, and positions in CRLF files', () => {
    const [prompt] = parsed.files[0].prompts;
    assert.deepEqual(prompt.call, { line: 3, api: 'ai-sdk.generateText', path: 'lib/llm.ts' });
    assert.deepEqual([prompt.line, prompt.column, prompt.endColumn], [2, 58, 104]);
    assert.deepEqual(prompt.history, { bounded: false });
    assert.deepEqual(prompt.tokens, { static: 4, dynamic: 2200, total: 2204, approximate: true });
    assert.deepEqual(prompt.cost, { perCall: 0.014112, perMonth: 423.37037, currency: 'USD' });
    assert.deepEqual(parsed.files[0].notes, ['rule no-tool-bloat threw: boom']);
    assert.equal(parsed.files[1].diagnostics[0].ruleId, 'experimental-rule');
    assert.equal(parsed.files[1].diagnostics[0].line, 1);
  });

  it('writes null positions when a call file cannot be read', () => {
    const json = JSON.parse(formatJson(buildAnalysis(), { readText: () => undefined }));
    assert.equal(json.files[0].prompts[0].call.line, null);
    assert.equal(json.files[1].path, 'lib/llm.ts');
  });

  it('makes config issue sources relative and rounds the summary', () => {
    assert.deepEqual(parsed.configIssues, [
      { source: '.promptcost.json', path: 'budgets.system.maxTokens', message: 'must be greater than 0, got -5' },
      { source: 'settings', path: '', message: 'promptcost.callsPerDay: expected a number' },
    ]);
    assert.deepEqual(parsed.summary, {
      files: 3, filesWithPrompts: 2, prompts: 2, tokens: 2422, perMonth: 589.72037,
      errors: 1, warnings: 1, infos: 1, durationMs: 12,
    });
  });

  it('is deterministic and does not depend on the order of reports', () => {
    const shuffled = buildAnalysis();
    shuffled.files.reverse();
    for (const file of shuffled.files) file.reports.reverse();
    assert.equal(formatJson(shuffled, { readText }), output);
  });

  it('reports a diagnostic listed by two files once', () => {
    const analysis = buildAnalysis();
    analysis.files[2].reports.push(analysis.files[1].reports[1]);
    assert.equal(formatJson(analysis, { readText }), output);
  });
});

describe('roundMoney', () => {
  it('rounds to 6 decimals without negative zero', () => {
    assert.equal(roundMoney(0.0000275), 0.000028);
    assert.equal(roundMoney(1.23456789), 1.234568);
    assert.equal(Object.is(roundMoney(-0.0000001), 0), true);
  });
});
