import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { findPrompts, lineOf } from '../../helpers/find-prompts';

describe('finder: SDK calls', () => {
  it('OpenAI chat.completions.create: messages array with model and cap', () => {
    const src = [
      "import OpenAI from 'openai';",
      'const client = new OpenAI();',
      'export async function ask(q: string) {',
      '  return client.chat.completions.create({',
      "    model: 'gpt-4o-mini',",
      '    max_completion_tokens: 300,',
      '    messages: [',
      "      { role: 'system', content: 'You are a helpful assistant.' },",
      '      { role: \'user\', content: q },',
      '    ],',
      '  });',
      '}',
    ].join('\n');
    const f = findPrompts({ 'a.ts': src });
    assert.equal(f.sites.length, 1);
    const site = f.sites[0];
    assert.equal(site.kind, 'messages');
    assert.equal(f.line(site), lineOf(src, 'messages: ['));
    assert.equal(site.call?.api, 'openai.chat.completions.create');
    assert.equal(site.call?.model, 'gpt-4o-mini');
    assert.equal(site.call?.maxOutputTokens, 300);
    assert.equal(site.call?.maxOutputParam, 'max_completion_tokens');
    assert.deepEqual(site.messages?.map((m) => m.role), ['system', 'user']);
    assert.equal(src.slice(site.call!.modelSpan!.start, site.call!.modelSpan!.end), 'gpt-4o-mini');
  });

  it('OpenAI responses.create: instructions and input', () => {
    const src = "import OpenAI from 'openai';\nconst openai = new OpenAI();\nconst r = await openai.responses.create({ model: 'gpt-5', instructions: 'You are a poet. Answer in verse.', input: userText, max_output_tokens: 200 });\n";
    const f = findPrompts({ 'a.ts': src });
    assert.deepEqual(f.sites.map((s) => [s.role, s.kind, f.text(s)]), [
      ['system', 'literal', 'You are a poet. Answer in verse.'],
      ['user', 'argument', '{interpolation:userText}'],
    ]);
    assert.equal(f.sites[0].call?.maxOutputTokens, 200);
  });

  it('Anthropic messages.create and messages.stream: system string, system blocks with cache_control', () => {
    const src = [
      "import Anthropic from '@anthropic-ai/sdk';",
      'const anthropic = new Anthropic();',
      "const a = await anthropic.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 1024, system: 'You are a lawyer.', messages: [{ role: 'user', content: question }] });",
      'const b = anthropic.messages.stream({',
      "  model: 'claude-haiku-4-5', max_tokens: 512,",
      "  system: [{ type: 'text', text: 'You review contracts for risky clauses.', cache_control: { type: 'ephemeral' } }],",
      '  messages,',
      '});',
    ].join('\n');
    const f = findPrompts({ 'a.ts': src });
    const sys = f.at('a.ts', 'You are a lawyer');
    assert.equal(sys?.call?.api, 'anthropic.messages.create');
    assert.equal(sys?.role, 'system');
    const block = f.at('a.ts', 'You review contracts');
    assert.equal(block?.call?.api, 'anthropic.messages.stream');
    assert.equal(block?.call?.cacheControl, true);
    assert.equal(block?.call?.model, 'claude-haiku-4-5');
    const history = f.sites.find((s) => s.kind === 'argument' && s.call?.api === 'anthropic.messages.stream');
    assert.equal(history?.history?.bounded, false);
  });

  it('Vercel AI SDK: generateText/streamText/generateObject/streamObject with provider helpers', () => {
    const src = [
      "import { generateText, streamText, generateObject, streamObject } from 'ai';",
      "import { openai } from '@ai-sdk/openai';",
      "import { anthropic } from '@ai-sdk/anthropic';",
      "const m = anthropic('claude-opus-4-1');",
      "await generateText({ model: openai('gpt-4o'), system: 'You are a chef. Suggest one recipe.', prompt: `Ingredients: ${items}`, maxOutputTokens: 400 });",
      "streamText({ model: m, messages: convertToModelMessages(messages) });",
      "await generateObject({ model: openai('gpt-4.1-mini'), schema, prompt: 'Extract the invoice number and total from the text.' });",
      "streamObject({ model: openai('gpt-4o'), schema, system: 'You classify support tickets.', prompt: ticket });",
    ].join('\n');
    const f = findPrompts({ 'a.ts': src });
    const chef = f.at('a.ts', 'You are a chef');
    assert.equal(chef?.call?.api, 'ai-sdk.generateText');
    assert.equal(chef?.call?.model, 'gpt-4o');
    assert.equal(chef?.call?.maxOutputTokens, 400);
    const ingredients = f.at('a.ts', 'Ingredients');
    assert.equal(ingredients?.role, 'user');
    const stream = f.at('a.ts', 'convertToModelMessages');
    assert.equal(stream?.call?.model, 'claude-opus-4-1');
    assert.equal(stream?.history?.bounded, false);
    const extract = f.at('a.ts', 'Extract the invoice');
    assert.equal(extract?.call?.structuredOutput, true);
    assert.equal(f.at('a.ts', 'You classify')?.call?.api, 'ai-sdk.streamObject');
  });

  it('LangChain: fromMessages tuples, fromTemplate, message classes, chat model invoke', () => {
    const src = [
      "import { ChatPromptTemplate, PromptTemplate, MessagesPlaceholder } from '@langchain/core/prompts';",
      "import { SystemMessage, HumanMessage } from '@langchain/core/messages';",
      "import { ChatOpenAI } from '@langchain/openai';",
      'const prompt = ChatPromptTemplate.fromMessages([',
      "  ['system', 'You answer questions about {topic}.'],",
      "  new MessagesPlaceholder('chat_history'),",
      "  ['human', '{input}'],",
      ']);',
      "const tpl = PromptTemplate.fromTemplate('Translate {text} into French.');",
      "const llm = new ChatOpenAI({ model: 'gpt-4o', maxTokens: 100 });",
      "const out = await llm.invoke([new SystemMessage('You are terse.'), new HumanMessage(question)]);",
    ].join('\n');
    const f = findPrompts({ 'a.ts': src });
    const chat = f.at('a.ts', "['system'");
    assert.equal(chat?.kind, 'messages');
    assert.equal(chat?.call?.api, 'langchain.ChatPromptTemplate.fromMessages');
    assert.equal(chat?.history?.bounded, false);
    assert.equal(f.at('a.ts', 'Translate {text}')?.role, 'template');
    const invoke = f.at('a.ts', 'You are terse');
    assert.equal(invoke?.call?.api, 'langchain.invoke');
    assert.equal(invoke?.call?.model, 'gpt-4o');
    assert.equal(invoke?.call?.maxOutputTokens, 100);
  });

  it('Google GenAI: models.generateContent with systemInstruction, and getGenerativeModel', () => {
    const src = [
      "import { GoogleGenAI } from '@google/genai';",
      'const ai = new GoogleGenAI({});',
      "const r = await ai.models.generateContent({ model: 'gemini-2.5-flash', contents: `Describe ${thing} in a haiku.`, config: { systemInstruction: 'You are a poet.', maxOutputTokens: 64 } });",
      "const model = genAI.getGenerativeModel({ model: 'gemini-2.5-pro', systemInstruction: 'You write unit tests for TypeScript code.' });",
      "const res = await model.generateContent('Write tests for the function below and explain them.');",
    ].join('\n');
    const f = findPrompts({ 'a.ts': src });
    const sys = f.at('a.ts', 'You are a poet');
    assert.equal(sys?.role, 'system');
    assert.equal(sys?.call?.model, 'gemini-2.5-flash');
    assert.equal(sys?.call?.maxOutputTokens, 64);
    assert.equal(f.at('a.ts', 'Describe')?.role, 'user');
    assert.equal(f.at('a.ts', 'You write unit tests')?.call?.api, 'google.getGenerativeModel');
    assert.equal(f.at('a.ts', 'Write tests for')?.call?.model, 'gemini-2.5-pro');
  });

  it('{ role, content } arrays anywhere, and arrays built with push', () => {
    const src = [
      'export function build(q: string) {',
      "  const msgs = [{ role: 'system', content: 'You are a SQL expert.' }];",
      "  msgs.push({ role: 'user', content: q });",
      '  return msgs;',
      '}',
      'const convo: Message[] = [];',
      'export async function turn(input: string) {',
      "  convo.push({ role: 'user', content: input });",
      '  const reply = await callModel(convo);',
      "  convo.push({ role: 'assistant', content: reply });",
      '}',
    ].join('\n');
    const f = findPrompts({ 'a.ts': src });
    const first = f.at('a.ts', "[{ role: 'system'");
    assert.deepEqual(first?.messages?.map((m) => m.role), ['system', 'user']);
    assert.equal(first?.history, null);
    const grows = f.at('a.ts', '[];');
    assert.equal(grows?.kind, 'messages');
    assert.equal(grows?.history?.bounded, false);
  });

  it('tool descriptions given to a model', () => {
    const src = [
      "import { tool } from 'ai';",
      "const weather = tool({ description: 'Get the current weather for a city.', inputSchema: z.object({ city: z.string() }), execute });",
      "const tools = [{ type: 'function', function: { name: 'lookup', description: 'Look up an order by its id.', parameters: { type: 'object', properties: { id: { type: 'string', description: 'The order id as printed on the receipt' } } } } }];",
      "const anthropicTools = [{ name: 'search', description: 'Search the knowledge base for articles.', input_schema: schema }];",
      "const pkg = { name: 'x', description: 'A library for parsing dates in many formats.' };",
    ].join('\n');
    const f = findPrompts({ 'a.ts': src });
    assert.deepEqual(f.sites.map((s) => [s.kind, f.text(s)]), [
      ['tool-description', 'Get the current weather for a city.'],
      ['tool-description', 'Look up an order by its id.'],
      ['tool-description', 'Search the knowledge base for articles.'],
    ]);
  });
});
