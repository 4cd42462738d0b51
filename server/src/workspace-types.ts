import type { FileAnalysis } from './analysis-types';

/** A problem in a configuration source (settings or `.promptcost.json`). */
export interface ConfigIssue {
  /** The file (or `settings`) the problem is in. */
  source: string;
  /** Dotted path of the bad key, e.g. `budgets.system.maxTokens`; empty for the whole file. */
  path: string;
  message: string;
}

/** Totals over a workspace analysis. */
export interface Summary {
  files: number;
  filesWithPrompts: number;
  prompts: number;
  /** Sum of prompt tokens over top-level prompts (parts of another prompt are not counted twice). */
  tokens: number;
  /** Sum of monthly cost over top-level prompts, USD. */
  perMonth: number;
  errors: number;
  warnings: number;
  infos: number;
  durationMs: number;
}

/** The result of analysing a set of files. */
export interface WorkspaceAnalysis {
  /** Directory paths are shown relative to. */
  root: string;
  files: FileAnalysis[];
  summary: Summary;
  configIssues: ConfigIssue[];
}
