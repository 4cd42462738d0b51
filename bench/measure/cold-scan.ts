/**
 * Cold scan: the bundled CLI on a workspace, whole-process wall time and its in-process `durationMs`,
 * against the floor (bench/floor.mjs: the same files read, parsed and walked), also a whole process.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runNode } from '../process';
import { targetFigure, plainFigure, type Figure } from '../report';
import { median } from '../stats';

/** The targets: the CLI within 1.5× the floor (stretch 1.3×). */
const COLD_TARGET = 1.5;
const COLD_STRETCH = 1.3;

export const CLI_PATH = 'dist/cli.js';
export const FLOOR_PATH = 'bench/floor.mjs';

export interface ColdScanResult {
  files: number;
  runs: number;
  cliWallMs: number[];
  cliInProcessMs: number[];
  floorWallMs: number[];
  floorInProcessMs: number[];
  prompts: number;
  diagnostics: number;
}

interface CliJson {
  files: { diagnostics: unknown[] }[];
  summary: { files: number; prompts: number; durationMs: number };
}

/** One CLI run: wall time, and the summary it printed. */
export function runCli(dir: string, outFile: string): { wallMs: number; report: CliJson } {
  const { wallMs } = runNode([CLI_PATH, 'scan', dir, '--format', 'json', '--exit-zero'], { stdoutFile: outFile });
  return { wallMs, report: JSON.parse(readFileSync(outFile, 'utf8')) as CliJson };
}

/** Runs the CLI and the floor `runs` times each, alternately, on the workspace `dir` of `files` files. */
export function measureColdScan(dir: string, files: number, runs: number, log: (line: string) => void): ColdScanResult {
  const tmp = mkdtempSync(join(tmpdir(), 'bench-cold-'));
  const result: ColdScanResult = { files, runs, cliWallMs: [], cliInProcessMs: [], floorWallMs: [], floorInProcessMs: [], prompts: 0, diagnostics: 0 };
  try {
    for (let i = 0; i < runs; i++) {
      const cli = runCli(dir, join(tmp, 'cli.json'));
      if (cli.report.summary.files !== files) throw new Error(`the CLI scanned ${cli.report.summary.files} files of ${dir}, expected ${files}`);
      if (cli.report.summary.prompts === 0) throw new Error(`the CLI found no prompts in ${dir}`);
      result.cliWallMs.push(cli.wallMs);
      result.cliInProcessMs.push(cli.report.summary.durationMs);
      result.prompts = cli.report.summary.prompts;
      result.diagnostics = cli.report.files.reduce((n, f) => n + f.diagnostics.length, 0);

      const floorOut = join(tmp, 'floor.json');
      const floor = runNode([FLOOR_PATH, dir], { stdoutFile: floorOut });
      const printed = JSON.parse(readFileSync(floorOut, 'utf8')) as { files: number; durationMs: number };
      if (printed.files !== files) throw new Error(`the floor read ${printed.files} files of ${dir}, expected ${files}`);
      result.floorWallMs.push(floor.wallMs);
      result.floorInProcessMs.push(printed.durationMs);
      log(`  cold ${files} run ${i + 1}/${runs}: CLI ${Math.round(cli.wallMs)} ms (in-process ${cli.report.summary.durationMs}), floor ${Math.round(floor.wallMs)} ms (in-process ${Math.round(printed.durationMs)})`);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return result;
}

/** The figures of one workspace's cold scan. */
export function coldScanFigures(r: ColdScanResult): Figure[] {
  const cliWall = median(r.cliWallMs);
  const floorWall = median(r.floorWallMs);
  const cliIn = median(r.cliInProcessMs);
  const floorIn = median(r.floorInProcessMs);
  const n = r.files.toLocaleString('en-US');
  return [
    plainFigure(`cold.${r.files}.cliWallMs`, `cold scan ${n} files: CLI wall`, cliWall, 'ms'),
    plainFigure(`cold.${r.files}.filesPerSecond`, `cold scan ${n} files: CLI files/s (wall)`, (r.files / cliWall) * 1000, 'files/s'),
    plainFigure(`cold.${r.files}.floorWallMs`, `cold scan ${n} files: floor wall (read+parse+walk)`, floorWall, 'ms'),
    targetFigure(`cold.${r.files}.ratioWall`, `cold scan ${n} files: CLI / floor (wall)`, cliWall / floorWall, '×', COLD_TARGET, { stretch: COLD_STRETCH }),
    plainFigure(`cold.${r.files}.cliInProcessMs`, `cold scan ${n} files: CLI in-process (durationMs)`, cliIn, 'ms'),
    plainFigure(`cold.${r.files}.floorInProcessMs`, `cold scan ${n} files: floor in-process`, floorIn, 'ms'),
    plainFigure(`cold.${r.files}.ratioInProcess`, `cold scan ${n} files: CLI / floor (in-process)`, cliIn / floorIn, '×'),
  ];
}
