import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Fix } from '../rules/types';
import { LineMap } from '../text/line-map';
import { disableRuleEdit, editsToWorkspaceEdit, fileFixes, isSafeFix, type EditTarget } from './fix-edits';
import type { Session } from './session';
import { DIAGNOSTIC_SOURCE, isDiagnosticData } from './to-diagnostic';

/** The kind of the action that applies every safe fix of a file (`editor.codeActionsOnSave`). */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.${DIAGNOSTIC_SOURCE}`;

/**
 * Quick fixes for promptcost diagnostics (each report's fix, preferred, with the diagnostic attached;
 * "fix all" of a rule; "disable the rule for this line"), and `source.fixAll.promptcost` applying every
 * safe fix. Edits are versioned: a fix computed for an older version of the document is not offered, and
 * the client rejects an edit whose document changed since.
 */
export function registerCodeActions(session: Session): void {
  session.connection.onCodeAction(async (params) => {
    await session.ready;
    const document = session.documents.get(params.textDocument.uri);
    const file = session.sourcePath(document);
    if (!document || !file) return [];
    return session.safely('code actions', file, [] as CodeAction[], () => {
      const actions: CodeAction[] = [];
      if (wants(params, CodeActionKind.QuickFix)) actions.push(...quickFixes(session, document, file, params.context.diagnostics));
      if (wants(params, FIX_ALL_KIND)) {
        const fixAll = fixAllAction(session, document, file);
        if (fixAll) actions.push(fixAll);
      }
      return actions;
    });
  });
}

/** Whether the request asks for actions of `kind` (no `only` means quick fixes, not source actions). */
function wants(params: CodeActionParams, kind: string): boolean {
  const only = params.context.only;
  if (!only) return kind === CodeActionKind.QuickFix;
  return only.some((k) => kind === k || kind.startsWith(`${k}.`));
}

/** Where a fix's edits go: the document itself at its analysed version, other open documents at theirs. */
function editTargets(session: Session, document: TextDocument, file: string, version: number): (f: string) => EditTarget | undefined {
  const lines = new LineMap(document.getText());
  return (f) => {
    if (f === file) return { uri: document.uri, version, lines };
    const open = session.openDocument(f);
    if (open) return { uri: open.uri, version: open.version, lines: new LineMap(open.getText()) };
    const text = session.textOf(f);
    return text === undefined ? undefined : { uri: session.uriOf(f), version: null, lines: new LineMap(text) };
  };
}

function quickFixes(session: Session, document: TextDocument, file: string, diagnostics: readonly Diagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  const targets = editTargets(session, document, file, document.version);
  const lines = new LineMap(document.getText());
  const fixedRules = new Set<string>();
  for (const diagnostic of diagnostics) {
    if (diagnostic.source !== DIAGNOSTIC_SOURCE || !isDiagnosticData(diagnostic.data)) continue;
    const data = diagnostic.data;
    if (data.version !== document.version) continue; // stale: the client pulls fresh diagnostics
    if (data.fix) {
      const edit = editsToWorkspaceEdit(data.fix.edits, targets);
      if (edit) actions.push({ title: data.fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: true, edit });
      const all = fixAllOfRule(session, document, file, data.ruleId);
      if (all && !fixedRules.has(data.ruleId)) {
        fixedRules.add(data.ruleId);
        actions.push({ ...all, diagnostics: [diagnostic] });
      }
    }
    // A report that starts inside a multi-line string cannot be silenced by a comment above its line.
    const source = session.folderFor(file).engine.project.sourceFile(file);
    const ignore = disableRuleEdit(document.getText(), lines, source, diagnostic.range.start.line, data.ruleId);
    if (!ignore) continue;
    actions.push({
      title: `Disable ${data.ruleId} for this line`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      edit: { documentChanges: [{ textDocument: { uri: document.uri, version: document.version }, edits: [ignore] }] },
    });
  }
  return actions;
}

/** The fixes applied together to the document (its current analysis), see `fileFixes`. */
function currentFixes(session: Session, file: string, keep: Parameters<typeof fileFixes>[2]): Fix[] {
  const view = session.view(file);
  return view ? fileFixes(view.analysis.reports, file, keep) : [];
}

/** "Fix all <rule> problems" when the rule has more than one fix in the file. */
function fixAllOfRule(session: Session, document: TextDocument, file: string, ruleId: string): CodeAction | undefined {
  const fixes = currentFixes(session, file, (report) => report.ruleId === ruleId);
  if (fixes.length < 2) return undefined;
  const edit = editsToWorkspaceEdit(fixes.flatMap((f) => f.edits), editTargets(session, document, file, document.version));
  return edit && { title: `Fix all ${ruleId} problems`, kind: CodeActionKind.QuickFix, edit };
}

/** `source.fixAll.promptcost`: every safe fix that does not overlap another. */
function fixAllAction(session: Session, document: TextDocument, file: string): CodeAction | undefined {
  const fixes = currentFixes(session, file, isSafeFix);
  if (fixes.length === 0) return undefined;
  const edit = editsToWorkspaceEdit(fixes.flatMap((f) => f.edits), editTargets(session, document, file, document.version));
  return edit && { title: 'Fix all safe promptcost problems', kind: FIX_ALL_KIND, edit };
}
