/** A small hand-built WorkspaceAnalysis shared by the formatter tests. */
import type { FileAnalysis, PricedPrompt } from '../../../server/src/analysis-types';
import type { CallInfo, PromptSite, Span } from '../../../server/src/prompts/types';
import type { Report } from '../../../server/src/rules/types';
import type { WorkspaceAnalysis } from '../../../server/src/workspace-types';

export const ROOT = '/repo';
export const SUMMARIZE = `${ROOT}/src/agents/summarize.ts`;
export const ASK = `${ROOT}/lib/ask.ts`;
export const EMPTY = `${ROOT}/src/empty.ts`;
/** A file outside the analysis, holding the call of ASK's prompt; given to formatters through `readText`. */
export const CALL_FILE = `${ROOT}/lib/llm.ts`;

export const SUMMARIZE_TEXT = [
  "import OpenAI from 'openai';",
  'const client = new OpenAI();',
  'export const SYSTEM_PROMPT = `You are a helpful assistant. Please please be concise.`;',
  'export async function summarize(text: string) {',
  '  return client.chat.completions.create({',
  "    model: 'gpt-4o',",
  "    messages: [{ role: 'system', content: SYSTEM_PROMPT }, { role: 'user', content: text }],",
  '  });',
  '}',
  '',
].join('\n');

export const ASK_TEXT = [
  "import { llm } from './llm';",
  'export const ask = (history: string[], q: string) => llm(`Answer: ${q}\\nHistory: ${history.join("\\n")}`);',
  '',
].join('\r\n');

export const CALL_TEXT = ["import { generateText } from 'ai';", '', 'export const llm = (prompt: string) => generateText({ prompt });', ''].join('\n');

/** The span of the `occurrence`-th (0-based) match of `needle` in `text`. */
export function spanOf(text: string, needle: string, occurrence = 0): Span {
  let start = -1;
  for (let i = 0; i <= occurrence; i++) {
    start = text.indexOf(needle, start + 1);
    if (start < 0) throw new Error(`not found: ${needle}`);
  }
  return { start, end: start + needle.length };
}

function site(file: string, span: Span, fields: Partial<PromptSite>): PromptSite {
  return {
    id: `${file}#${span.start}`,
    file,
    span,
    kind: 'literal',
    role: 'unknown',
    segments: [],
    call: null,
    provider: 'unknown',
    history: null,
    retrieval: null,
    annotation: {},
    ...fields,
  };
}

const summarizeCall: CallInfo = {
  file: SUMMARIZE,
  span: spanOf(SUMMARIZE_TEXT, 'client.chat.completions.create({'),
  calleeSpan: spanOf(SUMMARIZE_TEXT, 'client.chat.completions.create'),
  provider: 'openai',
  api: 'openai.chat.completions.create',
  model: 'gpt-4o',
};

const messagesSpan = spanOf(SUMMARIZE_TEXT, "[{ role: 'system', content: SYSTEM_PROMPT }, { role: 'user', content: text }]");
const messagesSite = site(SUMMARIZE, messagesSpan, { kind: 'messages', role: 'system', call: summarizeCall, provider: 'openai' });

export const systemPrompt: PricedPrompt = {
  site: site(SUMMARIZE, spanOf(SUMMARIZE_TEXT, '`You are a helpful assistant. Please please be concise.`'), {
    kind: 'template',
    role: 'system',
    name: 'SYSTEM_PROMPT',
    call: summarizeCall,
    provider: 'openai',
    partOf: messagesSite.id,
  }),
  model: { id: 'gpt-4o', source: 'call', known: true },
  tokens: { static: 11, dynamic: 0, overhead: 0, total: 11, approximate: false },
  cost: { perCall: 0.0000275, perMonth: 0.825, input: 0.0000275, output: 0, outputTokens: 0, callsPerDay: 1000, currency: 'USD' },
};

export const messagesPrompt: PricedPrompt = {
  site: messagesSite,
  model: { id: 'gpt-4o', source: 'call', known: true },
  tokens: { static: 11, dynamic: 200, overhead: 7, total: 218, approximate: false },
  cost: { perCall: 0.005545, perMonth: 166.35, input: 0.000545, output: 0.005, outputTokens: 500, callsPerDay: 1000, currency: 'USD' },
};

