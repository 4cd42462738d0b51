import { isAbsolute } from 'node:path';
import type { PricedPrompt } from '../../analysis-types';
import type { Fix, Report } from '../../rules/types';
import type { Injection, Span } from '../../prompts/types';
import type { LineMap } from '../../text/line-map';
import type { WorkspaceAnalysis } from '../../workspace-types';
import { createLineMaps, groupByFile, type FileGroup, type FormatOptions, type LineMaps } from './file-groups';
import type { JsonDiagnostic, JsonFix, JsonOutput, JsonPrompt, JsonRange } from './json-types';
import { displayPath } from './paths';

/** Version of the JSON contract (see json-types.ts). */
export const JSON_FORMAT_VERSION = 1;
/** Decimals money is rounded to. */
const MONEY_DECIMALS = 6;
/** Indentation of the JSON output. */
const JSON_INDENT = 2;

/** USD rounded to 6 decimals (no `-0`). */
export function roundMoney(amount: number): number {
  const rounded = Math.round(amount * 10 ** MONEY_DECIMALS) / 10 ** MONEY_DECIMALS;
  return rounded === 0 ? 0 : rounded;
}

/** A span as the contract orders it: line, endLine, column, endColumn (1-based, end exclusive). */
function range(lineMap: LineMap, span: Span): JsonRange {
  const r = lineMap.oneBased(span);
  return { line: r.line, endLine: r.endLine, column: r.column, endColumn: r.endColumn };
}

function injection(value: Injection | null): { bounded: boolean } | null {
  return value === null ? null : { bounded: value.bounded };
}

function jsonPrompt(prompt: PricedPrompt, group: FileGroup, root: string, lineMaps: LineMaps): JsonPrompt {
  const { site, model, tokens, cost } = prompt;
  const call = site.call;
  return {
    ...range(group.lineMap, site.span),
    kind: site.kind,
    role: site.role,
    name: site.name ?? null,
    provider: site.provider,
    model: model.id,
    modelSource: model.source,
    tokens: { static: tokens.static, dynamic: tokens.dynamic, total: tokens.total, approximate: tokens.approximate },
    cost: { perCall: roundMoney(cost.perCall), perMonth: roundMoney(cost.perMonth), currency: cost.currency },
    call: call === null ? null : { line: lineMaps.get(call.file)?.oneBased(call.span).line ?? null, api: call.api, path: displayPath(root, call.file) },
    history: injection(site.history),
    retrieval: injection(site.retrieval),
    partOf: site.partOf ?? null,
    id: site.id,
  };
}

function jsonFix(fix: Fix, root: string, lineMaps: LineMaps): JsonFix {
  return {
    title: fix.title,
    safe: fix.safe,
    edits: fix.edits.map((edit) => {
      const lineMap = lineMaps.get(edit.file);
      const at = lineMap === undefined ? undefined : range(lineMap, edit);
      return {
        path: displayPath(root, edit.file),
        line: at?.line ?? null,
        endLine: at?.endLine ?? null,
        column: at?.column ?? null,
        endColumn: at?.endColumn ?? null,
        start: edit.start,
        end: edit.end,
        newText: edit.newText,
      };
    }),
  };
}

function jsonDiagnostic(report: Report, group: FileGroup, root: string, lineMaps: LineMaps): JsonDiagnostic {
  return {
    ruleId: report.ruleId,
    severity: report.severity,
    message: report.message,
    ...range(group.lineMap, report.span),
    docsUrl: report.docsUrl,
    fix: report.fix === undefined ? null : jsonFix(report.fix, root, lineMaps),
  };
}

/**
 * The analysis as a JSON document following the stable contract in json-types.ts, ending with a newline.
 * Positions of calls and edits in files outside the analysis come from `options.readText` (default: the disk).
 * @example JSON.parse(formatJson(analysis)).files[0].prompts[0].cost.perMonth // 12.345678
 */
export function formatJson(analysis: WorkspaceAnalysis, options: FormatOptions = {}): string {
  const lineMaps = createLineMaps(analysis, options.readText);
  const root = analysis.root;
  const output: JsonOutput = {
    version: JSON_FORMAT_VERSION,
    files: groupByFile(analysis, lineMaps).map((group) => ({
      path: group.path,
      prompts: group.prompts.map((prompt) => jsonPrompt(prompt, group, root, lineMaps)),
      diagnostics: group.reports.map((report) => jsonDiagnostic(report, group, root, lineMaps)),
      notes: group.notes,
    })),
    configIssues: analysis.configIssues.map((issue) => ({
      source: isAbsolute(issue.source) ? displayPath(root, issue.source) : issue.source,
      path: issue.path,
      message: issue.message,
    })),
    summary: { ...analysis.summary, perMonth: roundMoney(analysis.summary.perMonth) },
  };
  return `${JSON.stringify(output, null, JSON_INDENT)}\n`;
}
