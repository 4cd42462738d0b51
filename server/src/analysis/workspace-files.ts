import { readdirSync, statSync } from 'node:fs';
import { extname, join, relative, resolve } from 'node:path';
import { matchesGlob } from '../config/glob';
import type { Config } from '../config/schema';
import { SOURCE_EXTENSIONS } from '../prompts/project';

/** Folders never worth walking into. */
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', '.next', '.turbo', '.vercel', 'coverage']);

/** Whether a path (relative to the root) is included by the configuration's globs. */
export function isIncluded(path: string, config: Config): boolean {
  const rel = path.replace(/\\/g, '/');
  if (config.exclude.some((glob) => matchesGlob(rel, glob))) return false;
  return config.include.some((glob) => matchesGlob(rel, glob, { matchBase: true }));
}

/**
 * Lists the source files under the given paths (files or folders), filtered by include/exclude,
 * sorted for a stable report.
 */
export function collectFiles(paths: readonly string[], root: string, config: Config): string[] {
  const out = new Set<string>();
  const walk = (dir: string): void => {
    let entries: string[];
    try {
      entries = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of entries) {
      const full = join(dir, name);
      let stats;
      try {
        stats = statSync(full);
      } catch {
        continue;
      }
      if (stats.isDirectory()) {
        if (!SKIPPED_DIRS.has(name)) walk(full);
      } else if (SOURCE_EXTENSIONS.includes(extname(name)) && isIncluded(relative(root, full), config)) {
        out.add(full);
      }
    }
  };
  for (const p of paths) {
    const full = resolve(root, p);
    let stats;
    try {
      stats = statSync(full);
    } catch {
      continue;
    }
    if (stats.isDirectory()) walk(full);
    else out.add(full);
  }
  return [...out].sort();
}
