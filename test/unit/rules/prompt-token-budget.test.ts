import rule from '../../../server/src/rules/prompt-token-budget';
import { testRule } from '../../helpers/rule-tester';

const LONG = 'You are a meticulous assistant. '.repeat(40);

testRule(rule, {
  valid: [
    {
      name: 'history passed through has no written text to budget (unbounded-history reports it)',
      code: "import OpenAI from 'openai';\nconst c = new OpenAI();\nexport const go = (messages: any[]) => c.chat.completions.create({ model: 'gpt-4o', messages });\n",
      config: { budget: { maxTokens: 100 } },
    },
    { name: 'no budget configured', code: `export const SYSTEM_PROMPT = "${LONG}";\n` },
    { name: 'under the token budget', code: 'export const SYSTEM_PROMPT = "You are terse. Answer in one line.";\n', config: { budget: { maxTokens: 100 } } },
    {
      name: 'a name-specific budget overrides the default',
      code: `export const SYSTEM_PROMPT = "${LONG}";\n`,
      config: { budget: { maxTokens: 50 }, budgets: { SYSTEM_PROMPT: { maxTokens: 1000 } } },
    },
  ],
  invalid: [
    {
      name: 'over the default token budget',
      code: `export const SYSTEM_PROMPT = "${LONG}";\n`,
      config: { budget: { maxTokens: 100 } },
      errors: [{ messageId: 'tokens', message: 'over its budget of 100 tokens', line: 'SYSTEM_PROMPT' }],
      output: null,
    },
    {
      name: 'over a role budget and a monthly cost budget (the system text, not the whole conversation)',
      code: [
        "import OpenAI from 'openai';",
        'const client = new OpenAI();',
        `const SYSTEM = "${LONG}";`,
        "export const run = (q: string) => client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'system', content: SYSTEM }, { role: 'user', content: q }] });",
      ].join('\n'),
      config: { callsPerDay: 10000, budgets: { 'role:system': { maxTokens: 200, maxCostPerMonth: 10 } } },
      errors: [
        { messageId: 'tokens', message: 'Prompt `SYSTEM` is 241 tokens', line: 'const SYSTEM' },
        { messageId: 'perMonth', line: 'const SYSTEM' },

      ],
      output: null,
    },
    {
      name: 'a call budget (role:call) over the prompts of one call together',
      code: [
        "import OpenAI from 'openai';",
        'const client = new OpenAI();',
        `const SYSTEM = "${LONG}";`,
        "export const run = (q: string) => client.responses.create({ model: 'gpt-4o', instructions: SYSTEM, input: `Question: ${q}` });",
      ].join('\n'),
      config: { budgets: { 'role:call': { maxTokens: 300 } } },
      errors: [{ messageId: 'callTokens', line: 'client.responses.create' }],
      output: null,
    },
  ],
});
