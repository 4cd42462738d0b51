/**
 * Tokens a chat format adds around message contents. Source: OpenAI Cookbook, "How to count tokens with
 * tiktoken" (`num_tokens_from_messages`, for gpt-3.5-turbo-0613 and later, gpt-4, gpt-4o, gpt-4o-mini);
 * its result matches the API's `prompt_tokens` (129 tokens with cl100k_base, 124 with o200k_base for the
 * cookbook's six example messages).
 */

/** Every message is wrapped as `<|start|>{role/name}\n{content}<|end|>\n`: 3 tokens (cookbook `tokens_per_message`). */
export const TOKENS_PER_MESSAGE = 3;

/**
 * The role value itself (`system`, `user`, `assistant`, `tool`, `developer`): the cookbook encodes it with
 * the content; each of these is one token in cl100k_base and o200k_base (checked in the unit test).
 */
export const TOKENS_PER_ROLE = 1;

/** A message with a `name` field costs one more token beyond the name's own tokens (cookbook `tokens_per_name`). */
export const TOKENS_PER_NAME = 1;

/** Every reply is primed with `<|start|>assistant<|message|>`: 3 tokens (cookbook). */
export const REPLY_PRIMING_TOKENS = 3;

/**
 * Chat framing tokens for a messages array, excluding the contents (and the `name` values) themselves:
 * per message the wrapper and the role, per named message one more token, plus the reply priming.
 * Zero when there are no messages (a plain completion prompt has no chat framing).
 * @example chatOverhead(2) // 2 × (3 + 1) + 3 = 11
 * @example chatOverhead(0) // 0
 */
export function chatOverhead(messageCount: number, namedMessages = 0): number {
  if (messageCount <= 0) return 0;
  return messageCount * (TOKENS_PER_MESSAGE + TOKENS_PER_ROLE) + namedMessages * TOKENS_PER_NAME + REPLY_PRIMING_TOKENS;
}
