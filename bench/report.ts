/** Figures of the benchmark, their targets, the Markdown table and bench/results.json. */
import { spawnSync } from 'node:child_process';
import { cpus, totalmem, platform, release } from 'node:os';
import { round } from './stats';

/** One reported figure, with its target when it has one. */
export interface Figure {
  /** Stable key in results.json, e.g. `cold.1000.ratioWall`. */
  id: string;
  label: string;
  value: number;
  unit: string;
  /** The target as text (e.g. `≤ 1.5×`), and whether `value` meets it. */
  target?: string;
  met?: boolean;
}

/** The commit measured, and whether the working tree had uncommitted changes to the server or CLI. */
export function revision(cwd: string): { commit: string; uncommittedServerChanges: boolean } {
  const git = (...args: string[]): string => spawnSync('git', args, { cwd, encoding: 'utf8' }).stdout?.trim() ?? '';
  return { commit: git('rev-parse', 'HEAD') || 'unknown', uncommittedServerChanges: git('status', '--porcelain', '--', 'server/src').length > 0 };
}

/** A figure with a `value ≤ limit` target (or `<` when `strict`). */
export function targetFigure(id: string, label: string, value: number, unit: string, limit: number, options: { strict?: boolean; stretch?: number } = {}): Figure {
  const op = options.strict ? '<' : '≤';
  const met = options.strict ? value < limit : value <= limit;
  const withUnit = (n: number): string => (unit === '×' ? `${n}×` : `${n} ${unit}`);
  const stretch = options.stretch !== undefined ? ` (stretch ${withUnit(options.stretch)})` : '';
  return { id, label, value, unit, target: `${op} ${withUnit(limit)}${stretch}`, met };
}

/** A figure reported without a target. */
export function plainFigure(id: string, label: string, value: number, unit: string): Figure {
  return { id, label, value, unit };
}

export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryMB: number;
  os: string;
  node: string;
  date: string;
}

/** The machine the figures were measured on. */
export function machineInfo(): MachineInfo {
  const cpu = cpus();
  return {
    cpu: cpu[0]?.model ?? 'unknown',
    cores: cpu.length,
    memoryMB: Math.round(totalmem() / 1024 / 1024),
    os: `${platform()} ${release()}`,
    node: process.version,
    date: new Date().toISOString(),
  };
}

function formatValue(f: Figure): string {
  const digits = Math.abs(f.value) >= 100 ? 0 : Math.abs(f.value) >= 10 ? 1 : 2;
  const n = round(f.value, digits).toLocaleString('en-US', { maximumFractionDigits: digits });
  return f.unit === '×' ? `${n}×` : `${n} ${f.unit}`;
}

/** The figures as a Markdown table: figure, value, target, met?. */
export function markdownTable(figures: readonly Figure[]): string {
  const rows = ['| figure | value | target | met? |', '|---|---:|---|---|'];
  for (const f of figures) rows.push(`| ${f.label} | ${formatValue(f)} | ${f.target ?? ''} | ${f.met === undefined ? '' : f.met ? 'yes' : '**no**'} |`);
  return rows.join('\n');
}
