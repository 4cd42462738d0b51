import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { findPrompts, lineOf } from '../../helpers/find-prompts';

describe('finder: indirect prompt patterns', () => {
  it('a wrapper passing its parameters into a model call makes its callers\' arguments prompts', () => {
    const src = [
      "import OpenAI from 'openai';",
      'const client = new OpenAI();',
      'async function complete(system: string, user: string) {',
      "  const r = await client.chat.completions.create({ model: 'gpt-4.1-mini', messages: [{ role: 'system', content: system }, { role: 'user', content: user }] });",
      '  return r.choices[0].message.content;',
      '}',
      "export const brief = (doc: string) => complete('You are a precise technical summariser.', `Summarise:\\n${doc}`);",
    ].join('\n');
    const f = findPrompts({ 'a.ts': src });
    const system = f.at('a.ts', 'You are a precise');
    assert.equal(system?.role, 'system');
    assert.equal(system?.call?.model, 'gpt-4.1-mini');
    assert.equal(f.at('a.ts', 'Summarise:')?.role, 'user');
  });

  it('agents: instructions (also as a function) and handoff descriptions', () => {
    const src = [
      "import { Agent, run } from '@openai/agents';",
      "const faq = new Agent({ name: 'FAQ', handoffDescription: 'Answers baggage and check-in questions.', instructions: 'You answer airline FAQ questions only from the policy.', model: 'gpt-4.1-mini' });",
      'const booking = new Agent({',
      "  name: 'Booking',",
      '  instructions: (ctx: any) => `You help ${ctx.context.name} change a booking.`,',
      '});',
      'export const go = (text: string) => run(faq, text);',
    ].join('\n');
    const f = findPrompts({ 'a.ts': src });
    assert.equal(f.at('a.ts', 'You answer airline')?.call?.model, 'gpt-4.1-mini');
    assert.equal(f.at('a.ts', 'Answers baggage')?.kind, 'tool-description');
    assert.equal(f.at('a.ts', 'You help')?.kind, 'function');
    assert.equal(f.at('a.ts', 'text);')?.kind, 'argument');
  });

  it('conditional system prompts and let variables assigned in branches report each text', () => {
    const src = [
      "import { streamText } from 'ai';",
      "import { openai } from '@ai-sdk/openai';",
      'export function go(kind: string, pro: boolean, prompt: string) {',
      '  let instruction: string;',
      "  if (kind === 'fix') instruction = 'Fix the grammar of the text. Return only the corrected text.';",
      "  else instruction = 'Continue the text in the same style. Limit your response to 200 characters.';",
      "  return streamText({ model: openai('gpt-4o'), system: pro ? 'You are a senior editor for professional writers.' : 'You are a friendly writing helper.', prompt: `${instruction}\\n\\n${prompt}` });",
      '}',
    ].join('\n');
    const f = findPrompts({ 'a.ts': src });
    for (const needle of ['You are a senior editor', 'You are a friendly writing', 'Fix the grammar', 'Continue the text']) assert.ok(f.at('a.ts', needle), needle);
    assert.equal(f.at('a.ts', 'You are a friendly writing')?.call?.api, 'ai-sdk.streamText');
  });

  it('records of prompts indexed at run time', () => {
    const src = [
      "import Anthropic from '@anthropic-ai/sdk';",
      'const anthropic = new Anthropic();',
      'const SYSTEM_BY_AUDIENCE: Record<string, string> = {',
      "  executive: 'You write one-paragraph executive briefs: impact, cost and risk.',",
      "  engineer: 'You write technical summaries with decisions and open questions.',",
      '};',
      "export const go = (audience: string, text: string) => anthropic.messages.create({ model: 'claude-haiku-4-5', max_tokens: 400, system: SYSTEM_BY_AUDIENCE[audience], messages: [{ role: 'user', content: text }] });",
    ].join('\n');
    const f = findPrompts({ 'a.ts': src });
    assert.equal(f.at('a.ts', 'You write one-paragraph')?.call?.model, 'claude-haiku-4-5');
    assert.equal(f.at('a.ts', 'You write technical')?.role, 'system');
  });

  it('LangChain templates: {placeholders} are dynamic and the piped chat model prices them', () => {
    const src = [
      "import { ChatPromptTemplate } from '@langchain/core/prompts';",
      "import { ChatOpenAI } from '@langchain/openai';",
      "const llm = new ChatOpenAI({ model: 'gpt-4o-mini', maxTokens: 300 });",
      "const prompt = ChatPromptTemplate.fromMessages([['system', 'Answer from the context only.\\n{context}'], ['human', '{question}']]);",
      'export const chain = prompt.pipe(llm);',
      'export async function ask(store: any, question: string) {',
      '  const docs = await store.asRetriever().invoke(question);',
      "  const context = docs.map((d: any) => d.pageContent).join('\\n');",
      '  return chain.invoke({ context, question });',
      '}',
    ].join('\n');
    const f = findPrompts({ 'a.ts': src });
    const template = f.at('a.ts', "[['system'");
    assert.equal(template?.call?.model, 'gpt-4o-mini');
    assert.equal(template?.call?.maxOutputTokens, 300);
    assert.deepEqual(template?.segments.filter((s) => s.kind === 'dynamic').map((s) => (s.kind === 'dynamic' ? [s.expression, s.source] : [])), [['{context}', 'retrieval'], ['{question}', 'interpolation']]);
    const join = f.at('a.ts', 'docs.map(');
    assert.equal(join?.kind, 'join');
    assert.equal(join?.partOf, template?.id);
    assert.equal(join?.retrieval?.bounded, false);
    assert.equal(f.line(join!), lineOf(src, 'docs.map('));
  });

  it('not prompts: token counting, demo transcripts, UI role objects, CLI descriptions, test files', () => {
    const files = {
      'count.ts': "import Anthropic from '@anthropic-ai/sdk';\nconst a = new Anthropic();\nexport const n = (t: string) => a.messages.countTokens({ model: 'claude-sonnet-4-5', messages: [{ role: 'user', content: t }] });\n",
      'hero.tsx': "const DEMO_CONVERSATION = [{ role: 'user', content: 'Hi! My table arrived scratched, what can I do?' }, { role: 'assistant', content: 'Sorry! You can request a free repair kit.' }];\nconst TOASTS = { limited: { role: 'alert', content: 'You are sending messages too quickly. Please wait a few seconds.' } };\nexport const Hero = () => DEMO_CONVERSATION.map((m) => m.content).join(String(TOASTS));\n",
      'cli.ts': "program.name('ai-commit').description('Generate a Conventional Commits message for your staged changes using an OpenAI model.');\n",
      'chat.test.ts': "it('sends the system prompt first', () => {\n  expect(call.messages[0]).toEqual({ role: 'system', content: 'You are a helpful assistant. Answer briefly and politely.' });\n});\n",
    };
    const f = findPrompts(files);
    assert.deepEqual(f.sites.map((s) => `${s.file}: ${f.text(s)}`), []);
  });
});
