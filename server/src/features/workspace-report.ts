import { relative } from 'node:path';
import type { FileAnalysis, PricedPrompt } from '../analysis-types';
import { LineMap } from '../text/line-map';
import { costSummary, isApproximate } from './cost-text';
import { WORKSPACE_REPORT_REQUEST, type WorkspaceReport, type WorkspaceReportItem } from './protocol';
import type { Session } from './session';

/** Most prompts a report lists (the costliest first); larger workspaces are cut. */
export const MAX_REPORT_ITEMS = 500;

/**
 * `promptcost/workspaceReport`: every prompt of the workspace (open files from their unsaved text),
 * costliest per month first, with its location. In an untrusted workspace only open files are analysed.
 */
export function registerWorkspaceReport(session: Session): void {
  session.connection.onRequest(WORKSPACE_REPORT_REQUEST, async (): Promise<WorkspaceReport> => {
    await session.ready;
    const empty: WorkspaceReport = { items: [], prompts: 0, perMonth: 0, complete: false };
    return session.safely('the workspace report', undefined, empty, () => buildReport(session));
  });
}

function buildReport(session: Session): WorkspaceReport {
  const items: WorkspaceReportItem[] = [];
  let complete = true;
  const openFiles = session.documents.all().map((d) => session.sourcePath(d)).filter((f): f is string => f !== undefined);
  for (const folder of session.allFolders()) {
    if (!folder.enabled) continue;
    const whole = folder.root !== undefined && folder.trusted;
    if (folder.root !== undefined && !folder.scanned) complete = false;
    const files = whole
      ? // Prices every prompt; the rules need not run (the report lists costs, not findings).
        session.safely('scanning for the report', folder.root, [] as FileAnalysis[], () => {
          const all = folder.engine.workspaceFiles(folder.root!);
          return folder.engine.analyzeFiles(all, all, []);
        })
      : session.safely('analysing open files for the report', folder.root, [] as FileAnalysis[], () => folder.engine.analyzeFiles(openFiles.filter((f) => session.folderFor(f) === folder)));
    for (const analysis of files) items.push(...itemsOf(session, analysis, folder.root));
  }
  items.sort((a, b) => b.perMonth - a.perMonth || a.path.localeCompare(b.path) || a.range.start.line - b.range.start.line);
  const perMonth = items.reduce((sum, item) => sum + item.perMonth, 0);
  return { items: items.slice(0, MAX_REPORT_ITEMS), prompts: items.length, perMonth, complete };
}

function itemsOf(session: Session, analysis: FileAnalysis, root: string | undefined): WorkspaceReportItem[] {
  const top = analysis.prompts.filter((p) => !p.site.partOf);
  if (top.length === 0) return [];
  const lines = new LineMap(analysis.text);
  const uri = session.uriOf(analysis.file);
  const path = (root ? relative(root, analysis.file) : analysis.file).replace(/\\/g, '/');
  return top.map((prompt) => {
    const approximate = isApproximate(prompt);
    const totals = { prompts: 1, tokens: prompt.tokens.total, approximate, perCall: prompt.cost.perCall, perMonth: prompt.cost.perMonth, unpriced: prompt.model.known ? 0 : 1 };
    return {
      uri,
      range: { start: lines.positionAt(prompt.site.span.start), end: lines.positionAt(prompt.site.span.end) },
      path,
      label: labelOf(prompt),
      role: prompt.site.role,
      model: prompt.model.id,
      tokens: prompt.tokens.total,
      approximate,
      perCall: prompt.cost.perCall,
      perMonth: prompt.cost.perMonth,
      summary: costSummary(totals),
    };
  });
}

/**
 * A prompt's name in the report: its constant's name, else its role and call.
 * @example labelOf(prompt) // 'SUPPORT_SYSTEM_PROMPT', or 'user prompt → openai.chat.completions.create'
 */
export function labelOf(prompt: PricedPrompt): string {
  const { site } = prompt;
  if (site.name) return site.name;
  const role = site.role === 'unknown' || site.role === 'template' ? 'prompt' : `${site.role} prompt`;
  return site.call ? `${role} → ${site.call.api}` : role;
}

