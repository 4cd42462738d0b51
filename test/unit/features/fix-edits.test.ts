import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ts } from 'ts-morph';
import { compatibleFixes, disableRuleEdit, editsToWorkspaceEdit, fileFixes, ignoreLineEdit, isSafeFix } from '../../../server/src/features/fix-edits';
import type { Fix, Report } from '../../../server/src/rules/types';
import { LineMap } from '../../../server/src/text/line-map';

/** Applies one LSP edit to a text. */
function apply(text: string, edit: ReturnType<typeof ignoreLineEdit>): string {
  return TextDocument.applyEdits(TextDocument.create('file:///a.ts', 'typescript', 1, text), [edit]);
}

function fix(start: number, end: number, file = '/a.ts'): Fix {
  return { title: `fix ${start}`, safe: true, edits: [{ file, start, end, newText: 'x' }] };
}

describe('editsToWorkspaceEdit', () => {
  it('groups edits by file into versioned text document edits', () => {
    const lines = new LineMap('abc\ndef');
    const edit = editsToWorkspaceEdit(
      [
        { file: '/a.ts', start: 4, end: 5, newText: 'X' },
        { file: '/b.ts', start: 0, end: 1, newText: 'Y' },
      ],
      (file) => (file === '/a.ts' ? { uri: 'file:///a.ts', version: 3, lines } : { uri: 'file:///b.ts', version: null, lines }),
    );
    assert.deepEqual(edit, {
      documentChanges: [
        { textDocument: { uri: 'file:///a.ts', version: 3 }, edits: [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 1 } }, newText: 'X' }] },
        { textDocument: { uri: 'file:///b.ts', version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, newText: 'Y' }] },
      ],
    });
  });

  it('gives up when a file is unknown', () => {
    assert.equal(editsToWorkspaceEdit([{ file: '/gone.ts', start: 0, end: 0, newText: '' }], () => undefined), undefined);
  });
});

describe('compatibleFixes', () => {
  it('keeps fixes in order, dropping one that overlaps a fix already taken', () => {
    const a = fix(0, 5);
    const overlapping = fix(3, 8);
    const b = fix(5, 9);
    const otherFile = fix(0, 5, '/b.ts');
    assert.deepEqual(compatibleFixes([a, overlapping, b, otherFile]), [a, b, otherFile]);
  });
});

describe('fileFixes', () => {
  function report(ruleId: string, fixed: Fix | undefined, file = '/a.ts'): Report {
    return { ruleId, severity: 'warning', message: '', file, span: { start: 0, end: 1 }, docsUrl: '', fix: fixed };
  }

  it("takes the file's fixes that pass the filter, in order, without overlaps (source.fixAll: the safe ones)", () => {
    const safe = fix(0, 5);
    const unsafe = { ...fix(6, 8), safe: false };
    const overlapping = fix(3, 7);
    const later = fix(9, 12);
    const reports = [report('a', safe), report('b', unsafe), report('a', overlapping), report('a', undefined), report('a', fix(20, 21), '/other.ts'), report('b', later)];
    assert.deepEqual(fileFixes(reports, '/a.ts', isSafeFix), [safe, later]);
    assert.deepEqual(fileFixes(reports, '/a.ts', (r) => r.ruleId === 'b'), [unsafe, later]);
  });
});

describe('disableRuleEdit', () => {
  it('is the ignore comment above the line, except on a line that starts inside a multi-line string', () => {
    const text = 'const p = `first\nsecond line`;\n';
    const source = ts.createSourceFile('/a.ts', text, ts.ScriptTarget.Latest, true);
    const lines = new LineMap(text);
    assert.equal(apply(text, disableRuleEdit(text, lines, source, 0, 'r')!), '// promptcost-ignore r\nconst p = `first\nsecond line`;\n');
    assert.equal(disableRuleEdit(text, lines, source, 1, 'r'), undefined);
  });

  it('is not offered on a line that starts inside a block comment (found by npm run fuzz: the inserted line was comment text)', () => {
    // Shrunk: a comment opened above closes on the prompt's line, just before the code reported.
    const text = "/* header\nexport const SYSTEM_PROMPT = /* @prompt */ 'Please make sure to cite sources.';\n";
    const source = ts.createSourceFile('/a.ts', text, ts.ScriptTarget.Latest, true);
    assert.equal(disableRuleEdit(text, new LineMap(text), source, 1, 'padded-instruction'), undefined);
  });
});

describe('ignoreLineEdit', () => {
  it('inserts the comment above the line with its indentation', () => {
    const text = 'function f() {\n    const p = "…";\n}\n';
    assert.equal(apply(text, ignoreLineEdit(text, new LineMap(text), 1, 'padded-instruction')), 'function f() {\n    // promptcost-ignore padded-instruction\n    const p = "…";\n}\n');
  });

  it('keeps CRLF line endings', () => {
    const text = 'a\r\n\tconst p = 1;\r\n';
    assert.equal(apply(text, ignoreLineEdit(text, new LineMap(text), 1, 'r')), 'a\r\n\t// promptcost-ignore r\r\n\tconst p = 1;\r\n');
  });

  it('extends an ignore comment already above the line', () => {
    const text = '  // promptcost-ignore padded-instruction\n  const p = 1;\n';
    assert.equal(apply(text, ignoreLineEdit(text, new LineMap(text), 1, 'prompt-token-budget')), '  // promptcost-ignore padded-instruction, prompt-token-budget\n  const p = 1;\n');
  });

  it('works on the first line', () => {
    const text = 'const p = 1;';
    assert.equal(apply(text, ignoreLineEdit(text, new LineMap(text), 0, 'r')), '// promptcost-ignore r\nconst p = 1;');
  });
});
