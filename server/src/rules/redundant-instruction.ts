import { z } from 'zod';
import type { PricedPrompt } from '../analysis-types';
import type { PromptRole, Span } from '../prompts/types';
import { LineMap } from '../text/line-map';
import { ruleDocsUrl } from './utils/docs-url';
import { defineRule, type RuleReport } from './types';
import { DEFAULT_PADDING_PHRASES, phrasePattern, stripFiller, toFiller } from './utils/filler-phrases';
import { flatten, normalizeInstruction, splitInstructions, type Instruction, type SegmentRange } from './utils/instructions';
import { mapCookedEditsEach, rawSpanOfParts } from './utils/literal-edits';
import { shareData, shareOf } from './utils/prompt-share';
import { contentWords, similarity } from './utils/similarity';
import { wholeLiteralRemoval } from './utils/whole-literal';

/** Default word-set overlap (Jaccard) for a near-duplicate: one differing word in ten. */
const DEFAULT_SIMILARITY = 0.8;
/** Default least content words (after stop words and filler) for an instruction to be compared. */
const DEFAULT_MIN_WORDS = 3;
/** Longest instruction text quoted in a message. */
const QUOTE_CHARS = 60;

const FILLERS = DEFAULT_PADDING_PHRASES.map(toFiller);
const FILLER_PATTERN = phrasePattern(FILLERS);

/** One instruction of a call's (or prompt's) text, with what it is compared by. */
interface Entry {
  prompt: PricedPrompt;
  /** Index of its message within the group (messages of all the group's prompts, in the order sent). */
  unit: number;
  role: PromptRole;
  instruction: Instruction;
  exact: string;
  words: Set<string>;
}

/** A duplicate found: `later` repeats `earlier`. */
interface Finding {
  earlier: Entry;
  later: Entry;
  exact: boolean;
  percent: number;
}

/** Prompts this file reports whose text is not already inside another prompt reported here, grouped by call. */
function groupsOf(prompts: readonly PricedPrompt[]): PricedPrompt[][] {
  const ids = new Set(prompts.map((p) => p.site.id));
  const groups = new Map<string, PricedPrompt[]>();
  for (const prompt of prompts) {
    const { site } = prompt;
    if (site.partOf && ids.has(site.partOf)) continue;
    const key = site.call ? `${site.call.file}#${site.call.span.start}` : site.id;
    groups.set(key, [...(groups.get(key) ?? []), prompt]);
  }
  // The system prompt is sent first (Anthropic `system`, OpenAI `instructions`, AI SDK `system`).
  const rank = (p: PricedPrompt): number => (p.site.role === 'system' ? 0 : 1);
  return [...groups.values()].map((g) => g.sort((a, b) => rank(a) - rank(b) || a.site.span.start - b.site.span.start));
}

/** What an instruction is compared by, by its text: editors re-check the same instructions on every keystroke. */
const comparisons = new Map<string, { exact: string; words: Set<string> }>();
/** Instruction texts remembered at most (a few MB of text in the worst case). */
const MAX_COMPARISONS = 5000;

function comparisonOf(text: string): { exact: string; words: Set<string> } {
  let found = comparisons.get(text);
  if (!found) {
    const stripped = stripFiller(text, FILLERS, FILLER_PATTERN);
    found = { exact: normalizeInstruction(stripped), words: contentWords(stripped) };
    if (comparisons.size >= MAX_COMPARISONS) comparisons.clear();
    comparisons.set(text, found);
  }
  return found;
}

function entriesOf(group: readonly PricedPrompt[], minWords: number): Entry[] {
  const entries: Entry[] = [];
  let unit = 0;
  for (const prompt of group) {
    const units = prompt.site.messages ?? [{ role: prompt.site.role, segments: prompt.site.segments }];
    for (const message of units) {
      for (const instruction of splitInstructions(flatten(message.segments))) {
        const { exact, words } = comparisonOf(instruction.text);
        if (words.size >= minWords) entries.push({ prompt, unit, role: message.role, instruction, exact, words });
      }
      unit++;
    }
  }
  return entries;
}

