import type { Segment, Span } from '../../prompts/types';
import { skipGroup } from './expression-text';

/**
 * Moving a self-contained block of a prompt literal (the lines or the sentence holding dynamic values)
 * to the end of the same literal, by text alone: the literal's characters are only reordered (the block
 * takes the separator that followed it along), so what is sent changes in order only.
 */

const QUOTES = new Set(['"', "'", '`']);
/** A line that introduces the next one (`Context:`, `## Customer`, `<documents>`): it moves with the value it labels. */
const LABEL_LINE = /^\s*(<[A-Za-z][\w-]*[^>]*>|#{1,6}\s.*|[^.!?]{1,60}:)\s*$/;
/** A line that closes the previous one (`</documents>`). */
const CLOSING_LINE = /^\s*<\/[A-Za-z][\w-]*>\s*$/;
/** Phrases that refer to text by its position ("the excerpts above", "as shown below", "the following context"). */
const POSITIONAL = /\b(the|these|those|this)\s+(\S+\s+){0,3}(above|below)\b|\b(shown|stated|mentioned|given|listed|provided)\s+(above|below)\b|\bpreceding\b|\bthe following (text|section|context|documents?|excerpts?|information)\b/i;
/** The end of a sentence in raw literal text, and the spaces after it. */
const SENTENCE_END = /[.!?]["')\]]?( +)/g;

interface Line {
  start: number;
  end: number;
  /** The raw line break after the line (`\n`, `\\n`), empty for the last line. */
  breakEnd: number;
}

/** Index of the quote that closes the literal whose raw content includes `from` (scanning escapes and `${…}`), or -1. */
function closingQuote(text: string, from: number, quote: string): number {
  let i = from;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '\\') i += 2;
    else if (ch === quote) return i;
    else if (quote === '`' && ch === '$' && text[i + 1] === '{') {
      const end = skipGroup(text, i + 1);
      if (end < 0) return -1;
      i = end;
    } else if (quote !== '`' && ch === '\n') return -1;
    else i++;
  }
  return -1;
}

/**
 * The literal a prompt's head starts with, when the head is that whole literal: the head's first
 * segment opens it, and the literal stands alone (not tagged, not part of a `+` concatenation).
 */
function literalBounds(text: string, head: readonly Segment[], moving: readonly Span[]): { open: number; close: number; quote: string } | undefined {
  const first = head[0];
  if (!first?.span) return undefined;
  let open = first.span.start - 1;
  if (!QUOTES.has(text[open])) {
    const m = /`\$\{\s*$/.exec(text.slice(Math.max(0, first.span.start - 20), first.span.start));
    if (!m || first.kind !== 'dynamic') return undefined;
    open = first.span.start - m[0].length;
  }
  const quote = text[open];
  // Scan from inside the literal: the first segment's content (a static run) or just after its `${…}`.
  let from = first.span.start;
  if (first.kind === 'dynamic' && quote === '`') {
    const end = skipGroup(text, open + 2);
    if (end < 0) return undefined;
    from = end;
  }
  const close = closingQuote(text, from, quote);
  if (close < 0 || moving.some((s) => s.start <= open || s.end > close)) return undefined;
  // Standalone: no tag or `+` before, no `+` or member access after.
  const before = text.slice(Math.max(0, open - 20), open);
  if (/[\w$)\]]$/.test(before) || /\+\s*$/.test(before)) return undefined;
  if (!/^\s*([,)\]};]|$)/.test(text.slice(close + 1, close + 20))) return undefined;
  return { open, close, quote };
}

/** Lines of a literal's raw content, split at real line breaks and `\n` escapes outside `${…}`. */
function rawLines(raw: string, quote: string): Line[] | undefined {
  const lines: Line[] = [];
  let start = 0;
  let i = 0;
  while (i < raw.length) {
    if (quote === '`' && raw[i] === '$' && raw[i + 1] === '{') {
      const end = skipGroup(raw, i + 1);
      if (end < 0) return undefined;
      i = end;
    } else if (raw[i] === '\\') {
      if (raw[i + 1] === 'n') {
        lines.push({ start, end: i, breakEnd: i + 2 });
        start = i + 2;
      }
      i += 2;
    } else if (raw[i] === '\n') {
      lines.push({ start, end: i, breakEnd: i + 1 });
      start = i + 1;
      i++;
    } else i++;
  }
  lines.push({ start, end: raw.length, breakEnd: raw.length });
  return lines;
}

/** Whether raw text is blank (spaces, tabs, `\t` escapes). */
function blank(raw: string): boolean {
  return /^(\s|\\t)*$/.test(raw);
}

