import { createHash } from 'node:crypto';
import { get_encoding, type Tiktoken } from 'tiktoken';
import { loadableEncoding, tokenizerFor, type EncodingName } from './encodings';
import { LruCache } from './lru-cache';

/** Calibration factors over the o200k count for models without a public tokenizer (settings `tokenFactors`). */
export interface TokenFactors {
  anthropic: number;
  google: number;
}

/** A token count for one text and one model. */
export interface TokenCount {
  tokens: number;
  /** True for estimates (Claude, Gemini, unknown models). */
  approximate: boolean;
}

/** Cache effectiveness: a rescan of unchanged prompts should be all hits. */
export interface TokenCacheStats {
  hits: number;
  misses: number;
}

/**
 * Counts cached per (encoding, text). A prompt is typically 0.1–10 KB, so 50,000 entries stay within a
 * few MB of keys (long texts are keyed by a 28-character hash) while covering a large workspace's prompts.
 */
export const TOKEN_CACHE_ENTRIES = 50_000;

/**
 * Texts up to this many UTF-16 units are their own cache key (hashing them would cost more than it saves);
 * longer ones are keyed by their SHA-1 (28 base64 characters) so the cache does not pin large prompt
 * bodies in memory. A design choice, not a measured optimum.
 */
export const HASH_KEY_THRESHOLD = 256;

/**
 * Counts tokens with tiktoken's WASM encoders: each encoder is created once, on first use, and reused
 * (loading o200k takes ~200 ms, ARCHITECTURE.md); counts are cached by content in a bounded LRU, so a
 * rescan of unchanged prompts does not re-encode. Special-token text such as `<|endoftext|>` is counted as
 * ordinary text (`encode_ordinary`), never thrown on. Call {@link TokenCounter.dispose} to free the encoders.
 */
export class TokenCounter {
  /** Cache hits and misses of raw encodings since construction. */
  readonly stats: TokenCacheStats = { hits: 0, misses: 0 };
  private factors: TokenFactors;
  private readonly encoders = new Map<string, Tiktoken>();
  private readonly cache = new LruCache<string, number>(TOKEN_CACHE_ENTRIES);

  constructor(factors: TokenFactors) {
    this.factors = { ...factors };
  }

  /** Replaces the calibration factors (cached raw counts stay valid: factors apply after the cache). */
  setFactors(factors: TokenFactors): void {
    this.factors = { ...factors };
  }

  /**
   * Tokens of `text` for `model`: exact for OpenAI models; for Claude and Gemini the o200k count times the
   * family's factor, rounded; for unknown models the o200k count. The latter two are marked approximate.
   * @example new TokenCounter({ anthropic: 1.2, google: 1.1 }).count('hello world', 'gpt-4o') // { tokens: 2, approximate: false }
   */
  count(text: string, model: string): TokenCount {
    const tokenizer = tokenizerFor(model);
    const raw = this.countEncoding(text, tokenizer.encoding);
    const factor = tokenizer.family === 'anthropic' ? this.factors.anthropic : tokenizer.family === 'google' ? this.factors.google : 1;
    return { tokens: factor === 1 ? raw : Math.round(raw * factor), approximate: tokenizer.approximate };
  }

  /**
   * The exact number of tokens of `text` in `encoding` (tiktoken's `encode_ordinary(text).length`), cached.
   * @example counter.countEncoding('hello world', 'cl100k_base') // 2
   */
  countEncoding(text: string, encoding: EncodingName): number {
    if (text.length === 0) return 0;
    const loadable = loadableEncoding(encoding);
    const key = cacheKey(loadable, text);
    const cached = this.cache.get(key);
    if (cached !== undefined) {
      this.stats.hits++;
      return cached;
    }
    this.stats.misses++;
    const tokens = this.encoder(loadable).encode_ordinary(text).length;
    this.cache.set(key, tokens);
    return tokens;
  }

  /** Frees the WASM encoders (they are re-created if the counter is used again) and empties the cache. */
  dispose(): void {
    for (const encoder of this.encoders.values()) encoder.free();
    this.encoders.clear();
    this.cache.clear();
  }

  private encoder(encoding: Exclude<EncodingName, 'o200k_harmony'>): Tiktoken {
    let encoder = this.encoders.get(encoding);
    if (!encoder) {
      encoder = get_encoding(encoding);
      this.encoders.set(encoding, encoder);
    }
    return encoder;
  }
}

function cacheKey(encoding: string, text: string): string {
  if (text.length <= HASH_KEY_THRESHOLD) return `${encoding}\u0000t\u0000${text}`;
  return `${encoding}\u0000h\u0000${createHash('sha1').update(text).digest('base64')}`;
}
