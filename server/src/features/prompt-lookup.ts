import type { PricedPrompt } from '../analysis-types';
import type { Span } from '../prompts/types';
import type { FileView } from './file-view';

/** A place in a file that gets a CodeLens (and a hover): a call with its prompts, or a prompt of its own. */
export interface CostTarget {
  kind: 'call' | 'prompt';
  /** Where the lens goes and where "show details" points. */
  offset: number;
  span: Span;
  prompts: PricedPrompt[];
}

function contains(span: Span, offset: number): boolean {
  return span.start <= offset && offset <= span.end;
}

function width(span: Span): number {
  return span.end - span.start;
}

/**
 * Lens targets of a file, in file order: every call made in the file that has prompts, and every prompt
 * defined in the file that is not written inside its own call (a constant, a template function, a
 * prompt whose call is elsewhere or unseen).
 * @example costTargets(view).map((t) => t.kind) // ['prompt', 'call'] for a constant used by a call below it
 */
export function costTargets(view: FileView): CostTarget[] {
  const targets: CostTarget[] = [];
  for (const [start, prompts] of view.calls) {
    const top = prompts.filter((p) => !p.site.partOf);
    if (top.length === 0) continue;
    const call = top[0].site.call!;
    targets.push({ kind: 'call', offset: start, span: call.span, prompts: top });
  }
  for (const prompt of view.analysis.prompts) {
    const { site } = prompt;
    const insideOwnCall = site.call && site.call.file === view.file && contains(site.call.span, site.span.start);
    if (!insideOwnCall) targets.push({ kind: 'prompt', offset: site.span.start, span: site.span, prompts: [prompt] });
  }
  return targets.sort((a, b) => a.offset - b.offset);
}

/**
 * What a hover at `offset` describes: the innermost prompt defined in the file that contains the offset,
 * else one that starts later on the same line (so hovering a constant's name works; `lineEnd` is the
 * offset where the line ends), else the innermost call made in the file that contains the offset.
 * @example hoverTargetAt(view, text.indexOf('SYSTEM_PROMPT'), lineEnd) // { kind: 'prompt', prompts: [SYSTEM_PROMPT's prompt] }
 */
export function hoverTargetAt(view: FileView, offset: number, lineEnd: number): CostTarget | undefined {
  const prompts = view.analysis.prompts;
  const containing = prompts.filter((p) => contains(p.site.span, offset));
  const later = prompts.filter((p) => offset < p.site.span.start && p.site.span.start <= lineEnd);
  const candidates = containing.length > 0 ? containing.sort((a, b) => width(a.site.span) - width(b.site.span)) : later.sort((a, b) => a.site.span.start - b.site.span.start);
  const best = candidates[0];
  if (best) return { kind: 'prompt', offset: best.site.span.start, span: best.site.span, prompts: [best] };
  let call: CostTarget | undefined;
  for (const target of costTargets(view)) {
    if (target.kind === 'call' && contains(target.span, offset) && (!call || width(target.span) < width(call.span))) call = target;
  }
  return call;
}
