import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { globToRegExp, matchesGlob } from '../../../server/src/config/glob';

describe('matchesGlob', () => {
  const cases: [glob: string, path: string, expected: boolean][] = [
    ['*.ts', 'a.ts', true],
    ['*.ts', 'src/a.ts', false],
    ['src/*.ts', 'src/a.ts', true],
    ['src/*.ts', 'src/x/a.ts', false],
    ['src/**/*.ts', 'src/a.ts', true],
    ['src/**/*.ts', 'src/x/y/a.ts', true],
    ['src/**/*.ts', 'lib/a.ts', false],
    ['**/*.ts', 'a.ts', true],
    ['**/*.ts', 'deep/er/a.ts', true],
    ['**/node_modules/**', 'node_modules/x/index.js', true],
    ['**/node_modules/**', 'a/node_modules/x.js', true],
    ['**/node_modules/**', 'node_modules', true],
    ['**/node_modules/**', 'a/node_modules_old/x.js', false],
    ['src/**', 'src', true],
    ['src/**', 'src/a/b.ts', true],
    ['src/**', 'srcs/a.ts', false],
    ['**/*.d.ts', 'types/x.d.ts', true],
    ['a?.ts', 'ab.ts', true],
    ['a?.ts', 'a/.ts', false],
    ['a?.ts', 'abc.ts', false],
    ['**/*.{ts,tsx,mts}', 'x/y.tsx', true],
    ['**/*.{ts,tsx,mts}', 'x/y.js', false],
    ['{src,lib}/**/*.ts', 'lib/a/b.ts', true],
    ['{src,lib}/**/*.ts', 'test/a.ts', false],
    ['*.{j{s,sx},ts}', 'a.jsx', true],
    ['file[0-9].ts', 'file7.ts', true],
    ['file[!0-9].ts', 'fileA.ts', true],
    ['file[!0-9].ts', 'file7.ts', false],
    ['a.b+c(d).ts', 'a.b+c(d).ts', true],
    ['a.ts', 'aXts', false],
    ['\\*.ts', '*.ts', true],
    ['\\*.ts', 'a.ts', false],
    ['src/{a', 'src/{a', true],
  ];
  for (const [glob, path, expected] of cases) {
    it(`${glob} ${expected ? 'matches' : 'does not match'} ${path}`, () => {
      assert.equal(matchesGlob(path, glob), expected);
    });
  }

  it('treats backslashes in paths as separators', () => {
    assert.equal(matchesGlob('src\\agents\\a.ts', 'src/**/*.ts'), true);
  });

  it('matches relative globs at any directory boundary with matchBase', () => {
    assert.equal(matchesGlob('/repo/src/agents/a.ts', 'src/agents/*.ts', { matchBase: true }), true);
    assert.equal(matchesGlob('/repo/xsrc/agents/a.ts', 'src/agents/*.ts', { matchBase: true }), false);
    assert.equal(matchesGlob('/repo/src/agents/a.ts', 'src/agents/*.ts'), false);
    assert.equal(matchesGlob('/repo/prompts.ts', 'prompts.ts', { matchBase: true }), true);
    assert.equal(matchesGlob('/repo/src/a.ts', '/repo/**/*.ts', { matchBase: true }), true);
  });

  it('caches compiled globs', () => {
    assert.equal(globToRegExp('src/**'), globToRegExp('src/**'));
  });
});
