import { ts } from 'ts-morph';
import type { FileIndex } from './file-index';
import { calleeChain, getProperty, propertyName, unwrap } from './syntax';
import type { PromptRole, Provider } from './types';

/** How a prompt argument is read: plain text, a messages array, or either (`input`, `contents`). */
export type ArgShape = 'text' | 'messages' | 'text-or-messages';

/** A prompt argument of an SDK call: an options property (path) or a positional argument. */
export interface PromptArg {
  path?: string[];
  position?: number;
  role: PromptRole;
  shape: ArgShape;
}

/** A known LLM call shape. */
export interface CallPattern {
  provider: Provider;
  api: string;
  args: PromptArg[];
  /** Whether the call asks for structured output by its nature (generateObject). */
  structured?: boolean;
}

/** Module specifiers of the SDKs, by provider. */
const SDK_MODULES: [RegExp, Provider][] = [
  [/^openai(\/|$)/, 'openai'],
  [/^@anthropic-ai\//, 'anthropic'],
  [/^@google\/(genai|generative-ai)|^@google-cloud\/vertexai/, 'google'],
  [/^ai$|^@ai-sdk\//, 'ai-sdk'],
  [/^@langchain\/|^langchain(\/|$)/, 'langchain'],
  [/^@mistralai\/|^ollama(\/|$)|^groq-sdk$|^together-ai$|^cohere-ai$/, 'unknown'],
];

/** Providers whose SDK a file imports. */
export function importedProviders(index: FileIndex): Set<Provider | 'other'> {
  const providers = new Set<Provider | 'other'>();
  for (const module of index.modules) for (const [re, provider] of SDK_MODULES) if (re.test(module)) providers.add(provider === 'unknown' ? 'other' : provider);
  return providers;
}

const OPENAI_CHAT: CallPattern = { provider: 'openai', api: 'openai.chat.completions.create', args: [{ path: ['messages'], role: 'unknown', shape: 'messages' }] };
const OPENAI_RESPONSES: CallPattern = {
  provider: 'openai',
  api: 'openai.responses.create',
  args: [
    { path: ['instructions'], role: 'system', shape: 'text' },
    { path: ['input'], role: 'user', shape: 'text-or-messages' },
  ],
};
const OPENAI_COMPLETIONS: CallPattern = { provider: 'openai', api: 'openai.completions.create', args: [{ path: ['prompt'], role: 'user', shape: 'text' }] };
const ANTHROPIC_MESSAGES: CallPattern = {
  provider: 'anthropic',
  api: 'anthropic.messages.create',
  args: [
    { path: ['system'], role: 'system', shape: 'text' },
    { path: ['messages'], role: 'unknown', shape: 'messages' },
  ],
};
const AI_SDK_ARGS: PromptArg[] = [
  { path: ['system'], role: 'system', shape: 'text' },
  { path: ['prompt'], role: 'user', shape: 'text-or-messages' },
  { path: ['messages'], role: 'unknown', shape: 'messages' },
];
const GOOGLE_MODELS: CallPattern = {
  provider: 'google',
  api: 'google.models.generateContent',
  args: [
    { path: ['config', 'systemInstruction'], role: 'system', shape: 'text' },
    { path: ['systemInstruction'], role: 'system', shape: 'text' },
    { path: ['contents'], role: 'user', shape: 'text-or-messages' },
  ],
};
const GOOGLE_MODEL_CALL: CallPattern = { provider: 'google', api: 'google.generateContent', args: [{ position: 0, role: 'user', shape: 'text-or-messages' }] };
const GOOGLE_GET_MODEL: CallPattern = { provider: 'google', api: 'google.getGenerativeModel', args: [{ path: ['systemInstruction'], role: 'system', shape: 'text' }] };

const GOOGLE_CHAT: CallPattern = {
  provider: 'google',
  api: 'google.chats.create',
  args: [
    { path: ['config', 'systemInstruction'], role: 'system', shape: 'text' },
    { path: ['history'], role: 'unknown', shape: 'messages' },
  ],
};
const OPENAI_AGENTS_RUN: CallPattern = { provider: 'openai', api: 'openai.agents.run', args: [{ position: 1, role: 'user', shape: 'text-or-messages' }] };
/** Agent classes whose `instructions` are a system prompt (OpenAI Agents SDK, Mastra, VoltAgent). */
export const AGENT_CLASSES = /^(Agent|RealtimeAgent)$/;

/** The prompt-bearing options of an agent definition (`new Agent({ instructions })`, `Agent.create(...)`). */
export function matchAgent(node: CallLike, providers: Set<Provider | 'other'>): CallPattern | undefined {
  const chain = calleeChain(node.expression);
  const isNew = ts.isNewExpression(node) && AGENT_CLASSES.test(chain[chain.length - 1] ?? '');
  const isCreate = ts.isCallExpression(node) && chain.length === 2 && AGENT_CLASSES.test(chain[0]) && chain[1] === 'create';
  if (!(isNew || isCreate) || !optionsObject(node)) return undefined;
  const obj = optionsObject(node)!;
  if (!getProperty(obj, 'instructions') && !getProperty(obj, 'model')) return undefined;
  return {
    provider: providers.has('openai') ? 'openai' : 'ai-sdk',
    api: 'agent.instructions',
    args: [{ path: ['instructions'], role: 'system', shape: 'text' }],
  };
}

/** OpenAI Assistants: instructions on the assistant, extra instructions on a run. */
const OPENAI_ASSISTANTS: CallPattern = {
  provider: 'openai',
  api: 'openai.beta.assistants',
  args: [
    { path: ['instructions'], role: 'system', shape: 'text' },
    { path: ['additional_instructions'], role: 'system', shape: 'text' },
  ],
};
/** Other chat SDKs with the OpenAI-like shape (Mistral `chat.complete`, Ollama `chat`/`generate`). */
const OTHER_SDK_ARGS: PromptArg[] = [
  { path: ['system'], role: 'system', shape: 'text' },
  { path: ['prompt'], role: 'user', shape: 'text' },
  { path: ['messages'], role: 'unknown', shape: 'messages' },
];

/** AI SDK functions that call a model with a prompt. */
const AI_SDK_FUNCTIONS = /^(generateText|streamText|generateObject|streamObject|streamUI)$/;
/** LangChain prompt-template classes with a static `fromTemplate`. */
const LANGCHAIN_TEMPLATES: Record<string, PromptRole> = {
  PromptTemplate: 'template',
  ChatPromptTemplate: 'template',
  SystemMessagePromptTemplate: 'system',
  HumanMessagePromptTemplate: 'user',
  AIMessagePromptTemplate: 'assistant',
};
/** Option keys that show an options object belongs to an LLM call (guards against `prisma.messages.create`). */
const LLM_OPTION_KEYS = ['model', 'messages', 'system', 'prompt', 'input', 'instructions', 'contents', 'max_tokens', 'temperature'];
/** Methods that run a LangChain chat model or LLM. */
const LANGCHAIN_RUN = /^(invoke|stream|call|predict|predictMessages|generate|batch)$/;
/** Constructors of LangChain chat models and LLMs. */
const LANGCHAIN_MODEL_CLASS = /^(Chat[A-Z]\w*|OpenAI|Anthropic|Ollama|AzureOpenAI|Bedrock\w*)$/;
/** Names commonly given to a model object. */
const MODEL_VARIABLE = /^(llm|model|chatModel|chat_model|llm\w+|\w*Llm|\w*LLM|\w*ChatModel|\w*Model)$/;

/** A call or `new` expression: both carry a callee and arguments. */
export type CallLike = ts.CallExpression | ts.NewExpression;

function optionsObject(call: CallLike, position = 0): ts.ObjectLiteralExpression | undefined {
  const arg = call.arguments?.[position];
  const value = arg && unwrap(arg);
  return value && ts.isObjectLiteralExpression(value) ? value : undefined;
}

function looksLikeLlmOptions(call: CallLike): boolean {
  const obj = optionsObject(call);
  return !!obj && LLM_OPTION_KEYS.some((key) => getProperty(obj, key) !== undefined);
}

/** The expression a receiver identifier was initialised with (same file), e.g. `new ChatOpenAI(...)`. */
export function receiverInit(receiver: ts.Expression, index: FileIndex): ts.Expression | undefined {
  const r = unwrap(receiver);
  const name = ts.isIdentifier(r) ? r.text : ts.isPropertyAccessExpression(r) && r.expression.kind === ts.SyntaxKind.ThisKeyword ? r.name.text : undefined;
  if (!name) return undefined;
  const decl = index.declarations.get(name)?.find((d) => d.kind === 'variable' && d.init && !d.property);
  if (decl?.init) return unwrap(decl.init as ts.Expression);
  if (ts.isPropertyAccessExpression(r)) {
    // this.model = new ChatOpenAI(...) in a constructor, or a class field initialiser.
    for (const node of index.news) {
      const parent = node.parent;
      if (ts.isBinaryExpression(parent) && ts.isPropertyAccessExpression(parent.left) && parent.left.name.text === name) return node;
      if (ts.isPropertyDeclaration(parent) && ts.isIdentifier(parent.name) && parent.name.text === name) return node;
    }
  }
  return undefined;
}

function isLangchainModel(receiver: ts.Expression, index: FileIndex, providers: Set<Provider | 'other'>): boolean {
  const init = receiverInit(receiver, index);
  if (init && ts.isNewExpression(init) && ts.isIdentifier(init.expression)) return LANGCHAIN_MODEL_CLASS.test(init.expression.text) && providers.has('langchain');
  if (init && ts.isCallExpression(init)) {
    const chain = calleeChain(init.expression);
    if (chain.includes('initChatModel') || chain.includes('withStructuredOutput') || chain.includes('bindTools')) return true;
    const root = chain[0];
    if (root && root !== '()' && isLangchainModel(ts.factory.createIdentifier(root), index, providers)) return true;
  }
  const r = unwrap(receiver);
  const name = ts.isIdentifier(r) ? r.text : ts.isPropertyAccessExpression(r) ? r.name.text : '';
  return providers.has('langchain') && MODEL_VARIABLE.test(name) && !init;
}

/**
 * Recognises an LLM call by its shape (callee names, option keys) and the SDK modules the file imports.
 * Returns the pattern that says which arguments are prompts, or undefined for other calls.
 */
export function matchCall(call: ts.CallExpression, index: FileIndex, providers: Set<Provider | 'other'>): CallPattern | undefined {
  const chain = calleeChain(call.expression);
  const n = chain.length;
  const last = chain[n - 1];
  const prev = chain[n - 2];
  if (!last) return undefined;
  if (n === 1 && AI_SDK_FUNCTIONS.test(last)) {
    if (!optionsObject(call)) return undefined;
    return { provider: 'ai-sdk', api: `ai-sdk.${last}`, args: AI_SDK_ARGS, structured: /Object$/.test(last) };
  }
  if (/^(create|stream|parse)$/.test(last)) {
    if (prev === 'completions' && chain[n - 3] === 'chat' && looksLikeLlmOptions(call)) return { ...OPENAI_CHAT, api: `openai.chat.completions.${last}` };
    if (prev === 'responses' && looksLikeLlmOptions(call)) return { ...OPENAI_RESPONSES, api: `openai.responses.${last}` };
    if (prev === 'completions' && last === 'create' && looksLikeLlmOptions(call)) return OPENAI_COMPLETIONS;
    if (prev === 'messages' && !chain.includes('threads') && last !== 'parse' && looksLikeLlmOptions(call)) {
      if (providers.has('anthropic') || optionsObject(call) && getProperty(optionsObject(call)!, 'max_tokens') || getProperty(optionsObject(call)!, 'system')) {
        return { ...ANTHROPIC_MESSAGES, api: `anthropic.messages.${last}` };
      }
    }
  }
  if (/^(countTokens|count_tokens|embedContent|embed|embedMany|tokenize)$/.test(last)) return undefined;
  if (chain.includes('assistants') && /^(create|update)$/.test(last) || chain.includes('runs') && /^(create|createAndPoll|stream)$/.test(last)) {
    if (optionsObject(call, 1) || optionsObject(call)) return OPENAI_ASSISTANTS;
  }
  if ((prev === 'chat' && /^(complete|stream)$/.test(last) && providers.has('other')) || (n === 2 && /^(chat|generate)$/.test(last) && /ollama/i.test(chain[0]) && optionsObject(call))) {
    return { provider: 'unknown', api: `${chain[0]}.${chain.slice(1).join('.')}`, args: OTHER_SDK_ARGS };
  }
  if (last === 'sendRequest' && index.modules.has('vscode') && call.arguments.length > 0) {
    return { provider: 'unknown', api: 'vscode.lm.sendRequest', args: [{ position: 0, role: 'unknown', shape: 'messages' }] };
  }
  if (/^generateContent(Stream)?$/.test(last)) {
    if (prev === 'models' || optionsObject(call) && getProperty(optionsObject(call)!, 'contents') && getProperty(optionsObject(call)!, 'model')) return GOOGLE_MODELS;
    if (call.arguments.length > 0) return GOOGLE_MODEL_CALL;
  }
  if (/^sendMessage(Stream)?$/.test(last) && providers.has('google') && call.arguments.length > 0) {
    return optionsObject(call)
      ? { provider: 'google', api: 'google.chat.sendMessage', args: [{ path: ['message'], role: 'user', shape: 'text-or-messages' }] }
      : { ...GOOGLE_MODEL_CALL, api: 'google.chat.sendMessage' };
  }
  if ((last === 'create' && prev === 'chats' || last === 'startChat') && providers.has('google') && optionsObject(call)) return GOOGLE_CHAT;
  if (n === 1 && last === 'run' && index.imports.get('run')?.module.startsWith('@openai/agents') && call.arguments.length >= 2) return OPENAI_AGENTS_RUN;
  if (/^(generate|stream|generateVNext|streamVNext)$/.test(last) && n >= 2 && call.arguments.length > 0 && ts.isPropertyAccessExpression(unwrap(call.expression))) {
    const init = receiverInit((unwrap(call.expression) as ts.PropertyAccessExpression).expression, index);
    if (init && ts.isNewExpression(init) && ts.isIdentifier(init.expression) && AGENT_CLASSES.test(init.expression.text)) {
      return { provider: 'ai-sdk', api: `agent.${last}`, args: [{ position: 0, role: 'user', shape: 'text-or-messages' }] };
    }
  }
  if (last === 'getGenerativeModel' && optionsObject(call)) return GOOGLE_GET_MODEL;
  if (last === 'fromMessages' && prev === 'ChatPromptTemplate') {
    return { provider: 'langchain', api: 'langchain.ChatPromptTemplate.fromMessages', args: [{ position: 0, role: 'unknown', shape: 'messages' }] };
  }
  if (last === 'fromTemplate' && prev && prev in LANGCHAIN_TEMPLATES) {
    return { provider: 'langchain', api: `langchain.${prev}.fromTemplate`, args: [{ position: 0, role: LANGCHAIN_TEMPLATES[prev], shape: 'text' }] };
  }
  if (LANGCHAIN_RUN.test(last) && n >= 2 && call.arguments.length > 0 && ts.isPropertyAccessExpression(unwrap(call.expression))) {
    const receiver = (unwrap(call.expression) as ts.PropertyAccessExpression).expression;
    if (isLangchainModel(receiver, index, providers)) {
      return { provider: 'langchain', api: `langchain.${last}`, args: [{ position: 0, role: 'user', shape: 'text-or-messages' }] };
    }
  }
  return undefined;
}

/** The value of a prompt argument in a call, and the node to anchor an argument site on. */
export function argumentValue(call: CallLike, arg: PromptArg): { value: ts.Expression; anchor: ts.Node } | undefined {
  if (arg.position !== undefined) {
    const value = call.arguments?.[arg.position];
    return value ? { value, anchor: value } : undefined;
  }
  let obj = optionsObject(call);
  const path = arg.path ?? [];
  for (let i = 0; obj && i < path.length; i++) {
    const value = getProperty(obj, path[i]);
    if (!value) return undefined;
    if (i === path.length - 1) {
      const prop = obj.properties.find((p) => (ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) && propertyName(p.name) === path[i]);
      return { value, anchor: prop ?? value };
    }
    const next = unwrap(value);
    obj = ts.isObjectLiteralExpression(next) ? next : undefined;
  }
  return undefined;
}

export { optionsObject };

