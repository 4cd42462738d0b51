import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLIENT_SETTINGS, restrictedSettings } from '../../../server/src/config/settings-manifest';

const REPO = join(__dirname, '..', '..', '..');
const manifest = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as {
  capabilities: { untrustedWorkspaces: { supported: boolean | 'limited'; description?: string; restrictedConfigurations?: string[] } };
  contributes: { configuration: { properties: Record<string, unknown> } };
};

describe('Restricted Mode declaration (package.json capabilities.untrustedWorkspaces)', () => {
  const declared = manifest.capabilities.untrustedWorkspaces;

  it('is supported with limits, described for the Restricted Mode dialog', () => {
    assert.equal(declared.supported, 'limited');
    assert.match(declared.description ?? '', /\.promptcost\.json/);
    assert.match(declared.description ?? '', /never runs workspace code/);
  });

  it("takes every configuration setting from the user only, never from the workspace's settings (npm run gen:settings writes the list)", () => {
    assert.deepEqual(declared.restrictedConfigurations, restrictedSettings());
    const configurationSettings = Object.keys(manifest.contributes.configuration.properties).filter((name) => !(name in CLIENT_SETTINGS));
    assert.deepEqual([...(declared.restrictedConfigurations ?? [])].sort(), configurationSettings.sort());
  });
});
