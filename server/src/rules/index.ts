import promptTokenBudget from './prompt-token-budget';
import type { Rule } from './types';

/** Every rule, by id. Adding a rule: one file named after its id, one line here, tests and docs (checked by a test). */
export const RULES: readonly Rule<any>[] = [promptTokenBudget];

/** The rule with an id, if any. */
export function ruleById(id: string): Rule<any> | undefined {
  return RULES.find((rule) => rule.meta.id === id);
}
