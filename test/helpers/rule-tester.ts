import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mergeConfig } from '../../server/src/config/load-config';
import { defaultConfig, type ConfigInput } from '../../server/src/config/schema';
import { Engine } from '../../server/src/engine';
import type { Report, Rule } from '../../server/src/rules/types';
import { applyEdits } from '../../server/src/text/apply-edits';
import { newErrors, syntaxErrors, typeErrors } from './compile-check';

export { typeErrors };

/** Root of the in-memory workspaces rule tests run in. */
export const RULE_ROOT = '/virtual/rule';

/** One test case: a main file `a.ts` (from `code`), optional other files, options and configuration. */
export interface RuleCase {
  name: string;
  code: string;
  /** Other files of the workspace, by relative path (e.g. `prompts.ts`). */
  files?: Record<string, string>;
  options?: Record<string, unknown>;
  config?: ConfigInput;
}

export interface ExpectedReport {
  messageId?: string;
  /** A substring (or pattern) of the final message. */
  message?: string | RegExp;
  /** The report's range starts on the line where this text first occurs in `code`. */
  line?: string;
}

export interface InvalidCase extends RuleCase {
  errors: ExpectedReport[];
  /**
   * `a.ts` after applying every fix the reports carry (exact text), or null when no report has a fix.
   * Each fixed text must parse and must not add type errors (checked against SDK stubs).
   */
  output: string | null;
}

function analyze(rule: Rule<any>, c: RuleCase): { reports: Report[]; text: string } {
  const files: Record<string, string> = { 'a.ts': c.code, ...c.files };
  const reader = (path: string) => (path.startsWith(RULE_ROOT + '/') ? files[path.slice(RULE_ROOT.length + 1)] : undefined);
  const config = mergeConfig(defaultConfig(), {
    ...c.config,
    rules: { ...(c.config?.rules ?? {}), [rule.meta.id]: c.options ? ['warning', c.options] : 'warning' },
  });
  const engine = new Engine({ config, read: reader, rules: [rule] });
  const paths = Object.keys(files).map((f) => `${RULE_ROOT}/${f}`);
  const [analysis] = engine.analyzeFiles([`${RULE_ROOT}/a.ts`], paths);
  engine.dispose();
  assert.deepEqual(engine.configIssues, [], 'rule options must be valid');
  return { reports: analysis.reports.filter((r) => r.ruleId === rule.meta.id), text: c.code };
}

function lineAt(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

/**
 * ESLint-style tests for one rule: valid cases report nothing; invalid cases report exactly the
 * expected reports, and their fixes produce exactly `output`, which parses and type-checks.
 */
export function testRule(rule: Rule<any>, cases: { valid: RuleCase[]; invalid: InvalidCase[] }): void {
  describe(`rule ${rule.meta.id}`, () => {
    for (const c of cases.valid) {
      it(`valid: ${c.name}`, () => {
        const { reports } = analyze(rule, c);
        assert.deepEqual(reports.map((r) => r.message), []);
      });
    }
    for (const c of cases.invalid) {
      it(`invalid: ${c.name}`, () => {
        const { reports, text } = analyze(rule, c);
        assert.equal(reports.length, c.errors.length, `reports: ${JSON.stringify(reports.map((r) => r.message))}`);
        c.errors.forEach((expected, i) => {
          const report = reports[i];
          if (expected.messageId) assert.equal(report.message, formatExpected(rule, expected.messageId, report.message));
          if (typeof expected.message === 'string') assert.ok(report.message.includes(expected.message), `"${report.message}" should include "${expected.message}"`);
          if (expected.message instanceof RegExp) assert.match(report.message, expected.message);
          if (expected.line) assert.equal(lineAt(text, report.span.start), lineAt(text, text.indexOf(expected.line)), `report line for "${expected.line}"`);
        });
        const edits = reports.flatMap((r) => (r.fix ? r.fix.edits : []));
        if (c.output === null) {
          assert.equal(edits.length, 0, 'expected no fix');
          return;
        }
        assert.ok(edits.length > 0, 'expected a fix');
        const mainEdits = edits.filter((e) => e.file === `${RULE_ROOT}/a.ts`);
        const fixed = applyEdits(text, mainEdits);
        assert.equal(fixed, c.output);
        assert.deepEqual(syntaxErrors(fixed), [], 'fixed code must parse');
        const before = typeErrors({ ...c.files, 'a.ts': text });
        const after = typeErrors({ ...c.files, 'a.ts': fixed });
        assert.deepEqual(newErrors(before, after), [], 'a fix must not add type errors');
      });
    }
  });
}

/** Checks a message came from the expected template (placeholders matched loosely). */
function formatExpected(rule: Rule<any>, messageId: string, actual: string): string {
  const template = rule.meta.messages[messageId];
  assert.ok(template, `unknown messageId ${messageId}`);
  const pattern = new RegExp('^' + template.replace(/[.*+?^${}()|[\]\\]/g, (m) => (m === '{' || m === '}' ? m : '\\' + m)).replace(/\{\w+\}/g, '[\\s\\S]*') + '$');
  assert.match(actual, pattern, `message should come from template "${messageId}"`);
  return actual;
}
