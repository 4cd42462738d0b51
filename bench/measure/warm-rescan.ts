/** Warm re-scan: the same Engine analysing an unchanged workspace again (bench/measure/warm-worker.ts). */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runNode } from '../process';
import { plainFigure, targetFigure, type Figure } from '../report';
import { median } from '../stats';

/** The target: a warm re-scan within a fifth of the cold one. */
const WARM_TARGET = 0.2;

export interface WarmRescanResult {
  files: number;
  prompts: number;
  coldMs: number;
  warmMs: number[];
}

/** Runs the worker on the workspace `dir` in a fresh process; `runs` warm analyses after the cold one. */
export function measureWarmRescan(dir: string, files: number, runs: number, log: (line: string) => void): WarmRescanResult {
  const tmp = mkdtempSync(join(tmpdir(), 'bench-warm-'));
  try {
    const out = join(tmp, 'warm.json');
    runNode(['--import', 'tsx', 'bench/measure/warm-worker.ts', dir, String(runs)], { stdoutFile: out });
    const result = JSON.parse(readFileSync(out, 'utf8')) as WarmRescanResult;
    if (result.files !== files) throw new Error(`the engine analysed ${result.files} files of ${dir}, expected ${files}`);
    log(`  warm ${files}: cold ${Math.round(result.coldMs)} ms, warm ${result.warmMs.map((m) => Math.round(m)).join(', ')} ms`);
    return result;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** The figures of one workspace's warm re-scan. */
export function warmRescanFigures(r: WarmRescanResult): Figure[] {
  const warm = median(r.warmMs);
  const n = r.files.toLocaleString('en-US');
  return [
    plainFigure(`warm.${r.files}.coldMs`, `re-scan ${n} files: first analyzeWorkspace (in-process)`, r.coldMs, 'ms'),
    plainFigure(`warm.${r.files}.warmMs`, `re-scan ${n} files: warm analyzeWorkspace, nothing changed`, warm, 'ms'),
    targetFigure(`warm.${r.files}.ratio`, `re-scan ${n} files: warm / cold`, warm / r.coldMs, '×', WARM_TARGET),
  ];
}
