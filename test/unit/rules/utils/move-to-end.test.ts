import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Segment } from '../../../../server/src/prompts/types';
import { moveToEnd } from '../../../../server/src/rules/utils/move-to-end';
import { applyEdits } from '../../../../server/src/text/apply-edits';

/** Segments of the template literal starting at `at` in `text` (static parts and `${…}` expressions). */
function templateSegments(text: string, at: number): Segment[] {
  const segments: Segment[] = [];
  let i = at + 1;
  let start = i;
  while (text[i] !== '`') {
    if (text[i] === '$' && text[i + 1] === '{') {
      if (i > start) segments.push({ kind: 'static', text: text.slice(start, i), span: { start, end: i } });
      const end = text.indexOf('}', i);
      segments.push({ kind: 'dynamic', expression: text.slice(i + 2, end), source: 'interpolation', span: { start: i + 2, end } });
      i = end + 1;
      start = i;
    } else i++;
  }
  if (i > start) segments.push({ kind: 'static', text: text.slice(start, i), span: { start, end: i } });
  return segments;
}

function move(text: string, values: string[]): string | undefined {
  const segments = templateSegments(text, text.indexOf('`'));
  const spans = values.map((v) => segments.find((s) => s.kind === 'dynamic' && s.expression === v)!.span!);
  const edit = moveToEnd(text, segments, spans);
  return edit && applyEdits(text, [{ file: 'a.ts', ...edit }]);
}

describe('moveToEnd', () => {
  it('moves leading lines (real or escaped line breaks) with their separator', () => {
    assert.equal(move('const p = `Time: ${now}\\nUser: ${name}\\n\\nYou are helpful.`;', ['now', 'name']), 'const p = `You are helpful.\\n\\nTime: ${now}\\nUser: ${name}`;');
    assert.equal(move('const p = `Time: ${now}\n\nYou are helpful.\nBe brief.\n`;', ['now']), 'const p = `You are helpful.\nBe brief.\n\nTime: ${now}\n`;');
  });

  it('moves a leading sentence within a line', () => {
    assert.equal(move('const p = `Today is ${day}. You are helpful.`;', ['day']), 'const p = `You are helpful. Today is ${day}.`;');
  });

  it('moves a label line with the value it introduces, and a middle block', () => {
    assert.equal(move('x(`Rules first.\\nContext:\\n${ctx}\\nMore rules.`)', ['ctx']), 'x(`Rules first.\\nMore rules.\\nContext:\\n${ctx}`)');
  });

  it('a `?` or `.` inside a `${…}` ends no sentence (fuzz: the block ended inside `${flag ? …}` and the fix broke the literal)', () => {
    assert.equal(
      move("const p = `Today is ${day} (${flag ? 'x' : 'y'}). You are helpful.`;", ['day']),
      "const p = `You are helpful. Today is ${day} (${flag ? 'x' : 'y'}).`;",
    );
    // From npm run fuzz: the only sentence end after `${schema}` is the `? ` inside the last hole, so nothing moves.
    assert.equal(move("const p = `Keep answers short.${schema} Be kind.${flag ? 'a' : 'b'} Cite sources.`;", ['schema']), undefined);
  });

  it('gives nothing when moving the block changes nothing (it repeats what follows it; found by npm run fuzz)', () => {
    assert.equal(move('const p = `😀You are helpful.${context}\n\n😀You are helpful.${context}`;', ['context']), undefined);
  });

  it('gives nothing when the values are apart, already last, tagged, concatenated or referred to by position', () => {
    assert.equal(move('const p = `A ${a}\\nRules.\\nB ${b}\\nMore.`;', ['a', 'b']), undefined);
    assert.equal(move('const p = `Rules.\\nA ${a}`;', ['a']), undefined);
    assert.equal(move('const p = dedent`A ${a}\\nRules.`;', ['a']), undefined);
    assert.equal(move('const p = `A ${a}\\nRules.` + more;', ['a']), undefined);
    assert.equal(move('const p = `Notes: ${a}\\nUse the notes above.`;', ['a']), undefined);
  });
});
