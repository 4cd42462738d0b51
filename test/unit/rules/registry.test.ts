import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '../../../server/src/rules';
import { ruleDocsUrl } from '../../../server/src/rules/utils/docs-url';

const root = join(__dirname, '..', '..', '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const ruleFiles = readdirSync(join(root, 'server', 'src', 'rules')).filter((f) => /^[a-z0-9-]+\.ts$/.test(f) && !['index.ts', 'types.ts'].includes(f));

describe('rule registry', () => {
  it('lists every rule file exactly once, under its file name', () => {
    assert.deepEqual(RULES.map((r) => `${r.meta.id}.ts`).sort(), ruleFiles.sort());
  });
  for (const rule of RULES) {
    const { id } = rule.meta;
    it(`${id}: has a test file, a docs section, a README row and valid metadata`, () => {
      assert.match(id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
      assert.ok(existsSync(join(root, 'test', 'unit', 'rules', `${id}.test.ts`)), `test/unit/rules/${id}.test.ts`);
      const page = join(root, 'docs', 'rules', `${id}.md`);
      assert.ok(existsSync(page), `docs/rules/${id}.md`);
      const doc = readFileSync(page, 'utf8');
      assert.ok(doc.startsWith(`# ${id}\n`), 'the page starts with the rule id as its title');
      for (const part of ['Why', 'Incorrect', 'Correct', 'Options']) assert.ok(doc.includes(part), `docs/rules/${id}.md needs a "${part}" part`);
      assert.ok(readme.includes(`\`${id}\``), `README.md rules table needs \`${id}\``);
      assert.equal(rule.meta.docsUrl, ruleDocsUrl(id));
      assert.ok(rule.meta.description.length > 10);
      assert.ok(Object.keys(rule.meta.messages).length > 0);
      assert.doesNotThrow(() => rule.meta.options.parse({}), 'options must have defaults');
    });
  }
});
