import assert from 'node:assert/strict';
import type { FileAnalysis } from '../../../server/src/analysis-types';
import { mergeConfig } from '../../../server/src/config/load-config';
import { defaultConfig, type ConfigInput } from '../../../server/src/config/schema';
import { Engine } from '../../../server/src/engine';
import type { Span } from '../../../server/src/prompts/types';

/** Root of the in-memory workspaces of the hardening tests (never touched on disk). */
export const ROOT = '/virtual/hardening';

/** The absolute path of an in-memory file. */
export const path = (name: string): string => `${ROOT}/${name}`;

/** An engine over in-memory files (other paths are unreadable), with every rule and the default configuration (or `config` over it). */
export function engineFor(files: Record<string, string> = {}, config: ConfigInput = {}): Engine {
  return new Engine({ read: (p) => (p.startsWith(ROOT + '/') ? files[p.slice(ROOT.length + 1)] : undefined), config: mergeConfig(defaultConfig(), config) });
}

/** Pushes `text` as the editor buffer of `name` and analyses it. */
export function analyseText(engine: Engine, name: string, text: string): FileAnalysis {
  engine.setText(path(name), text);
  return engine.analyzeFile(path(name));
}

/** Runs `run` and returns its result with the wall time in milliseconds (reported, never asserted). */
export function timed<T>(run: () => T): { result: T; ms: number } {
  const started = performance.now();
  const result = run();
  return { result, ms: Math.round(performance.now() - started) };
}

function assertSpan(span: Span | undefined, length: number, what: string): void {
  if (!span) return;
  assert.ok(Number.isInteger(span.start) && Number.isInteger(span.end), `${what}: integer offsets ${JSON.stringify(span)}`);
  assert.ok(0 <= span.start && span.start <= span.end && span.end <= length, `${what}: ${JSON.stringify(span)} outside [0, ${length}]`);
}

/**
 * Asserts every offset an analysis gives for its own file (prompt spans, segment and message spans,
 * injections, calls, reports, fix edits) lies within its text, and that the text is `expected`.
 */
export function assertRangesWithin(analysis: FileAnalysis, expected: string): void {
  assert.equal(analysis.text, expected, 'the analysis is of the current text');
  const length = expected.length;
  const own = (file: string | undefined) => file === undefined || file === analysis.file;
  for (const { site } of analysis.prompts) {
    if (!own(site.file)) continue;
    assertSpan(site.span, length, `prompt ${site.id}`);
    for (const segment of site.segments) assertSpan(segment.span, length, `segment of ${site.id}`);
    for (const message of site.messages ?? []) {
      assertSpan(message.span, length, `message of ${site.id}`);
      for (const segment of message.segments) assertSpan(segment.span, length, `message segment of ${site.id}`);
    }
    for (const injection of [site.history, site.retrieval]) {
      if (!injection) continue;
      assertSpan(injection.span, length, `injection of ${site.id}`);
      assertSpan(injection.boundSpan, length, `bound of ${site.id}`);
    }
    const call = site.call;
    if (call && own(call.file)) {
      for (const span of [call.span, call.calleeSpan, call.modelSpan, call.optionsSpan]) assertSpan(span, length, `call of ${site.id}`);
      for (const arg of call.promptArgs ?? []) {
        assertSpan(arg.value, length, `prompt argument of ${site.id}`);
        assertSpan(arg.property, length, `prompt argument of ${site.id}`);
      }
    }
  }
  for (const report of analysis.reports) {
    if (own(report.file)) assertSpan(report.span, length, `report ${report.ruleId}`);
    for (const edit of report.fix?.edits ?? []) if (own(edit.file)) assertSpan(edit, length, `fix edit of ${report.ruleId}`);
  }
}
