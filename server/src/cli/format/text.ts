import { isAbsolute } from 'node:path';
import type { PricedPrompt } from '../../analysis-types';
import type { Report, Severity } from '../../rules/types';
import type { ConfigIssue, WorkspaceAnalysis } from '../../workspace-types';
import { formatUsd } from '../../pricing/cost';
import { createPaint, type Paint, type Style } from './ansi';
import { createLineMaps, groupByFile, type FileGroup, type FormatOptions } from './file-groups';
import { displayPath } from './paths';
import { renderTable, type Cell } from './table';

/** Options of the human-readable output. */
export interface TextFormatOptions extends FormatOptions {
  /** Whether to use ANSI colours. */
  color: boolean;
  /** How many prompts the "Costliest prompts" table lists (0 hides it). */
  top?: number;
}

/** Rows of the "Costliest prompts" table by default. */
export const DEFAULT_TOP = 10;

const SEVERITY_ORDER: readonly Severity[] = ['error', 'warning', 'info', 'hint'];
const SEVERITY_STYLE: Record<Severity, Style> = { error: 'red', warning: 'yellow', info: 'blue', hint: 'gray' };
const FAILURE_MARK = '✖';
const SUCCESS_MARK = '✔';
const APPROXIMATE_MARK = '≈';
const DEFAULT_MODEL_MARK = '*';
const UNKNOWN_MODEL_MARK = '?';
const INDENT = '  ';
const SEPARATOR = ' · ';

