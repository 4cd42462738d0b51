import type { PricedPrompt } from '../analysis-types';
import { resolveRuleSetting } from '../config/rule-settings';
import type { Config } from '../config/schema';
import type { FileComments } from '../prompts/comments';
import { LineMap } from '../text/line-map';
import type { Report, Rule, RuleReport, Severity } from '../rules/types';
import type { ConfigIssue } from '../workspace-types';

/** Fills `{name}` placeholders of a message template. */
export function formatMessage(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in data ? String(data[key]) : whole));
}

/** Outcome of running the rules on one file. */
export interface RuleRun {
  reports: Report[];
  /** Rules that threw, with the error (the file's other rules still ran). */
  failures: string[];
}

/** Rule settings resolved once per configuration. */
export interface ActiveRule {
  rule: Rule<unknown>;
  severity: Severity;
  options: unknown;
}

/** Resolves each rule's severity and options from the configuration; bad options yield issues and defaults. */
export function activeRules(rules: readonly Rule<any>[], config: Config, issues: ConfigIssue[]): ActiveRule[] {
  const active: ActiveRule[] = [];
  for (const rule of rules) {
    const setting = resolveRuleSetting(rule.meta.id, rule.meta.defaultSeverity, rule.meta.options, config);
    issues.push(...setting.issues);
    if (setting.severity !== 'off') active.push({ rule, severity: setting.severity, options: setting.options });
  }
  return active;
}

/** Runs the active rules over a file's priced prompts; drops reports on lines that ignore the rule. */
export function runRules(file: string, text: string, prompts: readonly PricedPrompt[], rules: readonly ActiveRule[], config: Config, comments: FileComments): RuleRun {
  const reports: Report[] = [];
  const failures: string[] = [];
  const lines = comments.ignoredLines.size > 0 ? new LineMap(text) : undefined;
  for (const { rule, severity, options } of rules) {
    let found: RuleReport[];
    try {
      found = rule.check({ file, text, prompts, options, config });
    } catch (error) {
      failures.push(`rule ${rule.meta.id} failed on ${file}: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    for (const r of found) {
      const reportFile = r.file ?? file;
      if (lines && reportFile === file) {
        const ignored = comments.ignoredLines.get(lines.positionAt(r.span.start).line);
        if (ignored && (ignored.size === 0 || ignored.has(rule.meta.id))) continue;
      }
      reports.push({
        ruleId: rule.meta.id,
        severity,
        message: formatMessage(rule.meta.messages[r.messageId] ?? r.messageId, r.data),
        file: reportFile,
        span: r.span,
        docsUrl: rule.meta.docsUrl,
        fix: r.fix,
        promptId: r.promptId,
      });
    }
  }
  reports.sort((a, b) => a.span.start - b.span.start);
  return { reports, failures };
}
