import rule from '../../../server/src/rules/cache-prefix-order';
import { testRule } from '../../helpers/rule-tester';

const OPENAI = "import OpenAI from 'openai';\nconst openai = new OpenAI();\n";
/** About 1,400 tokens of instructions: over every provider's minimum cacheable prefix. */
const LONG = 'Follow the house style guide in every answer, cite the policy section you rely on, and keep a friendly tone. '.repeat(70).trim();
const RULES = 'Answer in two sentences. Quote the policy section you rely on. Never promise refunds the policy does not allow. Escalate legal threats to a human.';
/** Options for short fixtures: report from 20 static tokens on. */
const SHORT = { minCacheableTokens: 20 };

const chat = (system: string, model = 'gpt-4o') =>
  `${OPENAI}export async function reply(customer: { name: string; plan: string }, question: string) {\n  return openai.chat.completions.create({\n    model: '${model}',\n    messages: [\n      { role: 'system', content: \`${system}\` },\n      { role: 'user', content: question },\n    ],\n  });\n}\n`;

const aiSdk = (system: string) =>
  `import { generateText } from 'ai';\nimport { openai } from '@ai-sdk/openai';\nexport const answer = (user: { name: string }, prompt: string) =>\n  generateText({ model: openai('gpt-4.1'), system: \`${system}\`, prompt });\n`;

testRule(rule, {
  valid: [
    { name: 'static instructions first, customer data last', code: chat(`${LONG}\\n\\nCustomer: \${customer.name} (\${customer.plan} plan)`) },
    { name: 'constants and settings at the head are the same on every request', code: `const COMPANY = 'Acme';\n${chat(`You work for \${COMPANY} (\${process.env.REGION}).\\n${LONG}`)}` },
    { name: 'a short prompt: nothing worth caching after the dynamic part (default threshold)', code: chat(`Customer: \${customer.name}\\n${RULES}`) },
    { name: 'a model without prompt caching (gpt-4)', code: chat(`Customer: \${customer.name}\\n\\n${LONG}`, 'gpt-4') },
    { name: 'a date at the head is left to volatile-cache-prefix', code: chat(`Today is \${new Date().toISOString()}.\\n${RULES}`), options: SHORT },
    {
      name: "Anthropic: the system prompt travels apart, so the first message's order does not matter",
      code: `import Anthropic from '@anthropic-ai/sdk';\nconst anthropic = new Anthropic();\nexport const reply = (name: string, q: string) =>\n  anthropic.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 500, system: '${RULES}', messages: [{ role: 'user', content: \`I am \${name}. \${q}\` }] });\n`,
      options: SHORT,
    },
  ],
  invalid: [
    {
      name: 'customer data on the first line of a long system prompt (fix moves the line to the end)',
      code: chat(`Customer: \${customer.name} (\${customer.plan} plan)\\n\\n${LONG}`),
      errors: [{ messageId: 'dynamicFirst', message: /^`customer.name` \(a value known only at run time\) comes before ≈1,[0-9]{3} tokens of static text in the system prompt, .* ≈\$[0-9]+(\.[0-9]+)?\/month on gpt-4o\.$/, line: 'content: `Customer' }],
      output: chat(`${LONG}\\n\\nCustomer: \${customer.name} (\${customer.plan} plan)`),
    },
    {
      name: 'a leading sentence with the user name (AI SDK system, sentence moved)',
      code: aiSdk(`The user's name is \${user.name}. ${RULES}`),
      options: SHORT,
      errors: [{ messageId: 'dynamicFirst', message: '`user.name` (a value known only at run time)' }],
      output: aiSdk(`${RULES} The user's name is \${user.name}.`),
    },
    {
      name: 'a labelled block of retrieved text before the instructions (the label moves with it)',
      code: `${OPENAI}export async function ask(context: string, q: string) {\n  return openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'system', content: \`Context:\\n\${context}\\n\\n${RULES}\` }, { role: 'user', content: q }] });\n}\n`,
      options: SHORT,
      errors: [{ messageId: 'dynamicFirst', message: '`context` (a function argument)' }],
      output: `${OPENAI}export async function ask(context: string, q: string) {\n  return openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'system', content: \`${RULES}\\n\\nContext:\\n\${context}\` }, { role: 'user', content: q }] });\n}\n`,
    },
    {
      name: 'a LangChain template whose {context} comes first (the dynamic line moves; the prompt is written on several lines)',
      code: `import { ChatPromptTemplate } from '@langchain/core/prompts';\nexport const prompt = ChatPromptTemplate.fromMessages([\n  ['system', \`<documents>\n{context}\n</documents>\n\n${RULES}\`],\n  ['human', '{question}'],\n]);\n`,
      options: SHORT,
      errors: [{ messageId: 'dynamicFirst', message: '`{context}` (retrieved text)' }],
      output: `import { ChatPromptTemplate } from '@langchain/core/prompts';\nexport const prompt = ChatPromptTemplate.fromMessages([\n  ['system', \`${RULES}\n\n<documents>\n{context}\n</documents>\`],\n  ['human', '{question}'],\n]);\n`,
    },
    {
      name: 'dynamic parts spread through the prompt: reported, not reordered',
      code: chat(`Customer: \${customer.name}\\n${RULES}\\nPlan: \${customer.plan}\\n${RULES}`),
      options: SHORT,
      errors: [{ messageId: 'dynamicFirst', line: 'content: `Customer' }],
      output: null,
    },
    {
      name: 'instructions that point at the dynamic part ("above") are not reordered',
      code: chat(`Customer notes:\\n\${customer.name}\\n\\nUse the notes above. ${RULES}`),
      options: SHORT,
      errors: [{ messageId: 'dynamicFirst' }],
      output: null,
    },
  ],
});
