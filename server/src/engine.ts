import { resolve } from 'node:path';
import type { FileAnalysis, PricedPrompt } from './analysis-types';
import { skipReason } from './analysis/file-guards';
import { priceSites } from './analysis/price-prompt';
import { activeRules, runRules, type ActiveRule } from './analysis/run-rules';
import { collectFiles } from './analysis/workspace-files';
import { defaultConfig, type Config } from './config/schema';
import { isStackOverflow, ProjectCache, readFromDisk, type TextReader } from './prompts/project';
import { PromptIndex } from './prompts/prompt-index';
import type { PromptSite } from './prompts/types';
import { RULES } from './rules';
import type { Rule } from './rules/types';
import { TokenCounter } from './tokens/token-counter';
import type { ConfigIssue, Summary, WorkspaceAnalysis } from './workspace-types';

export interface EngineOptions {
  config?: Config;
  /** Problems found while loading the configuration (shown with the results). */
  configIssues?: ConfigIssue[];
  read?: TextReader;
  rules?: readonly Rule<any>[];
}

/**
 * The one door adapters (CLI, language server) use: find, count, price and check the prompts of files.
 * Keeps parsed files, syntax indexes, finder results and token counts cached across calls.
 */
export class Engine {
  readonly project: ProjectCache;
  private readonly prompts: PromptIndex;
  private readonly counter: TokenCounter;
  private readonly rules: readonly Rule<any>[];
  private config: Config;
  private active: ActiveRule[] = [];
  private issues: ConfigIssue[] = [];

  constructor(options: EngineOptions = {}) {
    this.project = new ProjectCache(options.read ?? readFromDisk);
    this.prompts = new PromptIndex(this.project);
    this.rules = options.rules ?? RULES;
    this.config = options.config ?? defaultConfig();
    this.counter = new TokenCounter(this.config.tokenFactors);
    this.setConfig(this.config, options.configIssues);
  }

  /** Replaces the configuration (settings or `.promptcost.json` changed). */
  setConfig(config: Config, issues: ConfigIssue[] = []): void {
    this.config = config;
    this.counter.setFactors(config.tokenFactors);
    this.issues = [...issues];
    this.active = activeRules(this.rules, config, this.issues);
  }

  get configuration(): Config {
    return this.config;
  }

  /** Problems in the configuration: invalid keys, bad rule options. */
  get configIssues(): readonly ConfigIssue[] {
    return this.issues;
  }

  /** Sets a file's text from an editor buffer. */
  setText(file: string, text: string): void {
    this.project.setText(file, text);
  }

  /** Forgets a file (deleted, or closed so the disk version counts again). */
  remove(file: string): void {
    this.project.remove(file);
    this.prompts.forget(file);
  }

  /**
   * A file appeared on disk (created, or renamed to this name): imports that did not resolve before may
   * resolve to it now, and a file that failed to resolve an import does not list it as a dependency, so
   * every finder result is computed again on next use (parsed files are kept).
   */
  added(file: string): void {
    this.remove(file);
    this.prompts.forgetResults();
  }

  /** Files whose prompts may change when `file` changes (they import it). */
  dependents(file: string): string[] {
    return this.prompts.dependents(file);
  }

  /**
   * Files `file` takes prompt text from (the imports its prompts and calls resolve into); the other
   * direction of `dependents`. Editors use it to price a call with prompts defined in other files.
   */
  dependencies(file: string): string[] {
    // A file the analysis skips (too large, minified, binary, nested too deeply) is not searched here either:
    // editors ask on every keystroke, and the finder took 7 s over a 3 MB file the analysis then skipped.
    const text = this.project.text(file);
    if (text === undefined || skipReason(text, this.config.maxFileBytes) || this.findFailure(resolve(file))) return [];
    return [...this.prompts.find(file).dependencies];
  }

  /** Analyses one file: its prompts (also those used by calls in files that import it) and reports. */
  analyzeFile(file: string): FileAnalysis {
    return this.analyzeFiles([file], [file, ...this.prompts.dependents(file)])[0];
  }

