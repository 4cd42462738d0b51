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
 * The one-line cost summary CodeLenses and the workspace report show.
 * @example costSummary({ prompts: 1, tokens: 1240, approximate: true, perCall: 0.0031, perMonth: 93 })
 * // '≈ 1,240 tokens · $0.0031/call · $93/mo'
 */
export function costSummary(totals: CostTotals): string {
  const tokens = `${totals.approximate ? '≈ ' : ''}${formatTokens(totals.tokens, false)} tokens`;
  return `${tokens} · ${formatUsd(totals.perCall)}/call · ${formatUsd(totals.perMonth)}/mo`;
}
