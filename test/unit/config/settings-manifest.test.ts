import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { parseConfig } from '../../../server/src/config/load-config';
import { configSchema, defaultConfig } from '../../../server/src/config/schema';
import { CLIENT_SETTINGS, FILE_ONLY_KEYS, README_TABLE_END, README_TABLE_START, SETTINGS_PREFIX, settingsContribution, settingsTable } from '../../../server/src/config/settings-manifest';
import { unwrapSchema } from '../../../server/src/config/zod-walk';

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, { type?: string; default?: unknown; markdownDescription?: string; description?: string }> } };
};
const properties = manifest.contributes.configuration.properties;
const schemaKeys = Object.keys(configSchema.shape);
const configSettings = Object.keys(properties).filter((name) => !(name in CLIENT_SETTINGS));

/** The JSON type VS Code should declare for a zod schema. */
function jsonType(schema: z.ZodType): string {
  const inner = unwrapSchema(schema);
  if (inner instanceof z.ZodBoolean) return 'boolean';
  if (inner instanceof z.ZodString) return 'string';
  if (inner instanceof z.ZodNumber) return inner.isInt ? 'integer' : 'number';
  if (inner instanceof z.ZodArray) return 'array';
  if (inner instanceof z.ZodObject || inner instanceof z.ZodRecord) return 'object';
  throw new Error(`no JSON type for ${inner.constructor.name}`);
}

describe('package.json settings (contributes.configuration)', () => {
  it('are what `npm run gen:settings` derives from the schema (run it when this fails)', () => {
    assert.deepEqual(manifest.contributes.configuration, settingsContribution(), 'package.json is out of date: run npm run gen:settings');
  });

  it('every promptcost.* setting is a schema key with its type and default, and a description', () => {
    const defaults = defaultConfig() as Record<string, unknown>;
    for (const name of configSettings) {
      assert.ok(name.startsWith(`${SETTINGS_PREFIX}.`), name);
      const key = name.slice(SETTINGS_PREFIX.length + 1);
      assert.ok(schemaKeys.includes(key), `${name} is not in the configuration schema`);
      const schema = (configSchema.shape as Record<string, z.ZodType>)[key];
      assert.equal(properties[name].type, jsonType(schema), `${name}: type`);
      assert.deepEqual(properties[name].default, defaults[key], `${name}: default`);
      assert.ok((properties[name].markdownDescription ?? properties[name].description ?? '').length > 20, `${name}: description`);
    }
  });

  it('every schema key is a setting, except the repository-only keys of .promptcost.json', () => {
    for (const key of schemaKeys) {
      const isSetting = configSettings.includes(`${SETTINGS_PREFIX}.${key}`);
      assert.equal(isSetting, !(FILE_ONLY_KEYS as readonly string[]).includes(key), key);
    }
    for (const key of FILE_ONLY_KEYS) assert.ok(schemaKeys.includes(key), `${key} is not a schema key`);
  });

  it('the settings VS Code sends with every default (trace.server included) are a valid configuration equal to the defaults', () => {
    const section: Record<string, unknown> = { trace: { server: 'off' } };
    for (const name of configSettings) section[name.slice(SETTINGS_PREFIX.length + 1)] = properties[name].default;
    const { trace: _trace, ...rest } = section;
    const parsed = parseConfig(rest, 'settings');
    assert.deepEqual(parsed.issues, []);
    assert.deepEqual(parsed.config, defaultConfig());
  });

  it("README's settings table is generated from the same source (run npm run gen:settings when this fails)", () => {
    const readme = readFileSync(join(__dirname, '..', '..', '..', 'README.md'), 'utf8');
    const start = readme.indexOf(README_TABLE_START) + README_TABLE_START.length;
    assert.equal(readme.slice(start, readme.indexOf(README_TABLE_END)).trim(), settingsTable());
  });

  it('has the language client trace setting', () => {
    assert.deepEqual((properties[`${SETTINGS_PREFIX}.trace.server`] as { enum?: string[] }).enum, ['off', 'messages', 'verbose']);
  });
});
