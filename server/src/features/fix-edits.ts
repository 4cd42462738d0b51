import type { ts } from 'ts-morph';
import type { TextDocumentEdit, TextEdit as LspTextEdit, WorkspaceEdit } from 'vscode-languageserver';
import type { Fix, Report, TextEdit } from '../rules/types';
import type { LineMap } from '../text/line-map';
import { insideComment, insideLiteral } from './literal-check';

/** A document a fix edits: its URI, the version edits are valid for (null: not open, unversioned), its lines. */
export interface EditTarget {
  uri: string;
  version: number | null;
  lines: LineMap;
}

/** `// promptcost-ignore rule-a, rule-b` alone on a line (group 1: indentation, group 2: the rule list). */
const IGNORE_COMMENT_LINE = /^([ \t]*)\/\/[ \t]*promptcost-ignore(?!-)[ \t]*([a-z0-9-]+(?:[ \t]*,[ \t]*[a-z0-9-]+)*)?[ \t]*\r?$/;

/**
 * A workspace edit applying text edits (offsets) as one versioned `TextDocumentEdit` per file, so a client
 * rejects it when a document changed since the edits were computed. Undefined when a file is unknown.
 * @example editsToWorkspaceEdit([{ file: '/r/a.ts', start: 0, end: 5, newText: 'let' }], () => ({ uri: 'file:///r/a.ts', version: 3, lines }))
 * // { documentChanges: [{ textDocument: { uri: 'file:///r/a.ts', version: 3 }, edits: [{ range: …0:0-0:5…, newText: 'let' }] }] }
 */
export function editsToWorkspaceEdit(edits: readonly TextEdit[], target: (file: string) => EditTarget | undefined): WorkspaceEdit | undefined {
  const byFile = new Map<string, TextEdit[]>();
  for (const edit of edits) byFile.set(edit.file, [...(byFile.get(edit.file) ?? []), edit]);
  const documentChanges: TextDocumentEdit[] = [];
  for (const [file, fileEdits] of byFile) {
    const doc = target(file);
    if (!doc) return undefined;
    documentChanges.push({
      textDocument: { uri: doc.uri, version: doc.version },
      edits: fileEdits.map((e) => ({ range: { start: doc.lines.positionAt(e.start), end: doc.lines.positionAt(e.end) }, newText: e.newText })),
    });
  }
  return { documentChanges };
}

/**
 * The fixes that can be applied together: in order, each fix whose edits overlap no edit already taken.
 * @example compatibleFixes([fixA, fixOverlappingA, fixB]) // [fixA, fixB]
 */
export function compatibleFixes(fixes: readonly Fix[]): Fix[] {
  const taken: TextEdit[] = [];
  const chosen: Fix[] = [];
  for (const fix of fixes) {
    const clash = fix.edits.some((e) => taken.some((t) => t.file === e.file && e.start < t.end && t.start < e.end));
    const selfClash = fix.edits.some((e, i) => fix.edits.some((o, j) => i !== j && o.file === e.file && e.start < o.end && o.start < e.end));
    if (clash || selfClash) continue;
    taken.push(...fix.edits);
    chosen.push(fix);
  }
  return chosen;
}

/**
 * The fixes applied together to a file, as "Fix all <rule> problems" and `source.fixAll.promptcost` do:
 * the fixes of the file's reports that `keep` accepts, in report order, without those that overlap an
 * earlier one. `source.fixAll` keeps the safe fixes (`isSafeFix`).
 * @example fileFixes(analysis.reports, '/r/a.ts', isSafeFix) // the edits `source.fixAll.promptcost` applies
 */
export function fileFixes(reports: readonly Report[], file: string, keep: (report: Report & { fix: Fix }) => boolean): Fix[] {
  const fixable = reports.filter((r): r is Report & { fix: Fix } => r.file === file && r.fix !== undefined);
  return compatibleFixes(fixable.filter(keep).map((r) => r.fix));
}

/** Whether `source.fixAll` may apply a report's fix without the user looking. */
export function isSafeFix(report: { fix: Fix }): boolean {
  return report.fix.safe;
}

/**
 * "Disable <rule> for this line" for a report that starts on `line` (zero-based): `ignoreLineEdit`, or
 * undefined when the line starts inside a multi-line string or comment (a comment above it would become
 * text, or part of that comment).
 * @example disableRuleEdit(text, lines, sourceFile, 3, 'padded-instruction') // { range: 3:0-3:0, newText: '// promptcost-ignore padded-instruction\n' }
 */
export function disableRuleEdit(text: string, lines: LineMap, source: ts.SourceFile | undefined, line: number, ruleId: string): LspTextEdit | undefined {
  const lineStart = lines.offsetAt({ line, character: 0 });
  if (source && (insideLiteral(source, lineStart) || insideComment(source, lineStart))) return undefined;
  return ignoreLineEdit(text, lines, line, ruleId);
}

/**
 * The edit that silences `ruleId` on `line` (zero-based): extends a `// promptcost-ignore …` comment alone
 * on the line above, or inserts one there with the line's indentation.
 * @example ignoreLineEdit('  const p = "…";\n', lines, 0, 'padded-instruction')
 * // { range: 0:0-0:0, newText: '  // promptcost-ignore padded-instruction\n' }
 */
export function ignoreLineEdit(text: string, lines: LineMap, line: number, ruleId: string): LspTextEdit {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lineStart = lines.offsetAt({ line, character: 0 });
  const lineText = lineAt(text, lines, line);
  const indent = /^[ \t]*/.exec(lineText)![0];
  if (line > 0) {
    const above = lineAt(text, lines, line - 1);
    const match = IGNORE_COMMENT_LINE.exec(above);
    if (match && match[2] !== undefined) {
      const rules = match[2].split(',').map((r) => r.trim());
      if (!rules.includes(ruleId)) {
        const start = { line: line - 1, character: 0 };
        const end = { line: line - 1, character: above.replace(/\r$/, '').length };
        return { range: { start, end }, newText: `${match[1]}// promptcost-ignore ${[...rules, ruleId].join(', ')}` };
      }
    }
  }
  const at = lines.positionAt(lineStart);
  return { range: { start: at, end: at }, newText: `${indent}// promptcost-ignore ${ruleId}${eol}` };
}

function lineAt(text: string, lines: LineMap, line: number): string {
  const start = lines.offsetAt({ line, character: 0 });
  const next = text.indexOf('\n', start);
  return text.slice(start, next < 0 ? text.length : next);
}
