import { readFileSync } from 'node:fs';
import type { PricedPrompt } from '../../analysis-types';
import type { Report } from '../../rules/types';
import type { WorkspaceAnalysis } from '../../workspace-types';
import { LineMap } from '../../text/line-map';
import { displayPath } from './paths';

/** Gives the text of a file the analysis does not include (e.g. the file of a call); undefined when unavailable. */
export type TextResolver = (path: string) => string | undefined;

/** Options every formatter accepts. */
export interface FormatOptions {
  /** Text of files outside the analysis; defaults to reading them from disk. */
  readText?: TextResolver;
}

/** Line maps by file path: the analysed files' texts first, then `readText`. */
export interface LineMaps {
  /** The line map of a file, or undefined when its text is unavailable. */
  get(path: string): LineMap | undefined;
  /** The text of a file, or undefined when unavailable. */
  text(path: string): string | undefined;
}

/** What the formatters show for one file: its prompts, the reports located in it, and its notes. */
export interface FileGroup {
  /** The path as the analysis has it. */
  file: string;
  /** Relative to the analysis root, forward slashes. */
  path: string;
  lineMap: LineMap;
  /** Ordered by position. */
  prompts: PricedPrompt[];
  /** Ordered by position, then rule id; duplicates (same rule, place and message) removed. */
  reports: Report[];
  notes: string[];
}

/** Reads a file as UTF-8, or undefined on any error. */
function readFromDisk(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * Line maps for the files of an analysis, falling back to `readText` (default: the disk) for others.
 * @example createLineMaps(analysis).get(site.call.file)?.oneBased(site.call.span).line
 */
export function createLineMaps(analysis: WorkspaceAnalysis, readText: TextResolver = readFromDisk): LineMaps {
  const texts = new Map<string, string | undefined>(analysis.files.map((file) => [file.file, file.text]));
  const maps = new Map<string, LineMap | undefined>();
  const text = (path: string): string | undefined => {
    if (!texts.has(path)) texts.set(path, readText(path));
    return texts.get(path);
  };
  return {
    text,
    get(path) {
      if (!maps.has(path)) {
        const content = text(path);
        maps.set(path, content === undefined ? undefined : new LineMap(content));
      }
      return maps.get(path);
    },
  };
}

function reportKey(report: Report): string {
  return `${report.ruleId}\0${report.file}\0${report.span.start}\0${report.span.end}\0${report.message}`;
}

/**
 * Groups an analysis by file for display: reports go to the file they point into (which may be
 * another analysed file, or one outside the analysis), files are ordered by relative path, and
 * prompts and reports by position. Files with nothing to show are kept (they carry no entries).
 */
export function groupByFile(analysis: WorkspaceAnalysis, lineMaps: LineMaps): FileGroup[] {
  const groups = new Map<string, FileGroup>();
  const groupFor = (file: string): FileGroup => {
    let group = groups.get(file);
    if (group === undefined) {
      const lineMap = lineMaps.get(file) ?? new LineMap('');
      group = { file, path: displayPath(analysis.root, file), lineMap, prompts: [], reports: [], notes: [] };
      groups.set(file, group);
    }
    return group;
  };
  const seen = new Set<string>();
  for (const analysed of analysis.files) {
    const group = groupFor(analysed.file);
    group.prompts.push(...analysed.prompts);
    group.notes.push(...analysed.notes);
    for (const report of analysed.reports) {
      const key = reportKey(report);
      if (seen.has(key)) continue;
      seen.add(key);
      groupFor(report.file || analysed.file).reports.push(report);
    }
  }
  for (const group of groups.values()) {
    group.prompts.sort((a, b) => a.site.span.start - b.site.span.start || a.site.span.end - b.site.span.end);
    group.reports.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || a.ruleId.localeCompare(b.ruleId));
  }
  return [...groups.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The text of a 1-based line (without its line ending), or '' when out of range. */
export function lineText(text: string, lineMap: LineMap, line: number): string {
  if (line < 1 || line > lineMap.lineCount) return '';
  const start = lineMap.offsetAt({ line: line - 1, character: 0 });
  const end = line < lineMap.lineCount ? lineMap.offsetAt({ line, character: 0 }) : text.length;
  return text.slice(start, end).replace(/\r?\n$/, '');
}
