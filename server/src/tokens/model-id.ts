/**
 * Model id spelling helpers shared by tokens/ and pricing/.
 * Code names models in several ways: `gpt-4o`, `openai/gpt-4o` (AI SDK gateway, OpenRouter, LiteLLM),
 * `openai:gpt-4o` (genai-prices CLI), `ft:gpt-4o-mini-2024-07-18:org::id` (OpenAI fine-tunes),
 * `anthropic.claude-3-5-sonnet-20240620-v1:0` (Bedrock).
 */

/** Provider names accepted before `:` (a bare `x:` is only a prefix when x is one of these; `gpt-4o:extended` is a model). */
const COLON_PREFIXES = new Set(['openai', 'anthropic', 'google', 'gemini', 'vertex', 'google-vertex', 'azure', 'bedrock']);

/** A model id split into an optional provider prefix and the model name. */
export interface SplitModelId {
  /** Lower-cased prefix before the first `/` (or a known `provider:`), when there is one. */
  prefix?: string;
  /** The model name: trimmed, lower-cased, without the prefix. */
  model: string;
}

/**
 * Splits `provider/model` or `provider:model` into its parts; lower-cases and trims.
 * @example splitModelId('OpenAI/gpt-4o') // { prefix: 'openai', model: 'gpt-4o' }
 * @example splitModelId('gpt-4o:extended') // { model: 'gpt-4o:extended' }
 */
export function splitModelId(id: string): SplitModelId {
  const clean = id.trim().toLowerCase();
  const slash = clean.indexOf('/');
  if (slash > 0 && slash < clean.length - 1) return { prefix: clean.slice(0, slash), model: clean.slice(slash + 1) };
  const colon = clean.indexOf(':');
  if (colon > 0 && COLON_PREFIXES.has(clean.slice(0, colon))) return { prefix: clean.slice(0, colon), model: clean.slice(colon + 1) };
  return { model: clean };
}

/**
 * The bare model name: provider prefixes removed (all path segments), OpenAI fine-tune wrappers unwrapped,
 * lower-cased and trimmed.
 * @example bareModelName('openai/gpt-4o') // 'gpt-4o'
 * @example bareModelName('ft:gpt-4o-mini-2024-07-18:acme::abc123') // 'gpt-4o-mini-2024-07-18'
 */
export function bareModelName(id: string): string {
  let model = splitModelId(id).model;
  const lastSlash = model.lastIndexOf('/');
  if (lastSlash >= 0) model = model.slice(lastSlash + 1);
  if (model.startsWith('ft:')) model = model.slice(3).split(':')[0];
  return model;
}
