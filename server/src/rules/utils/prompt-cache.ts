import type { PricedPrompt } from '../../analysis-types';
import { DAYS_PER_MONTH } from '../../pricing/cost';
import type { ModelPrices } from '../../pricing/catalogue';

/** Prices are per million tokens (genai-prices `_mtok` keys). */
const TOKENS_PER_PRICE_UNIT = 1_000_000;
/** Anthropic cache reads cost 0.1× input when the catalogue has no read price (COST-MODEL.md, "Prompt caching"). */
const CACHE_READ_FACTOR = 0.1;
/** Anthropic 5-minute cache writes cost 1.25× input when the catalogue has no write price (COST-MODEL.md). */
const CACHE_WRITE_FACTOR = 1.25;
/**
 * Most cache writes a day can take with Anthropic's 5-minute cache (COST-MODEL.md): a cached prefix lives
 * 5 minutes after its last use, so each miss follows a gap of over 5 minutes, and a day has at most
 * 24 × 60 / 5 = 288 of them. Counting that many writes gives the saving for the least favourable traffic.
 */
export const MAX_CACHE_WRITES_PER_DAY = (24 * 60) / 5;

/** The static text at the head of prompts, before the first dynamic part: the part a prefix cache can reuse. */
export interface StaticHead {
  /** Tokens of the head (a prompt's static tokens shared out by characters when a dynamic part cuts it). */
  tokens: number;
  /** Whether the prompts are static throughout (no dynamic part at all). */
  wholeStatic: boolean;
  approximate: boolean;
}

/**
 * Tokens of the static head of prompts taken in order: whole prompts while they are static, then the
 * static text of the first prompt with a dynamic part up to that part (its static tokens × the share of its
 * static characters that come before the dynamic part).
 */
export function staticHead(prompts: readonly PricedPrompt[]): StaticHead {
  let tokens = 0;
  let approximate = false;
  for (const { site, tokens: counted } of prompts) {
    approximate ||= counted.approximate;
    const cut = site.segments.findIndex((s) => s.kind === 'dynamic');
    if (cut < 0) {
      tokens += counted.static;
      continue;
    }
    let before = 0;
    let all = 0;
    site.segments.forEach((s, i) => {
      if (s.kind !== 'static') return;
      all += s.text.length;
      if (i < cut) before += s.text.length;
    });
    if (all > 0) tokens += Math.round((counted.static * before) / all);
    return { tokens, wholeStatic: false, approximate: true };
  }
  return { tokens, wholeStatic: true, approximate };
}

/** Rates (USD per million tokens) of cache reads and writes, from the catalogue or COST-MODEL.md's factors. */
export function cacheRates(prices: ModelPrices): { input: number; read: number; write: number } {
  return {
    input: prices.input,
    read: prices.cacheRead ?? prices.input * CACHE_READ_FACTOR,
    write: prices.cacheWrite ?? prices.input * CACHE_WRITE_FACTOR,
  };
}

/**
 * Monthly saving from caching a prefix of `tokens` tokens on a call made `callsPerDay` times a day:
 * uncached input minus (cache writes + cache reads), with {@link MAX_CACHE_WRITES_PER_DAY} writes a day
 * (or one per call when there are fewer calls). Negative when writes cost more than reads save.
 * @example cacheSavingPerMonth(2000, lookupModel('claude-sonnet-4-5')!, 1000) // ≈ 102.4
 */
export function cacheSavingPerMonth(tokens: number, prices: ModelPrices, callsPerDay: number): number {
  const rates = cacheRates(prices);
  const writes = Math.min(callsPerDay, MAX_CACHE_WRITES_PER_DAY);
  const reads = callsPerDay - writes;
  const perDay = (tokens * (callsPerDay * rates.input - writes * rates.write - reads * rates.read)) / TOKENS_PER_PRICE_UNIT;
  return perDay * DAYS_PER_MONTH;
}
