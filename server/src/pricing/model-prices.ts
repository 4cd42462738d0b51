/** Provider families promptcost prices and advises for (same names as `ModelFamily` in tokens/encodings). */
export type PriceProvider = 'openai' | 'anthropic' | 'google' | 'other';

/** The per-token rates a model has. */
export type RateKey = 'input' | 'output' | 'cacheRead' | 'cacheWrite' | 'cacheWrite1h';

/** A price step: when a call's total input tokens exceed `start`, the rate becomes `price` (USD per million). */
export interface PriceTier {
  start: number;
  price: number;
}

/**
 * Prices of one model in USD per million tokens (base tier).
 * Catalogue models come from @pydantic/genai-prices' bundled data; custom models from settings `models`.
 */
export interface ModelPrices {
  /** The catalogue's model id (e.g. `claude-sonnet-4-5` for `claude-sonnet-4-5-20250929`), or the custom id as written. */
  id: string;
  provider: PriceProvider;
  /** Uncached input tokens. */
  input: number;
  output: number;
  /** Cache reads (cached input); when absent, cache reads cost the input rate. */
  cacheRead?: number;
  /** Cache writes (Anthropic 5-minute TTL, OpenAI explicit writes); when absent, cache writes cost the input rate. */
  cacheWrite?: number;
  /** Anthropic 1-hour cache writes. */
  cacheWrite1h?: number;
  /** Context window (input token limit), from the catalogue, custom settings or a documented fallback table. */
  contextWindow?: number;
  /** True for prices from settings `models` (simple per-MTok rates, no tiers). */
  custom: boolean;
  /**
   * Long-context prices (catalogue only): per rate, ascending steps applied when the call's total input
   * tokens (uncached + cache reads + cache writes) exceed `start`, as genai-prices computes them.
   */
  tiers?: Readonly<Partial<Record<RateKey, readonly PriceTier[]>>>;
  /** A fixed fee per request in USD (catalogue `requests_kcount` / 1000), for the few models that have one. */
  perRequest?: number;
}
