// The floor of a cold scan: the same files the CLI collects, read, parsed with TypeScript
// (`createSourceFile`, parent pointers set) and walked node by node. Plain JavaScript so that, like the
// bundled CLI, it runs on bare node with no transpiler; prints `{ files, nodes, bytes, durationMs }` as JSON.
// Usage: node bench/floor.mjs <dir>
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import ts from 'typescript';

// The CLI's defaults (server/src/analysis/workspace-files.ts SKIPPED_DIRS, prompts/project.ts
// SOURCE_EXTENSIONS, config/schema.ts default exclude: node_modules, dist, out, build, *.d.ts).
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', '.next', '.turbo', '.vercel', 'coverage', 'dist', 'out', 'build']);
const SOURCE_EXTENSIONS = new Set(['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs']);

/** @param {string} dir @param {string[]} out */
function walk(dir, out) {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    const stats = statSync(full);
    if (stats.isDirectory()) {
      if (!SKIPPED_DIRS.has(name)) walk(full, out);
    } else if (SOURCE_EXTENSIONS.has(extname(name)) && !name.endsWith('.d.ts')) {
      out.push(full);
    }
  }
  return out;
}

const root = process.argv[2];
if (!root) {
  console.error('usage: node bench/floor.mjs <dir>');
  process.exit(2);
}
const started = performance.now();
const files = walk(resolve(root), []).sort();
let nodes = 0;
let bytes = 0;
/** @param {import('typescript').Node} node */
const visit = (node) => {
  nodes++;
  ts.forEachChild(node, visit);
};
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  bytes += text.length;
  visit(ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true));
}
console.log(JSON.stringify({ files: files.length, nodes, bytes, durationMs: performance.now() - started }));