/** Where an instruction's text is written (its first literal and offset), when in this file. */
function sourceOf(entry: Entry): string | undefined {
  const first = entry.instruction.parts[0];
  return first?.segment.span ? `${first.segment.span.start}:${first.start}` : undefined;
}

/**
 * Whether two instructions are two things sent, not one thing seen twice or alternatives: few-shot
 * examples (two user or two assistant messages) repeat their wording on purpose; two prompts of the
 * same role for one call (`system: strict ? A + B : A`, a switch assigning the text) are alternatives;
 * and the same literal in two prompts is one text reached twice (a constant inside another constant).
 */
function comparable(a: Entry, b: Entry): boolean {
  if (a.prompt !== b.prompt) {
    if (a.prompt.site.role === b.prompt.site.role && !a.prompt.site.messages && !b.prompt.site.messages) return false;
    const source = sourceOf(a);
    if (source !== undefined && source === sourceOf(b)) return false;
  }
  return a.unit === b.unit || a.role !== b.role || (a.role !== 'user' && a.role !== 'assistant');
}

function findDuplicates(entries: readonly Entry[], threshold: number): Finding[] {
  const findings: Finding[] = [];
  const kept: Entry[] = [];
  const byText = new Map<string, Entry[]>();
  for (const entry of entries) {
    let best: Finding | undefined;
    const same = byText.get(entry.exact)?.find((other) => comparable(other, entry));
    if (same) best = { earlier: same, later: entry, exact: true, percent: 100 };
    for (const other of best ? [] : kept) {
      if (!comparable(other, entry) || Math.min(other.words.size, entry.words.size) < threshold * Math.max(other.words.size, entry.words.size)) continue;
      const score = similarity(other.words, entry.words);
      if (score >= threshold && (!best || score * 100 > best.percent)) best = { earlier: other, later: entry, exact: false, percent: Math.round(score * 100) };
    }
    if (best) findings.push(best);
    else {
      kept.push(entry);
      byText.set(entry.exact, [...(byText.get(entry.exact) ?? []), entry]);
    }
  }
  return findings;
}

/** Where an instruction is in this file (undefined when its text comes from another file). */
function spanOf(text: string, instruction: Instruction): Span | undefined {
  return rawSpanOfParts(text, instruction.parts);
}

/** How to remove a later copy: a whole literal (an array element, a `+` operand), or cuts inside its literal. */
function removal(text: string, later: Instruction): { whole?: Span; cuts?: SegmentRange[] } {
  const range = later.range;
  if (!range?.segment.span) return {};
  const segmentText = range.segment.text;
  const covers = segmentText.slice(0, range.start).trim() === '' && segmentText.slice(range.end).trim() === '';
  const whole = covers ? wholeLiteralRemoval(text, range.segment.span) : undefined;
  if (whole) return { whole };
  return later.cuts.length > 0 ? { cuts: later.cuts } : {};
}

function quote(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > QUOTE_CHARS ? `${flat.slice(0, QUOTE_CHARS - 1)}…` : flat;
}

/**
 * `redundant-instruction`: the same instruction twice in one prompt (all its messages) or across the
 * prompts of one call, exactly (same words once case, punctuation, list markers and filler are
 * ignored) or nearly (word-set overlap at or above `similarity`). The later copy is reported with the
 * tokens and dollars it wastes; the fix deletes it (safe for exact copies only).
 */
