import rule from '../../../server/src/rules/unbounded-history';
import { testRule } from '../../helpers/rule-tester';

const OPENAI = "import OpenAI from 'openai';\nconst openai = new OpenAI();\n";
const ANTHROPIC = "import Anthropic from '@anthropic-ai/sdk';\nconst anthropic = new Anthropic();\n";

const aiSdkRoute = (messages: string) =>
  [
    "import { openai } from '@ai-sdk/openai';",
    "import { streamText, convertToModelMessages } from 'ai';",
    'export async function POST(req: Request) {',
    '  const { messages } = await req.json();',
    '  const result = streamText({',
    "    model: openai('gpt-4o'),",
    "    system: 'You are the Acme support assistant. Answer in two sentences.',",
    `    messages: ${messages},`,
    '  });',
    '  return result.toUIMessageStreamResponse();',
    '}',
    '',
  ].join('\n');

const openaiSpread = (history: string) =>
  `${OPENAI}export async function answer(history: any[], question: string) {\n  const res = await openai.chat.completions.create({\n    model: 'gpt-4o',\n    messages: [\n      { role: 'system', content: 'You answer questions about our billing.' },\n      ${history},\n      { role: 'user', content: question },\n    ],\n  });\n  return res.choices[0].message.content;\n}\n`;

const cliLoop = (messages: string) =>
  `${OPENAI}export async function main(ask: () => Promise<string>) {\n  const messages: any[] = [{ role: 'system', content: 'You are a concise TypeScript tutor.' }];\n  while (true) {\n    messages.push({ role: 'user', content: await ask() });\n    const completion = await openai.chat.completions.create({ model: 'gpt-4o', ${messages} });\n    messages.push({ role: 'assistant', content: completion.choices[0].message.content });\n  }\n}\n`;

const moduleArray = (messages: string) =>
  `${OPENAI}const history: any[] = [];\nexport async function chat(input: string) {\n  history.push({ role: 'user', content: input });\n  const res = await openai.chat.completions.create({ model: 'gpt-4o', ${messages} });\n  history.push(res.choices[0].message);\n  return res.choices[0].message.content;\n}\n`;

const anthropicSession = (messages: string) =>
  `import Anthropic from '@anthropic-ai/sdk';\nexport class TutorSession {\n  private client = new Anthropic();\n  private messages: any[] = [];\n  async send(text: string) {\n    this.messages.push({ role: 'user', content: text });\n    const res = await this.client.messages.create({ model: 'claude-3-5-haiku-latest', max_tokens: 800, system: 'You are a friendly maths tutor.', messages: ${messages} });\n    return res.content;\n  }\n}\n`;

const placeholderChain = (extra: string) =>
  [
    "import { ChatOpenAI } from '@langchain/openai';",
    "import { ChatPromptTemplate, MessagesPlaceholder } from '@langchain/core/prompts';",
    extra,
    "const model = new ChatOpenAI({ model: 'gpt-4o' });",
    'export const prompt = ChatPromptTemplate.fromMessages([',
    "  ['system', 'You are a helpful assistant. Answer all questions to the best of your ability.'],",
    "  new MessagesPlaceholder('history'),",
    "  ['human', '{input}'],",
    ']);',
    'export const chain = prompt.pipe(model);',
    '',
  ].join('\n');

