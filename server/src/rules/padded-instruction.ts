import { z } from 'zod';
import type { PricedPrompt } from '../analysis-types';
import type { StaticSegment } from '../prompts/types';
import { ruleDocsUrl } from './utils/docs-url';
import { defineRule, type Fix, type RuleReport } from './types';
import { DEFAULT_EMPHASIS_WORDS, DEFAULT_PADDING_PHRASES, fillerFor, phrasePattern, toFiller, type FillerPhrase } from './utils/filler-phrases';
import { contentStart, DYNAMIC_MARK, flatten, locate, partsOf, splitInstructions, type FlatText, type SegmentRange } from './utils/instructions';
import { mapCookedEditsEach, rawSpanOfParts } from './utils/literal-edits';
import { shareData, shareOf } from './utils/prompt-share';
import { shoutingRuns } from './utils/shouting';

/** Default least number of capitalised emphasis words in a run (`IMPORTANT: NEVER`, `NEVER EVER`). */
const DEFAULT_SHOUTING_RUN = 2;
/** Where a clause starts inside a sentence: after `,;:(` or a conjunction. */
const CLAUSE_START = /(?:[,;:(]|\b(?:and|but|then|so|also))[ \t]+/gi;
/** After "…that you" / "Make sure you", a verb that cannot start an imperative ("you are" → "Are"). */
const NOT_IMPERATIVE = /^(?:are|were|is|was|must|should|will|would|can|could|may|might|shall|have to|need to|'re|’re)\b/i;
/** "It is important that …" without "you" is often subjunctive ("that the answer be short"): only "that you …" is rewritten. */
const IMPORTANCE_THAT = /\b(?:important|essential|crucial|critical|vital|imperative)\s+that$/i;

const phraseSchema = z.union([z.string().min(1), z.object({ phrase: z.string().min(1), replace: z.string().optional() }).strict()]);

/** One occurrence found, before its fix is mapped to the file. */
interface Occurrence {
  prompt: PricedPrompt;
  /** Flat range reported and flat range replaced (with `newText`); `fix` undefined when no fix reads well. */
  start: number;
  end: number;
  fix?: { start: number; end: number; newText: string; title: string; safe: boolean };
  messageId: 'padding' | 'shouting';
  count?: number;
}

/** Upper-cases the first letter of the word at `flat[at]` when it is a plain lower-case word; undefined when it cannot be. */
function capitalised(flat: string, at: number): string | undefined {
  const word = /^[a-z][a-z'’-]*(?![\w$])/.exec(flat.slice(at))?.[0];
  return word ? word[0].toUpperCase() : undefined;
}

/** Padding phrases starting at `start` (several in a row merge), with the rewrite that removes them. */
function paddingAt(flat: string, start: number, pattern: RegExp, phrases: readonly FillerPhrase[]): Omit<Occurrence, 'prompt'> | undefined {
  let end = start;
  let after = start;
  let last = '';
  const replacements: string[] = [];
  for (let m = pattern.exec(flat.slice(after)); m; m = pattern.exec(flat.slice(after))) {
    last = m[0];
    const replace = fillerFor(m[0], phrases)?.replace;
    if (replace) replacements.push(replace);
    end = after + m[0].length;
    after = end + (/^[ \t]*/.exec(flat.slice(end))?.[0].length ?? 0);
  }
  if (end === start) return undefined;
  const found = { start, end, messageId: 'padding' as const };
  let next = after;
  if (IMPORTANCE_THAT.test(last)) {
    const you = /^you[ \t]+/i.exec(flat.slice(next));
    if (!you) return found;
    next += you[0].length;
  }
  if ((/\byou$/i.test(last) || IMPORTANCE_THAT.test(last)) && NOT_IMPERATIVE.test(flat.slice(next))) return found;
  // The rest takes the phrase's case: "Please make sure to cite" → "Cite"; ", please make sure to cite" → ", cite".
  const upper = /^[A-Z]/.test(flat[start]);
  let newText = replacements.join(' ');
  if (newText) newText = (upper ? newText[0].toUpperCase() : newText[0].toLowerCase()) + newText.slice(1) + ' ';
  const nextChar = flat[next];
  if (nextChar === undefined || nextChar === DYNAMIC_MARK || /\s/.test(nextChar)) return found;
  let replaceEnd = next;
  if (!newText && upper && /[a-z]/.test(nextChar)) {
    const capital = capitalised(flat, next);
    if (!capital) return found;
    newText = capital;
    replaceEnd = next + 1;
  }
  const title = `Remove "${flat.slice(start, end)}"`;
  return { ...found, fix: { start, end: replaceEnd, newText, title, safe: true } };
}

/** Padding phrases and shouting runs of one message (or prompt). */
function scan(prompt: PricedPrompt, flat: FlatText, pattern: RegExp, phrases: readonly FillerPhrase[], emphasis: ReadonlySet<string>, minRun: number): Occurrence[] {
  const found: Occurrence[] = [];
  for (const sentence of splitInstructions(flat)) {
    const text = flat.text.slice(sentence.start, sentence.end);
    const first = sentence.start + contentStart(text);
    const starts = [first, ...[...text.matchAll(CLAUSE_START)].map((m) => sentence.start + m.index + m[0].length).filter((s) => s > first)];
    let covered = -1;
    for (const at of starts) {
      if (at < covered) continue;
      const hit = paddingAt(flat.text.slice(0, sentence.end), at, pattern, phrases);
      if (hit) {
        found.push({ prompt, ...hit });
        covered = hit.end;
      }
    }
    for (const run of shoutingRuns(text, first - sentence.start, emphasis, minRun)) {
      const start = sentence.start + run.start;
      let end = sentence.start + run.end;
      // "It is VERY IMPORTANT that you …": the padding report (and its fix) covers it.
      if (found.some((o) => o.messageId === 'padding' && o.start <= start && end <= o.end)) continue;
      const shown = flat.text.slice(start, end);
      const occurrence: Occurrence = { prompt, start, end, messageId: 'shouting', count: run.count };
      let newText = run.plain;
      if (run.dropsAll) {
        end += /^[ \t]*/.exec(flat.text.slice(end))?.[0].length ?? 0;
        const capital = start === first ? capitalised(flat.text, end) : '';
        newText = capital === undefined ? undefined : capital;
        if (capital) end++;
      }
      if (newText !== undefined && !found.some((o) => o.start < end && start < o.end)) {
        occurrence.fix = { start, end, newText, title: run.dropsAll ? `Remove "${shown}"` : `Write "${shown}" as "${newText}"`, safe: false };
      }
      found.push(occurrence);
    }
  }
  return found;
}

/** The options' phrase list, its pattern and emphasis words, built once per options object (not per file). */
const compiledOptions = new WeakMap<object, { phrases: FillerPhrase[]; pattern: RegExp; emphasis: Set<string> }>();

function compiled(options: { phrases: readonly (string | { phrase: string; replace?: string })[]; additionalPhrases: readonly (string | { phrase: string; replace?: string })[]; emphasisWords: readonly string[] }) {
  let found = compiledOptions.get(options);
  if (!found) {
    const phrases = [...options.phrases, ...options.additionalPhrases].map(toFiller);
    found = { phrases, pattern: phrasePattern(phrases), emphasis: new Set(options.emphasisWords.map((w) => w.toUpperCase())) };
    compiledOptions.set(options, found);
  }
  return found;
}

/**
 * `padded-instruction`: filler that costs tokens and tells the model nothing ("Please make sure to",
 * "It is very important that", "Remember,", "As stated above,", "I would like you to"), and runs of
 * capitalised emphasis words ("IMPORTANT: NEVER EVER"). Reported per occurrence with its tokens and
 * dollars; the fix removes the phrase (safe) or writes the run in plain words (review: it changes emphasis).
 */
export default defineRule({
  meta: {
    id: 'padded-instruction',
    description: 'Instructions should not carry filler phrases or runs of shouted emphasis words.',
    defaultSeverity: 'info',
    docsUrl: ruleDocsUrl('padded-instruction'),
    messages: {
      padding: 'Padding "{text}" adds nothing to the instruction: {tokens} tokens per call, {cost}/month.',
      shouting: 'Shouting "{text}" ({count} emphasis words in capitals): {tokens} tokens per call, {cost}/month; plain words say the same.',
    },
    options: z
      .object({
        /** Filler phrases (case-insensitive, at a sentence or clause start); an object gives a replacement. Replaces the defaults. */
        phrases: z.array(phraseSchema).default([...DEFAULT_PADDING_PHRASES]),
        /** More phrases, added to `phrases`. */
        additionalPhrases: z.array(phraseSchema).default([]),
        /** Capitalised words that count toward a shouting run. */
        emphasisWords: z.array(z.string().min(1)).default([...DEFAULT_EMPHASIS_WORDS]),
        /** Least emphasis words in a run to report it (0 turns shouting reports off). */
        shoutingRun: z.number().int().min(0).default(DEFAULT_SHOUTING_RUN),
      })
      .strict(),
    fixable: true,
  },
  check({ prompts, text, file, options }) {
    if (prompts.length === 0) return [];
    const { phrases, pattern, emphasis } = compiled(options);
    const minRun = options.shoutingRun === 0 ? Infinity : options.shoutingRun;
    // Prompts that contain others first, so an occurrence is priced with its whole call; each place once.
    const ids = new Set(prompts.map((p) => p.site.id));
    const ordered = [...prompts].sort((a, b) => Number(!!a.site.partOf && ids.has(a.site.partOf)) - Number(!!b.site.partOf && ids.has(b.site.partOf)));
    const seen = new Set<number>();
    const reports: RuleReport[] = [];
    // Edits inside one literal (keyed by where it is and its text) are mapped together, so any of them applies cleanly.
    const edits = new Map<string, { segment: StaticSegment; items: { report: RuleReport; fix: NonNullable<Occurrence['fix']>; range: SegmentRange }[] }>();
    for (const prompt of ordered) {
      for (const message of prompt.site.messages ?? [{ segments: prompt.site.segments }]) {
        const flat = flatten(message.segments);
        for (const o of scan(prompt, flat, pattern, phrases, emphasis, minRun)) {
          const span = rawSpanOfParts(text, partsOf(flat, o.start, o.end));
          if (!span || seen.has(span.start)) continue;
          seen.add(span.start);
          const shown = flat.text.slice(o.start, o.end).trim();
          const share = shareOf(o.prompt, shown.length);
          const report: RuleReport = { span, messageId: o.messageId, data: { text: shown, count: o.count ?? 0, ...shareData(share) }, promptId: prompt.site.id };
          reports.push(report);
          const range = o.fix ? locate(flat, o.fix.start, o.fix.end) : undefined;
          if (!o.fix || !range?.segment.span) continue;
          const key = `${range.segment.span.start}:${range.segment.text}`;
          const entry = edits.get(key) ?? { segment: range.segment, items: [] };
          entry.items.push({ report, fix: o.fix, range });
          edits.set(key, entry);
        }
      }
    }
    for (const { segment, items } of edits.values()) {
      const mapped = mapCookedEditsEach(text, segment, items.map(({ fix, range }) => [{ start: range.start, end: range.end, newText: fix.newText }]));
      items.forEach(({ report, fix }, i) => {
        const edit = mapped[i];
        if (edit) report.fix = { title: fix.title, safe: fix.safe, edits: [{ file, ...edit }] } satisfies Fix;
      });
    }
    return reports;
  },
});
