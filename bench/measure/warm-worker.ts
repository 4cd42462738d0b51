/**
 * Child process of the warm re-scan benchmark: one Engine analyses a workspace once (cold, in-process),
 * then again `runs` times with nothing changed (warm: its caches hit). Prints the times as JSON.
 * Usage: node --import tsx bench/measure/warm-worker.ts <dir> <runs>
 */
import { Engine } from '../../server/src/engine';

const [dir, runsArg] = process.argv.slice(2);
const runs = Number(runsArg);
if (!dir || !(runs > 0)) {
  console.error('usage: node --import tsx bench/measure/warm-worker.ts <dir> <runs>');
  process.exit(2);
}
const engine = new Engine();
const time = (): { ms: number; files: number; prompts: number } => {
  const started = performance.now();
  const analysis = engine.analyzeWorkspace(dir);
  return { ms: performance.now() - started, files: analysis.summary.files, prompts: analysis.summary.prompts };
};
const cold = time();
const warm: number[] = [];
for (let i = 0; i < runs; i++) {
  const run = time();
  if (run.prompts !== cold.prompts) throw new Error(`warm run found ${run.prompts} prompts, the cold run ${cold.prompts}`);
  warm.push(run.ms);
}
engine.dispose();
process.stdout.write(JSON.stringify({ files: cold.files, prompts: cold.prompts, coldMs: cold.ms, warmMs: warm }) + '\n');
