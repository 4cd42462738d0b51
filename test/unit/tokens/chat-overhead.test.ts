import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { get_encoding } from 'tiktoken';
import { chatOverhead, REPLY_PRIMING_TOKENS, TOKENS_PER_MESSAGE, TOKENS_PER_NAME, TOKENS_PER_ROLE } from '../../../server/src/tokens/chat-overhead';

// The example from OpenAI's cookbook "How to count tokens with tiktoken", section 6, whose prompt_tokens the
// API reported as 129 (gpt-3.5-turbo, gpt-4-0613, gpt-4: cl100k_base) and 124 (gpt-4o, gpt-4o-mini: o200k_base).
const COOKBOOK_MESSAGES: Array<{ role: string; name?: string; content: string }> = [
  { role: 'system', content: 'You are a helpful, pattern-following assistant that translates corporate jargon into plain English.' },
  { role: 'system', name: 'example_user', content: 'New synergies will help drive top-line growth.' },
  { role: 'system', name: 'example_assistant', content: 'Things working well together will increase revenue.' },
  { role: 'system', name: 'example_user', content: "Let's circle back when we have more bandwidth to touch base on opportunities for increased leverage." },
  { role: 'system', name: 'example_assistant', content: "Let's talk later when we're less busy about how to do better." },
  { role: 'user', content: "This late pivot means we don't have time to boil the ocean for the client deliverable." },
];
const API_PROMPT_TOKENS = { cl100k_base: 129, o200k_base: 124 } as const;

describe('chatOverhead', () => {
  it('is 0 without messages', () => {
    assert.equal(chatOverhead(0), 0);
  });

  it('uses the cookbook constants', () => {
    assert.equal(TOKENS_PER_MESSAGE, 3);
    assert.equal(TOKENS_PER_NAME, 1);
    assert.equal(REPLY_PRIMING_TOKENS, 3);
    assert.equal(chatOverhead(1), 3 + 1 + 3);
    assert.equal(chatOverhead(2, 1), 2 * (3 + 1) + 1 + 3);
  });

  it('role names are one token each in both encodings', () => {
    for (const name of ['cl100k_base', 'o200k_base'] as const) {
      const encoder = get_encoding(name);
      for (const role of ['system', 'user', 'assistant', 'tool', 'developer']) assert.equal(encoder.encode_ordinary(role).length, TOKENS_PER_ROLE, `${role} in ${name}`);
      encoder.free();
    }
  });

  for (const name of ['cl100k_base', 'o200k_base'] as const) {
    it(`contents + names + overhead reproduce the API's prompt_tokens for the cookbook example (${name})`, () => {
      const encoder = get_encoding(name);
      const content = COOKBOOK_MESSAGES.reduce((sum, m) => sum + encoder.encode_ordinary(m.content).length + (m.name ? encoder.encode_ordinary(m.name).length : 0), 0);
      const named = COOKBOOK_MESSAGES.filter((m) => m.name).length;
      encoder.free();
      assert.equal(content + chatOverhead(COOKBOOK_MESSAGES.length, named), API_PROMPT_TOKENS[name]);
    });
  }
});
