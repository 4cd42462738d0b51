import rule from '../../../server/src/rules/missing-output-cap';
import { testRule } from '../../helpers/rule-tester';

const OPENAI = "import OpenAI from 'openai';\nconst openai = new OpenAI();\n";
const ANTHROPIC = "import Anthropic from '@anthropic-ai/sdk';\nconst anthropic = new Anthropic();\n";

const chatMultiline = `${OPENAI}
export async function answer(question: string) {
  return openai.chat.completions.create({
    model: 'gpt-4o',
    messages: [
      { role: 'system', content: 'You answer questions about our billing plans.' },
      { role: 'user', content: question },
    ],
  });
}
`;

const responsesInline = `${OPENAI}
export const summarise = (text: string) => openai.responses.create({ model: 'gpt-5', instructions: 'Summarise the text.', input: text });
`;

const aiSdk = `import { anthropic } from '@ai-sdk/anthropic';
import { generateText } from 'ai';

const INSIGHTS_SYSTEM = 'You analyse a week of support tickets and suggest product changes.';

export async function weeklyInsights(digest: string) {
  const { text } = await generateText({
    model: anthropic('claude-opus-4-1'),
    system: INSIGHTS_SYSTEM,
    prompt: \`Tickets:\\n\${digest}\`
  });
  return text;
}
`;

const googleNoConfig = `import { GoogleGenAI } from '@google/genai';
const ai = new GoogleGenAI({});

export const draft = (topic: string) =>
  ai.models.generateContent({
    model: 'gemini-2.5-pro',
    contents: \`Write a help-centre article about \${topic}.\`, // the article brief
  });
`;

testRule(rule, {
  valid: [
    {
      name: 'a cap is set (max_tokens still counts on chat completions)',
      code: `${OPENAI}export const f = (q: string) => openai.chat.completions.create({ model: 'gpt-4o', max_tokens: 300, messages: [{ role: 'user', content: q }] });\n`,
    },
    {
      name: 'a cap set from a constant',
      code: `${OPENAI}const CAP = 400;\nexport const f = (q: string) => openai.responses.create({ model: 'gpt-4.1', input: q, max_output_tokens: CAP });\n`,
    },
    {
      name: 'a cheap model (gpt-4o-mini, $0.60 per million output tokens)',
      code: `${OPENAI}export const f = (q: string) => openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: q }] });\n`,
    },
    {
      name: 'the model is not visible (priced with the default model: not judged)',
      code: `${OPENAI}export const f = (model: string, q: string) => openai.chat.completions.create({ model, messages: [{ role: 'user', content: q }] });\n`,
    },
    {
      name: 'options spread from a shared object may carry the cap',
      code: `${OPENAI}const defaults = { max_completion_tokens: 500 };\nexport const f = (q: string) => openai.chat.completions.create({ ...defaults, model: 'gpt-4o', messages: [{ role: 'user', content: q }] });\n`,
    },
    {
      name: 'Google config given as a constant may carry the cap',
      code: `import { GoogleGenAI } from '@google/genai';\nconst ai = new GoogleGenAI({});\nconst CONFIG = { maxOutputTokens: 800 };\nexport const f = (q: string) => ai.models.generateContent({ model: 'gemini-2.5-pro', contents: q, config: CONFIG });\n`,
    },
    {
      name: 'a LangChain prompt template with no model visible',
      code: "import { ChatPromptTemplate } from '@langchain/core/prompts';\nexport const prompt = ChatPromptTemplate.fromMessages([['system', 'You are a helpful assistant for our docs.'], ['human', '{question}']]);\n",
    },
    {
      name: 'a higher threshold lets gpt-4o through',
      code: `${OPENAI}export const f = (q: string) => openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: q }] });\n`,
      options: { outputPriceAbove: 10 },
    },
  ],
  invalid: [
    {
      name: 'chat completions, multi-line options with a trailing comma',
      code: chatMultiline,
      errors: [{ messageId: 'missing', message: 'gpt-4o call ($10 per million output tokens): one reply may run to 16,384 tokens, up to $0.16 per call. Set `max_completion_tokens`', line: 'openai.chat.completions.create' }],
      output: chatMultiline.replace("    ],\n  });", "    ],\n    max_completion_tokens: 1024,\n  });"),
    },
    {
      name: 'responses API on one line, reasoning model gets the larger cap',
      code: responsesInline,
      errors: [{ messageId: 'missing', message: 'up to $1.28 per call. Set `max_output_tokens`' }],
      output: responsesInline.replace('input: text }', 'input: text, max_output_tokens: 8192 }'),
    },
    {
      name: 'AI SDK with Claude Opus, multi-line without a trailing comma, custom cap',
      code: aiSdk,
      options: { maxTokens: 2000 },
      errors: [{ messageId: 'missing', message: 'claude-opus-4-1 call ($75 per million output tokens): one reply may run to 32,000 tokens, up to $2.40 per call', line: 'generateText({' }],
      output: aiSdk.replace('${digest}`\n', '${digest}`,\n    maxOutputTokens: 2000\n'),
    },
    {
      name: 'Anthropic messages without max_tokens',
      code: `${ANTHROPIC}export const f = (q: string) => anthropic.messages.create({ model: 'claude-sonnet-4-5', messages: [{ role: 'user', content: q }], });\n`,
      errors: [{ messageId: 'missing', message: 'Set `max_tokens`' }],
      output: `${ANTHROPIC}export const f = (q: string) => anthropic.messages.create({ model: 'claude-sonnet-4-5', messages: [{ role: 'user', content: q }], max_tokens: 1024, });\n`,
    },
    {
      name: 'Google generateContent without config: the cap goes in a new config, after the end-of-line comment',
      code: googleNoConfig,
      errors: [{ messageId: 'missing', message: 'gemini-2.5-pro' }],
      output: googleNoConfig.replace('// the article brief\n', '// the article brief\n    config: { maxOutputTokens: 1024 },\n'),
    },
    {
      name: 'Google generateContent with a config object: reported, no fix (merging is left to the author)',
      code: `import { GoogleGenAI } from '@google/genai';\nconst ai = new GoogleGenAI({});\nexport const f = (q: string) => ai.models.generateContent({ model: 'gemini-2.5-pro', contents: q, config: { temperature: 0.2 } });\n`,
      errors: [{ messageId: 'missing', message: 'Set `maxOutputTokens`' }],
      output: null,
    },
    {
      name: 'a LangChain prompt template piped into a chat model without maxTokens: reported, no fix',
      code: "import { ChatOpenAI } from '@langchain/openai';\nimport { ChatPromptTemplate } from '@langchain/core/prompts';\nconst llm = new ChatOpenAI({ model: 'gpt-4o' });\nconst prompt = ChatPromptTemplate.fromMessages([['system', 'You answer questions about our billing plans.'], ['human', '{question}']]);\nexport const chain = prompt.pipe(llm);\n",
      errors: [{ messageId: 'missing', message: 'No output cap on this gpt-4o call', line: 'ChatPromptTemplate.fromMessages' }],
      output: null,
    },
    {
      name: 'LangChain chat model built without maxTokens: reported, no fix',
      code: "import { ChatOpenAI } from '@langchain/openai';\nconst llm = new ChatOpenAI({ model: 'gpt-4.1', temperature: 0 });\nexport const ask = (q: string) => llm.invoke(`Answer briefly: ${q}`);\n",
      errors: [{ messageId: 'missing', message: 'a max output tokens setting where the model is configured' }],
      output: null,
    },
  ],
});
