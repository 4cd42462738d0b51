/** The benchmark workspaces under bench/.corpus/<files>, generated once and reused while their stamp matches. */
import { join } from 'node:path';
import { DEFAULT_SEED, ensureCorpus, type CorpusStamp } from './corpus/generate';
import { REPO_ROOT } from './process';

/** Workspace sizes the benchmark measures (TypeScript files). */
export const CORPUS_SIZES = [100, 1000, 5000] as const;
export type CorpusSize = (typeof CORPUS_SIZES)[number];

/** Where the workspace of `files` files lives. */
export function corpusDir(files: number): string {
  return join(REPO_ROOT, 'bench', '.corpus', String(files));
}

/** Generates the missing or stale workspaces; logs what it did. */
export function prepareCorpora(sizes: readonly number[] = CORPUS_SIZES, log: (line: string) => void = console.log): Map<number, CorpusStamp> {
  const out = new Map<number, CorpusStamp>();
  for (const files of sizes) {
    const started = performance.now();
    const { stamp, generated } = ensureCorpus(corpusDir(files), { files, seed: DEFAULT_SEED });
    const what = generated ? `generated in ${Math.round(performance.now() - started)} ms` : 'up to date';
    log(`corpus ${files}: ${(stamp.bytes / 1e6).toFixed(2)} MB, ${what}`);
    out.set(files, stamp);
  }
  return out;
}
