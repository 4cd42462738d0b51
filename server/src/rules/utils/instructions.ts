import type { PromptRole, Segment, StaticSegment } from '../../prompts/types';

/**
 * A prompt's text split into instructions (sentences, or lines such as list items), with where each one
 * sits in the prompt's segments and the range to delete to remove it cleanly.
 */

/** Stands for a dynamic segment in the flattened text. */
export const DYNAMIC_MARK = '\uFFFC';

/** A range of a static segment's cooked text. */
export interface SegmentRange {
  segment: StaticSegment;
  /** Index of the segment in the unit's segments. */
  index: number;
  start: number;
  end: number;
}

/** The piece [start, end) of one segment's text (for a dynamic segment: 0, 1). */
export interface Part {
  segment: Segment;
  start: number;
  end: number;
}

/** One instruction of a unit (a chat message, or a whole prompt). */
export interface Instruction {
  /** Its text, dynamic parts written `{expression}`. */
  text: string;
  /** Range in the unit's flattened text (dynamic segments one character each). */
  start: number;
  end: number;
  /** Whether it is alone on its line (a list item, a one-line rule). */
  wholeLine: boolean;
  /** The instruction inside one static segment, when it does not cross segments. */
  range?: SegmentRange;
  /** The pieces of the segments it covers, in order (a dynamic segment is covered whole). */
  parts: Part[];
  /** What to delete to remove it with one separator, preferred first (its line with a line break, or the sentence with a space). */
  cuts: SegmentRange[];
}

/** The flattened text of some segments: static text as is, each dynamic segment as {@link DYNAMIC_MARK}. */
export interface FlatText {
  text: string;
  segments: readonly Segment[];
  /** Start offset of each segment in `text`. */
  starts: number[];
}

/** A chat message (or a whole prompt) to split into instructions. */
export interface Unit {
  role: PromptRole;
  segments: readonly Segment[];
}

