import { get_encoding, type Tiktoken } from 'tiktoken';
import type { FileAnalysis } from '../../server/src/analysis-types';
import { mergeConfig } from '../../server/src/config/load-config';
import { defaultConfig, type ConfigInput } from '../../server/src/config/schema';
import { Engine } from '../../server/src/engine';
import { compatibleFixes, disableRuleEdit } from '../../server/src/features/fix-edits';
import { insideComment } from '../../server/src/features/literal-check';
import { RULES } from '../../server/src/rules';
import type { Fix, Report, TextEdit } from '../../server/src/rules/types';
import { LineMap } from '../../server/src/text/line-map';
import { loadableEncoding, tokenizerFor } from '../../server/src/tokens/encodings';
import type { FuzzCase } from './arbitraries/program';
import { applyAsEditor, expect, expectNoNewSyntaxErrors, expectSegmentTexts, expectSiteSpans, expectSpan, PropertyFailure, syntaxErrors } from './checks';

/** Root of the in-memory workspace the fuzz cases are analysed in (never on disk). */
export const FUZZ_ROOT = '/fuzz-workspace';

/**
 * Every rule on, with cache thresholds low enough that the cache rules report (and offer their
 * move-to-end fixes) on short generated prompts, and a small budget so prompt-token-budget reports too.
 */
const FUZZ_CONFIG: ConfigInput = {
  rules: {
    ...Object.fromEntries(RULES.map((r) => [r.meta.id, 'warning'])),
    'cache-prefix-order': ['warning', { minCacheableTokens: 8 }],
    'volatile-cache-prefix': ['warning', { minCacheableTokens: 8 }],
  },
  budget: { maxTokens: 400 },
};

/**
 * Notes of a failure the engine caught so the other files and rules still run: a rule that threw
 * (run-rules.ts), the finder that threw or ran out of stack, the parser that ran out of stack (engine.ts,
 * project.ts). Generated programs nest a few levels at most, so each is a bug here. (Skips for size,
 * binary content and minified lines are not failures.)
 */
const ENGINE_FAILURE = /^rule \S+ failed|^skipped: (finding prompts failed|expressions nested too deeply|nested too deeply to parse)/;

/**
 * Runs the fuzz properties over generated workspaces with one engine kept across cases (as the language
 * server keeps one): each case's files replace the previous case's.
 */
export class FuzzHarness {
  private readonly files = new Map<string, string>();
  private readonly engine: Engine;
  private readonly encoders = new Map<string, Tiktoken>();
  /** Whether the current case's files are editor buffers. */
  private editor = false;
  /** Each file's text after "fix all safe problems" (first analysis of the case). */
  private readonly fixed = new Map<string, string>();

  constructor() {
    this.engine = new Engine({ read: (p) => this.files.get(p), config: mergeConfig(defaultConfig(), FUZZ_CONFIG) });
  }

  /** Checks one generated workspace; throws a {@link PropertyFailure} (or the engine's own error) when a property fails. */
  check(c: FuzzCase): void {
    for (const path of this.files.keys()) this.engine.remove(path);
    this.files.clear();
    this.fixed.clear();
    this.editor = c.editor;
    for (const f of c.files) this.load(`${FUZZ_ROOT}/${f.name}`, f.text);
    const paths = [...this.files.keys()];
    // (1) Analysis never throws (an exception here fails the property with its stack).
    const analyses = this.engine.analyzeFiles(paths, paths);
    for (const analysis of analyses) this.checkAnalysis(analysis);
    // The editor path: one file with its importers in scope.
    for (const analysis of [this.engine.analyzeFile(paths[0])]) this.checkAnalysis(analysis);
    // The same files in the other order (cached finder results reused) give the same prompts and reports.
    if (paths.length > 1) {
      const reversed = this.engine.analyzeFiles([...paths].reverse(), [...paths].reverse()).reverse();
      analyses.forEach((a, i) => expect(summary(a) === summary(reversed[i]), () => `${a.file} analysed after the other file differs:\n${summary(a)}\n--- reversed ---\n${summary(reversed[i])}`));
    }
    this.checkIgnoreLine(analyses);
    for (const f of c.files) this.load(`${FUZZ_ROOT}/${f.name}`, f.text); // undo the ignore-line check's edit
    this.checkFixedWorkspace();
  }

  /** Frees the engine's and the harness's tokenizers. */
  dispose(): void {
    this.engine.dispose();
    for (const e of this.encoders.values()) e.free();
  }

  private textOf = (file: string): string | undefined => this.engine.project.text(file);

  /** Gives a file's text to the engine as the case says: an editor buffer (`setText`) or a file it reads. */
  private load(file: string, text: string): void {
    this.files.set(file, text);
    if (this.editor) this.engine.setText(file, text);
    else this.engine.remove(file);
  }

