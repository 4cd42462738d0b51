import { bareModelName } from '../tokens/model-id';
import { modelFamily } from '../tokens/encodings';
import { lookupModel } from './catalogue';
import { parseClaudeId, type ClaudeTier } from './claude-id';

/** The smallest prompt prefix a provider caches for a model. */
export interface CacheMinimum {
  tokens: number;
  /** Where the number comes from. */
  source: string;
  /** True when caching needs explicit markers in the request (Anthropic `cache_control`); false for automatic/implicit caching. */
  explicit: boolean;
}

const ANTHROPIC_SOURCE =
  'COST-MODEL.md "Prompt caching" (Anthropic minimum cacheable prefix: 1024 Sonnet 4.x, Opus 4.1/4; 2048 Opus 4.7, Haiku 3.5; 4096 Opus 4.5/4.6, Haiku 4.5); Claude 3.x: Anthropic prompt caching docs, minimum cacheable prompt length';
const OPENAI_SOURCE = 'COST-MODEL.md "Prompt caching" (OpenAI: automatic for prompts of 1024 tokens or more, in 128-token increments)';
const GEMINI_SOURCE =
  'COST-MODEL.md "Prompt caching" (Gemini 2.5+: implicit caching, per-model minimum 1024–4096); Google Gemini API docs, context caching: 1024 for Flash models, 4096 for Pro models';

/** Anthropic minimums by `tier major.minor`; a `tier major.*` key covers a whole generation. */
const ANTHROPIC_MINIMUMS: Readonly<Record<string, number>> = {
  'sonnet 4.*': 1024,
  'opus 4.0': 1024,
  'opus 4.1': 1024,
  'opus 4.5': 4096,
  'opus 4.6': 4096,
  'opus 4.7': 2048,
  'haiku 4.5': 4096,
  'haiku 3.5': 2048,
  'haiku 3.0': 2048,
  'sonnet 3.*': 1024,
  'opus 3.*': 1024,
};

/** OpenAI's automatic caching threshold (COST-MODEL.md). */
const OPENAI_MINIMUM_TOKENS = 1024;
/** Gemini implicit caching starts with the 2.5 generation (COST-MODEL.md). */
const GEMINI_IMPLICIT_FROM_VERSION = 2.5;
const GEMINI_FLASH_MINIMUM_TOKENS = 1024;
const GEMINI_PRO_MINIMUM_TOKENS = 4096;
const GEMINI_VERSIONED = /^gemini-(\d+(?:\.\d+)?)-(pro|flash)/;

/**
 * The minimum cacheable prefix of a model, or undefined when caching does not apply or the minimum is not
 * documented (Claude models newer than COST-MODEL.md lists, Gemini before 2.5, OpenAI models the catalogue
 * gives no cached-input price).
 * @example cacheMinimum('claude-haiku-4-5-20251001') // { tokens: 4096, explicit: true, source: … }
 * @example cacheMinimum('gpt-4o') // { tokens: 1024, explicit: false, source: … }
 */
export function cacheMinimum(modelId: string): CacheMinimum | undefined {
  const family = modelFamily(modelId);
  if (family === 'anthropic') return anthropicMinimum(modelId);
  if (family === 'openai') {
    // OpenAI caches automatically on the models that bill cached input (gpt-4o and later); the catalogue's
    // cached-input price tells which those are.
    if (lookupModel(modelId)?.cacheRead === undefined) return undefined;
    return { tokens: OPENAI_MINIMUM_TOKENS, source: OPENAI_SOURCE, explicit: false };
  }
  if (family === 'google') return geminiMinimum(modelId);
  return undefined;
}

function anthropicMinimum(modelId: string): CacheMinimum | undefined {
  const version = parseClaudeId(bareModelName(modelId));
  if (!version) return undefined;
  const tokens = ANTHROPIC_MINIMUMS[key(version.tier, version.major, String(version.minor))] ?? ANTHROPIC_MINIMUMS[key(version.tier, version.major, '*')];
  return tokens === undefined ? undefined : { tokens, source: ANTHROPIC_SOURCE, explicit: true };
}

function key(tier: ClaudeTier, major: number, minor: string): string {
  return `${tier} ${major}.${minor}`;
}

function geminiMinimum(modelId: string): CacheMinimum | undefined {
  const match = GEMINI_VERSIONED.exec(bareModelName(modelId));
  if (!match || Number(match[1]) < GEMINI_IMPLICIT_FROM_VERSION) return undefined;
  const tokens = match[2] === 'pro' ? GEMINI_PRO_MINIMUM_TOKENS : GEMINI_FLASH_MINIMUM_TOKENS;
  return { tokens, source: GEMINI_SOURCE, explicit: false };
}
