import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ts } from 'ts-morph';
import { insideLiteral } from '../../../server/src/features/literal-check';

const text = "const a = `first line\nsecond ${x} line\nthird`;\nconst b = 'one';\nconst c = <p>\n  hello\n</p>;\n";
const source = ts.createSourceFile('/a.tsx', text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
const lineStart = (needle: string) => text.lastIndexOf('\n', text.indexOf(needle)) + 1;

describe('insideLiteral', () => {
  it('is true at a line start inside a multi-line template or JSX text', () => {
    assert.ok(insideLiteral(source, lineStart('second')));
    assert.ok(insideLiteral(source, lineStart('third')));
    assert.ok(insideLiteral(source, lineStart('hello')));
  });

  it('is false at the start of code lines, and at the very start of a literal', () => {
    assert.ok(!insideLiteral(source, lineStart("const b")));
    assert.ok(!insideLiteral(source, text.indexOf("'one'")));
    assert.ok(!insideLiteral(source, 0));
  });
});
