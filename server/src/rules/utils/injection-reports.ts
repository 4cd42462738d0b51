import type { PricedPrompt } from '../../analysis-types';
import type { Injection, PromptSite } from '../../prompts/types';

/** One injection to report, with the prompt it was found in. */
export interface InjectionFinding {
  prompt: PricedPrompt;
  injection: Injection;
}

/** Prompt-argument names that carry a system prompt apart from the messages. */
const SYSTEM_ARGS = /^(system|instructions|systemInstruction|config\.systemInstruction|preamble)$/;

/**
 * The history or retrieval injections of a file's prompts that are written in this file, once each
 * (a join is often seen both as its own site and inside the prompt that uses it), keeping the one on
 * a top-level prompt with a call when there is a choice. An injection seen only through a variable
 * (`${context}`) is dropped when the join itself (same target) is reported here.
 */
export function injectionsIn(prompts: readonly PricedPrompt[], kind: 'history' | 'retrieval'): InjectionFinding[] {
  const bySpan = new Map<number, InjectionFinding>();
  const rank = (p: PricedPrompt): number => (p.site.partOf ? 0 : 2) + (p.site.call ? 1 : 0);
  for (const prompt of prompts) {
    const injection = prompt.site[kind];
    if (!injection || injection.span.end <= injection.span.start) continue;
    const seen = bySpan.get(injection.span.start);
    if (!seen || rank(prompt) > rank(seen.prompt)) bySpan.set(injection.span.start, { prompt, injection });
  }
  const all = [...bySpan.values()];
  const direct = (i: Injection): boolean => !/^[\w$]+$/.test(i.expression) || kind === 'history';
  return all
    .filter((f) => direct(f.injection) || !all.some((o) => o !== f && o.injection.target === f.injection.target && direct(o.injection)))
    .filter((f) => !isPushGrowth(f.injection) || !all.some((o) => o !== f && !isPushGrowth(o.injection) && o.injection.target === f.injection.target))
    .sort((a, b) => a.injection.span.start - b.injection.span.start);
}

/** Whether the injection is an array grown with `push` across turns (its span is the array's declaration). */
export function isPushGrowth(injection: Injection): boolean {
  return /\.push\(\.\.\.\)$/.test(injection.expression);
}

/** Whether the call sends its system prompt apart from the messages (`system:`, `instructions:`, Anthropic). */
export function systemApart(site: PromptSite): boolean {
  const call = site.call;
  if (!call) return false;
  if (call.api.startsWith('anthropic.')) return true;
  return (call.promptArgs ?? []).some((arg) => SYSTEM_ARGS.test(arg.name));
}

/** The name to show for an injection: its target variable, else its (shortened) expression. */
export function injectionName(injection: Injection, max = 40): string {
  if (injection.target && !isPushGrowth(injection) && injection.expression.length > max) return injection.target;
  if (isPushGrowth(injection) && injection.target) return injection.target;
  const text = injection.expression.replace(/\s+/g, ' ');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
