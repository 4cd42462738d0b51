import { it } from 'node:test';
import assert from 'node:assert/strict';
import { mergeConfig } from '../../../server/src/config/load-config';
import { defaultConfig } from '../../../server/src/config/schema';
import { Engine } from '../../../server/src/engine';
import rule from '../../../server/src/rules/cheaper-model-tier';
import { applyEdits } from '../../../server/src/text/apply-edits';
import { RULE_ROOT, testRule } from '../../helpers/rule-tester';

const OPENAI = "import OpenAI from 'openai';\nconst openai = new OpenAI();\n";
const ANTHROPIC = "import Anthropic from '@anthropic-ai/sdk';\nconst anthropic = new Anthropic();\n";

const yesNo = `${ANTHROPIC}
/** Routes incoming chat messages to the billing flow. */
export async function isRefundRequest(message: string): Promise<boolean> {
  const response = await anthropic.messages.create({
    model: 'claude-opus-4-1',
    max_tokens: 5,
    messages: [
      {
        role: 'user',
        content: \`Is the following customer message asking for a refund? Answer "yes" or "no" only.\\n\\n\${message}\`,
      },
    ],
  });
  return JSON.stringify(response.content).includes('yes');
}
`;

const triage = `${OPENAI}
const URGENCY_INSTRUCTIONS = \`Decide whether a new support ticket is urgent. A ticket is urgent when the customer cannot send email or log in.
Answer with JSON.\`;

export async function isUrgent(subject: string, body: string) {
  // promptcost: calls-per-day=5000
  const response = await openai.responses.create({
    model: 'gpt-4o-2024-08-06',
    instructions: URGENCY_INSTRUCTIONS,
    input: \`Subject: \${subject}\\n\\n\${body}\`,
    max_output_tokens: 16,
    text: { format: { type: 'json_schema', name: 'urgency', strict: true, schema: { type: 'object', properties: { urgent: { type: 'string', enum: ['yes', 'no'] } }, required: ['urgent'] } } },
  });
  return response.output_text;
}
`;

const generateObjectCall = `import { generateObject } from 'ai';
import { openai } from '@ai-sdk/openai';
import { z } from 'zod';

export const categorise = (ticket: string) =>
  generateObject({
    model: openai('gpt-4.1'),
    schema: z.object({ category: z.enum(['billing', 'bug', 'how-to', 'other']) }),
    system: 'Categorize the support ticket.',
    prompt: ticket,
  });
`;

const supportChat = `${OPENAI}export const reply = (history: string, question: string) =>
  openai.chat.completions.create({
    model: 'gpt-4o',
    messages: [
      { role: 'system', content: 'You are Sam, the support assistant of Brightdesk. Help customers with their accounts, billing plans and integrations. Be friendly and precise.' },
      { role: 'user', content: \`\${history}\\n\\n\${question}\` },
    ],
  });
`;

