/**
 * The benchmark (`npm run bench`): cold scan vs the parse floor, warm re-scan, keystroke re-lint, hover,
 * server memory and ESLint as a peer, on generated workspaces of 100, 1,000 and 5,000 files. Prints a
 * Markdown table and writes bench/results.json (full runs only).
 *
 * Usage: node --import tsx bench/run.ts [--only cold,warm,keystroke,hover,memory,eslint] [--quick] [--corpus-only] [--write]
 */
import { existsSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { corpusDir, CORPUS_SIZES, prepareCorpora } from './corpora';
import { DEFAULT_SEED, GENERATOR_VERSION } from './corpus/generate';
import { coldScanFigures, measureColdScan, CLI_PATH } from './measure/cold-scan';
import { eslintPeerFigures, measureEslintPeer } from './measure/eslint-peer';
import { hoverFigures, measureHover } from './measure/hover';
import { keystrokeFigures, measureKeystroke } from './measure/keystroke';
import { measureMemory, memoryFigures } from './measure/memory';
import { measureWarmRescan, warmRescanFigures } from './measure/warm-rescan';
import { REPO_ROOT } from './process';
import { machineInfo, markdownTable, revision, type Figure } from './report';

const MEASURES = ['cold', 'warm', 'keystroke', 'hover', 'memory', 'eslint'] as const;
type Measure = (typeof MEASURES)[number];

/** Runs per figure: medians of 5 (3 at 5,000 files and for the ESLint peer, which re-runs our CLI) keep a full run near 10 minutes on 2 cores; --quick for iterating. */
const PLAN = {
  full: { cold: { 100: 5, 1000: 5, 5000: 3 }, warm: { 1000: 5, 5000: 3 }, edits: 200, hovers: 200, warmup: 10, parseReps: 50, eslint: 3 },
  quick: { cold: { 100: 2, 1000: 2, 5000: 1 }, warm: { 1000: 2, 5000: 1 }, edits: 50, hovers: 50, warmup: 5, parseReps: 20, eslint: 2 },
} as const;

/** The workspace the editor benchmarks (keystroke, hover) and the ESLint peer use; memory uses the largest. */
const EDITOR_FILES = 1000;
const MEMORY_FILES = 5000;

const SERVER_PATH = 'server/out/server.js';

function corporaFor(measures: readonly Measure[]): number[] {
  const sizes = new Set<number>();
  for (const m of measures) {
    if (m === 'cold') CORPUS_SIZES.forEach((s) => sizes.add(s));
    if (m === 'warm') Object.keys(PLAN.full.warm).forEach((s) => sizes.add(Number(s)));
    if (m === 'keystroke' || m === 'hover' || m === 'eslint') sizes.add(EDITOR_FILES);
    if (m === 'memory') sizes.add(MEMORY_FILES);
  }
  return [...sizes].sort((a, b) => a - b);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { only: { type: 'string' }, quick: { type: 'boolean' }, 'corpus-only': { type: 'boolean' }, write: { type: 'boolean' } },
  });
  const measures = (values.only ? values.only.split(',').map((s) => s.trim()) : [...MEASURES]) as Measure[];
  const unknown = measures.filter((m) => !MEASURES.includes(m));
  if (unknown.length > 0) throw new Error(`unknown measure(s) ${unknown.join(', ')}; known: ${MEASURES.join(', ')}`);
  const plan = values.quick ? PLAN.quick : PLAN.full;
  const log = (line: string): void => console.log(line);

  prepareCorpora(values['corpus-only'] ? CORPUS_SIZES : corporaFor(measures), log);
  if (values['corpus-only']) return;
  for (const built of [CLI_PATH, SERVER_PATH]) {
    if (!existsSync(join(REPO_ROOT, built))) throw new Error(`${built} is missing: run \`npm run build\` (npm run bench does)`);
  }

  const started = Date.now();
  const loadBefore = loadavg();
  const figures: Figure[] = [];
  const details: Record<string, unknown> = {};
  const section = (name: string): void => log(`\n## ${name} (${Math.round((Date.now() - started) / 1000)} s)`);

  if (measures.includes('cold')) {
    section('cold scan');
    for (const files of CORPUS_SIZES) {
      const r = measureColdScan(corpusDir(files), files, plan.cold[files], log);
      details[`cold.${files}`] = r;
      figures.push(...coldScanFigures(r));
    }
  }
  if (measures.includes('warm')) {
    section('warm re-scan');
    for (const [files, runs] of Object.entries(plan.warm)) {
      const r = measureWarmRescan(corpusDir(Number(files)), Number(files), runs, log);
      details[`warm.${files}`] = r;
      figures.push(...warmRescanFigures(r));
    }
  }
  if (measures.includes('keystroke')) {
    section('keystroke re-lint');
    const r = await measureKeystroke(corpusDir(EDITOR_FILES), EDITOR_FILES, { edits: plan.edits, warmup: plan.warmup, parseReps: plan.parseReps }, log);
    details.keystroke = r;
    figures.push(...keystrokeFigures(r));
  }
  if (measures.includes('hover')) {
    section('hover');
    const r = await measureHover(corpusDir(EDITOR_FILES), EDITOR_FILES, { count: plan.hovers, warmup: plan.warmup }, log);
    details.hover = r;
    figures.push(...hoverFigures(r));
  }
  if (measures.includes('memory')) {
    section('server memory');
    const r = await measureMemory(corpusDir(MEMORY_FILES), MEMORY_FILES, log);
    details.memory = r;
    figures.push(...memoryFigures(r));
  }
  if (measures.includes('eslint')) {
    section('ESLint peer');
    const r = measureEslintPeer(corpusDir(EDITOR_FILES), EDITOR_FILES, plan.eslint, log);
    details.eslint = r;
    figures.push(...eslintPeerFigures(r));
  }

  const elapsedS = Math.round((Date.now() - started) / 1000);
  const machine = { ...machineInfo(), loadAverageBefore: loadBefore.map((l) => Number(l.toFixed(2))), loadAverageAfter: loadavg().map((l) => Number(l.toFixed(2))) };
  console.log(`\n${markdownTable(figures)}\n`);
  console.log(`machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryMB} MB, node ${machine.node}; load ${machine.loadAverageBefore.join(' ')} → ${machine.loadAverageAfter.join(' ')}; ${elapsedS} s`);

  const full = !values.only && !values.quick;
  const out = full || values.write ? join(REPO_ROOT, 'bench', 'results.json') : join(REPO_ROOT, 'bench', '.corpus', 'last-run.json');
  const results = {
    machine,
    revision: revision(REPO_ROOT),
    corpus: { seed: DEFAULT_SEED, generatorVersion: GENERATOR_VERSION },
    mode: values.quick ? 'quick' : 'full',
    measures,
    elapsedSeconds: elapsedS,
    figures: Object.fromEntries(figures.map((f) => [f.id, { label: f.label, value: Number(f.value.toFixed(3)), unit: f.unit, target: f.target ?? null, met: f.met ?? null }])),
    table: markdownTable(figures),
    details,
  };
  // Samples rounded to 0.01 (ms, MB) keep the file readable.
  const rounded = (_key: string, value: unknown): unknown => (typeof value === 'number' && !Number.isInteger(value) ? Number(value.toFixed(2)) : value);
  const json = JSON.stringify(results, rounded, 1).replace(/\[\s*(-?[\d.]+(?:,\s*-?[\d.]+)*)\s*\]/g, (_m, list: string) => `[${list.replace(/\s+/g, ' ')}]`);
  writeFileSync(out, json + '\n');
  console.log(`results written to ${out.slice(REPO_ROOT.length)}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
