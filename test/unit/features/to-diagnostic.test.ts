import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isDiagnosticData, reportToDiagnostic } from '../../../server/src/features/to-diagnostic';
import type { Report } from '../../../server/src/rules/types';
import { LineMap } from '../../../server/src/text/line-map';

const text = 'const a = 1;\nconst PROMPT = "You are helpful.";\n';
const start = text.indexOf('"You');
const report: Report = {
  ruleId: 'prompt-token-budget',
  severity: 'info',
  message: 'Prompt is over budget.',
  file: '/repo/a.ts',
  span: { start, end: text.indexOf(';', start) },
  docsUrl: 'https://example.invalid/docs/rules/prompt-token-budget.md',
  fix: { title: 'Shorten', edits: [{ file: '/repo/a.ts', start, end: start + 1, newText: '' }], safe: true },
  promptId: '/repo/a.ts#27',
};

describe('reportToDiagnostic', () => {
  it('maps a report to an LSP diagnostic with source, code, docs link, severity and data', () => {
    const diagnostic = reportToDiagnostic(report, new LineMap(text), 7);
    assert.deepEqual(diagnostic, {
      range: { start: { line: 1, character: start - text.indexOf('\n') - 1 }, end: { line: 1, character: report.span.end - text.indexOf('\n') - 1 } },
      severity: 3,
      source: 'promptcost',
      code: 'prompt-token-budget',
      codeDescription: { href: report.docsUrl },
      message: report.message,
      data: { version: 7, ruleId: 'prompt-token-budget', fix: report.fix, promptId: report.promptId },
    });
  });

  it('maps every severity', () => {
    const severities = (['error', 'warning', 'info', 'hint'] as const).map((severity) => reportToDiagnostic({ ...report, severity }, new LineMap(text), 1).severity);
    assert.deepEqual(severities, [1, 2, 3, 4]);
  });

  it('recognises its own data and nothing else', () => {
    assert.ok(isDiagnosticData({ version: 1, ruleId: 'x' }));
    assert.ok(!isDiagnosticData({ version: '1', ruleId: 'x' }));
    assert.ok(!isDiagnosticData(null));
    assert.ok(!isDiagnosticData('x'));
  });
});
