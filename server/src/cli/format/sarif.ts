import { createHash } from 'node:crypto';
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Fix, Report } from '../../rules/types';
import type { Span } from '../../prompts/types';
import type { ConfigIssue, WorkspaceAnalysis } from '../../workspace-types';
import { createLineMaps, groupByFile, lineText, type FileGroup, type FormatOptions, type LineMaps } from './file-groups';
import { displayPath } from './paths';
import type {
  SarifArtifactLocation,
  SarifFix,
  SarifLevel,
  SarifLog,
  SarifNotification,
  SarifRegion,
  SarifReportingDescriptor,
  SarifResult,
} from './sarif-types';

/** What `formatSarif` needs to know about each rule (from the rule registry). */
export interface SarifRuleInfo {
  id: string;
  description: string;
  docsUrl: string;
  defaultSeverity: string;
}

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
export const SARIF_VERSION = '2.1.0';
/** Name of the tool in SARIF and GitHub code scanning. */
export const TOOL_NAME = 'promptcost';
/** The project's home page; keep in step with package.json `repository.url`. */
export const TOOL_INFORMATION_URI = 'https://example.invalid/promptcost';
/** The base every result URI is relative to (the analysis root). */
export const SRCROOT = '%SRCROOT%';
/** Key of promptcost's own fingerprint in `partialFingerprints`; bump the version if the hash input changes. */
export const FINGERPRINT_KEY = 'promptcostLineHash/v1';
/** Hex digits of the fingerprint hash kept. */
const FINGERPRINT_LENGTH = 32;
/** Tags every rule carries (GitHub shows them as filters). */
const RULE_TAGS = ['llm', 'cost'];
const JSON_INDENT = 2;

/**
 * The SARIF level of a promptcost severity: `error` and `warning` map to themselves, `info` and `hint` to `note`.
 * @example sarifLevel('info') // 'note'
 */
export function sarifLevel(severity: string): SarifLevel {
  if (severity === 'error' || severity === 'warning') return severity;
  if (severity === 'off') return 'none';
  return 'note';
}

/**
 * A rule id in PascalCase, for SARIF's `name`.
 * @example pascalCase('no-unbounded-history') // 'NoUnboundedHistory'
 */
export function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part.length > 0)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('');
}

/** A relative path as a URI reference: each segment percent-encoded, `/` kept. */
function uriOf(root: string, file: string): string {
  return displayPath(root, file).split('/').map(encodeURIComponent).join('/');
}

function artifact(root: string, file: string): SarifArtifactLocation {
  return { uri: uriOf(root, file), uriBaseId: SRCROOT };
}

function region(lineMaps: LineMaps, file: string, span: Span): SarifRegion {
  const lineMap = lineMaps.get(file);
  if (lineMap === undefined) return { charOffset: span.start, charLength: span.end - span.start };
  const r = lineMap.oneBased(span);
  return { startLine: r.line, startColumn: r.column, endLine: r.endLine, endColumn: r.endColumn };
}

function descriptor(rule: SarifRuleInfo): SarifReportingDescriptor {
  const level = sarifLevel(rule.defaultSeverity);
  return {
    id: rule.id,
    name: pascalCase(rule.id),
    shortDescription: { text: rule.description },
    fullDescription: { text: rule.description },
    ...(rule.docsUrl !== '' ? { helpUri: rule.docsUrl } : {}),
    defaultConfiguration: level === 'none' ? { level: 'warning', enabled: false } : { level },
    properties: { tags: [...RULE_TAGS] },
  };
}

function sarifFix(fix: Fix, root: string, lineMaps: LineMaps): SarifFix {
  const byFile = new Map<string, SarifFix['artifactChanges'][number]>();
  for (const edit of fix.edits) {
    let change = byFile.get(edit.file);
    if (change === undefined) {
      change = { artifactLocation: artifact(root, edit.file), replacements: [] };
      byFile.set(edit.file, change);
    }
    change.replacements.push({ deletedRegion: region(lineMaps, edit.file, edit), insertedContent: { text: edit.newText } });
  }
  return { description: { text: fix.title }, artifactChanges: [...byFile.values()] };
}

