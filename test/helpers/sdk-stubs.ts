/**
 * Loose type declarations of the SDKs the fixtures import, so rule tests can type-check code
 * before and after a fix without installing the SDKs. Loose on purpose: they catch broken
 * code (undefined names, wrong syntax shapes), not API misuse.
 */
export const SDK_STUBS = `
declare module 'openai' { export default class OpenAI { constructor(o?: any); chat: any; responses: any; completions: any; embeddings: any; beta: any; } }
declare module '@anthropic-ai/sdk' { export default class Anthropic { constructor(o?: any); messages: any; beta: any; } }
declare module 'ai' { export const generateText: any, streamText: any, generateObject: any, streamObject: any, tool: any, convertToModelMessages: any, embed: any; }
declare module '@ai-sdk/openai' { export const openai: any; export const createOpenAI: any; }
declare module '@ai-sdk/anthropic' { export const anthropic: any; }
declare module '@ai-sdk/google' { export const google: any; }
declare module '@langchain/core/prompts' { export const ChatPromptTemplate: any, PromptTemplate: any, MessagesPlaceholder: any; }
declare module '@langchain/core/messages' { export const SystemMessage: any, HumanMessage: any, AIMessage: any, trimMessages: any; }
declare module '@langchain/openai' { export const ChatOpenAI: any, OpenAIEmbeddings: any; }
declare module '@langchain/anthropic' { export const ChatAnthropic: any; }
declare module '@google/genai' { export const GoogleGenAI: any; }
declare module 'zod' { export const z: any; }
declare module 'dedent' { const dedent: any; export default dedent; }
declare const process: any;
`;
