import { createHash } from 'node:crypto';
import { DocumentDiagnosticReportKind, type Diagnostic, type DocumentDiagnosticReport } from 'vscode-languageserver';
import { LineMap } from '../text/line-map';
import type { Session } from './session';
import { reportToDiagnostic } from './to-diagnostic';

/** Notes already logged (file + note), so a note is not logged again on every keystroke. */
const MAX_REMEMBERED_NOTES = 1000;

/**
 * Pull diagnostics (`textDocument/diagnostic`): the reports of an open TS/JS document, computed from its
 * unsaved text. Each report becomes a diagnostic with `source`, `code`, `codeDescription` and its fix in
 * `data`. A result id lets the client skip unchanged results.
 */
export function registerDiagnostics(session: Session): void {
  const logged = new Set<string>();
  session.connection.languages.diagnostics.on(async (params) => {
    await session.ready;
    const document = session.documents.get(params.textDocument.uri);
    const file = session.sourcePath(document);
    if (!document || !file) return fullOrUnchanged([], params.previousResultId);
    const items = session.safely('diagnostics', file, [] as Diagnostic[], () => {
      const view = session.view(file);
      if (!view) return [];
      for (const note of view.analysis.notes) logOnce(session, logged, file, note);
      const lines = new LineMap(view.analysis.text);
      return view.analysis.reports.filter((r) => r.file === file).map((r) => reportToDiagnostic(r, lines, document.version));
    });
    return fullOrUnchanged(items, params.previousResultId);
  });
}

function fullOrUnchanged(items: Diagnostic[], previousResultId: string | undefined): DocumentDiagnosticReport {
  const resultId = createHash('sha1').update(JSON.stringify(items)).digest('hex');
  if (previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
  return { kind: DocumentDiagnosticReportKind.Full, resultId, items };
}

function logOnce(session: Session, logged: Set<string>, file: string, note: string): void {
  const key = `${file}\n${note}`;
  if (logged.has(key)) return;
  if (logged.size >= MAX_REMEMBERED_NOTES) logged.clear();
  logged.add(key);
  const failed = /failed/.test(note);
  session.connection.console[failed ? 'error' : 'info'](`${file}: ${note}`);
}