/** Words before a period that do not end a sentence. */
const ABBREVIATION = /(?:^|[\s(])(?:e\.g|i\.e|etc|vs|mr|mrs|ms|dr|no|approx|incl|cf|fig|[a-z]|\d+)$/i;
/**
 * How much text before a period {@link ABBREVIATION} is tested on: more than its longest word (`approx`
 * plus the space before it). Testing the whole line before each period made a long line quadratic (8.8 s
 * for one 580,000-character line of 20,000 sentences, 0.25 s with the window); only a run of this many
 * digits before a period is read differently.
 */
const ABBREVIATION_WINDOW = 32;
/** A sentence end: punctuation, closing quotes or brackets, then space before more text. */
const SENTENCE_END = /[.!?]+["'”’)\]]*(?=[ \t]+\S)/g;
const FENCE = /^\s*(```|~~~)/;

/** Flattens segments into one string (see {@link FlatText}). */
export function flatten(segments: readonly Segment[]): FlatText {
  let text = '';
  const starts: number[] = [];
  for (const segment of segments) {
    starts.push(text.length);
    text += segment.kind === 'static' ? segment.text : DYNAMIC_MARK;
  }
  return { text, segments, starts };
}

/** The part of one static segment covering flat range [start, end), when no other segment is involved. */
export function locate(flat: FlatText, start: number, end: number): SegmentRange | undefined {
  for (let i = 0; i < flat.segments.length; i++) {
    const segment = flat.segments[i];
    const from = flat.starts[i];
    if (segment.kind !== 'static' || start < from || end > from + segment.text.length) continue;
    if (end > start || start < from + segment.text.length) return { segment, index: i, start: start - from, end: end - from };
  }
  return undefined;
}

/** The pieces of segments that flat range [start, end) covers. */
export function partsOf(flat: FlatText, start: number, end: number): Part[] {
  const parts: Part[] = [];
  for (let i = 0; i < flat.segments.length; i++) {
    const segment = flat.segments[i];
    const from = flat.starts[i];
    const length = segment.kind === 'static' ? segment.text.length : 1;
    if (from + length <= start || from >= end) continue;
    parts.push({ segment, start: Math.max(0, start - from), end: Math.min(length, end - from) });
  }
  return parts;
}

/** The text of some parts, dynamic ones written `{expression}`. */
export function readable(parts: readonly Part[]): string {
  return parts.map((p) => (p.segment.kind === 'static' ? p.segment.text.slice(p.start, p.end) : `{${p.segment.expression}}`)).join('');
}

/** Sentence ranges [start, end) of one line (relative to the line), trimmed. */
function sentencesOfLine(line: string): [number, number][] {
  const ends: number[] = [];
  for (const match of line.matchAll(SENTENCE_END)) {
    const before = line.slice(Math.max(0, match.index - ABBREVIATION_WINDOW), match.index);
    if (match[0].startsWith('.') && ABBREVIATION.test(before)) continue;
    ends.push(match.index + match[0].length);
  }
  ends.push(line.length);
  const out: [number, number][] = [];
  let from = 0;
  for (const end of ends) {
    const text = line.slice(from, end);
    const start = from + (text.length - text.trimStart().length);
    const stop = from + text.trimEnd().length;
    if (stop > start) out.push([start, stop]);
    from = end;
  }
  return out;
}

/**
 * Splits a unit's text into instructions: lines, and sentences within lines. Lines inside code fences
 * are skipped (examples and schemas are data, not instructions).
 */
export function splitInstructions(flat: FlatText): Instruction[] {
  const out: Instruction[] = [];
  const text = flat.text;
  const lines: { start: number; end: number }[] = [];
  let from = 0;
  for (;;) {
    const nl = text.indexOf('\n', from);
    lines.push({ start: from, end: nl < 0 ? text.length : nl });
    if (nl < 0) break;
    from = nl + 1;
  }
  let fenced = false;
  lines.forEach((line, li) => {
    const content = text.slice(line.start, line.end);
    if (FENCE.test(content)) {
      fenced = !fenced;
      return;
    }
    if (fenced || content.trim() === '') return;
    const sentences = sentencesOfLine(content);
    const blank = (i: number): boolean => i < 0 || i >= lines.length || text.slice(lines[i].start, lines[i].end).trim() === '';
    sentences.forEach(([s, e], si) => {
      const start = line.start + s;
      const end = line.start + e;
      const wholeLine = sentences.length === 1;
      // What to delete, preferred first: the line with its line break (and one of two blank lines around
      // it), or the line break before it; a sentence with the space after it, or the space before it.
      const ranges: [number, number][] = [];
      if (wholeLine) {
        const hasNext = li + 1 < lines.length;
        const extra = hasNext && blank(li - 1) && blank(li + 1) && li + 2 < lines.length ? lines[li + 1].end - lines[li + 1].start + 1 : 0;
        if (hasNext) ranges.push([line.start, lines[li + 1].start + extra]);
        if (li > 0) ranges.push([lines[li > 1 && !hasNext && blank(li - 1) ? li - 2 : li - 1].end, line.end]);
      } else {
        if (si + 1 < sentences.length) ranges.push([start, line.start + sentences[si + 1][0]]);
        if (si > 0) ranges.push([line.start + sentences[si - 1][1], end]);
      }
      const cuts = ranges.map(([a, b]) => locate(flat, a, b)).filter((c): c is SegmentRange => c !== undefined);
      const parts = partsOf(flat, start, end);
      out.push({ text: readable(parts), start, end, wholeLine, parts, range: locate(flat, start, end), cuts });
    });
  });
  return out;
}

/** List markers (`-`, `1.`, `4.2`, `a)`), quote and heading marks at the start of an instruction. */
const MARKUP_PREFIX = /^(?:\s*(?:[-*•+>]|\d+(?:\.\d+)*[.)]|\d+(?:\.\d+)+|[a-z][.)]|#+)\s+)+/i;

/**
 * Text for exact comparison: lower case, no list markers or markdown, punctuation as spaces, single spaces.
 * @example normalizeInstruction('- **Always** cite your sources!') // 'always cite your sources'
 */
export function normalizeInstruction(text: string): string {
  return text
    .replace(MARKUP_PREFIX, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^\p{L}\p{N}{}]+/gu, ' ')
    .trim();
}

/** Where an instruction's words start, after list markers and markdown emphasis. */
export function contentStart(text: string): number {
  const marker = MARKUP_PREFIX.exec(text)?.[0].length ?? 0;
  const emphasis = /^[*_]{1,3}(?=\S)/.exec(text.slice(marker))?.[0].length ?? 0;
  return marker + emphasis;
}
