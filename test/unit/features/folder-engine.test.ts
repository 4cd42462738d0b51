import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FolderEngine } from '../../../server/src/features/folder-engine';

describe('FolderEngine', () => {
  let root: string;
  const engines: FolderEngine[] = [];
  function folder(trusted = true): FolderEngine {
    const f = new FolderEngine(root, trusted);
    engines.push(f);
    return f;
  }
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'promptcost-folder-'));
    writeFileSync(join(root, '.promptcost.json'), JSON.stringify({ callsPerDay: 50, rules: { 'prompt-token-budget': 'error', 'no-such-rule': 'off' } }));
  });
  after(() => {
    engines.forEach((e) => e.dispose());
    rmSync(root, { recursive: true, force: true });
  });

  it('layers defaults, then settings, then .promptcost.json', () => {
    const f = folder();
    f.setSettings({ defaultModel: 'gpt-4.1', callsPerDay: 10, trace: { server: 'verbose' } });
    f.loadConfigFile();
    f.apply();
    assert.equal(f.config.defaultModel, 'gpt-4.1');
    assert.equal(f.config.callsPerDay, 50, 'the file wins');
    assert.equal(f.configFile, join(root, '.promptcost.json'));
    assert.deepEqual(f.settingsProblems(), [], 'trace.server is the client\'s, not a configuration key');
  });

  it('puts file problems on the file and settings problems on the settings', () => {
    const f = folder();
    f.setSettings({ callsPerDay: 'lots', rules: { 'prompt-token-budgt': 'off' } });
    f.loadConfigFile();
    f.apply();
    assert.deepEqual(f.configFileIssues().map((i) => i.path), ['rules.no-such-rule']);
    assert.deepEqual(f.settingsProblems().map((i) => i.path).sort(), ['callsPerDay', 'rules.prompt-token-budgt']);
  });

  it('reports an unknown default model where it is set: the file when it sets one, else the settings', () => {
    const f = folder();
    f.setSettings({ defaultModel: 'gpt-4o-mnii' });
    f.loadConfigFile();
    f.apply();
    assert.deepEqual(f.settingsProblems().map((i) => [i.path, i.message]), [['defaultModel', 'unknown model "gpt-4o-mnii": not in the price catalogue nor in `models`; did you mean "gpt-4o-mini"?']]);
    assert.equal(f.config.defaultModel, 'gpt-4o-mnii', 'kept: its prompts show no price rather than another model\'s');
    const other = mkdtempSync(join(tmpdir(), 'promptcost-folder-'));
    try {
      writeFileSync(join(other, '.promptcost.json'), JSON.stringify({ defaultModel: 'claude-sonet-4-5' }));
      const g = new FolderEngine(other, true);
      engines.push(g);
      g.setSettings({ defaultModel: 'gpt-4o' });
      g.loadConfigFile();
      g.apply();
      assert.deepEqual(g.settingsProblems(), []);
      assert.deepEqual(g.configFileIssues().map((i) => [i.path, i.message]), [['defaultModel', 'unknown model "claude-sonet-4-5": not in the price catalogue nor in `models`; did you mean "claude-sonnet-4-5"?']]);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('does not read .promptcost.json in an untrusted workspace', () => {
    const f = folder(false);
    f.setSettings({});
    f.loadConfigFile();
    f.apply();
    assert.equal(f.configFile, undefined);
    assert.equal(f.config.callsPerDay, 1000);
  });

  it('knows which files it contains', () => {
    const f = folder();
    assert.ok(f.contains(join(root, 'src', 'a.ts')));
    assert.ok(f.contains(root));
    assert.ok(!f.contains(join(root, '..', 'elsewhere.ts')));
    assert.ok(!new FolderEngine(undefined, true).contains(join(root, 'a.ts')));
  });
});
