// Bundles the CLI, the language server and the VS Code client for Node, and copies
// tiktoken's WASM next to the bundles that load it (tiktoken reads it from __dirname).
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const watch = process.argv.includes('--watch');
const wasm = join(dirname(require.resolve('tiktoken')), 'tiktoken_bg.wasm');

/** @type {esbuild.BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  mainFields: ['module', 'main'],
  external: ['vscode'],
  sourcemap: true,
  logLevel: 'warning',
};

const entries = [
  { entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, wasm: true },
  { entryPoints: ['server/src/server.ts'], outfile: 'server/out/server.js', wasm: true, optional: true },
  { entryPoints: ['client/src/extension.ts'], outfile: 'client/out/extension.js', optional: true },
];

for (const { wasm: needsWasm, optional, ...options } of entries) {
  if (optional && !existsSync(options.entryPoints[0])) continue;
  const config = { ...common, ...options };
  if (watch) await (await esbuild.context(config)).watch();
  else await esbuild.build(config);
  if (needsWasm) {
    mkdirSync(dirname(options.outfile), { recursive: true });
    copyFileSync(wasm, join(dirname(options.outfile), 'tiktoken_bg.wasm'));
  }
}
