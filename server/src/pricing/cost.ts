import type { ModelPrices, RateKey } from './model-prices';

export { formatUsd } from './format-usd';

/** Tokens of one call. `input` is the uncached input; cache reads and writes are counted separately. */
export interface TokenUsage {
  input: number;
  cacheRead?: number;
  cacheWrite?: number;
  output: number;
}

/** Cost of one call in USD, by part. */
export interface CallCost {
  input: number;
  cacheRead: number;
  cacheWrite: number;
  output: number;
  /** All parts plus any per-request fee; equals genai-prices' `calcPrice(...).total_price` for catalogue models. */
  total: number;
}

/** Monthly cost = cost per call × calls per day × 30 (COST-MODEL.md, "Prices"). */
export const DAYS_PER_MONTH = 30;

/** Prices are per million tokens (`_mtok` keys, genai-prices README "Pricing fields"). */
const TOKENS_PER_PRICE_UNIT = 1_000_000;

/**
 * Cost of one call in USD. Catalogue models are priced the way genai-prices' `calcPrice` prices them,
 * tiers included (a tier applies when total input tokens — uncached + cache reads + cache writes — exceed
 * its start). Cache reads/writes of a model without a cache price are charged at the input rate, as
 * `calcPrice` does; in `total` they are folded into the input part in the same order `calcPrice` adds them,
 * so `total` matches it to the last bit for integer token counts.
 * @example callCost({ input: 1000, output: 500 }, lookupModel('gpt-4o')!) // { input: 0.0025, …, output: 0.005, total: 0.0075 }
 */
export function callCost(usage: TokenUsage, model: ModelPrices): CallCost {
  const input = tokens(usage.input);
  const cacheRead = tokens(usage.cacheRead);
  const cacheWrite = tokens(usage.cacheWrite);
  const output = tokens(usage.output);
  const totalInput = input + cacheRead + cacheWrite;
  const readKey: RateKey = model.cacheRead !== undefined ? 'cacheRead' : 'input';
  const writeKey: RateKey = model.cacheWrite !== undefined ? 'cacheWrite' : 'input';

  const parts = {
    input: partCost(model, 'input', input, totalInput),
    cacheRead: partCost(model, readKey, cacheRead, totalInput),
    cacheWrite: partCost(model, writeKey, cacheWrite, totalInput),
    output: partCost(model, 'output', output, totalInput),
  };

  // calcPrice's order: the input leaf (uncached plus any cache tokens without their own price), then
  // cache writes, then cache reads, then output, then per-request fees.
  const foldedInput = input + (readKey === 'input' ? cacheRead : 0) + (writeKey === 'input' ? cacheWrite : 0);
  let inputSide = partCost(model, 'input', foldedInput, totalInput);
  if (writeKey === 'cacheWrite') inputSide += parts.cacheWrite;
  if (readKey === 'cacheRead') inputSide += parts.cacheRead;
  const total = inputSide + parts.output + (model.perRequest ?? 0);
  return { ...parts, total };
}

/**
 * Cost per month of a call made `callsPerDay` times a day, over {@link DAYS_PER_MONTH} days.
 * @example monthlyCost(0.0031, 1000) // 93
 */
export function monthlyCost(perCall: number, callsPerDay: number): number {
  return perCall * callsPerDay * DAYS_PER_MONTH;
}

/** A non-negative finite token count (absent, negative or NaN → 0). */
function tokens(value: number | undefined): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : 0;
}

/** The cost of `count` tokens at one rate, with genai-prices' arithmetic (so results compare exactly). */
function partCost(model: ModelPrices, key: RateKey, count: number, totalInput: number): number {
  const base = model[key] ?? 0;
  const steps = model.tiers?.[key];
  if (!steps) return (base * count) / TOKENS_PER_PRICE_UNIT;
  if (count <= 0) return 0;
  let rate = base;
  for (const step of steps) if (totalInput > step.start) rate = step.price;
  // calcPrice prices tiered keys as (rate × count / 1e6) × 1e6 / 1e6; the same steps keep results identical.
  return (((rate * count) / TOKENS_PER_PRICE_UNIT) * TOKENS_PER_PRICE_UNIT) / TOKENS_PER_PRICE_UNIT;
}
