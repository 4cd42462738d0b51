import type { Segment, Span, StaticSegment } from '../../prompts/types';
import { decode, encode, quoteBefore, type Decoded, type Quote } from './literal-text';

/**
 * Maps edits of a static segment's cooked text (its `text`: escapes decoded, maybe dedented or trimmed
 * by the finder) to edits of the raw source (`span` in the file), and proves them exact: the edited raw
 * literal must decode, and after the same dedent/trim the finder applied, give the edited cooked text.
 */

/** An edit of a segment's cooked text: replace `text.slice(start, end)` with `newText`. */
export interface CookedEdit {
  start: number;
  end: number;
  newText: string;
}

/** A file edit (offsets into the file text). */
export interface RawEdit {
  start: number;
  end: number;
  newText: string;
}

/** How the finder turned the decoded literal into the segment's text (a dedent tag, `.trim()`); see prompts/segments.ts. */
interface Shape {
  indent: number;
  leadingNewline: boolean;
  trimStart: boolean;
  trailing: 'none' | 'newline' | 'trim';
}

/** Longest indentation tried when inferring a dedent (deeper indentation is left unmapped). */
const MAX_INDENT = 64;

function leadingWhitespace(line: string): number {
  return line.length - line.trimStart().length;
}

/** What `shape` makes of decoded text: the finder's dedent (prompts/segments.ts `dedent`) and trims. */
function applyShape(text: string, shape: Shape): string {
  let out = text;
  if (shape.indent > 0) {
    out = out.split('\n').map((line, i) => (i === 0 ? line : line.slice(Math.min(shape.indent, leadingWhitespace(line))))).join('\n');
  }
  if (shape.leadingNewline) out = out.replace(/^\n/, '');
  if (shape.trimStart) out = out.trimStart();
  if (shape.trailing === 'newline') out = out.replace(/\n[ \t]*$/, '');
  if (shape.trailing === 'trim') out = out.trimEnd();
  return out;
}

/** The shape that turns `decoded` into `cooked`, trying the identity first; undefined when none does. */
function inferShape(decoded: string, cooked: string): Shape | undefined {
  const indents = new Set<number>([0]);
  for (const line of decoded.split('\n').slice(1)) indents.add(Math.min(leadingWhitespace(line), MAX_INDENT));
  for (const indent of [...indents].sort((a, b) => a - b)) {
    for (const leadingNewline of [false, true]) {
      for (const trimStart of [false, true]) {
        for (const trailing of ['none', 'newline', 'trim'] as const) {
          const shape = { indent, leadingNewline, trimStart, trailing };
          if (applyShape(decoded, shape) === cooked) return shape;
        }
      }
    }
  }
  return undefined;
}

/** Whether some non-blank line after a line break is indented by exactly `indent` (the dedent's minimum). */
function hasLineAt(text: string, indent: number): boolean {
  return text.split('\n').slice(1).some((line) => line.trim() !== '' && leadingWhitespace(line) === indent);
}

/** Whether some non-blank line after a line break is indented less than `indent`. */
function lessIndented(text: string, indent: number): boolean {
  return text.split('\n').slice(1).some((line) => line.trim() !== '' && leadingWhitespace(line) < indent);
}

/**
 * Cooked-to-decoded position map under a shape: positions of `cooked` in `decoded`, found by walking
 * both and skipping decoded characters the shape removed (only whitespace can be removed).
 */
function alignment(decoded: string, cooked: string): number[] | undefined {
  const at: number[] = [];
  let d = 0;
  for (let c = 0; c < cooked.length; c++) {
    while (d < decoded.length && decoded[d] !== cooked[c]) {
      if (!/\s/.test(decoded[d])) return undefined;
      d++;
    }
    if (d >= decoded.length) return undefined;
    at.push(d++);
  }
  return at;
}

/** A static segment's literal, decoded and aligned once per file text (rules map many ranges of one segment). */
interface SegmentLiteral {
  quote: Quote;
  raw: string;
  decoded: Decoded;
  /** Cooked-to-decoded positions; undefined when the cooked text cannot be aligned. */
  at: number[] | undefined;
  /** The finder's dedent/trim, inferred on first use (only edits need it). */
  shape?: Shape | null;
}

