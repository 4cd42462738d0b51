import { after, before, describe, it, mock } from 'node:test';
import assert from 'node:assert/strict';
import fs, { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../../../server/src/engine';
import { ProjectCache, readFromDisk } from '../../../server/src/prompts/project';

/** An fs error as node throws it. */
function fsError(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated`), { code });
}

describe('files that disappear or cannot be read while they are analysed', () => {
  let root: string;
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'promptcost-disk-'));
    writeFileSync(join(root, 'prompts.ts'), "export const SYSTEM = 'You are a helpful assistant who answers in one short sentence.';\n");
    writeFileSync(
      join(root, 'a.ts'),
      "import OpenAI from 'openai';\nimport { SYSTEM } from './prompts';\nconst openai = new OpenAI();\nexport const f = (q: string) => openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'system', content: SYSTEM }, { role: 'user', content: q }] });\n",
    );
    mkdirSync(join(root, 'folder.ts'));
  });
  after(() => {
    mock.restoreAll();
    rmSync(root, { recursive: true, force: true });
  });

  it('readFromDisk gives undefined for a missing file and a directory', () => {
    assert.equal(readFromDisk(join(root, 'missing.ts')), undefined);
    assert.equal(readFromDisk(join(root, 'folder.ts')), undefined);
  });

  it('readFromDisk gives undefined when reading fails (EACCES, EIO)', () => {
    for (const code of ['EACCES', 'EIO']) {
      const read = mock.method(fs, 'readFileSync', () => {
        throw fsError(code);
      });
      try {
        assert.equal(readFromDisk(join(root, 'prompts.ts')), undefined);
      } finally {
        read.mock.restore();
      }
    }
  });

  it('an import is unresolved, not an exception, when its file vanishes between two checks or cannot be stat-ed', () => {
    for (const code of ['ENOENT', 'EACCES']) {
      const stat = mock.method(fs, 'statSync', () => {
        throw fsError(code);
      });
      try {
        assert.equal(new ProjectCache().resolveModule(join(root, 'a.ts'), './prompts'), undefined);
      } finally {
        stat.mock.restore();
      }
    }
    assert.equal(new ProjectCache().resolveModule(join(root, 'a.ts'), './prompts'), join(root, 'prompts.ts'));
    assert.equal(new ProjectCache().resolveModule(join(root, 'a.ts'), './folder.ts'), undefined, 'a directory named like a source file');
  });

  it('a file created after its importer was analysed is picked up once the engine is told (Engine.added)', () => {
    const importer = join(root, 'b.ts');
    writeFileSync(importer, "import OpenAI from 'openai';\nimport { LATE } from './late';\nconst openai = new OpenAI();\nexport const f = (q: string) => openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'system', content: LATE }, { role: 'user', content: q }] });\n");
    const engine = new Engine();
    try {
      const before = engine.analyzeFile(importer).prompts.reduce((sum, p) => sum + p.tokens.static, 0);
      writeFileSync(join(root, 'late.ts'), `export const LATE = '${'Answer in the language of the customer, politely and briefly. '.repeat(10)}';\n`);
      assert.equal(engine.analyzeFile(importer).prompts.reduce((sum, p) => sum + p.tokens.static, 0), before, 'cached: the engine was not told');
      engine.added(join(root, 'late.ts'));
      const after = engine.analyzeFile(importer).prompts.reduce((sum, p) => sum + p.tokens.static, 0);
      assert.ok(after > before + 50, `the new file's text counts (${after} vs ${before})`);
    } finally {
      engine.dispose();
    }
  });

  it('the engine analyses a file whose import vanished mid-analysis: the constant is then an estimate', () => {
    const engine = new Engine();
    try {
      const whole = engine.analyzeFile(join(root, 'a.ts'));
      const stat = mock.method(fs, 'statSync', () => {
        throw fsError('ENOENT');
      });
      const other = new Engine();
      try {
        const analysis = other.analyzeFile(join(root, 'a.ts'));
        assert.deepEqual(analysis.notes.filter((n) => /fail/.test(n)), []);
        assert.equal(analysis.prompts.length, whole.prompts.length);
        assert.ok(analysis.prompts[0].tokens.static < whole.prompts[0].tokens.static, 'the imported text is not counted');
      } finally {
        stat.mock.restore();
        other.dispose();
      }
    } finally {
      engine.dispose();
    }
  });
});
