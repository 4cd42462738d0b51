import tiktokenModelToEncoding from 'tiktoken/model_to_encoding.json';
import { bareModelName } from './model-id';

/** Byte-pair encodings promptcost counts with (names as in OpenAI's tiktoken). */
export type EncodingName = 'o200k_base' | 'cl100k_base' | 'o200k_harmony' | 'p50k_base' | 'r50k_base';

/** Who makes a model: decides the tokenizer and whether counts are exact. */
export type ModelFamily = 'openai' | 'anthropic' | 'google' | 'other';

/** The tokenizer used for a model. */
export interface TokenizerChoice {
  encoding: EncodingName;
  family: ModelFamily;
  /** True when the count is an estimate (no public tokenizer for the model, or the model is unknown). */
  approximate: boolean;
}

/**
 * Encoding for OpenAI's open-weight gpt-oss models. tiktoken (Python) names it `o200k_harmony`, but the
 * JS/WASM tiktoken 1.0.22 installed here does not know it (`get_encoding('o200k_harmony')` throws
 * "Invalid encoding"). o200k_harmony is o200k_base's vocabulary and split pattern plus extra special tokens
 * (tiktoken_ext/openai_public.py), and we encode special tokens as plain text (`encode_ordinary`), so
 * o200k_base gives the same count: we use it and keep the count exact.
 */
const GPT_OSS_ENCODING: EncodingName = 'o200k_base';

/**
 * tiktoken encodings outside {@link EncodingName} mapped to the one with the same vocabulary and split
 * pattern: `p50k_edit` is p50k_base plus FIM special tokens; `gpt2` has r50k_base's ranks and pattern.
 * Special tokens never occur in `encode_ordinary` output, so counts are identical.
 */
const ENCODING_ALIASES: Readonly<Record<string, EncodingName>> = {
  o200k_base: 'o200k_base',
  o200k_harmony: GPT_OSS_ENCODING,
  cl100k_base: 'cl100k_base',
  p50k_base: 'p50k_base',
  p50k_edit: 'p50k_base',
  r50k_base: 'r50k_base',
  gpt2: 'r50k_base',
};

/** Exact model → encoding table shipped with tiktoken 1.0.22 (node_modules/tiktoken/model_to_encoding.json). */
const EXACT_MODELS: Readonly<Record<string, string>> = tiktokenModelToEncoding;

/**
 * Prefix rules for OpenAI ids newer than tiktoken's table (COST-MODEL.md, "Tokens"), first match wins.
 * Order matters: `gpt-4o`/`gpt-4.1` must be tested before the cl100k `gpt-4` rule.
 */
const OPENAI_PREFIX_RULES: ReadonlyArray<{ pattern: RegExp; encoding: EncodingName }> = [
  { pattern: /^gpt-oss/, encoding: GPT_OSS_ENCODING },
  { pattern: /^(?:gpt-5|gpt-4\.1|gpt-4\.5|gpt-4o|chatgpt-4o)/, encoding: 'o200k_base' },
  { pattern: /^o[134](?:-|$)/, encoding: 'o200k_base' },
  { pattern: /^(?:gpt-4(?:-|$)|gpt-3\.5|gpt-35)/, encoding: 'cl100k_base' },
];

/** Any other `gpt-*` id (gpt-6, gpt-image-1, gpt-realtime…): OpenAI's current vocabulary, marked approximate. */
const OPENAI_UNKNOWN_PATTERN = /^(?:gpt-|chatgpt-|codex-)/;
const CLAUDE_PATTERN = /(?:^|\.)claude/; // `claude-…`, Bedrock `anthropic.claude-…`
const GOOGLE_PATTERN = /^(?:gemini|gemma)/;

/** Tokenizer choices are asked for every prompt; ids are few, so a small memo is enough. */
const MEMO_LIMIT = 1000;
const memo = new Map<string, TokenizerChoice>();

/**
 * The tokenizer for a model id: the exact tiktoken encoding for OpenAI models, an o200k-based estimate
 * (`approximate: true`) for Claude, Gemini/Gemma and unknown models. Provider prefixes
 * (`openai/gpt-4o`, `anthropic/claude-…`) and fine-tune wrappers (`ft:gpt-4o-…:org::id`) are accepted.
 * @example tokenizerFor('gpt-4') // { encoding: 'cl100k_base', family: 'openai', approximate: false }
 * @example tokenizerFor('anthropic/claude-sonnet-4-5') // { encoding: 'o200k_base', family: 'anthropic', approximate: true }
 */
export function tokenizerFor(model: string): TokenizerChoice {
  const cached = memo.get(model);
  if (cached) return cached;
  const choice = Object.freeze(resolveTokenizer(bareModelName(model)));
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(model, choice);
  return choice;
}

/**
 * The family of a model id (openai, anthropic, google or other).
 * @example modelFamily('google/gemini-2.5-pro') // 'google'
 */
export function modelFamily(model: string): ModelFamily {
  return tokenizerFor(model).family;
}

/**
 * The encoding name tiktoken can load for an {@link EncodingName} (o200k_harmony → o200k_base, see above).
 * @example loadableEncoding('o200k_harmony') // 'o200k_base'
 */
export function loadableEncoding(encoding: EncodingName): Exclude<EncodingName, 'o200k_harmony'> {
  return encoding === 'o200k_harmony' ? 'o200k_base' : encoding;
}

function resolveTokenizer(name: string): TokenizerChoice {
  const exact = EXACT_MODELS[name];
  if (exact !== undefined) {
    const encoding = ENCODING_ALIASES[exact];
    if (encoding) return { encoding, family: 'openai', approximate: false };
  }
  for (const rule of OPENAI_PREFIX_RULES) {
    if (rule.pattern.test(name)) return { encoding: rule.encoding, family: 'openai', approximate: false };
  }
  if (CLAUDE_PATTERN.test(name)) return { encoding: 'o200k_base', family: 'anthropic', approximate: true };
  if (GOOGLE_PATTERN.test(name)) return { encoding: 'o200k_base', family: 'google', approximate: true };
  if (OPENAI_UNKNOWN_PATTERN.test(name)) return { encoding: 'o200k_base', family: 'openai', approximate: true };
  return { encoding: 'o200k_base', family: 'other', approximate: true };
}
