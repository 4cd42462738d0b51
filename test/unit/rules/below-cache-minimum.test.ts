import rule from '../../../server/src/rules/below-cache-minimum';
import { testRule } from '../../helpers/rule-tester';

/** About 1,970 Claude tokens: above Sonnet's 1,024-token minimum, below Haiku 4.5's 4,096. */
const POLICY = [
  'You are the billing assistant of Brightdesk. You draft refund decisions for the billing team.',
  ...Array.from({ length: 60 }, (_, i) => `${i + 1}. Orders in category ${i + 1} may be refunded within ${10 + i} days when the item is unused and the customer gives the order number.`),
].join('\n');

const ANTHROPIC = "import Anthropic from '@anthropic-ai/sdk';\nconst anthropic = new Anthropic();\n";

const politeDecline = `${ANTHROPIC}
export async function politeDecline(reason: string, locale: string) {
  return anthropic.messages.create({
    model: 'claude-sonnet-4-5',
    max_tokens: 300,
    system: [
      {
        type: 'text',
        text: 'You write short, kind replies declining refund requests and offer an account credit instead.',
        // cache_control here is meant to save money on every call
        cache_control: { type: 'ephemeral' },
      },
    ],
    messages: [{ role: 'user', content: \`Locale: \${locale}\\nReason given: \${reason}\` }],
  });
}
`;

testRule(rule, {
  valid: [
    {
      name: 'a long system prompt marked for caching',
      code: `${ANTHROPIC}const POLICY = \`${POLICY}\`;\nexport const f = (q: string) => anthropic.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 800, system: [{ type: 'text', text: POLICY, cache_control: { type: 'ephemeral' } }], messages: [{ role: 'user', content: q }] });\n`,
    },
    {
      name: 'no cache_control at all',
      code: `${ANTHROPIC}export const f = (q: string) => anthropic.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 300, system: 'You decline refunds kindly.', messages: [{ role: 'user', content: q }] });\n`,
    },
    {
      name: 'tools come before the system prompt in the prefix: their size is not known',
      code: `${ANTHROPIC}declare const tools: any[];\nexport const f = (q: string) => anthropic.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 300, tools, system: [{ type: 'text', text: 'You look up orders.', cache_control: { type: 'ephemeral' } }], messages: [{ role: 'user', content: q }] });\n`,
    },
    {
      name: 'a breakpoint on the last message of a growing conversation (history estimated at 2,000 tokens)',
      code: `${ANTHROPIC}type Msg = { role: 'user' | 'assistant'; content: string };\nexport const f = (history: Msg[], q: string) => anthropic.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 300, system: 'You are a support agent.', messages: [...history, { role: 'user', content: [{ type: 'text', text: q, cache_control: { type: 'ephemeral' } }] }] });\n`,
    },
    {
      name: 'the cached system text is imported: its size is seen in its own file',
      code: `${ANTHROPIC}import { POLICY } from './prompts';\nexport const f = (q: string) => anthropic.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 300, system: [{ type: 'text', text: POLICY, cache_control: { type: 'ephemeral' } }], messages: [{ role: 'user', content: q }] });\n`,
      files: { 'prompts.ts': `export const POLICY = \`${POLICY}\`;\n` },
    },
    {
      name: 'cache_control only mentioned in a comment',
      code: `${ANTHROPIC}export const f = (q: string) =>\n  anthropic.messages.create({\n    model: 'claude-sonnet-4-5',\n    max_tokens: 300,\n    // TODO: add cache_control once the prompt is longer\n    system: 'You decline refunds kindly.',\n    messages: [{ role: 'user', content: q }],\n  });\n`,
    },
  ],
  invalid: [
    {
      name: 'a short system block marked for caching (reported at the property, not the comment)',
      code: politeDecline,
      errors: [
        {
          messageId: 'below',
          message: /^cache_control marks a prefix of at most ≈\d\d tokens \(the system prompt\), below the 1,024-token minimum claude-sonnet-4-5 caches \(Anthropic's prompt caching documentation, minimum cacheable prompt length\)\. Nothing is cached/,
          line: "cache_control: { type: 'ephemeral' },",
        },
      ],
      output: null,
    },
    {
      name: 'Claude Haiku 4.5 needs 4,096 tokens',
      code: `${ANTHROPIC}const POLICY = \`${POLICY}\`;\nexport const f = (q: string) =>\n  anthropic.messages.create({ model: 'claude-haiku-4-5', max_tokens: 800, system: [{ type: 'text', text: POLICY, cache_control: { type: 'ephemeral' } }], messages: [{ role: 'user', content: q }] });\n`,
      errors: [{ messageId: 'below', message: /at most ≈1,9\d\d tokens \(the system prompt\), below the 4,096-token minimum claude-haiku-4-5 caches/ }],
      output: null,
    },
    {
      name: 'AI SDK: a breakpoint in the messages of a short request',
      code: `import { anthropic } from '@ai-sdk/anthropic';\nimport { generateText } from 'ai';\nexport const f = (q: string) =>\n  generateText({\n    model: anthropic('claude-sonnet-4-5'),\n    messages: [\n      { role: 'system', content: 'Classify the ticket as billing, bug or other.', providerOptions: { anthropic: { cacheControl: { type: 'ephemeral' } } } },\n      { role: 'user', content: q },\n    ],\n  });\n`,
      errors: [{ messageId: 'below', message: /at most ≈\d{3} tokens \(the whole request\), below the 1,024-token minimum/, line: 'cacheControl' }],
      output: null,
    },
  ],
});
