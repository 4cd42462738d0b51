import type { PricedPrompt } from '../analysis-types';
import { formatUsd } from '../pricing/cost';

/** Token count and cost of a prompt or of the prompts of one call. */
export interface CostTotals {
  prompts: number;
  tokens: number;
  /** True when any count is an estimate (Claude/Gemini tokenizers, dynamic parts). */
  approximate: boolean;
  perCall: number;
  perMonth: number;
  /** Prompts whose model has no known price (counted at $0 in `perCall`/`perMonth`); absent when none. */
  unpriced?: number;
}

/**
 * Totals over prompts, counting each text once: a prompt that is part of another prompt of the list
 * (`partOf`) is skipped; on its own it counts.
 * @example totalsOf([]) // { prompts: 0, tokens: 0, approximate: false, perCall: 0, perMonth: 0 }
 */
export function totalsOf(prompts: readonly PricedPrompt[]): CostTotals {
  const totals: CostTotals = { prompts: 0, tokens: 0, approximate: false, perCall: 0, perMonth: 0 };
  const ids = new Set(prompts.map((p) => p.site.id));
  for (const p of prompts) {
    if (p.site.partOf && ids.has(p.site.partOf)) continue;
    totals.prompts++;
    totals.tokens += p.tokens.total;
    totals.approximate ||= isApproximate(p);
    totals.perCall += p.cost.perCall;
    totals.perMonth += p.cost.perMonth;
    if (!p.model.known) totals.unpriced = (totals.unpriced ?? 0) + 1;
  }
  return totals;
}

/**
 * Whether a prompt's count is an estimate: an approximate tokenizer or dynamic parts of unknown size.
 * @example isApproximate({ tokens: { approximate: false, dynamic: 200 } } as PricedPrompt) // true
 */
export function isApproximate(prompt: Pick<PricedPrompt, 'tokens'>): boolean {
  return prompt.tokens.approximate || prompt.tokens.dynamic > 0;
}

/**
 * A token count with thousands separators, marked `≈` when it is an estimate.
 * @example formatTokens(1240, true) // '≈1,240'
 * @example formatTokens(12, false) // '12'
 */
export function formatTokens(tokens: number, approximate: boolean): string {
  return `${approximate ? '≈' : ''}${Math.round(tokens).toLocaleString('en-US')}`;
}

/**
 * The one-line cost summary CodeLenses and the workspace report show. Prompts of a model without a
 * known price show no dollar figure (never $0, never a default model's price).
 * @example costSummary({ prompts: 1, tokens: 1240, approximate: true, perCall: 0.0031, perMonth: 93 })
 * // '≈ 1,240 tokens · $0.0031/call · $93/mo'
 * @example costSummary({ prompts: 1, tokens: 80, approximate: false, perCall: 0, perMonth: 0, unpriced: 1 })
 * // '80 tokens · unknown model price'
 */
export function costSummary(totals: CostTotals): string {
  const tokens = `${totals.approximate ? '≈ ' : ''}${formatTokens(totals.tokens, false)} tokens`;
  const unpriced = totals.unpriced ?? 0;
  if (unpriced > 0 && unpriced >= totals.prompts) return `${tokens} · ${UNKNOWN_PRICE}`;
  const partly = unpriced > 0 ? ` (+${unpriced} at an ${UNKNOWN_PRICE})` : '';
  return `${tokens} · ${formatUsd(totals.perCall)}/call · ${formatUsd(totals.perMonth)}/mo${partly}`;
}

/** What cost texts say instead of a dollar figure for prompts whose model has no known price. */
export const UNKNOWN_PRICE = 'unknown model price';