/** Where the `${…}` groups of a template literal's line are (offsets into the line); a `?` or `.` inside one ends no sentence. */
function holesOf(text: string, quote: string): { start: number; end: number }[] {
  const holes: { start: number; end: number }[] = [];
  if (quote !== '`') return holes;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '$' && text[i + 1] === '{') {
      const end = skipGroup(text, i + 1);
      holes.push({ start: i, end: end < 0 ? text.length : end });
      if (end < 0) break;
      i = end - 1;
    }
  }
  return holes;
}

/** The block to move within one line: from the start of the sentence holding `from` to the end of the one holding `to`. */
function sentenceBlock(raw: string, quote: string, line: Line, from: number, to: number): { start: number; end: number; sepEnd: number } | undefined {
  const text = raw.slice(line.start, line.end);
  const holes = holesOf(text, quote);
  let start = 0;
  for (const m of text.matchAll(SENTENCE_END)) {
    if (holes.some((h) => h.start <= m.index && m.index < h.end)) continue; // `${a ? b : c}`
    const end = (m.index ?? 0) + m[0].length - m[1].length;
    if (end <= from - line.start) start = end + m[1].length;
    else if (end >= to - line.start) return { start: line.start + start, end: line.start + end, sepEnd: line.start + end + m[1].length };
  }
  return undefined;
}

/**
 * The edit moving the text holding `moving` (spans of dynamic values, in the file) to the end of the
 * literal the prompt head is written in; undefined when the head is not one literal of this file, when
 * the values are not together in whole lines (or one sentence), or when they are already at the end.
 * @example // `Today is ${date}.\nYou are …` → `You are …\nToday is ${date}.`
 */
export function moveToEnd(text: string, head: readonly Segment[], moving: readonly Span[]): { start: number; end: number; newText: string } | undefined {
  const bounds = literalBounds(text, head, moving);
  if (!bounds || moving.length === 0) return undefined;
  const base = bounds.open + 1;
  const raw = text.slice(base, bounds.close);
  const lines = rawLines(raw, bounds.quote);
  if (!lines) return undefined;
  const rel = moving.map((s) => ({ start: s.start - base, end: s.end - base }));
  if (rel.some((s) => s.start < 0 || s.end > raw.length)) return undefined;
  const lineOf = (offset: number) => lines.findIndex((l) => offset >= l.start && offset <= l.end);
  const first = Math.min(...rel.map((s) => lineOf(s.start)));
  const last = Math.max(...rel.map((s) => lineOf(s.end)));
  if (first < 0 || last < 0) return undefined;
  const holdsValue = (l: Line) => rel.some((s) => s.start < l.end && s.end > l.start);
  for (let k = first; k <= last; k++) if (!holdsValue(lines[k]) && !blank(raw.slice(lines[k].start, lines[k].end))) return undefined;

  let block: { start: number; end: number; sepEnd: number } | undefined;
  const restOfLine = (l: Line) => raw.slice(l.start, l.end);
  const staticLeft = (l: Line) => restOfLine(l).replace(/\$\{[^}]*\}/g, '').replace(/\{[\w.]+\}/g, '');
  if (first === last && /[.!?]["')\]]? +\S/.test(staticLeft(lines[first]))) {
    block = sentenceBlock(raw, bounds.quote, lines[first], Math.min(...rel.map((s) => s.start)), Math.max(...rel.map((s) => s.end)));
    if (!block) return undefined;
  } else {
    let from = first;
    let to = last;
    if (from > 0 && LABEL_LINE.test(restOfLine(lines[from - 1])) && !holdsValue(lines[from - 1])) from--;
    if (to + 1 < lines.length - 1 && CLOSING_LINE.test(restOfLine(lines[to + 1]))) to++;
    // The separator: the line breaks (and blank lines) after the block.
    let sepEnd = lines[to].breakEnd;
    for (let k = to + 1; k < lines.length - 1 && blank(restOfLine(lines[k])); k++) sepEnd = lines[k].breakEnd;
    block = { start: lines[from].start, end: lines[to].end, sepEnd };
  }
  const after = raw.slice(block.sepEnd);
  if (block.sepEnd === block.end || blank(after.replace(/\\n/g, ''))) return undefined; // nothing static after it
  const separator = raw.slice(block.end, block.sepEnd);
  const rest = raw.slice(0, block.start) + after;
  // Text that points at the moved part ("the excerpts above") would be wrong after the move.
  if (POSITIONAL.test(rest)) return undefined;
  const trailing = /(\s|\\n|\\t)*$/.exec(rest)?.[0] ?? '';
  const newRaw = rest.slice(0, rest.length - trailing.length) + separator + raw.slice(block.start, block.end) + trailing;
  if (newRaw === raw) return undefined; // the block repeats what follows it (`A ${x}\n\nA ${x}`): moving it changes nothing
  return { start: base, end: bounds.close, newText: newRaw };
}