/** Stable across runs and unrelated edits: the rule, the file and the trimmed text of the report's first line. */
function fingerprint(report: Report, group: FileGroup, lineMaps: LineMaps): string {
  const line = group.lineMap.oneBased(report.span).line;
  const text = lineText(lineMaps.text(group.file) ?? '', group.lineMap, line).trim();
  return createHash('sha256').update(`${report.ruleId}\0${group.path}\0${text}`).digest('hex').slice(0, FINGERPRINT_LENGTH);
}

/** Treats config issue sources that look like files as locations (`settings` has none). */
function configNotification(issue: ConfigIssue, root: string): SarifNotification {
  const text = issue.path === '' ? issue.message : `${issue.path}: ${issue.message}`;
  const isFile = isAbsolute(issue.source) || issue.source.endsWith('.json');
  const locations = isFile ? [{ physicalLocation: { artifactLocation: artifact(root, issue.source) } }] : undefined;
  return { message: { text: isFile ? text : `${issue.source}: ${text}` }, level: 'warning', ...(locations ? { locations } : {}) };
}

/** `file:///root/` for `originalUriBaseIds` (must end with a slash). */
function rootUri(root: string): string {
  const href = pathToFileURL(root).href;
  return href.endsWith('/') ? href : `${href}/`;
}

/**
 * The analysis as a SARIF 2.1.0 log that GitHub code scanning accepts: one run, the rules as
 * `tool.driver.rules`, one result per report with a region (1-based, UTF-16 columns) relative to
 * `%SRCROOT%` (the analysis root), a line-based fingerprint, and the report's fix. Configuration
 * problems and file notes become invocation notifications. Ends with a newline.
 * @example formatSarif(analysis, rules.map((r) => ({ id: r.meta.id, description: r.meta.description, docsUrl: r.meta.docsUrl, defaultSeverity: r.meta.defaultSeverity })), '0.1.0')
 */
export function formatSarif(analysis: WorkspaceAnalysis, rules: readonly SarifRuleInfo[], toolVersion: string, options: FormatOptions = {}): string {
  const root = analysis.root;
  const lineMaps = createLineMaps(analysis, options.readText);
  const groups = groupByFile(analysis, lineMaps);
  const descriptors = rules.map(descriptor);
  const indexOf = new Map(descriptors.map((d, i) => [d.id, i]));
  const ruleIndex = (report: Report): number => {
    let index = indexOf.get(report.ruleId);
    if (index === undefined) {
      index = descriptors.push(descriptor({ id: report.ruleId, description: report.ruleId, docsUrl: report.docsUrl, defaultSeverity: report.severity })) - 1;
      indexOf.set(report.ruleId, index);
    }
    return index;
  };
  const occurrences = new Map<string, number>();
  const results: SarifResult[] = groups.flatMap((group) =>
    group.reports.map((report) => {
      const hash = fingerprint(report, group, lineMaps);
      const occurrence = occurrences.get(hash) ?? 0;
      occurrences.set(hash, occurrence + 1);
      return {
        ruleId: report.ruleId,
        ruleIndex: ruleIndex(report),
        level: sarifLevel(report.severity),
        message: { text: report.message },
        locations: [{ physicalLocation: { artifactLocation: artifact(root, group.file), region: region(lineMaps, group.file, report.span) } }],
        partialFingerprints: { [FINGERPRINT_KEY]: `${hash}:${occurrence}` },
        ...(report.fix ? { fixes: [sarifFix(report.fix, root, lineMaps)] } : {}),
      };
    }),
  );
  const notes: SarifNotification[] = groups.flatMap((group) =>
    group.notes.map((note) => ({ message: { text: note }, level: 'note' as const, locations: [{ physicalLocation: { artifactLocation: artifact(root, group.file) } }] })),
  );
  const log: SarifLog = {
    $schema: SARIF_SCHEMA_URI,
    version: SARIF_VERSION,
    runs: [
      {
        tool: { driver: { name: TOOL_NAME, informationUri: TOOL_INFORMATION_URI, version: toolVersion, rules: descriptors } },
        originalUriBaseIds: { [SRCROOT]: { uri: rootUri(root) } },
        invocations: [
          {
            executionSuccessful: true,
            toolConfigurationNotifications: analysis.configIssues.map((issue) => configNotification(issue, root)),
            toolExecutionNotifications: notes,
          },
        ],
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, JSON_INDENT)}\n`;
}
