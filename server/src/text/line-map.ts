import type { Span } from '../prompts/types';

/** A zero-based line/character position (LSP's convention; characters are UTF-16 code units). */
export interface Position {
  line: number;
  character: number;
}

const LF = 10;
const CR = 13;

/**
 * Converts UTF-16 offsets of one text to zero-based line/character positions and back, as LSP and
 * TypeScript do: `\r\n`, `\n` and a lone `\r` end a line; a position inside a line ending or past
 * the end of a line is clamped to the end of the line's content.
 * @example new LineMap('a\nbc').positionAt(3) // { line: 1, character: 1 }
 */
export class LineMap {
  private readonly starts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === CR && text.charCodeAt(i + 1) === LF) continue;
      if (c === LF || c === CR) this.starts.push(i + 1);
    }
  }

  /** Offset where a line's content ends (before its line break). */
  private contentEnd(line: number): number {
    let end = line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length;
    while (end > this.starts[line] && (this.text.charCodeAt(end - 1) === LF || this.text.charCodeAt(end - 1) === CR)) {
      if (line + 1 >= this.starts.length) break;
      end--;
    }
    return end;
  }

  /** The position of an offset (clamped to the text and to the line's content). */
  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= clamped) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: Math.min(clamped, this.contentEnd(lo)) - this.starts[lo] };
  }

  /** The offset of a position (clamped to its line's content). */
  offsetAt(position: Position): number {
    if (position.line >= this.starts.length) return this.text.length;
    if (position.line < 0) return 0;
    const start = this.starts[position.line];
    return Math.min(start + Math.max(0, position.character), this.contentEnd(position.line));
  }

  /** 1-based line and column of a span's start and end, as the CLI and SARIF report them. */
  oneBased(span: Span): { line: number; column: number; endLine: number; endColumn: number } {
    const s = this.positionAt(span.start);
    const e = this.positionAt(span.end);
    return { line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
  }

  get lineCount(): number {
    return this.starts.length;
  }
}
