import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import type { Connection, DocumentDiagnosticParams, DocumentDiagnosticReport } from 'vscode-languageserver';
import { Engine } from '../../../server/src/engine';
import { registerDiagnostics } from '../../../server/src/features/diagnostics';
import { buildFileView } from '../../../server/src/features/file-view';
import { Session } from '../../../server/src/features/session';
import { RULES } from '../../../server/src/rules';
import { defineRule } from '../../../server/src/rules/types';

/**
 * A rule that throws on one file: the file's other rules still report, other files are untouched, and
 * the failure is a note naming the rule and the file, which the language server logs as an error (once,
 * not on every keystroke) while it keeps answering with the other rules' diagnostics.
 */

const ROOT = '/virtual/failing';
const BAD = `${ROOT}/bad.ts`;
const GOOD = `${ROOT}/good.ts`;
const PROMPT = (name: string) => `export const ${name}_PROMPT = 'You are a support assistant. Please make sure to answer briefly and politely.';\n`;
const FILES: Record<string, string> = { [BAD]: PROMPT('BAD'), [GOOD]: PROMPT('GOOD') };

/** Throws on files whose name contains "bad", as a rule with a bug would on some input. */
const exploding = defineRule({
  meta: { id: 'exploding-rule', description: 'throws', defaultSeverity: 'warning', docsUrl: 'https://example.invalid/exploding-rule', messages: { found: 'found' }, options: z.object({}), fixable: false },
  check({ file }) {
    if (file.includes('bad')) throw new TypeError('cannot read properties of undefined');
    return [];
  },
});

function engine(): Engine {
  return new Engine({ read: (path) => FILES[path], rules: [...RULES, exploding] });
}

describe('safety: a rule that throws', () => {
  it('costs only its own reports: a note names the rule, the file and the error; the other rules and files are unaffected', () => {
    const e = engine();
    try {
      const [bad, good] = e.analyzeFiles([BAD, GOOD]);
      assert.deepEqual(bad.notes, [`rule exploding-rule failed on ${BAD}: cannot read properties of undefined`]);
      assert.ok(bad.reports.some((r) => r.ruleId === 'padded-instruction'), 'the other rules still ran on the file');
      assert.deepEqual(good.notes, []);
      assert.deepEqual(
        good.reports.map((r) => r.ruleId),
        bad.reports.map((r) => r.ruleId),
      );
    } finally {
      e.dispose();
    }
  });

  it('the language server logs it as an error naming the file and the rule, once, and still returns the other diagnostics', async () => {
    const logs: { level: string; message: string }[] = [];
    let pull: ((params: DocumentDiagnosticParams) => Promise<DocumentDiagnosticReport>) | undefined;
    let open: ((params: { textDocument: { uri: string; languageId: string; version: number; text: string } }) => void) | undefined;
    const ignore = () => ({ dispose() {} });
    const log = (level: string) => (message: string) => void logs.push({ level, message });
    const connection = {
      console: { error: log('error'), warn: log('warn'), info: log('info'), log: log('log') },
      languages: { diagnostics: { on: (handler: typeof pull) => ((pull = handler), { dispose() {} }) } },
      onDidOpenTextDocument: (handler: typeof open) => ((open = handler), { dispose() {} }),
      onDidChangeTextDocument: ignore,
      onDidCloseTextDocument: ignore,
      onWillSaveTextDocument: ignore,
      onWillSaveTextDocumentWaitUntil: ignore,
      onDidSaveTextDocument: ignore,
    } as unknown as Connection;
    const session = new Session(connection);
    const e = engine();
    // The stubbed part: the file's analysis comes from an engine that has the throwing rule.
    session.view = (file) => buildFileView(e, file);
    session.markReady();
    registerDiagnostics(session);
    session.documents.listen(connection);
    try {
      const uri = `file://${BAD}`;
      open!({ textDocument: { uri, languageId: 'typescript', version: 1, text: FILES[BAD] } });
      for (let i = 0; i < 2; i++) {
        const report = await pull!({ textDocument: { uri } });
        assert.equal(report.kind, 'full');
        assert.ok('items' in report && report.items.some((d) => d.code === 'padded-instruction'), 'diagnostics of the other rules');
      }
      const errors = logs.filter((l) => l.level === 'error');
      assert.equal(errors.length, 1, JSON.stringify(logs));
      assert.ok(errors[0].message.includes(BAD) && errors[0].message.includes('exploding-rule'), errors[0].message);
    } finally {
      e.dispose();
    }
  });
});
