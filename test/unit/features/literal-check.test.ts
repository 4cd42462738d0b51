import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ts } from 'ts-morph';
import { insideComment, insideLiteral } from '../../../server/src/features/literal-check';

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

describe('insideComment', () => {
  const code = "/* a\n  still\n */ const x = 1;\n/**\n * doc\n */\nexport const o = {\n  a: 1, /* x\n y */ b: 2,\n};\n// line\nconst z = 2;\n/* end\n of file */";
  const file = ts.createSourceFile('/b.ts', code, ts.ScriptTarget.Latest, true);
  const start = (needle: string) => code.lastIndexOf('\n', code.indexOf(needle)) + 1;

  it('is true at a line start inside a block comment, a JSDoc comment, a comment among tokens or at the end of the file', () => {
    for (const needle of ['  still', ' */ const x', ' * doc', ' y */', ' of file']) assert.ok(insideComment(file, start(needle)), needle);
  });

  it('is false at the start of code lines and at the start of a comment', () => {
    for (const needle of ['export const o', 'const z', '// line', '/* end']) assert.ok(!insideComment(file, start(needle)), needle);
    assert.ok(!insideComment(file, 0));
  });
});
