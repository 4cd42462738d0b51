import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ts } from 'ts-morph';
import { changeRange, TreeCache } from '../../../server/src/prompts/tree-cache';

/** The kinds and spans of every node, to compare two trees. */
function shape(tree: ts.SourceFile): string[] {
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    out.push(`${ts.SyntaxKind[node.kind]}@${node.pos}-${node.end}`);
    ts.forEachChild(node, visit);
  };
  visit(tree);
  return out;
}

test('changeRange: the span between the common prefix and suffix', () => {
  assert.deepEqual(changeRange('abc', 'abXc'), { span: { start: 2, length: 0 }, newLength: 1 });
  assert.deepEqual(changeRange('abXc', 'abc'), { span: { start: 2, length: 1 }, newLength: 0 });
  assert.deepEqual(changeRange('aaa', 'aaaa'), { span: { start: 3, length: 0 }, newLength: 1 });
  assert.deepEqual(changeRange('same', 'same'), { span: { start: 4, length: 0 }, newLength: 0 });
  assert.deepEqual(changeRange('', 'new'), { span: { start: 0, length: 0 }, newLength: 3 });
});

test('an edited file is parsed incrementally into the same tree a fresh parse gives', () => {
  const cache = new TreeCache();
  const before = "const SYSTEM = 'You are a support agent.';\nexport function reply(q: string) {\n  return [SYSTEM, q].join('\\n');\n}\n";
  const edits = [
    before.replace('support', 'billing support'),
    before.replace('return [SYSTEM, q]', 'return [SYSTEM, q, "Be brief."]'),
    before.replace('{\n  return', '{\n  if (!q) throw new Error("empty");\n  return'),
    before.slice(0, 40), // half-typed
    before,
  ];
  cache.get('/a.ts', before, ts.ScriptKind.TS);
  for (const text of edits) {
    cache.changed('/a.ts');
    const updated = cache.get('/a.ts', text, ts.ScriptKind.TS);
    const fresh = ts.createSourceFile('/a.ts', text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    assert.equal(updated.text, text);
    assert.deepEqual(shape(updated), shape(fresh));
    assert.equal(updated.statements[0]?.parent, updated, 'parents are set');
  }
});

test('trees beyond the character budget are dropped, least recently used first, and reported', () => {
  const evicted: string[] = [];
  const cache = new TreeCache((file) => evicted.push(file), 100);
  const text = (n: number) => `const x${n} = ${'1 + '.repeat(8)}1;\n`; // 43 characters
  const a = cache.get('/a.ts', text(1), ts.ScriptKind.TS);
  cache.get('/b.ts', text(2), ts.ScriptKind.TS);
  assert.equal(cache.get('/a.ts', text(1), ts.ScriptKind.TS), a, 'a cached tree is returned as is');
  cache.get('/c.ts', text(3), ts.ScriptKind.TS);
  assert.deepEqual(evicted, ['/b.ts'], 'b was used least recently');
  assert.equal(cache.get('/a.ts', text(1), ts.ScriptKind.TS), a);
  assert.notEqual(cache.get('/b.ts', text(2), ts.ScriptKind.TS), undefined, 'an evicted tree is parsed again');
});