  /**
   * Analyses `files`; `scope` is the set of files whose calls are looked at (defaults to `files`), so
   * a constant used by a call in another file is priced at that call. The rules run on the `checked`
   * files (defaults to `files`); the others are only priced (an editor pricing a call whose prompts
   * come from other files needs their prompts, not their reports).
   */
  analyzeFiles(paths: readonly string[], scopePaths: readonly string[] = paths, checkedPaths: readonly string[] = paths): FileAnalysis[] {
    // Sites carry absolute paths (imports resolve to them): key everything by absolute path.
    const files = paths.map((p) => resolve(p));
    const scope = scopePaths.map((p) => resolve(p));
    const checked = new Set(checkedPaths.map((p) => resolve(p)));
    const skipped = new Map<string, string>();
    const readable: string[] = [];
    // Every text is loaded before any file is searched, so imports between files of the scope resolve.
    const texts = [...new Set(scope)].map((file) => [file, this.project.text(file)] as const);
    for (const [file, text] of texts) {
      const reason = text === undefined ? 'skipped: file could not be read' : (skipReason(text, this.config.maxFileBytes) ?? this.findFailure(file));
      if (reason) skipped.set(file, reason);
      else readable.push(file);
    }
    const grouped = this.prompts.sitesByFile(readable);
    const outputTaken = new Set<string>();
    return files.map((file) => this.finishFile(file, grouped.get(file) ?? [], skipped.get(file), outputTaken, checked.has(file)));
  }

  /**
   * Parses a file and runs the finder on it (the result is cached for `sitesByFile`); why that failed,
   * or undefined. A file that cannot be analysed (nested too deeply for the parser or the finder's
   * recursion, or a finder bug) is skipped with the reason, so the other files are still analysed.
   */
  private findFailure(file: string): string | undefined {
    try {
      // A cached result needs no syntax tree (trees are dropped to bound memory; see TreeCache).
      this.prompts.find(file);
      return this.project.parseError(file);
    } catch (error) {
      if (isStackOverflow(error)) return `skipped: expressions nested too deeply to analyse (${error.message})`;
      return `skipped: finding prompts failed: ${error instanceof Error ? error.message : String(error)}`;
    }
  }

  private finishFile(file: string, sites: PromptSite[], skipped: string | undefined, outputTaken: Set<string>, checked: boolean): FileAnalysis {
    const text = this.project.text(file) ?? '';
    if (skipped) return { file, text: skipped.includes('could not be read') ? '' : text, prompts: [], reports: [], notes: [skipped] };
    const notes = [...this.prompts.find(file).notes];
    const prompts: PricedPrompt[] = priceSites(sites, this.counter, this.config, outputTaken);
    // Rules look at prompts only: a file without any (most files) has nothing to check.
    if (prompts.length === 0 || !checked) return { file, text, prompts, reports: [], notes };
    const run = runRules(file, text, prompts, this.active, this.config, this.prompts.find(file).comments);
    notes.push(...run.failures);
    return { file, text, prompts, reports: run.reports, notes };
  }

  /**
   * Finds the prompts of `paths` without pricing or checking them: fills the caches that cross-file
   * pricing and {@link dependents} read (an editor's background scan). Returns how many prompts were found.
   */
  prepare(paths: readonly string[]): number {
    const files = paths.map((p) => resolve(p));
    const texts = files.map((file) => [file, this.project.text(file)] as const);
    let prompts = 0;
    for (const [file, text] of texts) {
      if (text === undefined || skipReason(text, this.config.maxFileBytes) || this.findFailure(file)) continue;
      prompts += this.prompts.find(file).sites.filter((site) => site.file === file).length;
    }
    return prompts;
  }

  /** The files under `paths` (relative to `root`) the configuration includes. */
  workspaceFiles(root: string, paths: readonly string[] = ['.']): string[] {
    return collectFiles(paths, root, this.config);
  }

  /** Collects the files under `paths` (relative to `root`) and analyses them all. */
  analyzeWorkspace(root: string, paths: readonly string[] = ['.']): WorkspaceAnalysis {
    const started = performance.now();
    const files = collectFiles(paths, root, this.config);
    const results = this.analyzeFiles(files);
    return { root, files: results, summary: summarize(results, performance.now() - started), configIssues: [...this.issues] };
  }

  /** Frees the tokenizers. */
  dispose(): void {
    this.counter.dispose();
  }
}

/** Totals over analysed files; parts of another prompt are not counted twice. */
export function summarize(files: readonly FileAnalysis[], durationMs: number): Summary {
  const summary: Summary = { files: files.length, filesWithPrompts: 0, prompts: 0, tokens: 0, perMonth: 0, errors: 0, warnings: 0, infos: 0, durationMs: Math.round(durationMs) };
  for (const file of files) {
    if (file.prompts.length > 0) summary.filesWithPrompts++;
    summary.prompts += file.prompts.length;
    for (const p of file.prompts) {
      if (p.site.partOf) continue;
      summary.tokens += p.tokens.total;
      summary.perMonth += p.cost.perMonth;
    }
    for (const r of file.reports) {
      if (r.severity === 'error') summary.errors++;
      else if (r.severity === 'warning') summary.warnings++;
      else summary.infos++;
    }
  }
  return summary;
}
