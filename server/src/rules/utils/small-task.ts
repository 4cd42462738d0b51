import { groupStaticText, groupTokens, type CallGroup } from './call-groups';

/** The phrase lists and thresholds of `cheaper-model-tier` that judge a task's size. */
export interface SmallTaskOptions {
  smallOutputTokens: number;
  longPromptTokens: number;
  taskPhrases: string[];
  answerPhrases: string[];
  rewritePhrases: string[];
  complexPhrases: string[];
}

/** Signals a call is a small task, and why (for the message). */
export interface SmallTaskScore {
  score: number;
  reasons: string[];
}

/** Distinct task phrases that count (more wording of the same job adds nothing). */
const MAX_TASK_PHRASE_SIGNALS = 2;
/** A constrained answer (yes/no, one word, one label) is a strong signal on its own. */
const ANSWER_WEIGHT = 2;
/** Wording of a demanding job outweighs a strong small-task signal. */
const COMPLEX_WEIGHT = 2;

/** Lower-cased prompt text with quotes and emphasis marks dropped (`Answer "yes" or "no"` → `answer yes or no`). */
function normalise(text: string): string {
  return text.toLowerCase().replace(/["'`*_“”‘’]/g, '').replace(/\s+/g, ' ');
}

/** Compiled phrase patterns by phrase (the lists come from the options: a few dozen phrases in all). */
const patterns = new Map<string, RegExp | null>();
/** Patterns kept at most (configured lists changed many times over a session are forgotten). */
const MAX_PATTERNS = 1000;

/** The pattern finding a phrase at the start of a word, or null for a phrase that is blank once normalised. */
function patternOf(phrase: string): RegExp | null {
  let pattern = patterns.get(phrase);
  if (pattern === undefined) {
    const wanted = normalise(phrase).trim();
    const escaped = wanted.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    pattern = wanted.length > 0 ? new RegExp(`(?<![a-z0-9])${escaped}`) : null;
    if (patterns.size >= MAX_PATTERNS) patterns.clear();
    patterns.set(phrase, pattern);
  }
  return pattern;
}

/** The phrases of a list found in a text, each at the start of a word (`classif` also finds `classification`). */
function found(text: string, phrases: readonly string[]): string[] {
  return phrases.filter((phrase) => patternOf(phrase)?.test(text) ?? false);
}

/**
 * Scores how much a call looks like a task a smaller tier does well:
 * +1 per distinct task phrase (at most 2), +2 for a constrained answer phrase, +1 for a rewrite phrase,
 * +1 for an output cap at or below `smallOutputTokens`, +1 for structured output (JSON schema, enum,
 * `generateObject`), −2 for wording of a demanding job, −1 for a static prompt over `longPromptTokens`,
 * −1 each for chat history, retrieved documents and tools in the call.
 * `withText: false` scores the call alone (its cap and output format), without the prompt text.
 * @example scoreSmallTask(group, options) // { score: 3, reasons: ['answer "yes or no"', 'output capped at 5 tokens'] }
 */
export function scoreSmallTask(group: CallGroup, options: SmallTaskOptions, context: { withText?: boolean; hasTools?: boolean } = {}): SmallTaskScore {
  const withText = context.withText ?? true;
  const text = withText ? normalise(groupStaticText(group)) : '';
  const reasons: string[] = [];
  let score = 0;
  const tasks = found(text, options.taskPhrases).slice(0, MAX_TASK_PHRASE_SIGNALS);
  if (tasks.length > 0) {
    score += tasks.length;
    reasons.push(`wording ${tasks.map((t) => `"${t}"`).join(', ')}`);
  }
  const answers = found(text, options.answerPhrases);
  if (answers.length > 0) {
    score += ANSWER_WEIGHT;
    reasons.push(`answer "${answers[0]}"`);
  }
  const rewrites = found(text, options.rewritePhrases);
  if (rewrites.length > 0) {
    score += 1;
    reasons.push(`rewrite "${rewrites[0]}"`);
  }
  const cap = outputCap(group);
  if (cap !== undefined && cap <= options.smallOutputTokens) {
    score += 1;
    reasons.push(`output capped at ${cap} tokens`);
  }
  if (group.call.structuredOutput) {
    score += 1;
    reasons.push('structured output');
  }
  if (found(text, options.complexPhrases).length > 0) score -= COMPLEX_WEIGHT;
  if (withText && groupTokens(group).static > options.longPromptTokens) score -= 1;
  // A conversation, retrieved documents or tools mean an assistant or an agent, not a one-shot label.
  if (group.prompts.some((p) => p.site.history)) score -= 1;
  if (group.prompts.some((p) => p.site.retrieval)) score -= 1;
  if (context.hasTools) score -= 1;
  return { score, reasons };
}

/** The call's output cap, or an `output-tokens` annotation when the call shows none. */
function outputCap(group: CallGroup): number | undefined {
  if (group.call.maxOutputTokens !== undefined) return group.call.maxOutputTokens;
  const annotated = group.prompts.map((p) => p.site.annotation.outputTokens).filter((n): n is number => n !== undefined);
  return annotated.length > 0 ? Math.min(...annotated) : undefined;
}
