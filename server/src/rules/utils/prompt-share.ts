import type { PricedPrompt } from '../../analysis-types';
import { formatUsd, monthlyCost } from '../../pricing/cost';

/**
 * What a piece of a prompt's static text costs, estimated as its share (by characters) of the prompt's
 * counted static tokens, priced at the prompt's input rate. Rules have no tokenizer, so the numbers
 * are shown as estimates ("≈").
 */

/** Characters of a prompt's static text (all messages). */
export function staticChars(prompt: PricedPrompt): number {
  let chars = 0;
  for (const segment of prompt.site.segments) if (segment.kind === 'static') chars += segment.text.length;
  return chars;
}

/** Estimated tokens and monthly cost of `chars` characters of a prompt's static text. */
export interface Share {
  tokens: number;
  perMonth: number;
}

/**
 * Tokens ≈ chars / static chars × static tokens (at least 1); $/month = those tokens at the prompt's
 * input price per token (its input cost per call / its tokens) × calls per day × 30.
 * @example shareOf(prompt, 40) // { tokens: 9, perMonth: 0.68 } for a 400-char, 90-token gpt-4o prompt at 1,000 calls/day
 */
export function shareOf(prompt: PricedPrompt, chars: number): Share {
  const total = staticChars(prompt);
  const tokens = total === 0 ? 0 : Math.max(1, Math.round((chars / total) * prompt.tokens.static));
  const perToken = prompt.tokens.total > 0 ? prompt.cost.input / prompt.tokens.total : 0;
  return { tokens, perMonth: monthlyCost(tokens * perToken, prompt.cost.callsPerDay) };
}

/** Message data for a share: `tokens` as "≈N" and `cost` as "≈$X". */
export function shareData(share: Share): { tokens: string; cost: string } {
  return { tokens: `≈${share.tokens.toLocaleString('en-US')}`, cost: `≈${formatUsd(share.perMonth)}` };
}
