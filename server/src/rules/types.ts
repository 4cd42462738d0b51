import type { z } from 'zod';
import type { Config, SeveritySetting } from '../config/schema';
import type { PromptSite, Span } from '../prompts/types';
import type { PricedPrompt } from '../analysis-types';

export type Severity = Exclude<SeveritySetting, 'off'>;

/** One text replacement in a file: offsets are UTF-16 into the file's text at analysis time. */
export interface TextEdit {
  file: string;
  start: number;
  end: number;
  newText: string;
}

/** A fix a report carries; computed when the report is made and applied verbatim by editors and `--fix`. */
export interface Fix {
  /** What the fix does, shown as the code action's title. */
  title: string;
  edits: TextEdit[];
  /** Whether `source.fixAll` may apply it without the user looking (never for model or behaviour changes). */
  safe: boolean;
}

/** What a rule's check returns; the engine adds the rule id, severity and final message. */
export interface RuleReport {
  /** File the report belongs to (defaults to the file being analysed). */
  file?: string;
  span: Span;
  messageId: string;
  /** Values for `{name}` placeholders in the message template. */
  data?: Record<string, string | number>;
  fix?: Fix;
  /** The prompt the report is about, when there is one. */
  promptId?: string;
}

/** A finished report, as adapters (CLI, LSP) see it. */
export interface Report {
  ruleId: string;
  severity: Severity;
  message: string;
  file: string;
  span: Span;
  docsUrl: string;
  fix?: Fix;
  promptId?: string;
}

/** Everything a rule may read. Rules never walk syntax trees themselves. */
export interface RuleContext<Options> {
  file: string;
  text: string;
  /** The priced prompts reported in this file (including ones whose call is in another file). */
  prompts: readonly PricedPrompt[];
  options: Options;
  config: Config;
}

export interface RuleMeta<Options> {
  /** kebab-case id; also the file name of the rule. */
  id: string;
  description: string;
  defaultSeverity: SeveritySetting;
  /** Absolute URL of the rule's documentation section. */
  docsUrl: string;
  /** Message templates by id; `{name}` is replaced by `RuleReport.data.name`. */
  messages: Record<string, string>;
  /** zod schema of the options, with defaults, so `schema.parse({})` gives the default options. */
  options: z.ZodType<Options>;
  /** Whether reports may carry fixes. */
  fixable: boolean;
}

/** A rule: metadata plus a pure check over a file's priced prompts. */
export interface Rule<Options = unknown> {
  meta: RuleMeta<Options>;
  check(context: RuleContext<Options>): RuleReport[];
}

/** Convenience for rule files: keeps the options type inferred from the schema. */
export function defineRule<S extends z.ZodType>(rule: {
  meta: Omit<RuleMeta<z.output<S>>, 'options'> & { options: S };
  check(context: RuleContext<z.output<S>>): RuleReport[];
}): Rule<z.output<S>> {
  return rule as unknown as Rule<z.output<S>>;
}

export type { PromptSite };
