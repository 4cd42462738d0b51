import type { ModelChoice, PricedPrompt } from '../../analysis-types';
import { expectedOutput } from '../../analysis/price-prompt';
import type { Config } from '../../config/schema';
import type { CallInfo, Segment, Span } from '../../prompts/types';

/**
 * The prompts of one LLM call that a file's analysis sees. A call's prompts may be split across files:
 * a constant imported into the call is reported (and seen by rules) in the file that defines it.
 */
export interface CallGroup {
  call: CallInfo;
  /** Whether the call itself is in the analysed file (its spans index `RuleContext.text`). */
  local: boolean;
  /** The call's prompts reported in this file that are not part of another prompt, system prompts first. */
  prompts: PricedPrompt[];
  /** The model the call is priced with (from its first prompt: the call's model, an annotation, or the default). */
  model: ModelChoice;
  /** Calls per day (an annotation on the call or a prompt, else the configured default). */
  callsPerDay: number;
}

/** A key that identifies a call across files. */
export function callKey(call: CallInfo): string {
  return `${call.file}#${call.span.start}`;
}

/** Whether a prompt is the text of a system-like argument (`system`, `instructions`, `systemInstruction`), not a messages array. */
export function isSystemArgument(prompt: PricedPrompt): boolean {
  return prompt.site.role === 'system' && prompt.site.kind !== 'messages';
}

/**
 * Groups a file's priced prompts by the call they flow into (prompts without a call are left out).
 * Prompts that are part of another prompt (`partOf`) are not counted twice. Order within a group: system
 * arguments first, then the rest in source order, the order a provider's prefix cache sees them.
 */
export function callGroups(prompts: readonly PricedPrompt[], file: string): CallGroup[] {
  const groups = new Map<string, CallGroup>();
  for (const prompt of prompts) {
    const { call } = prompt.site;
    if (!call || prompt.site.partOf) continue;
    const key = callKey(call);
    const group = groups.get(key);
    if (group) {
      group.prompts.push(prompt);
      group.callsPerDay = Math.max(group.callsPerDay, prompt.cost.callsPerDay);
    } else {
      groups.set(key, { call, local: call.file === file, prompts: [prompt], model: prompt.model, callsPerDay: prompt.cost.callsPerDay });
    }
  }
  for (const group of groups.values()) {
    group.prompts.sort((a, b) => Number(isSystemArgument(b)) - Number(isSystemArgument(a)) || a.site.span.start - b.site.span.start);
    group.model = group.prompts[0].model;
  }
  return [...groups.values()];
}

/** Where a call-level report goes: the model id literal when it is written in the call itself, else the callee. */
export function callReportSpan(group: CallGroup): Span {
  const { modelSpan, span, calleeSpan } = group.call;
  return group.local && modelSpan && span.start <= modelSpan.start && modelSpan.end <= span.end ? modelSpan : calleeSpan;
}

/** The prompt argument of a call with this name (`system`, `messages`, `config.systemInstruction`). */
export function promptArg(call: CallInfo, name: string): { name: string; value: Span; property: Span } | undefined {
  return call.promptArgs?.find((arg) => arg.name === name);
}

/**
 * Token totals of a group's prompts (static exact or ≈, dynamic estimated, chat framing). A
 * `dynamic-tokens=N` annotation on a call reaches every prompt of the call; it counts once for the call.
 */
export function groupTokens(group: CallGroup): { static: number; dynamic: number; total: number; approximate: boolean } {
  let staticTokens = 0;
  let framing = 0;
  let dynamic = 0;
  let annotated = 0;
  let approximate = false;
  for (const { site, tokens } of group.prompts) {
    staticTokens += tokens.static;
    framing += tokens.overhead;
    if (site.annotation.dynamicTokens !== undefined) annotated = Math.max(annotated, tokens.dynamic);
    else dynamic += tokens.dynamic;
    approximate ||= tokens.approximate;
  }
  dynamic += annotated;
  return { static: staticTokens, dynamic, total: staticTokens + dynamic + framing, approximate };
}

/** Expected output tokens of the call: an annotation, the call's cap, or the configured default. */
export function groupOutput(group: CallGroup, config: Config): number {
  return Math.max(...group.prompts.map((p) => expectedOutput(p.site, config)));
}

/** The literal text of the group's prompts, joined (dynamic parts as a space). */
export function groupStaticText(group: CallGroup): string {
  return group.prompts.map((p) => segmentsText(p.site.segments)).join('\n');
}

function segmentsText(segments: readonly Segment[]): string {
  return segments.map((s) => (s.kind === 'static' ? s.text : ' ')).join('');
}

/** A token count as shown in messages: `≈` for estimates, thousands separators. */
export function formatTokens(tokens: number, approximate = false): string {
  return `${approximate ? '≈' : ''}${Math.round(tokens).toLocaleString('en-US')}`;
}
