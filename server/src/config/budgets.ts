import type { Budget, Config } from './schema';
import { matchesGlob, toPosixPath } from './glob';

/** Prefix of budget keys that select prompts by role, e.g. `role:system`. */
export const ROLE_KEY_PREFIX = 'role:';

/** What a budget key is matched against. */
export interface BudgetTarget {
  /** The prompt's constant or function name. */
  name?: string;
  /** Path of the prompt's file (absolute, or relative to the workspace root). */
  file: string;
  role: string;
}

/** How specific a matching key is: more specific keys override less specific ones, field by field. */
enum Specificity {
  Role = 1,
  Glob = 2,
  Name = 3,
}

/** How (and whether) a budget key selects a prompt. */
function keySpecificity(key: string, target: BudgetTarget): Specificity | undefined {
  if (target.name !== undefined && key === target.name) return Specificity.Name;
  if (key.startsWith(ROLE_KEY_PREFIX)) return key.slice(ROLE_KEY_PREFIX.length) === target.role ? Specificity.Role : undefined;
  return matchesGlob(toPosixPath(target.file), key, { matchBase: true }) ? Specificity.Glob : undefined;
}

/** A budget without its undefined fields, so spreading it does not erase inherited limits. */
function definedFields(budget: Budget): Budget {
  return Object.fromEntries(Object.entries(budget).filter(([, value]) => value !== undefined)) as Budget;
}

/**
 * The budget of one prompt: `config.budget`, overridden field by field by every key of `config.budgets`
 * that selects the prompt, from least to most specific: `role:<role>` keys, then file globs (relative
 * globs match at any directory boundary, so `src/agents/**` matches `/repo/src/agents/a.ts`), then the
 * prompt's exact name. Keys of equal specificity apply in the order they are written (later wins).
 * @example budgetFor(config, { name: 'SUMMARY_PROMPT', file: '/repo/src/summary.ts', role: 'system' })
 */
export function budgetFor(config: Config, prompt: BudgetTarget): Budget {
  const matches = Object.entries(config.budgets)
    .map(([key, budget], order) => ({ budget, order, specificity: keySpecificity(key, prompt) }))
    .filter((match): match is { budget: Budget; order: number; specificity: Specificity } => match.specificity !== undefined)
    .sort((a, b) => a.specificity - b.specificity || a.order - b.order);
  return matches.reduce<Budget>((budget, match) => ({ ...budget, ...definedFields(match.budget) }), definedFields(config.budget));
}
