import type { PricedPrompt } from '../../analysis-types';
import { expectedOutput } from '../../analysis/price-prompt';
import type { Config } from '../../config/schema';
import { callCost } from '../../pricing/cost';
import type { ModelPrices } from '../../pricing/model-prices';

/** What a whole conversation costs when every call resends the history so far. */
export interface ConversationCost {
  /** USD over the conversation (all calls, input and output). */
  total: number;
  /** History tokens sent over the conversation (the part that grows with the square of the turns). */
  historyTokens: number;
}

/**
 * Input tokens of one call without its history estimate: the prompts of the call (top-level ones, so a
 * constant inside a messages array is not counted twice) minus the tokens assumed for the history itself.
 */
export function callInputWithoutHistory(prompt: PricedPrompt, prompts: readonly PricedPrompt[], config: Config): number {
  const { site } = prompt;
  const sameCall = site.call
    ? prompts.filter((p) => !p.site.partOf && p.site.call && p.site.call.file === site.call!.file && p.site.call.span.start === site.call!.span.start)
    : [prompt];
  const input = (sameCall.length > 0 ? sameCall : [prompt]).reduce((sum, p) => sum + p.tokens.total, 0);
  let history = 0;
  if (site.annotation.dynamicTokens === undefined) {
    for (const seg of site.segments) {
      if (seg.kind === 'dynamic' && seg.source === 'history') history += seg.estimateTokens ?? config.dynamicTokens.history;
    }
  }
  return Math.max(0, input - history);
}

/**
 * Cost of a `turns`-turn conversation: call k (1-based) sends the fixed input plus the history of the
 * k − 1 earlier turns (`tokensPerTurn` each, user + assistant), capped at `keepTurns` turns when given;
 * so the history sent over the conversation is ≈ tokensPerTurn · turns · (turns − 1) / 2 unbounded.
 * @example conversationCost(1000, 400, 500, 10, lookupModel('gpt-4o')!) // { total: 0.12, historyTokens: 18000 }
 */
export function conversationCost(baseInput: number, tokensPerTurn: number, output: number, turns: number, prices: ModelPrices, keepTurns = Infinity): ConversationCost {
  let total = 0;
  let historyTokens = 0;
  for (let k = 1; k <= turns; k++) {
    const history = tokensPerTurn * Math.min(k - 1, keepTurns);
    historyTokens += history;
    total += callCost({ input: baseInput + history, output }, prices).total;
  }
  return { total, historyTokens };
}

/** Expected output tokens of the prompt's call (its cap, an annotation, or the configured default). */
export function outputPerCall(prompt: PricedPrompt, config: Config): number {
  return expectedOutput(prompt.site, config);
}
