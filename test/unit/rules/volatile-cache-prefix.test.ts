import rule from '../../../server/src/rules/volatile-cache-prefix';
import { testRule } from '../../helpers/rule-tester';

const OPENAI = "import OpenAI from 'openai';\nconst openai = new OpenAI();\n";
/** About 1,400 tokens of instructions: over every provider's minimum cacheable prefix. */
const LONG = 'Follow the house style guide in every answer, cite the policy section you rely on, and keep a friendly tone. '.repeat(70).trim();
const RULES = 'Answer in two sentences. Quote the policy section you rely on. Never promise refunds the policy does not allow. Escalate legal threats to a human.';
const SHORT = { minCacheableTokens: 20 };

const chat = (system: string) =>
  `${OPENAI}export async function reply(user: { id: string }, sessionId: string, profile: object, question: string) {\n  return openai.chat.completions.create({\n    model: 'gpt-4o',\n    messages: [\n      { role: 'system', content: \`${system}\` },\n      { role: 'user', content: question },\n    ],\n  });\n}\n`;

const withHistory = (system: string) =>
  `${OPENAI}export async function reply(history: any[], question: string) {\n  return openai.chat.completions.create({\n    model: 'gpt-4o',\n    messages: [{ role: 'system', content: \`${system}\` }, ...history.slice(-30), { role: 'user', content: question }],\n  });\n}\n`;

const WRITER = `You are a technical writer on the Acme documentation team. ${LONG}`;
const guide = (body: string) => `// Instructions for drafting help-center articles.\nexport const kbWriterSystem = () => \`${body}\`;\n`;

testRule(rule, {
  valid: [
    { name: 'the current time at the end of the prompt', code: chat(`${LONG}\\n\\nCurrent time: \${new Date().toISOString()}`) },
    { name: 'a timestamp before too little text to cache (default threshold)', code: chat(`Now: \${Date.now()}\\n${RULES}`) },
    { name: 'JSON of a constant schema at the head', code: `const SCHEMA = { type: 'object' };\n${chat(`Reply with JSON matching \${JSON.stringify(SCHEMA)}.\\n${RULES}`)}`, options: SHORT },
    { name: "today's date when reportDaily is off", code: guide(`Today's date: \${new Date().toISOString().slice(0, 10)}.\\n\\n${WRITER}`), options: { reportDaily: false } },
    { name: 'a user id when reportIds is off', code: chat(`User: \${user.id}\\n${RULES}`), options: { ...SHORT, reportIds: false } },
  ],
  invalid: [
    {
      name: 'the current time on the first line of a long system prompt',
      code: chat(`Current time: \${new Date().toISOString()}\\n\\n${LONG}`),
      errors: [{ messageId: 'perCall', message: /^`new Date\(\).toISOString\(\)` \(the current time\) changes on every request and sits before ≈1,[0-9]{3} tokens of static prompt, so every request is a cache miss: ≈\$[0-9.]+\/month on gpt-4o\./, line: 'Current time' }],
      output: chat(`${LONG}\\n\\nCurrent time: \${new Date().toISOString()}`),
    },
    {
      name: "today's date heading a prompt function (kb writer)",
      code: guide(`Today's date: \${new Date().toISOString().slice(0, 10)}.\\n\\n${WRITER}`),
      errors: [{ messageId: 'daily', message: "(today's date) sits before ≈1,", line: 'export const kbWriterSystem' }],
      output: guide(`${WRITER}\\n\\nToday's date: \${new Date().toISOString().slice(0, 10)}.`),
    },
    {
      name: 'a short system prompt with a timestamp keeps the whole chat history out of the cache',
      code: withHistory(`Request time: \${Date.now()}\\n${RULES}`),
      errors: [{ messageId: 'perCall', message: 'and ≈2,000 tokens of chat history' }],
      output: withHistory(`${RULES}\\nRequest time: \${Date.now()}`),
    },
    {
      name: 'a session id and a user id on the first lines (one fix moves both)',
      code: chat(`Session: \${sessionId}\\nUser: \${user.id}\\n\\n${RULES}`),
      options: SHORT,
      errors: [
        { messageId: 'perUser', message: '`sessionId` (a user or session id)' },
        { messageId: 'perUser', message: '`user.id` (a user or session id)' },
      ],
      output: chat(`${RULES}\\n\\nSession: \${sessionId}\\nUser: \${user.id}`),
    },
    {
      name: 'a serialised profile object in the middle of the prompt (its line moves to the end)',
      code: chat(`${RULES}\\nProfile: \${JSON.stringify(profile)}\\n${LONG}`),
      errors: [{ messageId: 'serialised', message: '`JSON.stringify(profile)` (JSON of an object)' }],
      output: chat(`${RULES}\\n${LONG}\\nProfile: \${JSON.stringify(profile)}`),
    },
    {
      name: 'a random id in a string concatenation: reported, not moved (only one literal is reordered)',
      code: `${OPENAI}export const reply = (q: string) =>\n  openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'system', content: 'Request ' + crypto.randomUUID() + '. ${RULES}' }, { role: 'user', content: q }] });\n`,
      options: SHORT,
      errors: [{ messageId: 'perCall', message: '`crypto.randomUUID()` (a random id)' }],
      output: null,
    },
  ],
});