testRule(rule, {
  valid: [
    {
      name: 'an array grown every turn but only ever sent through a trim function',
      code: `${OPENAI}function fitHistory(turns: any[]) {\n  return turns.slice(-12);\n}\nexport async function repl(ask: () => Promise<string>) {\n  const turns: any[] = [];\n  for (;;) {\n    const q = await ask();\n    const res = await openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'system', content: 'You are a terse assistant.' }, ...fitHistory(turns), { role: 'user', content: q }] });\n    turns.push({ role: 'user', content: q }, { role: 'assistant', content: res.choices[0].message.content });\n  }\n}\n`,
    },
    {
      name: 'a messages array handed to a LangChain trimmer before the model',
      code: "import { trimMessages, SystemMessage, HumanMessage } from '@langchain/core/messages';\nconst trimmer = trimMessages({ maxTokens: 2000, strategy: 'last' } as any);\nexport async function build(history: any[], q: string) {\n  return trimmer.invoke([new SystemMessage('You answer HR questions.'), ...history, new HumanMessage(q)]);\n}\n",
    },
    {
      name: 'a converter that maps stored rows to messages (its callers are checked where they send)',
      code: 'export function toMessages(rows: { role: string; text: string }[]) {\n  return rows.map((r) => ({ role: r.role, content: r.text }));\n}\n',
    },
    { name: 'spread history sliced to the last 20 messages', code: openaiSpread('...history.slice(-20)') },
    { name: 'request messages sliced before conversion (AI SDK route)', code: aiSdkRoute('convertToModelMessages(messages.slice(-20))') },
    { name: 'LangChain placeholder fed through trimMessages', code: placeholderChain("import { trimMessages } from '@langchain/core/messages';\nexport const trimmer = trimMessages({ maxTokens: 2000, strategy: 'last' });") },
    {
      name: 'few-shot examples spread from a constant array',
      code: `${OPENAI}const EXAMPLES = [\n  { role: 'user' as const, content: 'I love this product!' },\n  { role: 'assistant' as const, content: 'positive' },\n];\nexport const classify = (text: string) =>\n  openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'system', content: 'Classify the sentiment as positive or negative.' }, ...EXAMPLES, { role: 'user', content: text }] });\n`,
    },
    {
      name: "an agent's tool loop over a local array (its scratchpad within one task)",
      code: `${OPENAI}export async function runAgent(task: string, tools: any[]) {\n  const messages: any[] = [{ role: 'system', content: 'You are an agent. Use the tools.' }, { role: 'user', content: task }];\n  for (let step = 0; step < 8; step++) {\n    const res = await openai.chat.completions.create({ model: 'gpt-4o', messages, tools });\n    const msg = res.choices[0].message;\n    messages.push(msg);\n    if (!msg.tool_calls) return msg.content;\n    for (const call of msg.tool_calls) messages.push({ role: 'tool', tool_call_id: call.id, content: 'done' });\n  }\n}\n`,
    },
    {
      name: 'history loaded with a row limit (Prisma take)',
      code: `${OPENAI}import { prisma } from './db';\nexport async function reply(chatId: string, text: string) {\n  const rows = await prisma.message.findMany({ where: { chatId }, orderBy: { createdAt: 'desc' }, take: 20 });\n  const history = rows.reverse().map((m: any) => ({ role: m.role, content: m.content }));\n  return openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'system', content: 'You are helpful.' }, ...history, { role: 'user', content: text }] });\n}\n`,
      files: { 'db.ts': 'export const prisma: any = {};\n' },
    },
    { name: 'a module array kept short with shift()', code: moduleArray('messages: history').replace('  const res', '  if (history.length > 20) history.shift();\n  const res') },
    { name: 'a single-turn messages array', code: `${OPENAI}export async function summarize(text: string) {\n  const messages: any[] = [{ role: 'system', content: 'Summarize in three bullets.' }, { role: 'user', content: text }];\n  return openai.chat.completions.create({ model: 'gpt-4o-mini', messages });\n}\n` },
    { name: "a wrapper passing its caller's `messages` through", code: `${OPENAI}export async function complete(messages: any[]) {\n  return openai.chat.completions.create({ model: 'gpt-4o-mini', messages, max_tokens: 300 });\n}\n` },
  ],
  invalid: [
    {
      name: 'AI SDK route: the request messages converted whole (fix slices them before conversion)',
      code: aiSdkRoute('convertToModelMessages(messages)'),
      errors: [{ messageId: 'unbounded', message: /a 10-turn conversation costs \$0\.\d+ and a 50-turn one \$1\.\d\d \(≈490,000 history tokens\)/, line: 'messages: convertToModelMessages' }],
      output: aiSdkRoute('convertToModelMessages(messages.slice(-20))'),
    },
    {
      name: 'OpenAI: history spread after the system message',
      code: openaiSpread('...history'),
      errors: [{ messageId: 'unbounded', message: 'Chat history `...history` is sent whole', line: '...history' }],
      output: openaiSpread('...history.slice(-20)'),
    },
    {
      name: 'Anthropic: history spread first (the system prompt is a separate parameter)',
      code: `${ANTHROPIC}export async function respond(history: any[], text: string) {\n  return anthropic.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 1024, system: 'You are a support agent for Acme.', messages: [...history, { role: 'user', content: text }] });\n}\n`,
      errors: [{ messageId: 'unbounded', message: 'on claude-sonnet-4-5', line: 'messages: [...history' }],
      output: `${ANTHROPIC}export async function respond(history: any[], text: string) {\n  return anthropic.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 1024, system: 'You are a support agent for Acme.', messages: [...history.slice(-20), { role: 'user', content: text }] });\n}\n`,
    },
    {
      name: 'a chat loop pushing every turn onto an array that starts with the system message (fix keeps it first)',
      code: cliLoop('messages'),
      errors: [{ messageId: 'unbounded', line: 'const completion' }],
      output: cliLoop('messages: [messages[0], ...messages.slice(1).slice(-20)]'),
    },
    {
      name: 'a module-level array with no system message, grown on every call',
      code: moduleArray('messages: history'),
      errors: [{ messageId: 'unbounded', message: 'Chat history `history`', line: 'const res' }],
      output: moduleArray('messages: history.slice(-20)'),
    },
    {
      name: 'a class field grown on every call (Anthropic), with keepMessages 10',
      code: anthropicSession('this.messages'),
      options: { keepMessages: 10 },
      errors: [{ messageId: 'unbounded', message: 'keeping the last 10 messages', line: 'const res' }],
      output: anthropicSession('this.messages.slice(-10)'),
    },
    {
      name: 'the whole request body sent to OpenAI: the messages may hold the system prompt, so no fix',
      code: `${OPENAI}export async function POST(req: Request) {\n  const { messages } = await req.json();\n  return openai.chat.completions.create({ model: 'gpt-4o-mini', messages });\n}\n`,
      errors: [{ messageId: 'unbounded', message: 'Chat history `messages`', line: 'return openai' }],
      output: null,
    },
    {
      name: 'a LangChain history placeholder fed by an unbounded message history: reported, no text fix',
      code: placeholderChain("import { InMemoryChatMessageHistory } from '@langchain/core/chat_history';\nexport const store = new InMemoryChatMessageHistory();"),
      errors: [{ messageId: 'unbounded', message: "new MessagesPlaceholder('history')", line: 'new MessagesPlaceholder' }],
      output: null,
    },
    {
      name: 'exact conversation prices with a custom model ($1/M input, free output) and 1,000-token turns',
      code: `${OPENAI}export const reply = (history: any[], q: string) =>\n  openai.chat.completions.create({ model: 'my-model', messages: [{ role: 'system', content: 'Be brief.' }, ...history, { role: 'user', content: q }] });\n`,
      config: { models: { 'my-model': { input: 1, output: 0 } }, dynamicTokens: { user: 0 } },
      options: { tokensPerTurn: 1000 },
      errors: [{ messageId: 'unbounded', message: 'a 10-turn conversation costs $0.045 and a 50-turn one $1.23 (≈1,225,000 history tokens); keeping the last 20 messages brings the 50-turn one to $0.45.' }],
      output: `${OPENAI}export const reply = (history: any[], q: string) =>\n  openai.chat.completions.create({ model: 'my-model', messages: [{ role: 'system', content: 'Be brief.' }, ...history.slice(-20), { role: 'user', content: q }] });\n`,
    },
    {
      name: 'an unknown model: tokens instead of prices',
      code: `${OPENAI}export const reply = (history: any[], q: string) =>\n  openai.chat.completions.create({ model: 'acme-llm-7', messages: [{ role: 'system', content: 'Be brief.' }, ...history, { role: 'user', content: q }] });\n`,
      errors: [{ messageId: 'unboundedNoPrice', message: 'a 50-turn conversation resends ≈490,000 history tokens' }],
      output: `${OPENAI}export const reply = (history: any[], q: string) =>\n  openai.chat.completions.create({ model: 'acme-llm-7', messages: [{ role: 'system', content: 'Be brief.' }, ...history.slice(-20), { role: 'user', content: q }] });\n`,
    },
  ],
});