/** `1 error`, `2 errors`. */
function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** 1234567 → `1,234,567` (locale-independent). */
export function groupThousands(value: number): string {
  return String(Math.round(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function configLine(issue: ConfigIssue, root: string, paint: Paint): string {
  const source = isAbsolute(issue.source) ? displayPath(root, issue.source) : issue.source;
  const where = issue.path === '' ? source : `${source}: ${issue.path}`;
  return `${paint('config', 'yellow')}: ${where}: ${issue.message}`;
}

function fileSection(group: FileGroup, paint: Paint): string[] {
  const positions = group.reports.map((report) => group.lineMap.oneBased(report.span));
  const lineWidth = Math.max(0, ...positions.map((p) => String(p.line).length));
  const rows = group.reports.map((report: Report, i): Cell[] => [
    { text: `${String(positions[i].line).padStart(lineWidth)}:${positions[i].column}`, paint: (t) => paint(t, 'dim') },
    { text: report.severity, paint: (t) => paint(t, SEVERITY_STYLE[report.severity]) },
    { text: report.message.replace(/\s*\r?\n\s*/g, ' ') },
    { text: report.ruleId, paint: (t) => paint(t, 'dim') },
  ]);
  const notes = group.notes.map((note) => `${INDENT}${paint('note', 'gray')}  ${note}`);
  return [paint(group.path, 'underline'), ...renderTable(rows, ['left', 'left', 'left', 'left'], INDENT), ...notes, ''];
}

function problemLine(reports: readonly Report[], paint: Paint): string {
  if (reports.length === 0) return paint(`${SUCCESS_MARK} no problems`, 'green');
  const count = (severity: Severity): number => reports.filter((report) => report.severity === severity).length;
  const parts = SEVERITY_ORDER.filter((severity, i) => i < 2 || count(severity) > 0).map((s) => plural(count(s), s));
  const text = `${FAILURE_MARK} ${plural(reports.length, 'problem')} (${parts.join(', ')})`;
  return paint(text, 'bold', count('error') > 0 ? 'red' : 'yellow');
}

/** Top-level prompts by monthly cost, most expensive first (ties by per-call cost, then place). */
function costliest(groups: readonly FileGroup[], top: number): { prompt: PricedPrompt; group: FileGroup }[] {
  return groups
    .flatMap((group) => group.prompts.filter((prompt) => prompt.site.partOf === undefined).map((prompt) => ({ prompt, group })))
    .sort(
      (a, b) =>
        b.prompt.cost.perMonth - a.prompt.cost.perMonth ||
        b.prompt.cost.perCall - a.prompt.cost.perCall ||
        (a.group.path < b.group.path ? -1 : a.group.path > b.group.path ? 1 : 0) ||
        a.prompt.site.span.start - b.prompt.site.span.start,
    )
    .slice(0, top);
}

function modelLabel(prompt: PricedPrompt): string {
  const mark = !prompt.model.known ? UNKNOWN_MODEL_MARK : prompt.model.source === 'default' ? DEFAULT_MODEL_MARK : '';
  return `${prompt.model.id}${mark}`;
}

function costTable(groups: readonly FileGroup[], top: number, paint: Paint): string[] {
  const rows = costliest(groups, top);
  if (rows.length === 0) return [];
  const header: Cell[] = ['file:line', 'model', 'tokens', '$/call', '$/month'].map((text) => ({ text, paint: (t) => paint(t, 'bold') }));
  const body = rows.map(({ prompt, group }): Cell[] => [
    { text: `${group.path}:${group.lineMap.oneBased(prompt.site.span).line}` },
    { text: modelLabel(prompt) },
    { text: `${prompt.tokens.approximate ? APPROXIMATE_MARK : ''}${groupThousands(prompt.tokens.total)}` },
    { text: formatUsd(prompt.cost.perCall) },
    { text: formatUsd(prompt.cost.perMonth) },
  ]);
  const footnotes: string[] = [];
  if (rows.some(({ prompt }) => prompt.model.known && prompt.model.source === 'default')) {
    footnotes.push(`${DEFAULT_MODEL_MARK} no model visible at the call: priced with the default model (setting defaultModel)`);
  }
  if (rows.some(({ prompt }) => !prompt.model.known)) {
    footnotes.push(`${UNKNOWN_MODEL_MARK} model without known prices: costs count as $0 (add it to setting models)`);
  }
  return [
    paint('Costliest prompts', 'bold'),
    ...renderTable([header, ...body], ['left', 'left', 'right', 'right', 'right'], INDENT),
    ...footnotes.map((note) => paint(`${INDENT}${note}`, 'dim')),
    '',
  ];
}

function totalsLine(analysis: WorkspaceAnalysis, paint: Paint): string {
  const { summary } = analysis;
  if (summary.prompts === 0) return `No prompts found in ${plural(summary.files, 'file')}.`;
  const where = `${plural(summary.prompts, 'prompt')} in ${plural(summary.filesWithPrompts, 'file')} (${summary.files} scanned)`;
  const parts = [where, `${groupThousands(summary.tokens)} tokens`, `${formatUsd(summary.perMonth)}/month`];
  return paint(parts.join(SEPARATOR), 'bold');
}

/**
 * ESLint-style ("stylish") output for people: configuration problems first, then per file its
 * path and aligned `line:col  severity  message  rule` rows, the problem count, the costliest
 * top-level prompts (by $/month; ≈ marks approximate token counts), and a totals line.
 * Ends with a newline; ANSI colours only when `options.color`.
 * @example process.stdout.write(formatText(analysis, { color: process.stdout.isTTY, top: 5 }))
 */
export function formatText(analysis: WorkspaceAnalysis, options: TextFormatOptions): string {
  const paint = createPaint(options.color);
  const groups = groupByFile(analysis, createLineMaps(analysis, options.readText));
  const lines: string[] = [];
  if (analysis.configIssues.length > 0) {
    lines.push(...analysis.configIssues.map((issue) => configLine(issue, analysis.root, paint)), '');
  }
  for (const group of groups) {
    if (group.reports.length > 0 || group.notes.length > 0) lines.push(...fileSection(group, paint));
  }
  lines.push(problemLine(groups.flatMap((group) => group.reports), paint), '');
  lines.push(...costTable(groups, Math.max(0, options.top ?? DEFAULT_TOP), paint));
  lines.push(totalsLine(analysis, paint));
  return `${lines.join('\n')}\n`;
}
