/**
 * Server memory: the bundled server on the 5,000-file workspace after its background scan, an opened
 * file, a diagnostic pull and the workspace report (which analyses every file); peak (VmHWM) and
 * current (VmRSS) resident memory of the server process.
 */
import { EDITED_FILE } from '../corpus/edited-file';
import { plainFigure, targetFigure, type Figure } from '../report';
import { serverMemory, startSession } from './lsp-session';

/** The target: at most 400 MB peak RSS at 5,000 files. */
const PEAK_RSS_LIMIT_MB = 400;
/** `server/src/features/protocol.ts` WORKSPACE_REPORT_REQUEST (not imported: features/ pulls in the LSP runtime). */
const WORKSPACE_REPORT_REQUEST = 'promptcost/workspaceReport';

export interface MemoryResult {
  files: number;
  peakRssMB: number;
  rssMB: number;
  afterScan: { peakRssMB: number; rssMB: number };
  reportPrompts: number;
  scanMs: number;
}

/** Starts a server on `root`, makes it analyse everything, and reads its memory. */
export async function measureMemory(root: string, files: number, log: (line: string) => void): Promise<MemoryResult> {
  const session = await startSession(root);
  try {
    const afterScan = serverMemory(session.pid);
    await session.client.diagnostics(EDITED_FILE);
    const report = await session.client.request<{ prompts: number; items: unknown[] }>(WORKSPACE_REPORT_REQUEST);
    if (!(report.prompts > 0)) throw new Error(`the workspace report of ${root} lists no prompts`);
    const memory = serverMemory(session.pid);
    log(`  memory ${files}: scan ${Math.round(session.scanMs)} ms; after scan peak ${afterScan.peakRssMB.toFixed(0)} MB; after report peak ${memory.peakRssMB.toFixed(0)} MB, now ${memory.rssMB.toFixed(0)} MB (${report.prompts} prompts)`);
    return { files, ...memory, afterScan, reportPrompts: report.prompts, scanMs: session.scanMs };
  } finally {
    await session.client.stop();
  }
}

/** The memory figures. */
export function memoryFigures(r: MemoryResult): Figure[] {
  const n = r.files.toLocaleString('en-US');
  return [
    plainFigure(`memory.${r.files}.scanMs`, `server background scan of ${n} files`, r.scanMs, 'ms'),
    targetFigure(`memory.${r.files}.peakRssMB`, `server peak RSS, ${n} files (VmHWM)`, r.peakRssMB, 'MB', PEAK_RSS_LIMIT_MB),
    plainFigure(`memory.${r.files}.rssMB`, `server RSS after the workspace report, ${n} files (VmRSS)`, r.rssMB, 'MB'),
  ];
}