export const askPrompt: PricedPrompt = {
  site: site(ASK, spanOf(ASK_TEXT, '`Answer: ${q}\\nHistory: ${history.join("\\n")}`'), {
    kind: 'template',
    role: 'user',
    call: {
      file: CALL_FILE,
      span: spanOf(CALL_TEXT, 'generateText({ prompt })'),
      calleeSpan: spanOf(CALL_TEXT, 'generateText'),
      provider: 'ai-sdk',
      api: 'ai-sdk.generateText',
    },
    provider: 'ai-sdk',
    history: { kind: 'history', expression: 'history.join("\\n")', span: spanOf(ASK_TEXT, 'history.join("\\n")'), bounded: false },
  }),
  model: { id: 'claude-sonnet-4', source: 'default', known: true },
  tokens: { static: 4, dynamic: 2200, overhead: 0, total: 2204, approximate: true },
  cost: { perCall: 0.0141123456789, perMonth: 423.370370367, input: 0.006612, output: 0.0075, outputTokens: 500, callsPerDay: 1000, currency: 'USD' },
};

const DOCS = 'https://example.invalid/promptcost/docs/rules';
const pleaseSpan = spanOf(SUMMARIZE_TEXT, 'please ');

export const paddedReport: Report = {
  ruleId: 'padded-instruction',
  severity: 'warning',
  message: 'Filler word "please" repeated: 2 tokens on every call',
  file: SUMMARIZE,
  span: spanOf(SUMMARIZE_TEXT, 'Please please'),
  docsUrl: `${DOCS}#padded-instruction`,
  fix: { title: 'Remove the repeated filler', safe: true, edits: [{ file: SUMMARIZE, start: pleaseSpan.start, end: pleaseSpan.end, newText: '' }] },
  promptId: systemPrompt.site.id,
};

const modelLine = spanOf(SUMMARIZE_TEXT, "    model: 'gpt-4o',\n");
export const maxTokensReport: Report = {
  ruleId: 'missing-max-tokens',
  severity: 'info',
  message: 'No output cap: priced at 500 output tokens',
  file: SUMMARIZE,
  span: summarizeCall.calleeSpan,
  docsUrl: `${DOCS}#missing-max-tokens`,
  fix: { title: 'Add max_tokens: 500', safe: false, edits: [{ file: SUMMARIZE, start: modelLine.end, end: modelLine.end, newText: '    max_tokens: 500,\n' }] },
};

export const historyReport: Report = {
  ruleId: 'no-unbounded-history',
  severity: 'error',
  message: 'Chat history `history` is injected without a bound',
  file: ASK,
  span: spanOf(ASK_TEXT, 'history.join("\\n")'),
  docsUrl: `${DOCS}#no-unbounded-history`,
  promptId: askPrompt.site.id,
};

/** A report of a rule the SARIF rule list does not know, anchored in the call file outside the analysis. */
export const strayReport: Report = {
  ruleId: 'experimental-rule',
  severity: 'hint',
  message: 'A hint in another file',
  file: CALL_FILE,
  span: spanOf(CALL_TEXT, 'generateText'),
  docsUrl: `${DOCS}#experimental-rule`,
};

const files: FileAnalysis[] = [
  { file: SUMMARIZE, text: SUMMARIZE_TEXT, prompts: [messagesPrompt, systemPrompt], reports: [maxTokensReport, paddedReport], notes: [] },
  { file: ASK, text: ASK_TEXT, prompts: [askPrompt], reports: [historyReport, strayReport], notes: ['rule no-tool-bloat threw: boom'] },
  { file: EMPTY, text: '', prompts: [], reports: [], notes: [] },
];

/** The analysis: three files (one without prompts), a call in a fourth file, four reports (two with fixes), a config issue. */
export function buildAnalysis(): WorkspaceAnalysis {
  return {
    root: ROOT,
    files: structuredClone(files),
    summary: {
      files: 3,
      filesWithPrompts: 2,
      prompts: 2,
      tokens: 2422,
      perMonth: 589.720370367,
      errors: 1,
      warnings: 1,
      infos: 1,
      durationMs: 12,
    },
    configIssues: [
      { source: `${ROOT}/.promptcost.json`, path: 'budgets.system.maxTokens', message: 'must be greater than 0, got -5' },
      { source: 'settings', path: '', message: 'promptcost.callsPerDay: expected a number' },
    ],
  };
}

/** Resolves CALL_FILE's text for formatters (the file is not on disk). */
export function readText(path: string): string | undefined {
  return path === CALL_FILE ? CALL_TEXT : undefined;
}
