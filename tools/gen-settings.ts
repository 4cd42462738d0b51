// Writes package.json's contributes.configuration, its Restricted Mode settings
// (capabilities.untrustedWorkspaces.restrictedConfigurations) and README.md's settings table from the zod schema
// (server/src/config/settings-manifest.ts). Usage: npm run gen:settings [-- --check]
// (--check writes nothing and exits 1 when either file is out of date).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { README_TABLE_END, README_TABLE_START, restrictedSettings, settingsContribution, settingsTable } from '../server/src/config/settings-manifest';

const root = join(__dirname, '..');
const check = process.argv.includes('--check');
let stale = false;

/** Rewrites a file when its content differs (or, with --check, only reports it). */
function update(file: string, current: string, wanted: string): void {
  if (current === wanted) return console.log(`${file} is up to date`);
  stale = true;
  if (check) return console.error(`${file} is out of date: run npm run gen:settings`);
  writeFileSync(join(root, file), wanted);
  console.log(`updated ${file}`);
}

const manifestText = readFileSync(join(root, 'package.json'), 'utf8');
const manifest = JSON.parse(manifestText) as { contributes?: Record<string, unknown>; capabilities?: { untrustedWorkspaces?: Record<string, unknown> } };
manifest.contributes = { ...manifest.contributes, configuration: settingsContribution() };
manifest.capabilities = { ...manifest.capabilities, untrustedWorkspaces: { ...manifest.capabilities?.untrustedWorkspaces, restrictedConfigurations: restrictedSettings() } };
update('package.json', manifestText, JSON.stringify(manifest, null, 2) + '\n');

const readme = readFileSync(join(root, 'README.md'), 'utf8');
const start = readme.indexOf(README_TABLE_START);
const end = readme.indexOf(README_TABLE_END);
if (start < 0 || end < start) {
  console.error(`README.md needs the markers ${README_TABLE_START} and ${README_TABLE_END}`);
  process.exitCode = 1;
} else {
  update('README.md', readme, `${readme.slice(0, start + README_TABLE_START.length)}\n${settingsTable()}\n${readme.slice(end)}`);
}
if (check && stale) process.exitCode = 1;
