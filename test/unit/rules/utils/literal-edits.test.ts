import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { dedent } from '../../../../server/src/prompts/segments';
import type { StaticSegment } from '../../../../server/src/prompts/types';
import { mapCookedEdits, mapCookedEditsEach, rawSpanOf } from '../../../../server/src/rules/utils/literal-edits';
import { applyEdits } from '../../../../server/src/text/apply-edits';

/** A file holding one literal, and the static segment the finder would make of it. */
function literal(source: string, cook: (raw: string) => string): { file: string; segment: StaticSegment } {
  const file = `const P = ${source};\n`;
  const start = file.indexOf(source) + 1;
  const end = start + source.length - 2;
  return { file, segment: { kind: 'static', text: cook(file.slice(start, end)), span: { start, end } } };
}

/** The cooked text of a plain literal, as JavaScript reads it. */
const evaluate = (source: string) => (): string => new Function(`return ${source};`)() as string;

function apply(file: string, segment: StaticSegment, start: number, end: number, newText = ''): string | undefined {
  const edits = mapCookedEdits(file, segment, [{ start, end, newText }]);
  return edits ? applyEdits(file, edits.map((e) => ({ file: 'f', ...e }))) : undefined;
}

describe('mapCookedEdits', () => {
  it('deletes a sentence after escaped quotes in a string literal', () => {
    const source = String.raw`"Say \"hi\". Be brief."`;
    const { file, segment } = literal(source, evaluate(source));
    const at = segment.text.indexOf(' Be brief.');
    assert.equal(apply(file, segment, at, segment.text.length), 'const P = "Say \\"hi\\".";\n');
  });

  it('deletes a line written with \\n escapes and a \\u escape', () => {
    const source = String.raw`'Be brief.\nAlways cite \u0073ources.\nBe brief.'`;
    const { file, segment } = literal(source, evaluate(source));
    const at = segment.text.indexOf('Always');
    const out = apply(file, segment, at, segment.text.indexOf('Be brief.', at));
    assert.equal(out, String.raw`const P = 'Be brief.\nBe brief.';` + '\n');
  });

  it('replaces text with a capital in a template literal', () => {
    const source = '`Please make sure to cite sources.`';
    const { file, segment } = literal(source, evaluate(source));
    assert.equal(apply(file, segment, 0, 'Please make sure to c'.length, 'C'), 'const P = `Cite sources.`;\n');
  });

  it('deletes a whole line of a dedented template, indentation included', () => {
    const source = '`\n    You are terse.\n    Be brief.\n    Cite sources.\n  `';
    const { file, segment } = literal(source, dedent);
    assert.equal(segment.text, 'You are terse.\nBe brief.\nCite sources.');
    const at = segment.text.indexOf('Be brief.');
    assert.equal(apply(file, segment, at, at + 'Be brief.\n'.length), 'const P = `\n    You are terse.\n    Cite sources.\n  `;\n');
  });

  it('refuses to delete the only line that sets a dedent\'s indentation', () => {
    const source = '`\n  Rules:\n    - be brief\n    - cite sources\n`';
    const { file, segment } = literal(source, dedent);
    assert.equal(apply(file, segment, 0, 'Rules:\n'.length), undefined);
  });

  it('refuses an edit that splits an escape or creates an interpolation', () => {
    const emoji = String.raw`"Smile \u{1F600} now."`;
    const a = literal(emoji, evaluate(emoji));
    const inside = a.segment.text.indexOf('\u{1F600}') + 1;
    assert.equal(apply(a.file, a.segment, inside, inside + 1), undefined);
    const money = '`Cost: $X{amount}`';
    const b = literal(money, () => 'Cost: $X{amount}');
    assert.equal(apply(b.file, b.segment, 7, 8), undefined);
  });

  it('refuses text from another file and text the finder reshaped in unknown ways', () => {
    const source = '"Be brief."';
    const { file, segment } = literal(source, evaluate(source));
    assert.equal(mapCookedEdits(file, { kind: 'static', text: segment.text }, [{ start: 0, end: 3, newText: '' }]), undefined);
    assert.equal(mapCookedEdits(file, { ...segment, text: 'Be short.' }, [{ start: 0, end: 3, newText: '' }]), undefined);
  });

  it('maps CRLF line breaks in a template', () => {
    const source = '`One.\r\nTwo.\r\nThree.`';
    const { file, segment } = literal(source, (raw) => raw.replace(/\r\n/g, '\n'));
    const at = segment.text.indexOf('Two.');
    assert.equal(apply(file, segment, at, at + 'Two.\n'.length), 'const P = `One.\r\nThree.`;\n');
  });

  it('maps several changes together, choosing alternatives that do not overlap', () => {
    const source = '`A.\nB.\nC.`';
    const { file, segment } = literal(source, evaluate(source));
    // B: its line and the line break after it, or the one before; C (last line): only the line break before.
    const mapped = mapCookedEditsEach(file, segment, [[{ start: 3, end: 6, newText: '' }, { start: 2, end: 5, newText: '' }], [{ start: 5, end: 8, newText: '' }]]);
    assert.ok(mapped.every((e) => e !== undefined));
    assert.equal(applyEdits(file, mapped.map((e) => ({ file: 'f', ...e! }))), 'const P = `A.`;\n');
  });

  it('gives report ranges in the raw text', () => {
    const source = String.raw`"Say \"hi\". Be brief."`;
    const { file, segment } = literal(source, evaluate(source));
    const at = segment.text.indexOf('Be brief.');
    const span = rawSpanOf(file, segment, at, at + 'Be brief.'.length)!;
    assert.equal(file.slice(span.start, span.end), 'Be brief.');
  });
});

describe('mapCookedEdits in a dedented template', () => {
  it('keeps the indentation of a line whose start is rewritten', () => {
    const source = '`\n    You are terse.\n    Please make sure to cite sources.\n  `';
    const { file, segment } = literal(source, dedent);
    const at = segment.text.indexOf('Please');
    assert.equal(apply(file, segment, at, at + 'Please make sure to c'.length, 'C'), 'const P = `\n    You are terse.\n    Cite sources.\n  `;\n');
  });
});
