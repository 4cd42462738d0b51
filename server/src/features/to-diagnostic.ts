import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { Fix, Report, Severity } from '../rules/types';
import type { LineMap } from '../text/line-map';

/** The `source` of every promptcost diagnostic (what the Problems panel shows before the code). */
export const DIAGNOSTIC_SOURCE = 'promptcost';

/** What a diagnostic carries in `data`, read back by the code-action feature. */
export interface DiagnosticData {
  /** The document version the report was computed on: its fix offsets are valid for that version only. */
  version: number;
  ruleId: string;
  fix?: Fix;
  promptId?: string;
}

const SEVERITIES: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/**
 * An LSP diagnostic for a report of the document whose text `lines` maps, computed at `version`.
 * @example reportToDiagnostic({ ruleId: 'prompt-token-budget', severity: 'warning', message: 'Prompt is 900 tokens…',
 *   file: '/repo/a.ts', span: { start: 6, end: 11 }, docsUrl: 'https://…/prompt-token-budget.md' }, new LineMap('const a = 1'), 3)
 * // { range: { start: { line: 0, character: 6 }, end: { line: 0, character: 11 } }, severity: 2, source: 'promptcost',
 * //   code: 'prompt-token-budget', codeDescription: { href: 'https://…' }, message: 'Prompt is 900 tokens…',
 * //   data: { version: 3, ruleId: 'prompt-token-budget' } }
 */
export function reportToDiagnostic(report: Report, lines: LineMap, version: number): Diagnostic {
  const data: DiagnosticData = { version, ruleId: report.ruleId };
  if (report.fix) data.fix = report.fix;
  if (report.promptId) data.promptId = report.promptId;
  return {
    range: { start: lines.positionAt(report.span.start), end: lines.positionAt(report.span.end) },
    severity: SEVERITIES[report.severity],
    source: DIAGNOSTIC_SOURCE,
    code: report.ruleId,
    codeDescription: { href: report.docsUrl },
    message: report.message,
    data,
  };
}

/**
 * Whether a diagnostic's `data` is promptcost's (a client may hand back diagnostics of other tools).
 * @example isDiagnosticData({ version: 1, ruleId: 'prompt-token-budget' }) // true
 */
export function isDiagnosticData(value: unknown): value is DiagnosticData {
  if (typeof value !== 'object' || value === null) return false;
  const data = value as Partial<DiagnosticData>;
  return typeof data.version === 'number' && typeof data.ruleId === 'string';
}
