import rule from '../../../server/src/rules/context-window-overflow';
import { testRule } from '../../helpers/rule-tester';

const OPENAI = "import OpenAI from 'openai';\nconst openai = new OpenAI();\n";
/** One line of policy text (a long prompt is written on many lines: a line over 20,000 characters reads as minified). */
const SENTENCE = 'Refunds are granted within thirty days of purchase when the product is unused.\n';
/** About 13,500 tokens of policy text (gpt-3.5-turbo's window is 16,385): fits, but not with a 4,096-token cap. */
const POLICY = SENTENCE.repeat(900);
/** About 18,000 tokens: too long for gpt-3.5-turbo on its own. */
const LONG_POLICY = SENTENCE.repeat(1200);

const ragStuffing = `${OPENAI}
const SYSTEM = 'Answer the question using only the documents below. Cite the document titles.';

export async function answer(allDocs: string[], question: string) {
  // promptcost: dynamic-tokens=127000
  return openai.chat.completions.create({
    model: 'gpt-4o',
    max_tokens: 2000,
    messages: [
      { role: 'system', content: SYSTEM },
      { role: 'user', content: \`\${allDocs.join('\\n\\n')}\\n\\nQuestion: \${question}\` },
    ],
  });
}
`;

testRule(rule, {
  valid: [
    {
      name: 'an ordinary chat call fits easily',
      code: `${OPENAI}export const f = (q: string) => openai.chat.completions.create({ model: 'gpt-4o', max_tokens: 500, messages: [{ role: 'system', content: 'You are terse.' }, { role: 'user', content: q }] });\n`,
    },
    {
      name: 'a long prompt on a model with a large window (gpt-4.1, 1M tokens)',
      code: `${OPENAI}const POLICY = \`${POLICY}\`;\nexport const f = (q: string) => openai.responses.create({ model: 'gpt-4.1', instructions: POLICY, input: q, max_output_tokens: 4000 });\n`,
    },
    {
      name: 'a model without a known window is not judged',
      code: `${OPENAI}const POLICY = \`${POLICY}\`;\nexport const f = (q: string) => openai.responses.create({ model: 'acme-internal-llm', instructions: POLICY, input: q });\n`,
    },
    {
      name: 'a call annotation counts once for the call, not once per prompt (2 × 70,000 would overflow gpt-4o)',
      code: `${OPENAI}const SYSTEM = 'Answer from the documents.';\nexport const f = (docs: string, q: string) =>\n  // promptcost: dynamic-tokens=70000\n  openai.responses.create({ model: 'gpt-4o', max_output_tokens: 1000, instructions: SYSTEM, input: \`\${docs}\\n\${q}\` });\n`,
    },
  ],
  invalid: [
    {
      name: 'retrieved documents stuffed into a gpt-4o call (annotated size)',
      code: ragStuffing,
      errors: [
        {
          messageId: 'call',
          message: /sends ≈127,\d{3} tokens \(\d+ static \+ ≈127,000 estimated dynamic\) and allows 2,000 output tokens: ≈129,\d{3} in all, beyond the 128,000-token context window of gpt-4o\./,
          line: "model: 'gpt-4o'",
        },
      ],
      output: null,
    },
    {
      name: 'a long static system prompt plus the output cap on gpt-3.5-turbo',
      code: `${OPENAI}const POLICY = \`${POLICY}\`;\nexport const f = (q: string) =>\n  openai.chat.completions.create({ model: 'gpt-3.5-turbo', max_tokens: 4096, messages: [{ role: 'system', content: POLICY }, { role: 'user', content: q }] });\n`,
      errors: [{ messageId: 'call', message: 'beyond the 16,385-token context window of gpt-3.5-turbo' }],
      output: null,
    },
    {
      name: 'an imported constant inside a messages array counts at the call',
      code: `${OPENAI}import { POLICY_PROMPT } from './policy';\nexport const f = (q: string) => openai.chat.completions.create({ model: 'gpt-3.5-turbo', messages: [{ role: 'system', content: POLICY_PROMPT }, { role: 'user', content: q }] });\n`,
      files: { 'policy.ts': `export const POLICY_PROMPT = \`${LONG_POLICY}\`;\n` },
      errors: [{ messageId: 'call', message: 'beyond the 16,385-token context window of gpt-3.5-turbo', line: "model: 'gpt-3.5-turbo'" }],
      output: null,
    },
    {
      name: 'a custom model with its own window, and an earlier limit',
      code: `${OPENAI}export const f = (q: string) => openai.chat.completions.create({ model: 'acme-8k', max_tokens: 7300, messages: [{ role: 'system', content: 'Summarise the ticket thread.' }, { role: 'user', content: q }] });\n`,
      config: { models: { 'acme-8k': { input: 1, output: 2, contextWindow: 8192 } } },
      options: { maxWindowShare: 0.9 },
      errors: [{ messageId: 'call', message: 'context window of acme-8k (limit set at 90%)' }],
      output: null,
    },
    {
      name: 'a prompt defined here, sent by a call in another file, is already too long on its own',
      code: `export const POLICY_PROMPT = \`${LONG_POLICY}\`;\n`,
      files: {
        'support.ts': "import { generateText } from 'ai';\nimport { openai } from '@ai-sdk/openai';\nimport { POLICY_PROMPT } from './a';\nexport const f = (q: string) => generateText({ model: openai('gpt-3.5-turbo'), system: POLICY_PROMPT, prompt: q });\n",
      },
      errors: [{ messageId: 'remote', message: 'The prompt text defined here, sent by `ai-sdk.generateText` in support.ts, is 18,000 tokens', line: 'POLICY_PROMPT' }],
      output: null,
    },
  ],
});
