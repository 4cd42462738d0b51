import type { PromptSite } from './prompts/types';
import type { Report } from './rules/types';

/** Token counts of one prompt for one model. */
export interface PromptTokens {
  /** Exact count of the static text (approximate for Claude/Gemini). */
  static: number;
  /** Estimated tokens of the dynamic segments (interpolations, history, documents). */
  dynamic: number;
  /** Chat framing overhead (role markers, separators) included in `total`. */
  overhead: number;
  total: number;
  /** True when counts come from an estimate (Claude, Gemini, unknown models). */
  approximate: boolean;
}

/** Cost of one prompt, in USD. */
export interface PromptCost {
  /** Input cost of the prompt itself plus expected output (when the site is a whole call). */
  perCall: number;
  perMonth: number;
  input: number;
  output: number;
  /** Expected output tokens used for `output` (the call's cap, an annotation, or the default). */
  outputTokens: number;
  callsPerDay: number;
  currency: 'USD';
}

/** The model a prompt is priced with, and where that choice came from. */
export interface ModelChoice {
  id: string;
  source: 'call' | 'annotation' | 'default';
  /** False when the id is not in the catalogue nor in custom prices (cost is then 0 and flagged). */
  known: boolean;
}

/** A prompt with its tokens and cost. */
export interface PricedPrompt {
  site: PromptSite;
  model: ModelChoice;
  tokens: PromptTokens;
  cost: PromptCost;
}

/** The result of analysing one file. */
export interface FileAnalysis {
  file: string;
  text: string;
  prompts: PricedPrompt[];
  reports: Report[];
  /** Why a file was skipped or partly analysed (too large, binary, a rule that threw). */
  notes: string[];
}
