import { bareModelName } from '../../tokens/model-id';

/**
 * The most output tokens a model may write in one reply: without a cap in the request, this is the
 * worst case a call pays for. The genai-prices catalogue has no output limits, so they are listed here,
 * from the providers' model pages (OpenAI "Models" max output tokens; Anthropic "Models overview" max
 * output; Google Gemini API "Models" output token limit), most specific pattern first.
 */
const MAX_OUTPUT_TOKENS: ReadonlyArray<[RegExp, number]> = [
  // OpenAI
  [/^gpt-5/, 128_000],
  [/^gpt-4\.1/, 32_768],
  [/^gpt-4o/, 16_384],
  [/^gpt-4-turbo|^gpt-4-\d{4}-preview/, 4_096],
  [/^gpt-4(-\d+)?$/, 8_192],
  [/^gpt-3\.5/, 4_096],
  [/^o1-mini/, 65_536],
  [/^o\d/, 100_000],
  // Anthropic
  [/^claude-(opus-4-[5-9]|sonnet-4|haiku-4|3-7-sonnet)|^claude-(opus|sonnet|haiku)-[5-9]/, 64_000],
  [/^claude-opus-4/, 32_000],
  [/^claude-3-5/, 8_192],
  [/^claude-3/, 4_096],
  // Google
  [/^gemini-(2\.5|3)/, 65_536],
  [/^gemini-/, 8_192],
];

/**
 * Assumed worst case for a model missing from the table: gpt-4o's limit, the smallest output limit
 * of the current frontier chat models listed above.
 */
export const ASSUMED_MAX_OUTPUT_TOKENS = 16_384;

/**
 * A model's output limit per reply, and whether it comes from the table or is the assumed default.
 * @example maxOutputTokens('gpt-4o-2024-08-06') // { tokens: 16384, assumed: false }
 */
export function maxOutputTokens(modelId: string): { tokens: number; assumed: boolean } {
  const name = bareModelName(modelId).replace(/^(?:[a-z]{2}\.)?anthropic\./, '');
  for (const [pattern, tokens] of MAX_OUTPUT_TOKENS) if (pattern.test(name)) return { tokens, assumed: false };
  return { tokens: ASSUMED_MAX_OUTPUT_TOKENS, assumed: true };
}

/** Models whose output cap also counts hidden reasoning tokens (OpenAI o-series and gpt-5). */
export function isReasoningModel(modelId: string): boolean {
  return /^(o\d|gpt-5)/.test(bareModelName(modelId));
}
