/**
 * The central value of promptcost: a prompt found in source code.
 * Offsets are UTF-16 code-unit offsets into the file text (what TypeScript and LSP use);
 * convert to lines and columns with `LineMap` (server/src/text/line-map.ts).
 */

/** A half-open span [start, end) of UTF-16 offsets in one file. */
export interface Span {
  start: number;
  end: number;
}

/** Known LLM API providers. `unknown` when a prompt has no visible call. */
export type Provider = 'openai' | 'anthropic' | 'google' | 'ai-sdk' | 'langchain' | 'unknown';

/** Who speaks the text in a chat. `template` is a prompt template whose role is not fixed yet. */
export type PromptRole = 'system' | 'user' | 'assistant' | 'tool' | 'template' | 'unknown';

/** How the prompt was written in source. */
export type PromptKind =
  | 'literal' // "..." or '...'
  | 'template' // `...${x}...` (tagged or not)
  | 'concat' // a + b
  | 'join' // [...].join(...)
  | 'function' // (x) => `...${x}`
  | 'messages' // a { role, content } array
  | 'argument' // an SDK prompt argument whose text comes from elsewhere (a parameter, a call)
  | 'tool-description'; // a tool / function description shown to the model

/** Literal text of a prompt. */
export interface StaticSegment {
  kind: 'static';
  text: string;
  /** Where the text is in the file; absent when the text came from another file (a resolved import). */
  span?: Span;
}

/** Why a dynamic segment is there; rules use it (history/retrieval are unbounded-content risks). */
export type DynamicSource = 'interpolation' | 'history' | 'retrieval' | 'argument';

/** Text only known at run time: an interpolation, a variable, a function call. */
export interface DynamicSegment {
  kind: 'dynamic';
  /** The expression's source text, e.g. `user.question`. */
  expression: string;
  source: DynamicSource;
  span?: Span;
  /** Tokens from the source itself (a numeric hint or annotation); otherwise the configured per-role default applies. */
  estimateTokens?: number;
}

export type Segment = StaticSegment | DynamicSegment;

/** One message of a chat prompt (for messages arrays); `segments` of the site are these concatenated. */
export interface PromptMessage {
  role: PromptRole;
  segments: Segment[];
  span: Span;
}

/** Chat history or retrieved documents injected into a prompt. */
export interface Injection {
  kind: 'history' | 'retrieval';
  /** The injecting expression's text, e.g. `...history` or `docs.map(d => d.pageContent).join("\n")`. */
  expression: string;
  span: Span;
  /** The variable or property that holds the history/documents (e.g. `history`, `messages`). */
  target?: string;
  /** Whether a bound is visible: `.slice(-n)`, `.slice(0, k)`, `trimMessages`, `k`/`topK`/`limit`. */
  bounded: boolean;
  /** The bound's size when it is a literal (e.g. 20 for `.slice(-20)`, 4 for `k: 4`). */
  bound?: number;
  /** Where the bound's numeric literal is (`50` in `similaritySearch(q, 50)`), when it is in the site's file: for a fix that lowers it. */
  boundSpan?: Span;
}

/** The LLM call a prompt flows into. */
export interface CallInfo {
  /** File of the call (may differ from the prompt's file when the prompt is an imported constant). */
  file: string;
  span: Span;
  /** The callee's text span (e.g. `openai.chat.completions.create`) for anchoring reports. */
  calleeSpan: Span;
  provider: Provider;
  /** Normalised API name, e.g. `openai.chat.completions.create`, `anthropic.messages.create`, `ai-sdk.generateText`. */
  api: string;
  /** The model id when visible at the call (`model: 'gpt-4o'`, a constant, `openai('gpt-4o')`). */
  model?: string;
  /** Where the model id literal is (for a fix that replaces it). */
  modelSpan?: Span;
  /** The output cap when visible (`max_tokens`, `max_completion_tokens`, `max_output_tokens`, `maxOutputTokens`, `maxTokens`). */
  maxOutputTokens?: number;
  /** The name of the cap parameter if present. */
  maxOutputParam?: string;
  /** Span of the options object literal of the call (where a missing parameter would be inserted). */
  optionsSpan?: Span;
  /** Whether the call carries Anthropic `cache_control` anywhere in its arguments. */
  cacheControl?: boolean;
  /**
   * The prompt arguments as written at the call (in the call's file): `name` is the option path
   * (`system`, `messages`, `config.systemInstruction`) or `#0` for a positional argument.
   */
  promptArgs?: { name: string; value: Span; property: Span }[];
  /** Whether the call requests structured output (JSON schema, zod schema, enum, `response_format`). */
  structuredOutput?: boolean;
}

/** `// promptcost: calls-per-day=5000 model=gpt-4o` and friends. */
export interface Annotation {
  callsPerDay?: number;
  model?: string;
  /** Estimated tokens for the dynamic parts of the prompt (`dynamic-tokens=800`). */
  dynamicTokens?: number;
  /** Expected output tokens per call (`output-tokens=300`). */
  outputTokens?: number;
}

/** A prompt found in a file. */
export interface PromptSite {
  /** Stable within a file analysis: `${file}#${span.start}`. */
  id: string;
  /** Absolute path of the file the prompt is reported in (its definition). */
  file: string;
  span: Span;
  kind: PromptKind;
  role: PromptRole;
  /** The prompt's text as ordered static/dynamic segments (for messages: all messages in order). */
  segments: Segment[];
  /** For chat prompts: the messages in order. */
  messages?: PromptMessage[];
  /** Name of the constant/function holding the prompt, when it has one. */
  name?: string;
  /** The call the prompt flows into, or null when no call is visible. */
  call: CallInfo | null;
  /** The provider (from the call, or guessed from imports; `unknown` otherwise). */
  provider: Provider;
  history: Injection | null;
  retrieval: Injection | null;
  annotation: Annotation;
  /** True when the site was forced by a `/* @prompt *\/` comment. */
  forced?: boolean;
  /**
   * Id of the call-level prompt (e.g. a messages array) that also contains this text; totals count
   * only top-level prompts so a constant used inside a messages array is not paid twice.
   */
  partOf?: string;
}