export default defineRule({
  meta: {
    id: 'redundant-instruction',
    description: 'The same instruction should be said once per prompt or call.',
    defaultSeverity: 'warning',
    docsUrl: ruleDocsUrl('redundant-instruction'),
    messages: {
      duplicate: 'Repeated instruction "{text}" ({other}): {tokens} wasted tokens per call, {cost}/month.',
      nearDuplicate: 'Near-duplicate instruction "{text}" ({percent}% the same words as {other}): {tokens} wasted tokens per call, {cost}/month.',
    },
    options: z
      .object({
        /** Least word-set overlap (Jaccard, 0.5–1) for two instructions to count as near-duplicates. */
        similarity: z.number().min(0.5).max(1).default(DEFAULT_SIMILARITY),
        /** Least content words (stop words and filler aside) for an instruction to be compared. */
        minWords: z.number().int().min(1).default(DEFAULT_MIN_WORDS),
      })
      .strict(),
    fixable: true,
  },
  check({ prompts, text, file, options }) {
    const title = 'Delete the repeated instruction';
    const pending: { report: RuleReport; exact: boolean; cuts: SegmentRange[] }[] = [];
    const reports: RuleReport[] = [];
    const wholes: Span[] = [];
    let lines: LineMap | undefined; // built on the first duplicate: most files have none
    const where = (entry: Entry, relation: 'first' | 'repeated'): string => {
      const span = spanOf(text, entry.instruction);
      if (span) return `${relation} at line ${(lines ??= new LineMap(text)).positionAt(span.start).line + 1}`;
      return `${relation} in ${entry.prompt.site.name ? `\`${entry.prompt.site.name}\`` : `the ${entry.role} message`}`;
    };
    for (const group of groupsOf(prompts)) {
      for (const finding of findDuplicates(entriesOf(group, options.minWords), options.similarity)) {
        const { earlier, later } = finding;
        const laterSpan = spanOf(text, later.instruction);
        const earlierSpan = spanOf(text, earlier.instruction);
        const at = laterSpan ?? earlierSpan;
        if (!at) continue; // both copies are in another file: reported there
        const shown = laterSpan ? later : earlier;
        const other = laterSpan ? where(earlier, 'first') : where(later, 'repeated');
        const cut = later.instruction.cuts[0];
        const share = shareOf(later.prompt, cut ? cut.end - cut.start : later.instruction.text.length);
        const data = { text: quote(shown.instruction.text), other, percent: finding.percent, ...shareData(share) };
        const report: RuleReport = { span: at, messageId: finding.exact ? 'duplicate' : 'nearDuplicate', data, promptId: shown.prompt.site.id };
        reports.push(report);
        // The same literal used twice (one constant in two messages) cannot lose one copy by an edit.
        const plan = laterSpan && earlierSpan?.start !== laterSpan.start ? removal(text, later.instruction) : {};
        // Two neighbouring array elements share a comma: the second removal then waits for a later run.
        const whole = plan.whole;
        if (whole && !wholes.some((w) => w.start < whole.end && whole.start < w.end)) {
          wholes.push(whole);
          report.fix = { title, safe: finding.exact, edits: [{ file, ...whole, newText: '' }] };
        }
        if (plan.cuts) pending.push({ report, exact: finding.exact, cuts: plan.cuts });
      }
    }
    // Deletions inside one literal (keyed by where it is and its text) are mapped together, so any of them applies cleanly.
    // Two-level keys: a key string made of the text copied the whole literal per deletion (quadratic for a 1 MB prompt).
    const bySegment = new Map<number | undefined, Map<string, typeof pending>>();
    for (const p of pending) {
      const { span, text: cooked } = p.cuts[0].segment;
      let byText = bySegment.get(span?.start);
      if (!byText) bySegment.set(span?.start, (byText = new Map()));
      const items = byText.get(cooked);
      if (items) items.push(p);
      else byText.set(cooked, [p]);
    }
    for (const items of [...bySegment.values()].flatMap((byText) => [...byText.values()])) {
      const changes = items.map((p) => p.cuts.map((c) => ({ start: c.start, end: c.end, newText: '' })));
      const mapped = mapCookedEditsEach(text, items[0].cuts[0].segment, changes);
      items.forEach((p, i) => {
        const edit = mapped[i];
        if (edit) p.report.fix = { title, safe: p.exact, edits: [{ file, ...edit }] };
      });
    }
    return reports;
  },
});
