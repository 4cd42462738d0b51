/**
 * Hover latency on the prompt of the edited file whose constant is imported from another file: hovers
 * with nothing changed, then hovers sent right after a one-character edit (timed from the edit).
 */
import type { Hover } from 'vscode-languageserver-protocol';
import { EDITED_FILE, HOVER_CONTEXT, HOVER_IDENTIFIER } from '../corpus/edited-file';
import { targetFigure, plainFigure, type Figure } from '../report';
import { median, percentile } from '../stats';
import { keystroke, startSession, type LspSession } from './lsp-session';

/** The target: hover p95 under 20 ms. */
const HOVER_P95_LIMIT_MS = 20;
/**
 * Fewest static tokens the hover must show: the imported SUPPORT_SYSTEM_PROMPT alone has 40 instruction
 * lines (several hundred tokens), so fewer means the import was not followed.
 */
const MIN_IMPORTED_STATIC_TOKENS = 100;

export interface HoverResult {
  files: number;
  idleMs: number[];
  afterEditMs: number[];
  hoverChars: number;
}

/** Hovers the imported constant; fails when the server has nothing to show (the benchmark must measure a real hover). */
async function hoverOnce(session: LspSession): Promise<Hover> {
  const text = session.document.getText();
  const at = text.indexOf(HOVER_CONTEXT);
  if (at < 0) throw new Error(`the edited file has no "${HOVER_CONTEXT}"`);
  const position = session.document.positionAt(at + HOVER_CONTEXT.indexOf(HOVER_IDENTIFIER) + 2);
  const hover = await session.client.hover(EDITED_FILE, position);
  const value = hover && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
  if (!hover || value.length === 0) throw new Error(`hover on ${HOVER_IDENTIFIER} in ${EDITED_FILE} returned nothing`);
  const staticTokens = Number(/([\d,]+) static/.exec(value)?.[1]?.replace(/,/g, '') ?? 0);
  if (staticTokens < MIN_IMPORTED_STATIC_TOKENS) throw new Error(`hover on ${HOVER_IDENTIFIER} shows ${staticTokens} static tokens: the imported prompt was not counted\n${value}`);
  return hover;
}

function hoverText(hover: Hover): string {
  return typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
}

/** `count` hovers with nothing changed and `count` hovers right after an edit, after `warmup` uncounted ones. */
export async function measureHover(root: string, files: number, options: { count: number; warmup: number }, log: (line: string) => void): Promise<HoverResult> {
  const session = await startSession(root);
  log(`  hover: server scanned ${files} files in ${Math.round(session.scanMs)} ms`);
  const idle: number[] = [];
  const afterEdit: number[] = [];
  let hoverChars = 0;
  try {
    for (let i = 0; i < options.warmup + options.count; i++) {
      const started = performance.now();
      hoverChars = hoverText(await hoverOnce(session)).length;
      if (i >= options.warmup) idle.push(performance.now() - started);
    }
    for (let i = 0; i < options.warmup + options.count; i++) {
      const started = performance.now();
      await keystroke(session, i);
      await hoverOnce(session);
      if (i >= options.warmup) afterEdit.push(performance.now() - started);
    }
  } finally {
    await session.client.stop();
  }
  log(`  hover: p50 ${median(idle).toFixed(1)} ms, p95 ${percentile(idle, 0.95).toFixed(1)} ms; after an edit p50 ${median(afterEdit).toFixed(1)} ms, p95 ${percentile(afterEdit, 0.95).toFixed(1)} ms (${hoverChars} chars)`);
  return { files, idleMs: idle, afterEditMs: afterEdit, hoverChars };
}

/** The hover figures. */
export function hoverFigures(r: HoverResult): Figure[] {
  return [
    plainFigure('hover.p50Ms', 'hover on an imported prompt p50', median(r.idleMs), 'ms'),
    targetFigure('hover.p95Ms', 'hover on an imported prompt p95', percentile(r.idleMs, 0.95), 'ms', HOVER_P95_LIMIT_MS, { strict: true }),
    plainFigure('hover.afterEdit.p50Ms', 'hover right after an edit p50 (from the edit)', median(r.afterEditMs), 'ms'),
    plainFigure('hover.afterEdit.p95Ms', 'hover right after an edit p95 (from the edit)', percentile(r.afterEditMs, 0.95), 'ms'),
  ];
}
