import rule from '../../../server/src/rules/redundant-instruction';
import { testRule } from '../../helpers/rule-tester';

const OPENAI = "import OpenAI from 'openai';\nconst openai = new OpenAI();\n";
const ANTHROPIC = "import Anthropic from '@anthropic-ai/sdk';\nconst anthropic = new Anthropic();\n";

/** An OpenAI chat call whose system message is `system` (source text of an expression). */
function chat(system: string, user = 'question'): string {
  return `export const answer = (question: string) =>
  openai.chat.completions.create({
    model: 'gpt-4o',
    messages: [
      { role: 'system', content: ${system} },
      { role: 'user', content: ${user} },
    ],
  });
`;
}

const SUPPORT = `const SUPPORT_PROMPT = \`You are the support assistant for Acme Cloud.
- Answer in the customer's language.
- Keep answers under 120 words unless asked for detail.
- Link to the docs page for every feature you mention.
* Keep answers under 120 words unless asked for detail.
- Never share internal ticket notes.\`;
`;

testRule(rule, {
  valid: [
    {
      name: 'distinct instructions',
      code: OPENAI + "const SUPPORT_PROMPT = `You are the support assistant for Acme Cloud.\n- Answer in the customer's language.\n- Keep answers under 120 words.\n- Never share internal ticket notes.`;\n" + chat('SUPPORT_PROMPT'),
    },
    {
      name: 'few-shot examples repeat their wording in user and assistant messages',
      code: OPENAI + `export const classify = (ticket: string) =>
  openai.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [
      { role: 'system', content: 'You label support tickets as billing, bug or question.' },
      { role: 'user', content: 'Label this support ticket with one word.\\nTicket: I was charged twice this month.' },
      { role: 'assistant', content: 'The label of this ticket is billing.' },
      { role: 'user', content: 'Label this support ticket with one word.\\nTicket: The export button does nothing.' },
      { role: 'assistant', content: 'The label of this ticket is bug.' },
      { role: 'user', content: \`Label this support ticket with one word.\\nTicket: \${ticket}\` },
    ],
  });
`,
    },
    {
      name: 'opposite instructions are not near-duplicates (always/never, different numbers)',
      code: OPENAI + chat(JSON.stringify('Always include the order number, the tracking link and the delivery date in the reply to the customer. Never include the order number, the tracking link and the delivery date in the reply to the customer. Suggest at most 3 help articles from the knowledge base when the customer asks about a feature. Suggest at most 5 help articles from the knowledge base when the customer asks about a feature.')),
    },
    {
      name: 'lines inside a code fence are examples, and short labels are not instructions',
      code: OPENAI + chat(JSON.stringify('Return JSON like the examples.\n```\n{ "label": "billing", "reason": "the customer was charged twice" }\n{ "label": "billing", "reason": "the customer was charged twice" }\n```\nInput: text\nOutput: label\nInput: text\nOutput: label')),
    },
    {
      name: 'the same instruction in two different calls',
      code: OPENAI + `export const summarize = (text: string) =>
  openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'system', content: 'Write in plain English for a non-technical reader.' }, { role: 'user', content: text }] });
export const translate = (text: string) =>
  openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'system', content: 'Write in plain English for a non-technical reader.' }, { role: 'user', content: text }] });
`,
    },
    {
      name: 'alternative system prompts of one call are not sent together',
      code: ANTHROPIC + `const REVIEWER_SYSTEM = \`You are a senior engineer doing code review.
Report only bugs, security issues and breaking API changes.
If there is nothing worth reporting, output exactly "LGTM".\`;
const STRICT_ADDENDUM = 'Also report naming, readability and style issues as info.';
export const review = (diff: string, strict: boolean) =>
  anthropic.messages.create({
    model: 'claude-sonnet-4-5',
    max_tokens: 2000,
    system: strict ? REVIEWER_SYSTEM + '\\n' + STRICT_ADDENDUM : REVIEWER_SYSTEM,
    messages: [{ role: 'user', content: 'Review this diff:\\n\\n' + diff }],
  });
`,
    },
    {
      name: 'a constant inside another constant is one text, reached twice',
      code: `export const BRAND_VOICE = 'Write in the voice of Fieldnote: plain words, short sentences, no hype.';
export const productPrompt = (name: string) => \`\${BRAND_VOICE}\\n\\nWrite a product description for \${name} in 80 to 120 words.\`;
`,
      files: {
        'jobs.ts': OPENAI + `import { BRAND_VOICE, productPrompt } from './a';
export const describe = (name: string) =>
  openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: productPrompt(name) }] });
export const tagline = () =>
  openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'system', content: BRAND_VOICE }, { role: 'user', content: 'Write a tagline.' }] });
`,
      },
    },
    {
      name: 'a near-duplicate below a raised similarity threshold',
      code: OPENAI + chat(JSON.stringify("Never share internal ticket notes, agent names or other customers' data. Never share internal ticket notes, agent names, billing details or other customers' data.")),
      options: { similarity: 0.9 },
    },
  ],
  invalid: [
    {
      name: 'an exact duplicate list item in a system prompt: the later line is deleted',
      code: OPENAI + SUPPORT + chat('SUPPORT_PROMPT'),
      errors: [{ messageId: 'duplicate', message: /"\* Keep answers under 120 words unless asked for detail\." \(first at line 5\): ≈\d+ wasted tokens per call, ≈\$[\d.]+\/month/, line: '* Keep answers' }],
      output: OPENAI + SUPPORT.replace('* Keep answers under 120 words unless asked for detail.\n', '') + chat('SUPPORT_PROMPT'),
    },
    {
      name: 'a repeated sentence in a string with escapes: the sentence and its space are deleted',
      code: OPENAI + chat('"You answer questions about \\"Acme Cloud\\" billing. Reply in the language of the question. Quote prices from the price list only. Reply in the language of the question."'),
      errors: [{ messageId: 'duplicate', message: '"Reply in the language of the question."' }],
      output: OPENAI + chat('"You answer questions about \\"Acme Cloud\\" billing. Reply in the language of the question. Quote prices from the price list only."'),
    },
    {
      name: 'across the prompts of one call: a system constant repeated in the user template',
      code: ANTHROPIC + `const SYSTEM = 'You review pull requests for security problems. Report each problem with its file and line.';
export const review = (diff: string) =>
  anthropic.messages.create({
    model: 'claude-sonnet-4-5',
    max_tokens: 1024,
    system: SYSTEM,
    messages: [{ role: 'user', content: \`Report each problem with its file and line.\\n\\n\${diff}\` }],
  });
`,
      errors: [{ messageId: 'duplicate', message: 'first at line 3', line: 'messages: [' }],
      output: ANTHROPIC + `const SYSTEM = 'You review pull requests for security problems. Report each problem with its file and line.';
export const review = (diff: string) =>
  anthropic.messages.create({
    model: 'claude-sonnet-4-5',
    max_tokens: 1024,
    system: SYSTEM,
    messages: [{ role: 'user', content: \`\${diff}\` }],
  });
`,
    },
    {
      name: 'a near-duplicate (filler and stop words aside): reported and deleted by an unsafe fix',
      code: OPENAI + chat('`Never share internal ticket notes, agent names or other customers\' data.\nAnswer billing questions with the invoice number.\nRemember, you must never share internal ticket notes, agent names or other customers\' data.`'),
      errors: [{ messageId: 'nearDuplicate', message: '% the same words as first at line 7' }],
      output: OPENAI + chat('`Never share internal ticket notes, agent names or other customers\' data.\nAnswer billing questions with the invoice number.`'),
    },
    {
      name: 'a padded copy of an instruction is still an exact duplicate',
      code: OPENAI + chat('`Cite the source document for every claim.\nUse short paragraphs.\nPlease make sure to cite the source document for every claim.\nEnd with a one-line summary.`'),
      errors: [{ messageId: 'duplicate', message: 'Please make sure to cite' }],
      output: OPENAI + chat('`Cite the source document for every claim.\nUse short paragraphs.\nEnd with a one-line summary.`'),
    },
    {
      name: 'a duplicate element of a joined array: the element and its comma are deleted',
      code: OPENAI + `const RULES = [
  'You classify customer emails.',
  'Reply with exactly one label from the list.',
  'Labels: billing, bug, question, other.',
  "Reply with exactly one label from the list.",
].join('\\n');
` + chat('RULES'),
      errors: [{ messageId: 'duplicate', line: '"Reply with exactly' }],
      output: OPENAI + `const RULES = [
  'You classify customer emails.',
  'Reply with exactly one label from the list.',
  'Labels: billing, bug, question, other.',
].join('\\n');
` + chat('RULES'),
    },
    {
      name: 'a duplicate line in a dedent template: the line goes with its indentation',
      code: OPENAI + "import dedent from 'dedent';\n" + `const SYSTEM_PROMPT = dedent\`
  You write release notes for Acme Cloud.
  Group changes under Added, Changed and Fixed.
  Link every change to its pull request.
  Group changes under Added, Changed, and Fixed.
  Keep each entry to one line.
\`;
` + chat('SYSTEM_PROMPT'),
      errors: [{ messageId: 'duplicate', line: 'Changed, and Fixed' }],
      output: OPENAI + "import dedent from 'dedent';\n" + `const SYSTEM_PROMPT = dedent\`
  You write release notes for Acme Cloud.
  Group changes under Added, Changed and Fixed.
  Link every change to its pull request.
  Keep each entry to one line.
\`;
` + chat('SYSTEM_PROMPT'),
    },
    {
      name: 'a duplicate operand of a string concatenation',
      code: OPENAI + chat("'You summarise news articles for busy readers. ' + 'Keep the summary under 80 words. ' + 'Name the source of the article. ' + 'Keep the summary under 80 words.'"),
      errors: [{ messageId: 'duplicate' }],
      output: OPENAI + chat("'You summarise news articles for busy readers. ' + 'Keep the summary under 80 words. ' + 'Name the source of the article. '"),
    },
    {
      name: 'a constant from another file repeated in this file',
      files: { 'prompts.ts': "export const SYSTEM = 'You are a travel assistant. Always give prices in the customer currency.';\n" },
      code: OPENAI + "import { SYSTEM } from './prompts';\n" + chat('SYSTEM', '`Always give prices in the customer currency.\\n${question}`'),
      errors: [{ messageId: 'duplicate', message: 'first in the system message' }],
      output: OPENAI + "import { SYSTEM } from './prompts';\n" + chat('SYSTEM', '`${question}`'),
    },
    {
      name: 'a duplicate with an interpolation: reported, no fix',
      code: OPENAI + 'const language = process.env.LANG;\n' + chat('`Reply in ${language} even when the question is in English. Be concise. Reply in ${language} even when the question is in English.`'),
      errors: [{ messageId: 'duplicate', message: '"Reply in {language} even when the question is in English."' }],
      output: null,
    },
    {
      name: 'a shouted copy and a plain copy are the same instruction',
      code: OPENAI + chat('`When asked to write code, always use artifacts.\n\nDO NOT UPDATE DOCUMENTS IMMEDIATELY AFTER CREATING THEM. WAIT FOR USER FEEDBACK OR REQUEST TO UPDATE IT.\n\nUse targeted updates only for specific, isolated changes.\n\nDo not update a document right after creating it. Wait for user feedback or request to update it.`'),
      errors: [{ messageId: 'duplicate', message: '"Wait for user feedback or request to update it." (first at line 9)' }],
      output: OPENAI + chat('`When asked to write code, always use artifacts.\n\nDO NOT UPDATE DOCUMENTS IMMEDIATELY AFTER CREATING THEM. WAIT FOR USER FEEDBACK OR REQUEST TO UPDATE IT.\n\nUse targeted updates only for specific, isolated changes.\n\nDo not update a document right after creating it.`'),
    },
    {
      name: 'minWords lowers the bar for short instructions (the last paragraph goes with its blank line)',
      code: OPENAI + chat('`Be concise.\nUse bullet points.\n\nBe concise.`'),
      options: { minWords: 1 },
      errors: [{ messageId: 'duplicate', message: '"Be concise."' }],
      output: OPENAI + chat('`Be concise.\nUse bullet points.`'),
    },
  ],
});
