import rule from '../../../server/src/rules/unknown-model';
import { testRule } from '../../helpers/rule-tester';

const OPENAI = "import OpenAI from 'openai';\nconst openai = new OpenAI();\n";
const CUSTOM = { models: { 'acme-llm-v2': { input: 1, output: 2 } } };

const typo = `${OPENAI}
export async function answer(question: string) {
  return openai.chat.completions.create({
    model: 'gpt-4o-mnii',
    max_completion_tokens: 300,
    messages: [
      { role: 'system', content: 'You answer questions about our billing plans.' },
      { role: 'user', content: question },
    ],
  });
}
`;

const sharedConstant = `${OPENAI}
const MODEL = 'gpt-5-mnii';
export const summarise = (text: string) => openai.responses.create({ model: MODEL, instructions: 'Summarise the text in three bullet points.', input: text });
export const title = (text: string) => openai.responses.create({ model: MODEL, instructions: 'Write a short title for the text.', input: text });
`;

const aiSdk = `import { openai } from '@ai-sdk/openai';
import { generateText } from 'ai';

export const classify = (ticket: string) =>
  generateText({ model: openai('gemini-pro-2.5'), system: 'Classify the support ticket as billing, bug or other.', prompt: ticket, maxOutputTokens: 20 });
`;

const farTypo = `import { GoogleGenAI } from '@google/genai';
const ai = new GoogleGenAI({});
export const draft = (topic: string) => ai.models.generateContent({ model: 'gemini-2.5-flh-lte', contents: \`Write a short help-centre article about \${topic}.\`, config: { maxOutputTokens: 800 } });
`;

const custom = `${OPENAI}export const f = (q: string) => openai.chat.completions.create({ model: 'acme-llm-v3', max_tokens: 100, messages: [{ role: 'user', content: \`Answer briefly: \${q}\` }] });\n`;

testRule(rule, {
  valid: [
    {
      name: 'a catalogue model',
      code: `${OPENAI}export const f = (q: string) => openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: q }] });\n`,
    },
    {
      name: 'a provider-prefixed catalogue model',
      code: `${OPENAI}export const f = (q: string) => openai.chat.completions.create({ model: 'openai/gpt-4o', messages: [{ role: 'user', content: q }] });\n`,
    },
    {
      name: 'a model configured under models',
      code: `${OPENAI}export const f = (q: string) => openai.chat.completions.create({ model: 'acme-llm-v2', messages: [{ role: 'user', content: q }] });\n`,
      config: CUSTOM,
    },
    {
      name: 'a model from a parameter (dynamic: priced with the default model, said in the hover)',
      code: `${OPENAI}export const f = (model: string, q: string) => openai.chat.completions.create({ model, messages: [{ role: 'user', content: q }] });\n`,
    },
    {
      name: 'a model from an environment variable',
      code: `${OPENAI}export const f = (q: string) => openai.chat.completions.create({ model: process.env.MODEL, messages: [{ role: 'user', content: q }] });\n`,
    },
    {
      name: 'no model visible at all',
      code: "import { ChatPromptTemplate } from '@langchain/core/prompts';\nexport const prompt = ChatPromptTemplate.fromMessages([['system', 'You are a helpful assistant for our docs.'], ['human', '{question}']]);\n",
    },
    {
      name: 'an ignored model id (case-insensitive)',
      code: `${OPENAI}export const f = (q: string) => openai.chat.completions.create({ model: 'llama3.1:8b', messages: [{ role: 'user', content: q }] });\n`,
      options: { ignore: ['LLAMA3.1:8B'] },
    },
  ],
  invalid: [
    {
      name: 'a typo: reported on the literal, the fix replaces only the id',
      code: typo,
      errors: [
        {
          messageId: 'suggestion',
          message: "Unknown model 'gpt-4o-mnii': not in the price catalogue, so this prompt is not priced. Did you mean 'gpt-4o-mini'?",
          line: "model: 'gpt-4o-mnii'",
        },
      ],
      output: typo.replace("'gpt-4o-mnii'", "'gpt-4o-mini'"),
    },
    {
      name: 'a misspelt constant shared by two calls: one report, on the constant',
      code: sharedConstant,
      errors: [{ messageId: 'suggestion', message: "Unknown model 'gpt-5-mnii': not in the price catalogue, so the prompts of these 2 calls are not priced. Did you mean 'gpt-5-mini'?", line: 'const MODEL' }],
      output: sharedConstant.replace("'gpt-5-mnii'", "'gpt-5-mini'"),
    },
    {
      name: 'name parts in another order inside a provider helper',
      code: aiSdk,
      errors: [{ messageId: 'suggestion', message: "Did you mean 'gemini-2.5-pro'?", line: 'generateText(' }],
      output: aiSdk.replace("'gemini-pro-2.5'", "'gemini-2.5-pro'"),
    },
    {
      name: 'a suggestion three edits away is named, not offered as a fix',
      code: farTypo,
      errors: [{ messageId: 'suggestion', message: "Unknown model 'gemini-2.5-flh-lte': not in the price catalogue, so this prompt is not priced. Did you mean 'gemini-2.5-flash-lite'?" }],
      output: null,
    },
    {
      name: 'nothing close: says how to price it, no fix',
      code: `${OPENAI}export const f = (q: string) => openai.chat.completions.create({ model: 'my-private-llm', messages: [{ role: 'user', content: q }] });\n`,
      errors: [
        {
          messageId: 'unknown',
          message: "Unknown model 'my-private-llm': not in the price catalogue, so this prompt is not priced. Add its prices under `models` in .promptcost.json (or the promptcost.models setting).",
        },
      ],
      output: null,
    },
    {
      name: 'a configured custom model is suggested for a near miss',
      code: custom,
      config: CUSTOM,
      errors: [{ messageId: 'suggestion', message: "Did you mean 'acme-llm-v2'?" }],
      output: custom.replace("'acme-llm-v3'", "'acme-llm-v2'"),
    },
    {
      name: 'a model= annotation: reported at the prompt, no fix (the id is in a comment)',
      code: `${OPENAI}// promptcost: model=gpt-4o-mnii\nexport const f = (q: string) => openai.responses.create({ model: 'gpt-4o', instructions: 'Summarise the text in three bullet points.', input: q });\n`,
      errors: [{ messageId: 'suggestion', message: "Unknown model 'gpt-4o-mnii' (from the promptcost annotation): not in the price catalogue, so these 2 prompts are not priced.", line: 'instructions:' }],
      output: null,
    },
    {
      name: 'a model constant imported from another file: reported on the call, no fix here',
      code: `${OPENAI}import { MODEL } from './models';\nexport const f = (q: string) => openai.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: q }] });\n`,
      files: { 'models.ts': "export const MODEL = 'gpt-4o-mnii';\n" },
      errors: [{ messageId: 'suggestion', message: "Unknown model 'gpt-4o-mnii' (the model of `openai.chat.completions.create`)", line: 'openai.chat.completions.create' }],
      output: null,
    },
  ],
});
