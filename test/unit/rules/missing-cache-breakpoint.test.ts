import { it } from 'node:test';
import assert from 'node:assert/strict';
import { mergeConfig } from '../../../server/src/config/load-config';
import { defaultConfig } from '../../../server/src/config/schema';
import { Engine } from '../../../server/src/engine';
import rule from '../../../server/src/rules/missing-cache-breakpoint';
import { applyEdits } from '../../../server/src/text/apply-edits';
import { RULE_ROOT, testRule, typeErrors } from '../../helpers/rule-tester';

/** About 1,970 Claude tokens of refund policy: over the 1,024-token minimum of Sonnet 4.5, under Haiku 4.5's 4,096. */
const POLICY = [
  'You are the billing assistant of Brightdesk. You draft refund decisions for the billing team.',
  ...Array.from({ length: 60 }, (_, i) => `${i + 1}. Orders in category ${i + 1} may be refunded within ${10 + i} days when the item is unused and the customer gives the order number.`),
].join('\n');

const ANTHROPIC = "import Anthropic from '@anthropic-ai/sdk';\nconst anthropic = new Anthropic();\n";

const sameFile = `${ANTHROPIC}
const REFUND_POLICY_SYSTEM = \`${POLICY}\`;

export async function draftRefund(reason: string) {
  return anthropic.messages.create({
    model: 'claude-sonnet-4-5',
    max_tokens: 800,
    system: REFUND_POLICY_SYSTEM,
    messages: [{ role: 'user', content: \`Reason given: \${reason}\` }],
  });
}
`;

const shorthand = `${ANTHROPIC}
export async function draftRefund(reason: string) {
  const system = \`${POLICY}\`;
  return anthropic.messages.stream({ model: 'claude-opus-4-1', max_tokens: 800, system, messages: [{ role: 'user', content: reason }] });
}
`;

const callFile = `${ANTHROPIC}import { REFUND_POLICY_SYSTEM } from './a';

export const draftRefund = (reason: string) =>
  anthropic.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 800, system: REFUND_POLICY_SYSTEM, messages: [{ role: 'user', content: reason }] });
`;

