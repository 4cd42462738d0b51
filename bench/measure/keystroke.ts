/**
 * Keystroke re-lint: one-character edits in a prompt string of the 1,000-line file, each followed by a
 * `textDocument/diagnostic` pull; time from sending the change to the report. Compared with one
 * `ts.createSourceFile` of the same file in this process (the least a re-lint of the file can cost).
 */
import ts from 'typescript';
import type { DocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import { EDITED_FILE } from '../corpus/edited-file';
import { plainFigure, targetFigure, type Figure } from '../report';
import { median, percentile } from '../stats';
import { keystroke, startSession } from './lsp-session';

/** The targets: p50 within twice a single-file parse, p95 under 30 ms. */
const P50_PARSE_FACTOR = 2;
const P95_LIMIT_MS = 30;

export interface KeystrokeResult {
  files: number;
  edits: number;
  latenciesMs: number[];
  parseMs: number[];
  diagnostics: number;
  scanMs: number;
}

/** Median-able times of parsing `text` as the edited file, `reps` times. */
export function parseTimes(text: string, reps: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < reps; i++) {
    const started = performance.now();
    ts.createSourceFile(EDITED_FILE, text, ts.ScriptTarget.Latest, true);
    out.push(performance.now() - started);
  }
  return out;
}

/** Runs `warmup` uncounted and `edits` counted keystrokes against a server on the workspace `root`. */
export async function measureKeystroke(root: string, files: number, options: { edits: number; warmup: number; parseReps: number }, log: (line: string) => void): Promise<KeystrokeResult> {
  const session = await startSession(root);
  log(`  keystroke: server scanned ${files} files in ${Math.round(session.scanMs)} ms`);
  const latencies: number[] = [];
  let diagnostics = 0;
  try {
    const first = await session.client.diagnosticReport(EDITED_FILE);
    if (first.kind !== 'full') throw new Error('the first diagnostic pull was not a full report');
    for (let i = 0; i < options.warmup + options.edits; i++) {
      const started = performance.now();
      await keystroke(session, i);
      const report: DocumentDiagnosticReport = await session.client.diagnosticReport(EDITED_FILE);
      const elapsed = performance.now() - started;
      if (report.kind !== 'full') throw new Error(`keystroke ${i}: expected a full diagnostic report, got ${report.kind}`);
      diagnostics = report.items.length;
      if (i >= options.warmup) latencies.push(elapsed);
    }
  } finally {
    await session.client.stop();
  }
  const parseMs = parseTimes(session.document.getText(), options.parseReps);
  log(`  keystroke: p50 ${median(latencies).toFixed(1)} ms, p95 ${percentile(latencies, 0.95).toFixed(1)} ms, parse ${median(parseMs).toFixed(1)} ms, ${diagnostics} diagnostics on the file`);
  return { files, edits: options.edits, latenciesMs: latencies, parseMs, diagnostics, scanMs: session.scanMs };
}

/** The keystroke figures. */
export function keystrokeFigures(r: KeystrokeResult): Figure[] {
  const p50 = median(r.latenciesMs);
  const parse = median(r.parseMs);
  return [
    plainFigure('keystroke.parseMs', 'keystroke: one ts.createSourceFile of the 1,000-line file', parse, 'ms'),
    plainFigure('keystroke.p50Ms', `keystroke re-lint p50 (${r.files.toLocaleString('en-US')}-file workspace)`, p50, 'ms'),
    targetFigure('keystroke.p50OverParse', 'keystroke re-lint p50 / single-file parse', p50 / parse, '×', P50_PARSE_FACTOR),
    targetFigure('keystroke.p95Ms', 'keystroke re-lint p95', percentile(r.latenciesMs, 0.95), 'ms', P95_LIMIT_MS, { strict: true }),
  ];
}
