import fc from 'fast-check';
import type { Prelude } from './context-code';
import { prompt, quoted, staticPrompt } from './literals';
import { modelId, numberLiteral } from './text';

/**
 * LLM calls of the SDKs the finder knows: OpenAI chat completions and responses, Anthropic messages
 * (with and without `cache_control`), the Vercel AI SDK, LangChain templates and chat models. Prompt
 * arguments are inline prompts or names of prompt constants (declared by the program, or not).
 */

/** Names prompt constants may have; calls refer to them whether or not the program declares them. */
export const CONST_NAMES = ['SYSTEM_PROMPT', 'RULES', 'POLICY', 'TEMPLATE'];

/** A prompt argument: an inline prompt, a constant, a parameter or a call. */
const promptArg: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: prompt },
  { weight: 3, arbitrary: fc.constantFrom(...CONST_NAMES) },
  { weight: 1, arbitrary: fc.constantFrom('q', 'buildPrompt(q)', 'context', 'PROMPTS.system', '`${SYSTEM_PROMPT}\\n\\n${context}`', 'strict ? RULES : POLICY', 'PROMPTS[kind]', 'SYSTEM_PROMPT ?? POLICY') },
);

const modelLiteral = modelId.map((id) => quoted(id, { quote: "'", escapeUnicode: false }));

/** `model: …` of an options object ('' when absent). */
const modelProperty: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: modelLiteral.map((m) => `model: ${m}, `) },
  { weight: 1, arbitrary: fc.constantFrom('model: MODEL, ', 'model, ', '', 'model: process.env.MODEL ?? \'gpt-4o\', ') },
);

/** An output cap property ('' when absent). */
function capProperty(names: readonly string[]): fc.Arbitrary<string> {
  return fc.option(fc.tuple(fc.constantFrom(...names), numberLiteral).map(([name, n]) => `${name}: ${n}, `), { nil: '' });
}

/** One chat message object. */
const message: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(fc.constantFrom('system', 'user', 'assistant', 'developer'), promptArg).map(([role, content]) => `{ role: '${role}', content: ${content} }`) },
  { weight: 1, arbitrary: promptArg.map((p) => `{ role: 'user', content: [{ type: 'text', text: ${p} }] }`) },
  { weight: 1, arbitrary: fc.constant("{ role: 'user', content: q }") },
);

/** A messages array, with the prelude's history spread in (or replacing it). */
function messages(prelude: Prelude): fc.Arbitrary<string> {
  if (prelude.replaces && prelude.history) return fc.constant(prelude.history);
  return fc.tuple(fc.array(message, { minLength: 1, maxLength: 4 }), fc.nat()).map(([list, at]) => {
    const items = [...list];
    if (prelude.history) items.splice(at % (items.length + 1), 0, prelude.history);
    return `[${items.join(', ')}]`;
  });
}

function openaiChat(prelude: Prelude): fc.Arbitrary<string> {
  return fc
    .tuple(modelProperty, capProperty(['max_tokens', 'max_completion_tokens']), messages(prelude), fc.boolean())
    .map(([model, cap, msgs, json]) => `openai.chat.completions.create({ ${json ? '...defaults, ' : ''}${model}${cap}messages: ${msgs}${json ? ", response_format: { type: 'json_object' }" : ''} })`);
}

function openaiResponses(prelude: Prelude): fc.Arbitrary<string> {
  return fc
    .tuple(modelProperty, capProperty(['max_output_tokens']), fc.option(promptArg, { nil: undefined }), fc.oneof(promptArg, messages(prelude)))
    .map(([model, cap, instructions, input]) => `openai.responses.create({ ${model}${instructions ? `instructions: ${instructions}, ` : ''}input: ${input}, ${cap}})`);
}

function anthropicMessages(prelude: Prelude): fc.Arbitrary<string> {
  const system = fc.oneof(
    promptArg.map((p) => `system: ${p}, `),
    promptArg.map((p) => `system: [{ type: 'text', text: ${p}, cache_control: { type: 'ephemeral' } }], `),
    promptArg.map((p) => `system: [{ type: 'text', text: ${p} }], `),
    staticPrompt.map((p) => `system: ${p}, `),
    fc.constantFrom('', 'system, ', 'system: POLICY, '),
  );
  return fc
    .tuple(modelProperty, capProperty(['max_tokens']), system, messages(prelude), fc.constantFrom('create', 'stream'))
    .map(([model, cap, sys, msgs, method]) => `anthropic.messages.${method}({ ${model}${cap}${sys}messages: ${msgs} })`);
}

function aiSdk(prelude: Prelude): fc.Arbitrary<string> {
  const model = fc.oneof(
    fc.tuple(fc.constantFrom('openai', 'anthropic', 'google'), modelLiteral).map(([p, m]) => `model: ${p}(${m}), `),
    fc.constantFrom('model: m, ', "model: 'openai/gpt-4o', ", ''),
  );
  const input = fc.oneof(promptArg.map((p) => `prompt: ${p}, `), messages(prelude).map((m) => `messages: ${m}, `));
  return fc
    .tuple(fc.constantFrom('generateText', 'streamText', 'generateObject'), model, fc.option(promptArg, { nil: undefined }), input, capProperty(['maxOutputTokens', 'maxTokens']))
    .map(([fn, m, system, body, cap]) => `${fn}({ ${m}${system ? `system: ${system}, ` : ''}${body}${cap}})`);
}

function langchain(prelude: Prelude): fc.Arbitrary<string> {
  const placeholder = prelude.history ? 'new MessagesPlaceholder(\'history\'), ' : '';
  return fc.oneof(
    fc.tuple(promptArg, fc.boolean()).map(([p, human]) => `ChatPromptTemplate.fromMessages([['system', ${p}], ${placeholder}${human ? "['human', '{input}']" : "['user', q]"}])`),
    promptArg.map((p) => `PromptTemplate.fromTemplate(${p})`),
    promptArg.map((p) => `llm.invoke(${p})`),
    fc.tuple(promptArg, numberLiteral).map(([p, n]) => `new ChatOpenAI({ model: 'gpt-4o', maxTokens: ${n} }).invoke([new SystemMessage(${p}), new HumanMessage(q)])`),
  );
}

/** A call of one of the SDKs, given the history of its prelude. */
export function sdkCall(prelude: Prelude): fc.Arbitrary<string> {
  return fc.oneof(openaiChat(prelude), openaiResponses(prelude), anthropicMessages(prelude), aiSdk(prelude), langchain(prelude));
}

/** Imports and clients of every SDK; a program keeps a random subset. */
export const SDK_HEADERS = [
  "import OpenAI from 'openai';\nconst openai = new OpenAI();",
  "import Anthropic from '@anthropic-ai/sdk';\nconst anthropic = new Anthropic();",
  "import { generateText, streamText, generateObject } from 'ai';\nimport { openai } from '@ai-sdk/openai';\nimport { anthropic } from '@ai-sdk/anthropic';\nconst m = anthropic('claude-opus-4-1');",
  "import { ChatPromptTemplate, PromptTemplate, MessagesPlaceholder } from '@langchain/core/prompts';\nimport { SystemMessage, HumanMessage, trimMessages } from '@langchain/core/messages';\nimport { ChatOpenAI } from '@langchain/openai';\nconst llm = new ChatOpenAI({ model: 'gpt-4o-mini' });",
];