/** Per segment: the file text, cooked text and start it was decoded with, and the result (undefined: no quote or undecodable). */
const literals = new WeakMap<StaticSegment, { fileText: string; cooked: string; start?: number; literal: SegmentLiteral | undefined }>();

/** The segment's literal decoded and aligned, cached while the file text is the same. */
function literalOf(fileText: string, segment: StaticSegment): SegmentLiteral | undefined {
  const cached = literals.get(segment);
  if (cached && cached.fileText === fileText && cached.cooked === segment.text && cached.start === segment.span?.start) return cached.literal;
  const span = segment.span;
  const quote = span ? quoteBefore(fileText, span.start) : undefined;
  const raw = span && quote ? fileText.slice(span.start, span.end) : '';
  const decoded = quote ? decode(raw, quote) : undefined;
  const literal = quote && decoded ? { quote, raw, decoded, at: alignment(decoded.text, segment.text) } : undefined;
  literals.set(segment, { fileText, cooked: segment.text, start: span?.start, literal });
  return literal;
}

/** The shape of a segment's literal (see {@link inferShape}), inferred once. */
function shapeOf(literal: SegmentLiteral, cooked: string): Shape | undefined {
  if (literal.shape === undefined) literal.shape = inferShape(literal.decoded.text, cooked) ?? null;
  return literal.shape ?? undefined;
}

/**
 * File edits equivalent to `edits` (non-overlapping, sorted or not) of a static segment's cooked text,
 * or undefined when they cannot be mapped exactly: no span (the text is in another file), an escape
 * split by an edit, a literal shape the finder's dedent/trim does not explain, or an edit whose result
 * would not read back (decoded, dedented) as the edited cooked text. New text must not contain line breaks.
 * @example
 * // file: const P = "Say \"hi\". Be brief.";  segment.text = 'Say "hi". Be brief.'
 * mapCookedEdits(file, segment, [{ start: 9, end: 19, newText: '' }]) // → one edit removing ` Be brief.`
 */
export function mapCookedEdits(fileText: string, segment: StaticSegment, edits: readonly CookedEdit[]): RawEdit[] | undefined {
  const span: Span | undefined = segment.span;
  if (!span || edits.some((e) => /[\r\n\u2028\u2029]/.test(e.newText) || e.start > e.end || e.end > segment.text.length)) return undefined;
  const literal = literalOf(fileText, segment);
  if (!literal) return undefined;
  const { quote, raw, decoded } = literal;
  const cooked = segment.text;
  const shape = shapeOf(literal, cooked);
  const at = shape ? literal.at : undefined;
  if (!shape || !at) return undefined;

  const sorted = [...edits].sort((a, b) => a.start - b.start);
  const rawEdits: RawEdit[] = [];
  let newDecoded = '';
  let newCooked = '';
  let decodedPos = 0;
  let cookedPos = 0;
  for (const edit of sorted) {
    if (edit.start < cookedPos) return undefined; // overlapping
    // Decoded range: from the first removed cooked unit to just after the last one (insertions: before the unit at start).
    // A deletion from a line start takes the line's (dedented) indentation with it.
    const lineStart = edit.start > 0 && cooked[edit.start - 1] === '\n' && edit.end > edit.start && edit.newText === '';
    const dStart = lineStart ? at[edit.start - 1] + 1 : edit.start < cooked.length ? at[edit.start] : decoded.text.length;
    const dEnd = edit.end > edit.start ? at[edit.end - 1] + 1 : dStart;
    const rStart = decoded.rawAt[dStart];
    const rEnd = decoded.rawAt[dEnd];
    if (rStart === undefined || rEnd === undefined || dStart < decodedPos) return undefined;
    newDecoded += decoded.text.slice(decodedPos, dStart) + edit.newText;
    newCooked += cooked.slice(cookedPos, edit.start) + edit.newText;
    decodedPos = dEnd;
    cookedPos = edit.end;
    rawEdits.push({ start: span.start + rStart, end: span.start + rEnd, newText: encode(edit.newText, quote) });
  }
  newDecoded += decoded.text.slice(decodedPos);
  newCooked += cooked.slice(cookedPos);

  // Proof: the edited raw literal decodes and reshapes to the edited cooked text.
  let newRaw = raw;
  for (const e of [...rawEdits].reverse()) newRaw = newRaw.slice(0, e.start - span.start) + e.newText + newRaw.slice(e.end - span.start);
  const reread = decode(newRaw, quote);
  if (!reread || reread.text !== newDecoded || applyShape(newDecoded, shape) !== newCooked) return undefined;
  // A dedent measures the least indentation: no line may end up less indented, and a line at that
  // indentation stays if this literal had one.
  if (shape.indent > 0 && (lessIndented(newDecoded, shape.indent) || (hasLineAt(decoded.text, shape.indent) && !hasLineAt(newDecoded, shape.indent)))) return undefined;
  return rawEdits;
}