testRule(rule, {
  valid: [
    {
      name: 'the system prompt already carries cache_control',
      code: `${ANTHROPIC}const POLICY = \`${POLICY}\`;\nexport const f = (q: string) => anthropic.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 800, system: [{ type: 'text', text: POLICY, cache_control: { type: 'ephemeral' } }], messages: [{ role: 'user', content: q }] });\n`,
    },
    {
      name: 'a short system prompt (below the 1,024-token minimum)',
      code: `${ANTHROPIC}export const f = (q: string) => anthropic.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 800, system: 'You draft polite refund replies.', messages: [{ role: 'user', content: q }] });\n`,
    },
    {
      name: 'OpenAI caches long prefixes automatically',
      code: `import OpenAI from 'openai';\nconst openai = new OpenAI();\nconst POLICY = \`${POLICY}\`;\nexport const f = (q: string) => openai.responses.create({ model: 'gpt-4o', instructions: POLICY, input: q });\n`,
    },
    {
      name: 'Claude Haiku 4.5 caches only from 4,096 tokens',
      code: `${ANTHROPIC}const POLICY = \`${POLICY}\`;\nexport const f = (q: string) => anthropic.messages.create({ model: 'claude-haiku-4-5', max_tokens: 800, system: POLICY, messages: [{ role: 'user', content: q }] });\n`,
    },
    {
      name: 'at 100 calls a day cache writes could cost more than reads save',
      code: `${ANTHROPIC}const POLICY = \`${POLICY}\`;\nexport const f = (q: string) => anthropic.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 800, system: POLICY, messages: [{ role: 'user', content: q }] });\n`,
      config: { callsPerDay: 100 },
    },
    {
      name: 'a dynamic value at the head of the system prompt leaves no static prefix (cache-prefix-order reports it)',
      code: `${ANTHROPIC}export const f = (customer: string, q: string) => anthropic.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 800, system: \`Customer: \${customer}\\n${POLICY}\`, messages: [{ role: 'user', content: q }] });\n`,
    },
    {
      name: 'the call is here but its system prompt is in another file (reported there)',
      code: callFile.replace("'./a'", "'./prompts'"),
      files: { 'prompts.ts': `export const REFUND_POLICY_SYSTEM = \`${POLICY}\`;\n` },
    },
  ],
  invalid: [
    {
      name: 'a long system constant in the same file: wrapped in a cached text block',
      code: sameFile,
      errors: [
        {
          messageId: 'missing',
          message: /^The system prompt `REFUND_POLICY_SYSTEM` \(≈1,9\d\d static tokens\) is sent to claude-sonnet-4-5 without cache_control, so every call pays the full input price for it \(\$3 per million tokens; cache reads \$0\.30\)\. Caching it saves about \$10\d\/month at 1,000 calls\/day \(claude-sonnet-4-5 caches prefixes of 1,024\+ tokens; up to 288 cache writes a day counted\)\. Send it as a text block/,
          line: 'system: REFUND_POLICY_SYSTEM',
        },
      ],
      output: sameFile.replace('system: REFUND_POLICY_SYSTEM,', "system: [{ type: 'text', text: REFUND_POLICY_SYSTEM, cache_control: { type: 'ephemeral' } }],"),
    },
    {
      name: 'a shorthand `system` property on messages.stream',
      code: shorthand,
      errors: [{ messageId: 'missing', message: 'The system prompt `system`', line: 'messages.stream' }],
      output: shorthand.replace(' system, messages', " system: [{ type: 'text', text: system, cache_control: { type: 'ephemeral' } }], messages"),
    },
    {
      name: 'a long static head with a dynamic tail: reported, no fix (a block caching the tail would never be read)',
      code: `${ANTHROPIC}export const f = (customer: string, q: string) => anthropic.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 800, system: \`${POLICY}\\nCustomer: \${customer}\`, messages: [{ role: 'user', content: q }] });\n`,
      errors: [{ messageId: 'missing', message: 'The system prompt (≈1,9' }],
      output: null,
    },
    {
      name: 'AI SDK with a Claude model: reported with the providerOptions advice, no fix',
      code: `import { anthropic } from '@ai-sdk/anthropic';\nimport { generateText } from 'ai';\nconst SYSTEM = \`${POLICY}\`;\nexport const f = (q: string) => generateText({ model: anthropic('claude-sonnet-4-5'), system: SYSTEM, prompt: q });\n`,
      errors: [{ messageId: 'missing', message: "Send it as a system message with providerOptions: { anthropic: { cacheControl: { type: 'ephemeral' } } }." }],
      output: null,
    },
    {
      name: 'LangChain ChatAnthropic with a long SystemMessage: the static head of the messages',
      code: `import { ChatAnthropic } from '@langchain/anthropic';\nimport { SystemMessage, HumanMessage } from '@langchain/core/messages';\nconst llm = new ChatAnthropic({ model: 'claude-sonnet-4-5' });\nconst POLICY = \`${POLICY}\`;\nexport const f = (q: string) => llm.invoke([new SystemMessage(POLICY), new HumanMessage(q)]);\n`,
      errors: [{ messageId: 'missing', message: "The static head of this call's messages (≈1,9" }],
      output: null,
    },
    {
      name: 'the system prompt defined here, sent by a call in another file: reported here, fixed at the call',
      code: `export const REFUND_POLICY_SYSTEM = \`${POLICY}\`;\n`,
      files: { 'refunds.ts': callFile },
      errors: [{ messageId: 'missing', line: 'REFUND_POLICY_SYSTEM' }],
      // The fix edits refunds.ts only (checked below).
      output: `export const REFUND_POLICY_SYSTEM = \`${POLICY}\`;\n`,
    },
  ],
});

it('rule missing-cache-breakpoint: the fix for a system prompt from another file edits the call', () => {
  const files: Record<string, string> = { 'a.ts': `export const REFUND_POLICY_SYSTEM = \`${POLICY}\`;\n`, 'refunds.ts': callFile };
  const config = mergeConfig(defaultConfig(), { rules: { [rule.meta.id]: 'warning' } });
  const engine = new Engine({ config, rules: [rule], read: (path) => files[path.slice(RULE_ROOT.length + 1)] });
  const [analysis] = engine.analyzeFiles([`${RULE_ROOT}/a.ts`], Object.keys(files).map((f) => `${RULE_ROOT}/${f}`));
  engine.dispose();
  const edits = analysis.reports.flatMap((r) => r.fix?.edits ?? []);
  assert.ok(edits.every((e) => e.file === `${RULE_ROOT}/refunds.ts`));
  const fixed = applyEdits(callFile, edits);
  assert.equal(fixed, callFile.replace('system: REFUND_POLICY_SYSTEM,', "system: [{ type: 'text', text: REFUND_POLICY_SYSTEM, cache_control: { type: 'ephemeral' } }],"));
  assert.deepEqual(typeErrors({ 'a.ts': files['a.ts'], 'refunds.ts': fixed }), typeErrors(files));
});
