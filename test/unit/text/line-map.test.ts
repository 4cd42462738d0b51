import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LineMap } from '../../../server/src/text/line-map';

// vscode-languageserver-textdocument is the LSP reference implementation of offset <-> position
// conversion (UTF-16 code units, 0-based lines and characters); it is the oracle for these tests.
function lspDocument(text: string): TextDocument {
  return TextDocument.create('file:///virtual/a.ts', 'typescript', 1, text);
}

/** Offsets that sit between a `\r` and its `\n` (not a place a cursor can be; see the report). */
function insideCrlf(text: string, offset: number): boolean {
  return offset > 0 && text[offset - 1] === '\r' && text[offset] === '\n';
}

/** Length of each line's content without its line ending, for texts whose lines end in `\n` or `\r\n`. */
function contentLengths(text: string): number[] {
  return text.split('\n').map((line) => (line.endsWith('\r') ? line.length - 1 : line.length));
}

describe('LineMap.positionAt', () => {
  it('maps offsets in an LF text to zero-based line/character', () => {
    const map = new LineMap('ab\ncd\n\nefg');
    assert.deepEqual(map.positionAt(0), { line: 0, character: 0 });
    assert.deepEqual(map.positionAt(2), { line: 0, character: 2 }); // the `\n` itself ends line 0
    assert.deepEqual(map.positionAt(3), { line: 1, character: 0 });
    assert.deepEqual(map.positionAt(6), { line: 2, character: 0 }); // the empty line
    assert.deepEqual(map.positionAt(7), { line: 3, character: 0 });
    assert.deepEqual(map.positionAt(10), { line: 3, character: 3 }); // end of text
  });

  it('keeps `\\r\\n` as the line ending of CRLF lines (characters do not count the `\\r`)', () => {
    const text = 'const a = 1;\r\nconst b = 2;\r\n';
    const map = new LineMap(text);
    assert.equal(map.lineCount, 3);
    assert.deepEqual(map.positionAt(text.indexOf('const b')), { line: 1, character: 0 });
    assert.deepEqual(map.positionAt(text.indexOf('2;')), { line: 1, character: 10 });
    // End of line 0's content (where the `\r` starts) is character 12, the content length.
    assert.deepEqual(map.positionAt(text.indexOf('\r')), { line: 0, character: 'const a = 1;'.length });
    assert.deepEqual(map.positionAt(text.length), { line: 2, character: 0 });
  });

  it('counts an emoji (a surrogate pair) as 2 characters, like LSP', () => {
    const text = 'a😀b\n🚀x';
    assert.equal('😀'.length, 2);
    const map = new LineMap(text);
    assert.deepEqual(map.positionAt(text.indexOf('b')), { line: 0, character: 3 });
    assert.deepEqual(map.positionAt(text.indexOf('x')), { line: 1, character: 2 });
  });

  it('counts a BOM as one UTF-16 unit of line 0 (as vscode-languageserver-textdocument does)', () => {
    const text = '\uFEFFconst a = 1;\nconst b = 2;';
    const map = new LineMap(text);
    assert.deepEqual(map.positionAt(1), { line: 0, character: 1 });
    assert.deepEqual(map.positionAt(text.indexOf('const b')), { line: 1, character: 0 });
    assert.deepEqual(map.positionAt(text.indexOf('const a')), lspDocument(text).positionAt(text.indexOf('const a')));
  });

  it('clamps offsets before the start and past the end of the text', () => {
    const text = 'ab\ncd';
    const map = new LineMap(text);
    assert.deepEqual(map.positionAt(-5), { line: 0, character: 0 });
    assert.deepEqual(map.positionAt(text.length + 100), { line: 1, character: 2 });
    assert.deepEqual(new LineMap('').positionAt(3), { line: 0, character: 0 });
  });

  it('agrees with the LSP reference for every offset of a mixed LF/CRLF/emoji/BOM text', () => {
    const text = '\uFEFFimport x from "y";\r\n\r\nconst s = "😀 héllo";\nconst t = `a\r\nb`;\n\n🚀\r\nend';
    const map = new LineMap(text);
    const doc = lspDocument(text);
    let compared = 0;
    for (let offset = 0; offset <= text.length; offset++) {
      if (insideCrlf(text, offset)) continue;
      assert.deepEqual(map.positionAt(offset), doc.positionAt(offset), `offset ${offset}`);
      compared++;
    }
    assert.ok(compared > 50);
  });
});

describe('LineMap.offsetAt', () => {
  it('maps positions back to offsets (round trip of every offset outside a CRLF pair)', () => {
    const text = 'a😀b\r\n\r\ncd\nef🚀\n';
    const map = new LineMap(text);
    for (let offset = 0; offset <= text.length; offset++) {
      if (insideCrlf(text, offset)) continue;
      assert.equal(map.offsetAt(map.positionAt(offset)), offset, `offset ${offset}`);
    }
  });

  it('agrees with the LSP reference for every position inside each line of a CRLF text', () => {
    const text = 'first line\r\nsecond 😀 line\r\n\r\nlast';
    const map = new LineMap(text);
    const doc = lspDocument(text);
    contentLengths(text).forEach((length, line) => {
      for (let character = 0; character <= length; character++) {
        assert.equal(map.offsetAt({ line, character }), doc.offsetAt({ line, character }), `${line}:${character}`);
      }
    });
  });

  it('finds the offset of the character after an emoji on a CRLF line', () => {
    const text = 'x\r\n😀y';
    const map = new LineMap(text);
    assert.equal(map.offsetAt({ line: 1, character: 2 }), text.indexOf('y'));
    assert.equal(text[map.offsetAt({ line: 1, character: 2 })], 'y');
  });

  it('clamps positions past the end of the text (line past the last, character past the last line)', () => {
    const text = 'ab\r\ncd';
    const map = new LineMap(text);
    assert.equal(map.offsetAt({ line: 2, character: 0 }), text.length);
    assert.equal(map.offsetAt({ line: 99, character: 99 }), text.length);
    assert.equal(map.offsetAt({ line: 1, character: 99 }), text.length);
    assert.equal(map.offsetAt({ line: 1, character: 99 }), lspDocument(text).offsetAt({ line: 1, character: 99 }));
  });

  it('clamps a negative character to the start of its line', () => {
    const text = 'ab\ncd';
    assert.equal(new LineMap(text).offsetAt({ line: 1, character: -4 }), 3);
  });
});

describe('LineMap.oneBased and lineCount', () => {
  it('reports 1-based line and column of a span (CLI and SARIF convention)', () => {
    const text = 'line one\r\nconst 😀 = "prompt";\r\n';
    const map = new LineMap(text);
    const start = text.indexOf('"prompt"');
    const end = start + '"prompt"'.length;
    // `const 😀 = ` is 11 UTF-16 units (the emoji counts 2), so the literal starts at column 12.
    assert.deepEqual(map.oneBased({ start, end }), { line: 2, column: 12, endLine: 2, endColumn: 20 });
  });

  it('counts lines: a trailing line ending opens one more (empty) line', () => {
    assert.equal(new LineMap('').lineCount, 1);
    assert.equal(new LineMap('a').lineCount, 1);
    assert.equal(new LineMap('a\n').lineCount, 2);
    assert.equal(new LineMap('a\r\nb\r\n').lineCount, 3);
    assert.equal(new LineMap('a\r\nb\r\n').lineCount, lspDocument('a\r\nb\r\n').lineCount);
  });
});