  private checkAnalysis(analysis: FileAnalysis): void {
    const failures = analysis.notes.filter((n) => ENGINE_FAILURE.test(n));
    expect(failures.length === 0, () => `the engine caught a failure: ${failures.join('; ')}`);
    // (2) Every range is inside its document.
    for (const p of analysis.prompts) {
      expectSiteSpans(p.site, this.textOf);
      const sourceFile = this.engine.project.sourceFile(p.site.file);
      if (sourceFile) expectSegmentTexts(p.site, sourceFile);
    }
    for (const r of analysis.reports) {
      const text = this.textOf(r.file);
      expect(text !== undefined, () => `${r.ruleId} reports in an unknown file ${r.file}`);
      expectSpan(r.span, text, `${r.ruleId} report "${r.message}"`);
      const odd = /\bNaN\b|\bundefined\b|\[object Object\]/.exec(r.message)?.[0];
      expect(odd === undefined || [...this.files.values()].some((t) => t.includes(odd)), () => `${r.ruleId} message shows ${odd}: ${r.message}`);
      for (const e of r.fix?.edits ?? []) {
        const target = this.textOf(e.file);
        expect(target !== undefined, () => `${r.ruleId} fix edits an unknown file ${e.file}`);
        expectSpan(e, target, `${r.ruleId} fix "${r.fix!.title}" edit`);
      }
    }
    this.checkIgnoreFile(analysis);
    this.checkNumbers(analysis);
    this.checkTokens(analysis);
    // (3) Every fix, every rule's "fix all" and the safe fix-all leave code with no new syntax errors.
    const withFix = analysis.reports.filter((r): r is Report & { fix: Fix } => r.fix !== undefined);
    for (const r of withFix) {
      const what = `${r.ruleId} fix "${r.fix.title}" (report at ${r.span.start})`;
      const changed = this.applyFixes([r.fix], what);
      expect(changed.size > 0, () => `${what} changes nothing: ${JSON.stringify(r.fix.edits)}`);
    }
    for (const id of new Set(withFix.map((r) => r.ruleId))) {
      this.applyFixes(compatibleFixes(withFix.filter((r) => r.ruleId === id && r.file === analysis.file).map((r) => r.fix)), `fix all ${id}`);
    }
    const fixedAll = this.applyFixes(compatibleFixes(withFix.filter((r) => r.file === analysis.file && r.fix.safe).map((r) => r.fix)), 'fix all safe problems');
    if (!this.fixed.has(analysis.file) && fixedAll.has(analysis.file)) this.fixed.set(analysis.file, fixedAll.get(analysis.file)!);
  }

  /** Applies fixes file by file (as one workspace edit) and parses the results; returns the texts that changed. */
  private applyFixes(fixes: readonly Fix[], what: string): Map<string, string> {
    const byFile = new Map<string, TextEdit[]>();
    for (const edit of fixes.flatMap((f) => f.edits)) byFile.set(edit.file, [...(byFile.get(edit.file) ?? []), edit]);
    const changed = new Map<string, string>();
    for (const [file, edits] of byFile) {
      const before = this.textOf(file)!;
      const after = applyAsEditor(file, before, edits, what);
      expectNoNewSyntaxErrors(file, before, after, edits, what);
      if (after !== before) changed.set(file, after);
    }
    return changed;
  }

  /**
   * The workspace after "fix all safe problems" in every file is analysed again (a new state fixes lead
   * into): the same properties hold there, its fixes included.
   */
  private checkFixedWorkspace(): void {
    if (this.fixed.size === 0) return;
    for (const [file, text] of this.fixed) this.load(file, text);
    const paths = [...this.files.keys()];
    for (const analysis of this.engine.analyzeFiles(paths, paths)) this.checkAnalysis(analysis);
  }

