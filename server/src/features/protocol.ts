/**
 * Custom messages between the promptcost client and server, shared by both sides.
 * No imports: the client bundle includes this file, so it must not pull in server code.
 */

/** A zero-based LSP range (lines and UTF-16 characters). */
export interface WireRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/** Request `promptcost/workspaceReport`: the costliest prompts of the workspace. */
export const WORKSPACE_REPORT_REQUEST = 'promptcost/workspaceReport';

/** One prompt of the workspace report. */
export interface WorkspaceReportItem {
  uri: string;
  range: WireRange;
  /** The workspace-relative path (forward slashes). */
  path: string;
  /** The prompt's constant name, or a short description such as `system prompt of openai.chat.completions.create`. */
  label: string;
  role: string;
  model: string;
  tokens: number;
  /** True when the token count is an estimate (Claude/Gemini, or dynamic parts). */
  approximate: boolean;
  perCall: number;
  perMonth: number;
  /** `≈ 1,240 tokens · $0.0031/call · $93/mo`, as the CodeLens shows it. */
  summary: string;
}

/** Result of `promptcost/workspaceReport`: items sorted by monthly cost, most expensive first. */
export interface WorkspaceReport {
  items: WorkspaceReportItem[];
  prompts: number;
  perMonth: number;
  /** False when the background scan of the workspace has not finished (the report covers opened files only). */
  complete: boolean;
}

/** Request `promptcost/languageStatus`: the prompt count and monthly cost of one file. */
export const LANGUAGE_STATUS_REQUEST = 'promptcost/languageStatus';

export interface LanguageStatusParams {
  uri: string;
}

/** What the language status item shows for a file. */
export interface LanguageStatus {
  /** False when promptcost is turned off (`promptcost.enable`) for the file's folder. */
  enabled: boolean;
  prompts: number;
  tokens: number;
  approximate: boolean;
  perMonth: number;
  /** `3 prompts · $412/mo`. */
  text: string;
  /** Longer explanation for the status item's detail line. */
  detail: string;
}

/** Notification `promptcost/didChangeAnalysis` (server → client): costs may have changed; re-query the status. */
export const DID_CHANGE_ANALYSIS_NOTIFICATION = 'promptcost/didChangeAnalysis';

/**
 * Client command run by CodeLenses: reveal a position and show the hover there.
 * Arguments: `[uri: string, position: { line, character }]`.
 */
export const SHOW_PROMPT_DETAILS_COMMAND = 'promptcost.showPromptDetails';

/** Client command that shows the workspace cost report (a quick pick). */
export const SHOW_WORKSPACE_REPORT_COMMAND = 'promptcost.showWorkspaceReport';

/** Initialization options the client sends. */
export interface InitializationOptions {
  /** Whether the workspace is trusted (Restricted Mode limits what promptcost reads). */
  trusted?: boolean;
}
