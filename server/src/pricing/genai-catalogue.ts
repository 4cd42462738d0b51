import { calcPrice, findProvider, type MatchLogic, type ModelPrice, type PriceCalculation } from '@pydantic/genai-prices';
import { LruCache } from '../tokens/lru-cache';
import { splitModelId } from '../tokens/model-id';
import { CONTEXT_WINDOW_FALLBACKS } from './context-window-fallbacks';
import type { ModelPrices, PriceProvider, PriceTier, RateKey } from './model-prices';

/**
 * Access to @pydantic/genai-prices' bundled catalogue. Only `calcPrice` and `findProvider` are used, with
 * the data shipped in the package: `updatePrices` is never called, so nothing is fetched at run time.
 */

/** Distinct model ids seen in a session are few, but typing produces many partial ids; keep the memo bounded. */
const LOOKUP_CACHE_ENTRIES = 5_000;

/** genai-prices provider ids of the three providers promptcost advises on. */
export const MAJOR_PROVIDER_IDS = ['openai', 'anthropic', 'google'] as const;

/** Per-million-token price keys in genai-prices' data (prices/units.yml) and our names for them. */
const RATE_KEYS: ReadonlyArray<[string, RateKey]> = [
  ['input_mtok', 'input'],
  ['output_mtok', 'output'],
  ['cache_read_mtok', 'cacheRead'],
  ['cache_write_mtok', 'cacheWrite'],
  ['cache_write_1h_mtok', 'cacheWrite1h'],
];

/** `requests_kcount` is USD per 1,000 requests (genai-prices README, "Pricing fields"). */
const REQUESTS_PER_KCOUNT = 1_000;

/** When a provider prefix is not a catalogue provider (`meta-llama/llama-3…`), OpenRouter's ids often are. */
const ROUTER_PROVIDER_ID = 'openrouter';

const lookups = new LruCache<string, ModelPrices | null>(LOOKUP_CACHE_ENTRIES);

/**
 * The catalogue's prices for a model id (with `provider/model` or `provider:model` prefixes accepted),
 * or undefined when the catalogue does not know it. Results are cached and frozen.
 * @example catalogueModel('openai/gpt-4o')?.input // 2.5
 */
export function catalogueModel(id: string): ModelPrices | undefined {
  const key = id.trim().toLowerCase();
  const cached = lookups.get(key);
  if (cached !== undefined) return cached ?? undefined;
  const calculation = resolve(key);
  const prices = calculation ? toModelPrices(calculation) : null;
  lookups.set(key, prices);
  return prices ?? undefined;
}

/**
 * Maps a genai-prices provider id to our provider families: Google's Gemini/Vertex variants → google.
 * @example priceProvider('google-vertex') // 'google'
 */
export function priceProvider(providerId: string): PriceProvider {
  const id = providerId.toLowerCase();
  if (id === 'openai' || id === 'anthropic') return id;
  if (id.startsWith('google') || id.includes('gemini') || id.includes('vertex')) return 'google';
  return 'other';
}

/** A catalogue model as listed by its provider: id, the literal names its match rule accepts, and status. */
export interface CatalogueListing {
  id: string;
  names: string[];
  deprecated: boolean;
}

/**
 * Models of the major providers (openai, anthropic, google) with the literal names their match rules
 * accept (`equals` and `starts_with` values).
 */
export function majorProviderListings(): CatalogueListing[] {
  const listings: CatalogueListing[] = [];
  for (const providerId of MAJOR_PROVIDER_IDS) {
    const provider = findProvider({ providerId });
    for (const model of provider?.models ?? []) {
      listings.push({ id: model.id, names: literalNames(model.match), deprecated: model.deprecated === true });
    }
  }
  return listings;
}

function literalNames(match: MatchLogic): string[] {
  if ('or' in match) return match.or.flatMap(literalNames);
  if ('and' in match) return match.and.flatMap(literalNames);
  if ('equals' in match) return [match.equals];
  if ('starts_with' in match) return [match.starts_with];
  return [];
}

function resolve(id: string): PriceCalculation | null {
  const { prefix, model } = splitModelId(id);
  if (prefix) {
    const provider = findProvider({ providerId: prefix });
    const viaProvider = provider ? price(model, provider.id) : null;
    if (viaProvider) return viaProvider;
    return price(model) ?? price(id, ROUTER_PROVIDER_ID);
  }
  return price(model);
}

function price(modelId: string, providerId?: string): PriceCalculation | null {
  try {
    return calcPrice({ input_tokens: 0, output_tokens: 0 }, modelId, providerId ? { providerId } : undefined);
  } catch {
    return null; // malformed catalogue entry: treat the model as unknown rather than crash a scan
  }
}

function toModelPrices(calculation: PriceCalculation): ModelPrices {
  const rates: Partial<Record<RateKey, number>> = {};
  const tiers: Partial<Record<RateKey, readonly PriceTier[]>> = {};
  for (const [priceKey, rate] of RATE_KEYS) {
    const value = calculation.model_price[priceKey];
    if (typeof value === 'number') rates[rate] = value;
    else if (isTiered(value)) {
      rates[rate] = value.base;
      tiers[rate] = Object.freeze([...value.tiers].sort((a, b) => a.start - b.start).map((t) => Object.freeze({ start: t.start, price: t.price })));
    }
  }
  const requests = requestsPrice(calculation.model_price);
  const modelInfo = calculation.model;
  const prices: ModelPrices = {
    id: modelInfo.id,
    provider: priceProvider(calculation.provider.id),
    input: rates.input ?? 0,
    output: rates.output ?? 0,
    custom: false,
  };
  if (rates.cacheRead !== undefined) prices.cacheRead = rates.cacheRead;
  if (rates.cacheWrite !== undefined) prices.cacheWrite = rates.cacheWrite;
  if (rates.cacheWrite1h !== undefined) prices.cacheWrite1h = rates.cacheWrite1h;
  const contextWindow = modelInfo.context_window ?? CONTEXT_WINDOW_FALLBACKS[modelInfo.id]?.tokens;
  if (contextWindow !== undefined) prices.contextWindow = contextWindow;
  if (Object.keys(tiers).length > 0) prices.tiers = Object.freeze(tiers);
  if (requests !== undefined) prices.perRequest = requests;
  return Object.freeze(prices);
}

function requestsPrice(modelPrice: ModelPrice): number | undefined {
  const value = modelPrice['requests_kcount'];
  return typeof value === 'number' && value > 0 ? value / REQUESTS_PER_KCOUNT : undefined;
}

function isTiered(value: unknown): value is { base: number; tiers: PriceTier[] } {
  return typeof value === 'object' && value !== null && typeof (value as { base?: unknown }).base === 'number' && Array.isArray((value as { tiers?: unknown }).tiers);
}
