import type { Span } from '../prompts/types';

/** A zero-based line/character position (LSP's convention; characters are UTF-16 code units). */
export interface Position {
  line: number;
  character: number;
}

/**
 * Converts UTF-16 offsets of one text to zero-based line/character positions and back.
 * Lines end at `\n`; a `\r` before it belongs to the line ending (CRLF files map correctly).
 * @example new LineMap('a\nbc').positionAt(3) // { line: 1, character: 1 }
 */
export class LineMap {
  private readonly starts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }

  /** The position of an offset (clamped to the text). */
  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= clamped) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: clamped - this.starts[lo] };
  }

  /** The offset of a position (clamped to its line). */
  offsetAt(position: Position): number {
    if (position.line >= this.starts.length) return this.text.length;
    const start = this.starts[Math.max(0, position.line)];
    const next = position.line + 1 < this.starts.length ? this.starts[position.line + 1] : this.text.length;
    return Math.min(start + Math.max(0, position.character), next);
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
