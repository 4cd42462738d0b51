import type { TextEdit } from '../rules/types';

/**
 * Applies non-overlapping edits to a text (offsets refer to the original text).
 * Throws on overlapping edits: a fix that overlaps itself is a bug in the rule.
 * @example applyEdits('abc', [{ file: 'f', start: 1, end: 2, newText: 'X' }]) // 'aXc'
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  // From the end backwards; edits at the same offset keep their given order (as LSP applies them).
  const sorted = edits.map((edit, i) => ({ edit, i })).sort((a, b) => b.edit.start - a.edit.start || b.edit.end - a.edit.end || b.i - a.i).map((x) => x.edit);
  let out = text;
  let limit = Infinity;
  for (const edit of sorted) {
    if (edit.end > limit) throw new Error(`overlapping edits at ${edit.start}-${edit.end}`);
    out = out.slice(0, edit.start) + edit.newText + out.slice(edit.end);
    limit = edit.start;
  }
  return out;
}
