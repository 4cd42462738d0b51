import type { TextEdit } from '../rules/types';

/**
 * Applies non-overlapping edits to a text (offsets refer to the original text).
 * Throws on overlapping edits: a fix that overlaps itself is a bug in the rule.
 * @example applyEdits('abc', [{ file: 'f', start: 1, end: 2, newText: 'X' }]) // 'aXc'
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  let limit = Infinity;
  for (const edit of sorted) {
    if (edit.end > limit) throw new Error(`overlapping edits at ${edit.start}-${edit.end}`);
    out = out.slice(0, edit.start) + edit.newText + out.slice(edit.end);
    limit = edit.start;
  }
  return out;
}
