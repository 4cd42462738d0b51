import type { CallInfo, Injection, PromptSite, Span } from '../../prompts/types';
import { isPostfixChain, soleArgument } from './expression-text';
import { isPushGrowth, systemApart } from './injection-reports';

/** A text replacement in the analysed file. */
export interface Replacement {
  start: number;
  end: number;
  newText: string;
}

type PromptArg = NonNullable<CallInfo['promptArgs']>[number];

/** UI-message converters: their input never carries the system prompt (AI SDK `convertToModelMessages`). */
const UI_CONVERTERS = /^convertTo\w*Messages$/;
/** A plain access path that may be read twice without side effects (`messages`, `this.history`, `s.history`). */
const PLAIN_PATH = /^(this\.)?[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/;

/** The message index of the history segment an injection produced in a messages site. */
function messageIndex(site: PromptSite, injection: Injection): number {
  return (site.messages ?? []).findIndex((m) => m.segments.some((s) => s.kind === 'dynamic' && s.source === 'history' && s.span?.start === injection.span.start));
}

/** Whether the messages before the injected history hold the system prompt (so slicing the history keeps it). */
function systemBefore(site: PromptSite, injection: Injection): boolean {
  const at = messageIndex(site, injection);
  return at > 0 && (site.messages ?? []).slice(0, at).some((m) => m.role === 'system');
}

/** Whether the evaluated messages of a site start with a fixed system message (an array built `[system, …]` and pushed to). */
function startsWithSystem(site: PromptSite): boolean {
  const first = site.messages?.[0];
  return !!first && first.role === 'system' && !first.segments.some((s) => s.kind === 'dynamic' && s.source === 'history');
}

function append(text: string, span: Span, suffix: string): Replacement {
  return isPostfixChain(text.slice(span.start, span.end))
    ? { start: span.end, end: span.end, newText: suffix }
    : { start: span.start, end: span.end, newText: `(${text.slice(span.start, span.end)})${suffix}` };
}

/**
 * The whole messages argument `name` of a call: `name.slice(-n)` when the system prompt travels apart
 * (or the array's messages are all visible and none is a system message), `[name[0], ...name.slice(1).slice(-n)]`
 * when the array starts with its system message, else nothing.
 */
function wholeArgument(text: string, site: PromptSite, arg: PromptArg, keep: number, allVisible: boolean): Replacement | undefined {
  const { value, property } = arg;
  const name = text.slice(value.start, value.end);
  // `{ messages }`: an option written shorthand (a positional argument `#0` has the same spans but no name).
  const shorthand = !arg.name.startsWith('#') && property.start === value.start && property.end === value.end;
  const noSystem = allVisible && !(site.messages ?? []).some((m) => m.role === 'system');
  let replacement: string | undefined;
  if ((systemApart(site) || noSystem) && isPostfixChain(name)) replacement = `${name}.slice(-${keep})`;
  else if (startsWithSystem(site) && PLAIN_PATH.test(name)) replacement = `[${name}[0], ...${name}.slice(1).slice(-${keep})]`;
  if (!replacement) return undefined;
  if (shorthand && !/^[A-Za-z_$][\w$]*$/.test(name)) return undefined;
  return { start: value.start, end: value.end, newText: shorthand ? `${name}: ${replacement}` : replacement };
}

/**
 * The edit that keeps only the last `keep` messages of an unbounded history injection, keeping the
 * system message first; undefined when that cannot be done by text alone without risk (the history
 * may hold the system message, the expression is not a plain chain, a LangChain placeholder).
 * @example // `...history` → `...history.slice(-20)`; `convertToModelMessages(messages)` → `convertToModelMessages(messages.slice(-20))`
 */
export function historySlice(text: string, file: string, site: PromptSite, injection: Injection, keep: number): Replacement | undefined {
  const { span } = injection;
  const expr = text.slice(span.start, span.end);
  const suffix = `.slice(-${keep})`;
  const args = site.call && site.call.file === file ? (site.call.promptArgs ?? []) : [];
  if (isPushGrowth(injection)) {
    // The array grows with push; bound it where the call reads it.
    const arg = args.find((a) => text.slice(a.value.start, a.value.end) === injection.target);
    return arg ? wholeArgument(text, site, arg, keep, true) : undefined;
  }
  if (expr !== injection.expression) return undefined;
  if (expr.startsWith('...')) {
    if (!systemApart(site) && !systemBefore(site, injection)) return undefined;
    const inner = expr.slice(3);
    const offset = 3 + (inner.length - inner.trimStart().length);
    return append(text, { start: span.start + offset, end: span.end }, suffix);
  }
  const arg = args.find((a) => a.value.start === span.start && a.value.end === span.end);
  const sole = soleArgument(expr);
  if (sole && (UI_CONVERTERS.test(sole.callee) || systemApart(site))) {
    return { start: span.start + sole.end, end: span.start + sole.end, newText: suffix };
  }
  if (arg) return wholeArgument(text, site, arg, keep, false);
  // A chain inside a larger expression (`history.concat(…)`, `[system].concat(history)`), after or apart from the system prompt.
  if ((systemApart(site) || systemBefore(site, injection)) && isPostfixChain(expr)) return append(text, span, suffix);
  return undefined;
}
