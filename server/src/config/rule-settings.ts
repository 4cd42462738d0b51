import type { z } from 'zod';
import type { ConfigIssue } from '../workspace-types';
import type { Config, RuleSetting, SeveritySetting } from './schema';
import { unknownKeyMessage, zodIssuesToConfigIssues } from './issue-messages';
import { salvage } from './zod-walk';

/** Source named in rule issues when the caller does not say which configuration the rule came from. */
export const DEFAULT_RULE_SOURCE = 'configuration';

/** A rule's effective severity and options, and the problems found in its setting. */
export interface ResolvedRuleSetting<O> {
  severity: SeveritySetting;
  options: O;
  issues: ConfigIssue[];
}

/** Severity and raw options of a setting in any of its three forms. */
function splitSetting(setting: RuleSetting | undefined, defaultSeverity: SeveritySetting): { severity: SeveritySetting; options: unknown } {
  if (setting === undefined) return { severity: defaultSeverity, options: {} };
  if (typeof setting === 'string') return { severity: setting, options: {} };
  if (Array.isArray(setting)) return { severity: setting[0], options: setting[1] };
  return { severity: setting.severity ?? defaultSeverity, options: setting.options ?? {} };
}

/**
 * A rule's severity and options from `config.rules[ruleId]`, which may be a severity, `[severity, options]`
 * or `{ severity, options }`. Options are checked with the rule's schema; `optionsSchema.parse({})` gives
 * the defaults. Invalid options fall back to their defaults (valid ones are kept) and each problem is an
 * issue with path `rules.<ruleId>.<optionPath>`.
 * @example resolveRuleSetting('padded-instruction', 'warning', z.object({ minWords: z.number().default(3) }), config)
 * // { severity: 'warning', options: { minWords: 3 }, issues: [] }
 */
export function resolveRuleSetting<O>(
  ruleId: string,
  defaultSeverity: SeveritySetting,
  optionsSchema: z.ZodType<O>,
  config: Config,
  source: string = DEFAULT_RULE_SOURCE,
): ResolvedRuleSetting<O> {
  const setting = Object.hasOwn(config.rules, ruleId) ? config.rules[ruleId] : undefined;
  const { severity, options: raw } = splitSetting(setting, defaultSeverity);
  const parsed = optionsSchema.safeParse(raw);
  if (parsed.success) return { severity, options: parsed.data, issues: [] };
  const issues = zodIssuesToConfigIssues(parsed.error.issues, { root: optionsSchema, value: raw, source, prefix: ['rules', ruleId] });
  const kept = salvage(optionsSchema, raw);
  const reparsed = kept.ok ? optionsSchema.safeParse(kept.value) : undefined;
  return { severity, options: reparsed?.success ? reparsed.data : optionsSchema.parse({}), issues };
}

/**
 * Issues for rule ids in `config.rules` that no rule has, suggesting the nearest known id.
 * @example unknownRuleIssues({ ...config, rules: { 'paded-instruction': 'off' } }, ['padded-instruction'])
 * // [{ source: 'configuration', path: 'rules.paded-instruction', message: 'unknown rule `paded-instruction`; did you mean `padded-instruction`?' }]
 */
export function unknownRuleIssues(config: Config, knownIds: readonly string[], source: string = DEFAULT_RULE_SOURCE): ConfigIssue[] {
  return Object.keys(config.rules)
    .filter((id) => !knownIds.includes(id))
    .map((id) => ({ source, path: `rules.${id}`, message: unknownKeyMessage(id, knownIds).replace('unknown key', 'unknown rule') }));
}