  /** A file with a `// promptcost-ignore-file` comment (a real comment, not text in a string) has no prompts or reports. */
  private checkIgnoreFile(analysis: FileAnalysis): void {
    const source = this.engine.project.sourceFile(analysis.file);
    if (!source) return;
    const text = analysis.text;
    const directive = [...text.matchAll(/\/[/*][ \t]*promptcost-ignore-file\b/g)].find((m) => insideComment(source, m.index + 2));
    if (!directive) return;
    const found = [...analysis.prompts.filter((p) => p.site.file === analysis.file).map((p) => p.site.id), ...analysis.reports.filter((r) => r.file === analysis.file).map((r) => r.ruleId)];
    expect(found.length === 0, () => `${analysis.file} says promptcost-ignore-file at ${directive.index} but has ${found.join(', ')}`);
  }

  /** Token counts and costs are finite and not negative; counts are whole numbers. */
  private checkNumbers(analysis: FileAnalysis): void {
    for (const p of analysis.prompts) {
      const where = `prompt ${p.site.id} (${p.model.id})`;
      for (const [key, value] of Object.entries(p.tokens)) {
        if (typeof value === 'number') expect(Number.isInteger(value) && value >= 0, () => `${where}: tokens.${key} = ${value}`);
      }
      for (const [key, value] of Object.entries(p.cost)) {
        if (typeof value === 'number') expect(Number.isFinite(value) && value >= 0, () => `${where}: cost.${key} = ${value}`);
      }
    }
  }

  /** (4) Exact counts (OpenAI models) equal tiktoken's count of each part's static text. */
  private checkTokens(analysis: FileAnalysis): void {
    for (const p of analysis.prompts) {
      if (p.tokens.approximate) continue;
      const encoding = loadableEncoding(tokenizerFor(p.model.id).encoding);
      let encoder = this.encoders.get(encoding);
      if (!encoder) this.encoders.set(encoding, (encoder = get_encoding(encoding)));
      let expected = 0;
      for (const part of p.site.messages ?? [{ segments: p.site.segments }]) {
        const text = part.segments.map((s) => (s.kind === 'static' ? s.text : '')).join('');
        expected += encoder.encode_ordinary(text).length;
      }
      expect(p.tokens.static === expected, () => `prompt ${p.site.id} (${p.model.id}): ${p.tokens.static} static tokens, tiktoken ${encoding} counts ${expected}`);
    }
  }

  /**
   * The "Disable <rule> for this line" quick fix (`disableRuleEdit`, as the server offers it): it must not
   * break parsing, and after it no report of that rule starts on that line. Checked for the first report
   * of the case it is offered for (it re-analyses the workspace).
   */
  private checkIgnoreLine(analyses: readonly FileAnalysis[]): void {
    for (const analysis of analyses) {
      const source = this.engine.project.sourceFile(analysis.file);
      const text = analysis.text;
      const lines = new LineMap(text);
      const offered = analysis.reports
        .filter((r) => r.file === analysis.file)
        .map((report) => ({ report, line: lines.positionAt(report.span.start).line }))
        .map((r) => ({ ...r, lspEdit: disableRuleEdit(text, lines, source, r.line, r.report.ruleId) }))
        .find((r) => r.lspEdit !== undefined);
      if (!offered) continue;
      const { report, line } = offered;
      const lspEdit = offered.lspEdit!;
      const start = lines.offsetAt(lspEdit.range.start);
      const edit = { file: analysis.file, start, end: lines.offsetAt(lspEdit.range.end), newText: lspEdit.newText };
      const after = applyAsEditor(analysis.file, text, [edit], `disable ${report.ruleId} for line ${line + 1}`);
      expectNoNewSyntaxErrors(analysis.file, text, after, [edit], `disable ${report.ruleId} for line ${line + 1}`);
      if (syntaxErrors(analysis.file, text).length > 0) return; // error recovery may move the report: only check clean files
      const inserted = lspEdit.range.start.line === line ? 1 : 0;
      this.load(analysis.file, after);
      const again = this.engine.analyzeFiles([analysis.file], [...this.files.keys()])[0];
      const newLines = new LineMap(again.text);
      const still = again.reports.filter((r) => r.ruleId === report.ruleId && r.file === analysis.file && newLines.positionAt(r.span.start).line === line + inserted);
      expect(still.length === 0, () => `after "Disable ${report.ruleId} for this line" (line ${line + 1}), ${report.ruleId} still reports there: ${still.map((r) => r.message).join('; ')}\n--- text ---\n${after}`);
      return;
    }
  }
}

/** What must not depend on the order files are analysed in: prompts with their static tokens, reports with their fixes. */
function summary(analysis: FileAnalysis): string {
  const prompts = analysis.prompts.map((p) => `${p.site.id} ${p.site.kind} static=${p.tokens.static} partOf=${p.site.partOf ?? '-'}`);
  const reports = analysis.reports.map((r) => `${r.ruleId} ${r.file}:${r.span.start}-${r.span.end} ${JSON.stringify(r.fix?.edits ?? null)}`);
  return [...prompts, ...reports].join('\n');
}

/** Describes a failing case for a report: its files as JSON strings (exact, with CR, BOM and lone surrogates visible). */
export function describeCase(c: FuzzCase): string {
  const how = c.editor ? 'editor buffers (setText)' : 'read from disk (read)';
  return [`(files as ${how})`, ...c.files.map((f) => `--- ${f.name}${c.mutated ? ' (mutated)' : ''}\n${JSON.stringify(f.text)}`)].join('\n');
}

export { PropertyFailure };
