import { bareModelName, splitModelId } from '../tokens/model-id';
import { lookupModel } from './catalogue';
import { parseClaudeId } from './claude-id';

/**
 * Tier ladders within a provider family, most expensive first (COST-MODEL.md, "Prices": gpt-5 → gpt-5-mini
 * → gpt-5-nano; claude-opus → claude-sonnet → claude-haiku; gemini-2.5-pro → flash → flash-lite).
 * Ids are ones the providers' APIs accept (Claude 3.x by their `-latest` aliases, since the bare
 * `claude-3-5-sonnet` is not an API id), so a fix can put them in code as they are. A unit test checks that
 * every entry is in the genai-prices catalogue and each step is cheaper in input and output price.
 * Where a model sits in several ladders, every ladder must continue the same way from it (tested too).
 */
export const TIER_LADDERS: ReadonlyArray<readonly string[]> = [
  // OpenAI
  ['gpt-5-pro', 'gpt-5', 'gpt-5-mini', 'gpt-5-nano'],
  ['gpt-5.1', 'gpt-5-mini', 'gpt-5-nano'],
  ['gpt-5.2-pro', 'gpt-5.2', 'gpt-5-mini', 'gpt-5-nano'],
  ['gpt-5.4-pro', 'gpt-5.4', 'gpt-5.4-mini', 'gpt-5.4-nano'],
  ['gpt-5.5-pro', 'gpt-5.5', 'gpt-5.4-mini', 'gpt-5.4-nano'],
  ['gpt-5.6-sol', 'gpt-5.6-terra', 'gpt-5.6-luna'],
  ['gpt-6-astra', 'gpt-6-sol', 'gpt-6-luna'],
  ['gpt-4.1', 'gpt-4.1-mini', 'gpt-4.1-nano'],
  ['gpt-4o', 'gpt-4o-mini'],
  ['gpt-4', 'gpt-4-turbo', 'gpt-3.5-turbo'],
  ['o1-pro', 'o1', 'o3-mini'],
  ['o3-pro', 'o3', 'o4-mini'],
  // Anthropic
  ['claude-opus-5', 'claude-sonnet-5', 'claude-haiku-4-5'],
  ['claude-opus-5-5', 'claude-sonnet-5', 'claude-haiku-4-5'],
  ['claude-opus-4-8', 'claude-sonnet-4-6', 'claude-haiku-4-5'],
  ['claude-opus-4-7', 'claude-sonnet-4-6', 'claude-haiku-4-5'],
  ['claude-opus-4-6', 'claude-sonnet-4-6', 'claude-haiku-4-5'],
  ['claude-opus-4-5', 'claude-sonnet-4-5', 'claude-haiku-4-5'],
  ['claude-opus-4-1', 'claude-sonnet-4-5', 'claude-haiku-4-5'],
  ['claude-opus-4-0', 'claude-sonnet-4-0', 'claude-haiku-4-5'],
  ['claude-3-opus-latest', 'claude-3-5-sonnet-latest', 'claude-3-5-haiku-latest', 'claude-3-haiku-20240307'],
  ['claude-3-7-sonnet-latest', 'claude-3-5-haiku-latest'],
  ['claude-3-sonnet-20240229', 'claude-3-haiku-20240307'],
  // Google
  ['gemini-3.1-pro-preview', 'gemini-3-flash-preview', 'gemini-3.1-flash-lite'],
  ['gemini-3-pro-preview', 'gemini-3-flash-preview', 'gemini-3.1-flash-lite'],
  ['gemini-3.5-flash', 'gemini-3.5-flash-lite'],
  ['gemini-2.5-pro', 'gemini-2.5-flash', 'gemini-2.5-flash-lite'],
  ['gemini-2.0-flash', 'gemini-2.0-flash-lite'],
  ['gemini-1.5-pro', 'gemini-1.5-flash'],
];

/** Spelling variants that name the same model: dates, `-latest`, Vertex `@date`, Bedrock `-v1:0`, Gemini `-002`. */
const VARIANT_SUFFIXES: readonly RegExp[] = [/@.*$/, /-v\d+(?::\d+)?$/, /-latest$/, /-\d{8}$/, /-\d{4}-\d{2}-\d{2}$/, /-\d{3,4}$/];
const BEDROCK_PREFIX = /^(?:[a-z]{2}\.)?anthropic\./;

const nextTier = new Map<string, string>();
for (const ladder of TIER_LADDERS) {
  for (let i = 0; i + 1 < ladder.length; i++) {
    const key = tierKey(ladder[i]);
    if (!nextTier.has(key)) nextTier.set(key, ladder[i + 1]);
  }
}

/**
 * The cheaper tiers of a model's family, nearest first, limited to ids the catalogue knows; empty when the
 * model is on no ladder or already the cheapest. Dated and aliased ids (`claude-sonnet-4-5-20250929`,
 * `gpt-4o-2024-08-06`, `claude-3-5-sonnet-latest`) find their ladder entry; a provider prefix is kept.
 * @example cheaperTiers('gpt-5-2025-08-07') // ['gpt-5-mini', 'gpt-5-nano']
 * @example cheaperTiers('openai/gpt-4o') // ['openai/gpt-4o-mini']
 */
export function cheaperTiers(modelId: string): string[] {
  let key = tierKey(modelId);
  if (!nextTier.has(key)) {
    const known = lookupModel(modelId);
    if (known) key = tierKey(known.id);
  }
  const { prefix } = splitModelId(modelId);
  const keep = prefix ? modelId.trim().slice(0, prefix.length + 1) : '';
  const tiers: string[] = [];
  const seen = new Set([key]);
  for (let next = nextTier.get(key); next !== undefined; next = nextTier.get(key)) {
    key = tierKey(next);
    if (seen.has(key)) break;
    seen.add(key);
    if (lookupModel(next)) tiers.push(keep + next);
  }
  return tiers;
}

/**
 * The nearest cheaper tier of a model's family, or undefined.
 * @example nextCheaperTier('claude-opus-4-1') // 'claude-sonnet-4-5'
 */
export function nextCheaperTier(modelId: string): string | undefined {
  return cheaperTiers(modelId)[0];
}

/**
 * The ladder key of a model id: spelling variants of one model share it.
 * @example tierKey('claude-3-5-sonnet-20241022') === tierKey('claude-3-5-sonnet-latest') // true
 */
export function tierKey(modelId: string): string {
  const name = bareModelName(modelId).replace(BEDROCK_PREFIX, '');
  const claude = name.startsWith('claude') ? parseClaudeId(name) : undefined;
  if (claude) return `claude:${claude.tier}:${claude.major}.${claude.minor}`;
  let key = name;
  for (let changed = true; changed; ) {
    changed = false;
    for (const suffix of VARIANT_SUFFIXES) {
      const stripped = key.replace(suffix, '');
      if (stripped !== key && stripped.length > 0) {
        key = stripped;
        changed = true;
      }
    }
  }
  return key;
}
