import type { Position, Range } from 'vscode-languageserver-protocol';

/**
 * The position of the `nth` occurrence (0-based) of `needle` in `text`, plus `delta` characters.
 * Tests find positions by searching text, never by hard-coded coordinates.
 * @example positionOf('a\nbcd', 'c') // { line: 1, character: 1 }
 */
export function positionOf(text: string, needle: string, nth = 0, delta = 0): Position {
  return positionAtOffset(text, offsetOf(text, needle, nth) + delta);
}

/** The range covering the `nth` occurrence of `needle`. */
export function rangeOf(text: string, needle: string, nth = 0): Range {
  const start = offsetOf(text, needle, nth);
  return { start: positionAtOffset(text, start), end: positionAtOffset(text, start + needle.length) };
}

/** The offset of the `nth` occurrence of `needle`; throws when it is missing (a broken fixture). */
export function offsetOf(text: string, needle: string, nth = 0): number {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`${JSON.stringify(needle)} (occurrence ${nth}) not found`);
  }
  return at;
}

/** Zero-based line and UTF-16 character of an offset. */
export function positionAtOffset(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

/** The zero-based line of the `nth` occurrence of `needle`. */
export function lineOf(text: string, needle: string, nth = 0): number {
  return positionOf(text, needle, nth).line;
}