testRule(rule, {
  valid: [
    { name: 'an open-ended support chat on gpt-4o', code: supportChat },
    {
      name: 'a classification already on a small tier (gpt-4o-mini has no cheaper tier)',
      code: `${OPENAI}export const f = (t: string) => openai.chat.completions.create({ model: 'gpt-4o-mini', max_tokens: 3, messages: [{ role: 'system', content: 'Classify the ticket priority. Reply with one word: low, normal, high.' }, { role: 'user', content: t }] });\n`,
    },
    {
      name: 'a small tier is not "premium" even when it has a cheaper one (gpt-5-mini → gpt-5-nano)',
      code: `${OPENAI}export const f = (t: string) => openai.chat.completions.create({ model: 'gpt-5-mini', max_completion_tokens: 3, messages: [{ role: 'system', content: 'Classify the ticket priority. Reply with one word: low, normal, high.' }, { role: 'user', content: t }] });\n`,
    },
    {
      name: 'only one weak signal (extraction wording, no cap, no schema)',
      code: `${OPENAI}export const f = (invoice: string) => openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'system', content: 'Extract the invoice number and the total from the document and explain any discrepancy you notice.' }, { role: 'user', content: invoice }] });\n`,
    },
    {
      name: 'wording of a demanding job outweighs the small-task signals',
      code: `${ANTHROPIC}export const f = (report: string) => anthropic.messages.create({ model: 'claude-opus-4-1', max_tokens: 200, messages: [{ role: 'user', content: \`Classify the root cause of this incident. Think step by step through the logs before you answer.\\n\${report}\` }] });\n`,
    },
    {
      name: 'an agent with tools deciding whether to call one (tools count against a small task)',
      code: `${OPENAI}declare const tools: any[];\nexport const step = (task: string) => openai.chat.completions.create({ model: 'gpt-4o', max_tokens: 256, tools, messages: [{ role: 'system', content: 'You are an operations agent. Decide whether to call a tool or answer directly.' }, { role: 'user', content: task }] });\n`,
    },
    {
      name: 'a support conversation with history that also extracts order numbers',
      code: `${OPENAI}type Msg = { role: 'user' | 'assistant'; content: string };\nexport const reply = (history: Msg[], q: string) => openai.chat.completions.create({ model: 'gpt-4o', max_tokens: 200, messages: [{ role: 'system', content: 'You are the support assistant. Extract the order number when the customer gives one.' }, ...history, { role: 'user', content: q }] });\n`,
    },
    {
      name: 'the model is not visible (default model): no advice about a model the code does not choose',
      code: `${OPENAI}export const f = (model: string, t: string) => openai.chat.completions.create({ model, max_tokens: 1, messages: [{ role: 'user', content: \`Answer yes or no: is this spam?\\n\${t}\` }] });\n`,
    },
    {
      name: 'a prompt here, sent by a call elsewhere whose own cap and schema suffice: the call\'s file reports it',
      code: "export const SENTIMENT_PROMPT = 'Classify the sentiment of the review.';\n",
      files: { 'review.ts': `${OPENAI}import { SENTIMENT_PROMPT } from './a';\nexport const f = (r: string) => openai.responses.create({ model: 'gpt-4.1', instructions: SENTIMENT_PROMPT, input: r, max_output_tokens: 16, text: { format: { type: 'json_object' } } });\n` },
    },
    {
      name: 'the call is here, its classification prompt elsewhere and no cap or schema here: judged in the prompt\'s file',
      code: `${OPENAI}import { SENTIMENT_PROMPT } from './prompts';\nexport const f = (r: string) => openai.responses.create({ model: 'gpt-4.1', instructions: SENTIMENT_PROMPT, input: r });\n`,
      files: { 'prompts.ts': "export const SENTIMENT_PROMPT = 'Classify the sentiment of the review as positive, negative or neutral.';\n" },
    },
    {
      name: 'premiumModels limits the check to the listed models',
      code: yesNo,
      options: { premiumModels: ['gpt-5', 'gpt-4o'] },
    },
  ],
  invalid: [
    {
      name: 'Claude Opus for a yes/no question with max_tokens 5',
      code: yesNo,
      errors: [
        {
          messageId: 'cheaper',
          message: /^claude-opus-4-1 on what looks like a small task \(answer "yes or no", output capped at 5 tokens\)\. claude-sonnet-4-5 would cost about \$\d+(\.\d\d)?\/month less \(\$[\d.,]+ → \$[\d.,]+\/month at 1,000 calls\/day\); claude-haiku-4-5, the smallest tier, about \$\d+(\.\d\d)? less\. Confirm the quality with an eval before switching\.$/,
          line: "model: 'claude-opus-4-1'",
        },
      ],
      output: yesNo.replace("model: 'claude-opus-4-1'", "model: 'claude-sonnet-4-5'"),
    },
    {
      name: 'gpt-4o (dated id) deciding urgency with a 16-token JSON-schema answer, at 5,000 calls a day',
      code: triage,
      errors: [{ messageId: 'cheaper', message: /\(wording "decide whether", output capped at 16 tokens, structured output\)\. gpt-4o-mini would cost about \$[\d,]+\/month less .* at 5,000 calls\/day/ }],
      output: triage.replace("model: 'gpt-4o-2024-08-06'", "model: 'gpt-4o-mini'"),
    },
    {
      name: 'AI SDK generateObject with an enum schema on gpt-4.1',
      code: generateObjectCall,
      errors: [{ messageId: 'cheaper', message: 'small task (wording "categorize", structured output). gpt-4.1-mini would cost', line: "openai('gpt-4.1')" }],
      output: generateObjectCall.replace("openai('gpt-4.1')", "openai('gpt-4.1-mini')"),
    },
    {
      name: 'a LangChain model object shared by other calls: reported, no fix',
      code: "import { ChatOpenAI } from '@langchain/openai';\nconst llm = new ChatOpenAI({ model: 'gpt-4o', maxTokens: 200 });\nexport const toFrench = (text: string) => llm.invoke(`Translate the following sentence to French:\\n${text}`);\n",
      errors: [{ messageId: 'cheaper', message: 'gpt-4o on what looks like a small task (rewrite "translate", output capped at 200 tokens)' }],
      output: null,
    },
    {
      name: 'a classification prompt here, sent by a gpt-4.1 call in another file: reported here, the fix edits the call',
      code: "export const SENTIMENT_PROMPT = 'Classify the sentiment of the review as positive, negative or neutral.';\n",
      files: { 'review.ts': `${OPENAI}import { SENTIMENT_PROMPT } from './a';\nexport const f = (r: string) => openai.responses.create({ model: 'gpt-4.1', instructions: SENTIMENT_PROMPT, input: r });\n` },
      errors: [{ messageId: 'cheaper', message: 'gpt-4.1 (sent by `openai.responses.create` in review.ts) on what looks like a small task (wording "classify", "sentiment")', line: 'SENTIMENT_PROMPT' }],
      // The edit is in review.ts (the harness applies a.ts edits only).
      output: "export const SENTIMENT_PROMPT = 'Classify the sentiment of the review as positive, negative or neutral.';\n",
    },
    {
      name: 'an imported constant inside a messages array is part of the call\'s prompt here: reported at the call',
      code: `${OPENAI}import { SENTIMENT_PROMPT } from './prompts';\nexport const f = (r: string) => openai.chat.completions.create({ model: 'gpt-4.1', messages: [{ role: 'system', content: SENTIMENT_PROMPT }, { role: 'user', content: r }] });\n`,
      files: { 'prompts.ts': "export const SENTIMENT_PROMPT = 'Classify the sentiment of the review as positive, negative or neutral.';\n" },
      errors: [{ messageId: 'cheaper', message: 'gpt-4.1 on what looks like a small task (wording "classify", "sentiment")', line: 'export const f' }],
      output: `${OPENAI}import { SENTIMENT_PROMPT } from './prompts';\nexport const f = (r: string) => openai.chat.completions.create({ model: 'gpt-4.1-mini', messages: [{ role: 'system', content: SENTIMENT_PROMPT }, { role: 'user', content: r }] });\n`,
    },
    {
      name: 'a model constant used by several calls: reported at the call, no fix',
      code: `${OPENAI}const MODEL = 'gpt-4.1';\nexport const sentiment = (review: string) => openai.chat.completions.create({ model: MODEL, max_completion_tokens: 2, messages: [{ role: 'system', content: 'Classify the sentiment of the review as positive, negative or neutral.' }, { role: 'user', content: review }] });\nexport const reply = (q: string) => openai.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: q }] });\n`,
      errors: [{ messageId: 'cheaper', message: 'wording "classify", "sentiment", output capped at 2 tokens', line: 'export const sentiment' }],
      output: null,
    },
  ],
});

it('rule cheaper-model-tier: judged from a prompt in another file, the fix edits the model at the call', () => {
  const review = `${OPENAI}import { SENTIMENT_PROMPT } from './a';\nexport const f = (r: string) => openai.responses.create({ model: 'gpt-4.1', instructions: SENTIMENT_PROMPT, input: r });\n`;
  const files: Record<string, string> = { 'a.ts': "export const SENTIMENT_PROMPT = 'Classify the sentiment of the review.';\n", 'review.ts': review };
  const engine = new Engine({ config: mergeConfig(defaultConfig(), {}), rules: [rule], read: (path) => files[path.slice(RULE_ROOT.length + 1)] });
  const [analysis] = engine.analyzeFiles([`${RULE_ROOT}/a.ts`], Object.keys(files).map((f) => `${RULE_ROOT}/${f}`));
  engine.dispose();
  const edits = analysis.reports.flatMap((r) => r.fix?.edits ?? []);
  assert.equal(edits.length, 1);
  assert.equal(edits[0].file, `${RULE_ROOT}/review.ts`);
  assert.equal(applyEdits(review, edits), review.replace("model: 'gpt-4.1'", "model: 'gpt-4.1-mini'"));
});
