import type { Summary } from '../../workspace-types';
/**
 * The `--format json` contract (version 1). Stable: fields are only ever added; removing or
 * renaming one, or changing its meaning, bumps `version`. Lines and columns are 1-based, columns
 * count UTF-16 code units, end positions are exclusive; paths are relative to the analysis root
 * with forward slashes; money is USD rounded to 6 decimals. Files are ordered by path, prompts
 * and diagnostics by position.
 */

/** A 1-based range. */
export interface JsonRange {
  line: number;
  endLine: number;
  column: number;
  endColumn: number;
}

/** The top-level document. */
export interface JsonOutput {
  version: 1;
  files: JsonFile[];
  configIssues: JsonConfigIssue[];
  summary: JsonSummary;
}

export interface JsonFile {
  path: string;
  prompts: JsonPrompt[];
  diagnostics: JsonDiagnostic[];
  /** Why the file was skipped or partly analysed. */
  notes: string[];
}

export interface JsonPrompt extends JsonRange {
  kind: string;
  role: string;
  /** The constant or function holding the prompt. */
  name: string | null;
  provider: string;
  /** The model the prompt is priced with. */
  model: string;
  /** Where the model came from: `call`, `annotation` or `default`. */
  modelSource: string;
  tokens: { static: number; dynamic: number; total: number; approximate: boolean };
  cost: { perCall: number; perMonth: number; currency: 'USD' };
  /** The LLM call the prompt flows into; `line` is in the call's own file (null if that file cannot be read). */
  call: { line: number | null; api: string; path: string } | null;
  history: { bounded: boolean } | null;
  retrieval: { bounded: boolean } | null;
  /** `id` of the call-level prompt that contains this one; such prompts are not counted in totals. */
  partOf: string | null;
  /** Stable within one analysis. */
  id: string;
}

export interface JsonDiagnostic extends JsonRange {
  ruleId: string;
  severity: 'error' | 'warning' | 'info' | 'hint';
  message: string;
  docsUrl: string;
  fix: JsonFix | null;
}

export interface JsonFix {
  title: string;
  /** Whether the fix may be applied without review. */
  safe: boolean;
  edits: JsonEdit[];
}

/** One replacement; `start`/`end` are UTF-16 offsets into the file as analysed; positions null if the file cannot be read. */
export interface JsonEdit {
  path: string;
  line: number | null;
  endLine: number | null;
  column: number | null;
  endColumn: number | null;
  start: number;
  end: number;
  newText: string;
}

export interface JsonConfigIssue {
  /** The configuration file (relative path) or `settings`. */
  source: string;
  /** Dotted key path; '' for the whole file. */
  path: string;
  message: string;
}

/** Totals of the run: the engine's summary as it is (see workspace-types.ts). */
export type JsonSummary = Summary;