/**
 * How many changes of one segment get a fix. Each accepted change re-checks all accepted edits against
 * the whole decoded literal, so the work grows with changes × literal length: a 1 MB prompt with 22,140
 * repeated instructions had not finished after 20 minutes (6 s with this bound). The last changes in the
 * text are mapped first; the others keep their report without a fix (applying these fixes and analysing
 * again maps the next ones).
 */
export const MAX_MAPPED_CHANGES = 20;

/**
 * Maps several independent changes of one segment, each given as alternative cooked edits (preferred
 * first). Changes are accepted one by one, last in the text first, each with the first alternative that
 * still maps exactly together with those accepted; so any subset of the accepted edits applies cleanly.
 * Returns, per change, its file edit or undefined.
 */
export function mapCookedEditsEach(fileText: string, segment: StaticSegment, changes: readonly (readonly CookedEdit[])[]): (RawEdit | undefined)[] {
  const result: (RawEdit | undefined)[] = changes.map(() => undefined);
  const accepted: { edit: CookedEdit; i: number }[] = [];
  const order = changes.map((alternatives, i) => ({ alternatives, i })).sort((a, b) => (b.alternatives[0]?.start ?? 0) - (a.alternatives[0]?.start ?? 0));
  for (const { alternatives, i } of order.slice(0, MAX_MAPPED_CHANGES)) {
    for (const edit of alternatives) {
      const trial = [...accepted, { edit, i }].sort((a, b) => a.edit.start - b.edit.start);
      const mapped = mapCookedEdits(fileText, segment, trial.map((t) => t.edit));
      if (!mapped) continue;
      accepted.push({ edit, i });
      trial.forEach((t, k) => (result[t.i] = mapped[k]));
      break;
    }
  }
  return result;
}

/**
 * The file range of cooked range [start, end) of a static segment, for placing a report (not for edits:
 * it is not verified). Falls back to the segment's span when the text cannot be aligned.
 */
export function rawSpanOf(fileText: string, segment: StaticSegment, start: number, end: number): Span | undefined {
  const span = segment.span;
  if (!span) return undefined;
  const literal = literalOf(fileText, segment);
  const decoded = literal?.decoded;
  const at = literal?.at;
  if (!decoded || !at || end <= start || end > at.length) return span;
  const rawStart = decoded.rawAt[at[start]];
  const rawEnd = decoded.rawAt[at[end - 1] + 1];
  return rawStart === undefined || rawEnd === undefined ? span : { start: span.start + rawStart, end: span.start + rawEnd };
}

/**
 * The file range covered by pieces of consecutive segments (static pieces mapped with {@link rawSpanOf},
 * dynamic segments whole); undefined when the first piece is not in this file.
 */
export function rawSpanOfParts(fileText: string, parts: readonly { segment: Segment; start: number; end: number }[]): Span | undefined {
  let out: Span | undefined;
  for (const [i, part] of parts.entries()) {
    const span = part.segment.kind === 'static' ? rawSpanOf(fileText, part.segment, part.start, part.end) : part.segment.span;
    if (!span) {
      if (i === 0) return undefined;
      continue;
    }
    out = out ? { start: Math.min(out.start, span.start), end: Math.max(out.end, span.end) } : span;
  }
  return out;
}
