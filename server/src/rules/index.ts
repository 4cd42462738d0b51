import promptTokenBudget from './prompt-token-budget';
import redundantInstruction from './redundant-instruction';
import paddedInstruction from './padded-instruction';
import cheaperModelTier from './cheaper-model-tier';
import missingCacheBreakpoint from './missing-cache-breakpoint';
import belowCacheMinimum from './below-cache-minimum';
import missingOutputCap from './missing-output-cap';
import contextWindowOverflow from './context-window-overflow';
import unboundedHistory from './unbounded-history';
import unboundedRetrieval from './unbounded-retrieval';
import cachePrefixOrder from './cache-prefix-order';
import volatileCachePrefix from './volatile-cache-prefix';
import unknownModel from './unknown-model';
import type { Rule } from './types';

/** Every rule, by id. Adding a rule: one file named after its id, one line here, tests and docs (checked by a test). */
export const RULES: readonly Rule<any>[] = [promptTokenBudget, redundantInstruction, paddedInstruction, cheaperModelTier, missingCacheBreakpoint, belowCacheMinimum, missingOutputCap, contextWindowOverflow, unboundedHistory, unboundedRetrieval, cachePrefixOrder, volatileCachePrefix, unknownModel];

/** The rule with an id, if any. */
export function ruleById(id: string): Rule<any> | undefined {
  return RULES.find((rule) => rule.meta.id === id);
}
