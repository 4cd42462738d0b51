import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit } from '../../../server/src/rules/types';
import { applyEdits } from '../../../server/src/text/apply-edits';

function edit(start: number, end: number, newText: string): TextEdit {
  return { file: '/virtual/a.ts', start, end, newText };
}

/** The same edits applied by the LSP reference implementation (offsets converted to positions). */
function lspApply(text: string, edits: readonly TextEdit[]): string {
  const doc = TextDocument.create('file:///virtual/a.ts', 'typescript', 1, text);
  return TextDocument.applyEdits(
    doc,
    edits.map((e) => ({ range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) }, newText: e.newText })),
  );
}

/** Every order of a list. */
function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

describe('applyEdits', () => {
  it('replaces, inserts and deletes with offsets that refer to the original text', () => {
    const text = 'const model = "gpt-4o";\nconst max = 100;\n';
    const edits = [
      edit(text.indexOf('gpt-4o'), text.indexOf('gpt-4o') + 'gpt-4o'.length, 'gpt-4o-mini'), // longer: would shift later offsets
      edit(text.indexOf('100'), text.indexOf('100') + 3, '50'),
      edit(0, 0, '// fixed\n'),
      edit(text.indexOf('const max'), text.indexOf('const max') + 'const '.length, ''),
    ];
    const expected = '// fixed\nconst model = "gpt-4o-mini";\nmax = 50;\n';
    assert.equal(applyEdits(text, edits), expected);
    assert.equal(lspApply(text, edits), expected);
  });

  it('gives the same result whatever order the edits are listed in', () => {
    const text = 'alpha beta gamma delta';
    const edits = [edit(0, 5, 'A'), edit(6, 10, 'BETA!'), edit(11, 16, ''), edit(22, 22, ' end')];
    const expected = 'A BETA!  delta end';
    for (const order of permutations(edits)) assert.equal(applyEdits(text, order), expected, JSON.stringify(order));
  });

  it('allows edits that touch without overlapping (an insert at either end of a replaced range)', () => {
    const text = '0123456789';
    const cases: TextEdit[][] = [
      [edit(3, 6, 'X'), edit(6, 8, 'Y')], // adjacent replacements
      [edit(3, 6, 'X'), edit(3, 3, '<')], // insert at the start of a replacement
      [edit(3, 6, 'X'), edit(6, 6, '>')], // insert at the end of a replacement
    ];
    const expected = ['012XY89', '012<X6789', '012X>6789'];
    cases.forEach((edits, i) => {
      assert.equal(applyEdits(text, edits), expected[i]);
      assert.equal(applyEdits(text, [...edits].reverse()), expected[i]);
      // The LSP reference wants an insert listed before a replacement that starts at the same offset.
      assert.equal(lspApply(text, [...edits].sort((a, b) => a.start - b.start || a.end - b.end)), expected[i]);
    });
  });

  it('handles CRLF text and surrogate pairs as UTF-16 offsets', () => {
    const text = 'a😀b\r\nc';
    const emoji = text.indexOf('😀');
    assert.equal(applyEdits(text, [edit(emoji, emoji + 2, '🚀🚀'), edit(text.indexOf('\r\n'), text.indexOf('\r\n') + 2, '\n')]), 'a🚀🚀b\nc');
  });

  it('returns the text unchanged for no edits', () => {
    assert.equal(applyEdits('unchanged', []), 'unchanged');
  });

  it('throws on overlapping edits, whatever their order', () => {
    const text = '0123456789';
    const overlapping: TextEdit[][] = [
      [edit(2, 5, 'a'), edit(4, 7, 'b')], // partial overlap
      [edit(2, 5, 'a'), edit(2, 5, 'b')], // the same range twice
      [edit(2, 8, 'a'), edit(4, 6, 'b')], // one inside the other
      [edit(2, 8, 'a'), edit(5, 5, 'b')], // an insert strictly inside a replaced range
    ];
    for (const edits of overlapping) {
      for (const order of permutations(edits)) {
        assert.throws(() => applyEdits(text, order), /overlapping edits/, JSON.stringify(order));
      }
    }
  });
});
