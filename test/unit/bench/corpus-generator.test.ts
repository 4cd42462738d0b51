import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { corpusFiles, generateCorpus, STAMP_FILE } from '../../../bench/corpus/generate';
import { EDIT_ANCHOR, EDITED_FILE, EDITED_FILE_LINES, HOVER_CONTEXT } from '../../../bench/corpus/edited-file';
import { createRng } from '../../../bench/corpus/prng';

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? listFiles(full) : [full];
  });
}

test('mulberry32: the same seed gives the same sequence, another seed another', () => {
  const a = createRng(42);
  const b = createRng(42);
  const c = createRng(43);
  const seqA = Array.from({ length: 20 }, () => a.next());
  assert.deepEqual(Array.from({ length: 20 }, () => b.next()), seqA);
  assert.notDeepEqual(Array.from({ length: 20 }, () => c.next()), seqA);
  assert.ok(seqA.every((x) => x >= 0 && x < 1));
});

test('the same seed writes byte-identical corpora; another seed writes another', () => {
  const root = mkdtempSync(join(tmpdir(), 'bench-corpus-'));
  try {
    const read = (dir: string): Map<string, string> => new Map(listFiles(dir).map((f) => [relative(dir, f), readFileSync(f, 'utf8')]));
    generateCorpus(join(root, 'a'), { files: 60, seed: 7 });
    generateCorpus(join(root, 'b'), { files: 60, seed: 7 });
    generateCorpus(join(root, 'c'), { files: 60, seed: 8 });
    const a = read(join(root, 'a'));
    assert.deepEqual(read(join(root, 'b')), a);
    const c = read(join(root, 'c'));
    assert.notDeepEqual(c, a);
    assert.ok(a.has(STAMP_FILE) && a.has('package.json') && a.has('tsconfig.json'));
    assert.equal([...a.keys()].filter((p) => p.endsWith('.ts')).length, 60);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('generated files parse without syntax errors; the edited file has its anchors and 1,000 lines', () => {
  const files = corpusFiles({ files: 120, seed: 3 });
  for (const [path, text] of files) {
    if (!path.endsWith('.ts')) continue;
    const sf = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    const diagnostics = (sf as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics;
    assert.deepEqual(diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')), [], path);
  }
  const edited = files.get(EDITED_FILE) ?? '';
  assert.equal(edited.split('\n').length - 1, EDITED_FILE_LINES);
  assert.equal(edited.split(HOVER_CONTEXT).length, 2, 'hover context occurs once');
  assert.equal(edited.split(EDIT_ANCHOR).length, 2, 'edit anchor occurs once');
});
