import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import type { CompilerOptions, ts } from 'ts-morph';
import type { FileAnalysis } from '../../../server/src/analysis-types';
import { findConfigFile, loadConfigFile } from '../../../server/src/config/load-config';
import { defaultConfig } from '../../../server/src/config/schema';
import { Engine } from '../../../server/src/engine';
import { disableRuleEdit, fileFixes, isSafeFix } from '../../../server/src/features/fix-edits';
import { SOURCE_EXTENSIONS } from '../../../server/src/prompts/project';
import type { Fix, TextEdit } from '../../../server/src/rules/types';
import { applyEdits } from '../../../server/src/text/apply-edits';
import { LineMap } from '../../../server/src/text/line-map';
import { newErrors, syntaxErrors, TypeCheck } from '../../helpers/compile-check';

/**
 * Every fix promptcost offers, over the example app and every fixture workspace, leaves code that parses
 * and type-checks (against the SDK stubs) with no error the original did not have: each quick fix alone,
 * each "Fix all <rule> problems", and `source.fixAll.promptcost` (all safe fixes of a file together,
 * chosen by the same function the server uses). Fixes are collected the way the CLI sees a workspace
 * (one analysis of every file) and the way the language server sees each file (the file and its importers).
 */

const REPO = join(__dirname, '..', '..', '..');
const FIXTURES = join(REPO, 'test', 'fixtures');

/** A workspace whose fixes are checked. */
interface Corpus {
  name: string;
  root: string;
  /** Compiler options of the workspace that imports depend on (its `@/` alias), relative to the check root. */
  compilerOptions?: CompilerOptions;
}

/** The example app (with its tsconfig alias) and every folder under test/fixtures holding TS/JS (its `workspace/` when it has one). */
function corpora(): Corpus[] {
  const fixtures = readdirSync(FIXTURES)
    .filter((name) => statSync(join(FIXTURES, name)).isDirectory())
    .map((name) => ({ name, root: existsSync(join(FIXTURES, name, 'workspace')) ? join(FIXTURES, name, 'workspace') : join(FIXTURES, name) }))
    .filter((corpus) => sourceFiles(corpus.root).length > 0);
  return [{ name: 'examples', root: join(REPO, 'examples'), compilerOptions: { baseUrl: '/src', paths: { '@/*': ['src/*'] } } }, ...fixtures];
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => SOURCE_EXTENSIONS.includes(extname(name)) && !name.split(/[\\/]/).includes('node_modules'))
    .map((name) => join(dir, name));
}

/** How many fixes (or sets of fixes applied together) were checked, per corpus. */
interface Checked {
  single: number;
  disable: number;
  fixAllOfRule: number;
  fixAll: number;
}
const FIGURES = new Map<string, Checked>();

/** A fix, or fixes applied together, with where they came from (for failure messages). */
interface Candidate {
  label: string;
  edits: TextEdit[];
}

/** A stable key for a set of edits, so the CLI's and the server's copy of one fix are checked once. */
function editsKey(edits: readonly TextEdit[]): string {
  return JSON.stringify([...edits].sort((a, b) => a.file.localeCompare(b.file) || a.start - b.start || a.end - b.end));
}

function describeFixes(file: string, root: string, reports: FileAnalysis['reports'], fixes: readonly Fix[]): string {
  const ids = fixes.map((f) => reports.find((r) => r.fix === f)?.ruleId ?? '?');
  return `${relative(root, file)} [${[...new Set(ids)].join(', ')}] ${fixes.map((f) => f.title).join(' + ')}`;
}

/** The analyses of a workspace as the CLI makes them (all files at once) and as the server does (file by file). */
function analyses(corpus: Corpus): { cli: FileAnalysis[]; lsp: FileAnalysis[]; texts: Map<string, string>; sources: Map<string, ts.SourceFile | undefined> } {
  const configPath = findConfigFile(corpus.root);
  const config = configPath && configPath.startsWith(corpus.root) ? loadConfigFile(configPath).config : defaultConfig();
  const engine = new Engine({ config });
  try {
    const cli = engine.analyzeWorkspace(corpus.root).files;
    const lsp = cli.map((f) => engine.analyzeFile(f.file));
    const texts = new Map(cli.map((f) => [f.file, f.text]));
    const sources = new Map(cli.map((f) => [f.file, engine.project.sourceFile(f.file)]));
    return { cli, lsp, texts, sources };
  } finally {
    engine.dispose();
  }
}

/** Every fix and every combination an editor applies, deduplicated. */
function candidates(corpus: Corpus, cli: FileAnalysis[], lsp: FileAnalysis[], sources: Map<string, ts.SourceFile | undefined>): Record<keyof Checked, Candidate[]> {
  const single = new Map<string, Candidate>();
  const disable = new Map<string, Candidate>();
  const fixAllOfRule = new Map<string, Candidate>();
  const fixAll = new Map<string, Candidate>();
  for (const analysis of [...cli, ...lsp]) {
    for (const report of analysis.reports) {
      if (report.fix) single.set(editsKey(report.fix.edits), { label: describeFixes(report.file, corpus.root, analysis.reports, [report.fix]), edits: report.fix.edits });
      if (report.file !== analysis.file) continue;
      const lines = new LineMap(analysis.text);
      const line = lines.positionAt(report.span.start).line;
      const edit = disableRuleEdit(analysis.text, lines, sources.get(analysis.file), line, report.ruleId);
      if (!edit) continue;
      const edits = [{ file: analysis.file, start: lines.offsetAt(edit.range.start), end: lines.offsetAt(edit.range.end), newText: edit.newText }];
      disable.set(editsKey(edits), { label: `${relative(corpus.root, analysis.file)}:${line + 1} disable ${report.ruleId} for this line`, edits });
    }
    const safe = fileFixes(analysis.reports, analysis.file, isSafeFix);
    if (safe.length > 0) {
      const edits = safe.flatMap((f) => f.edits);
      fixAll.set(editsKey(edits), { label: `fixAll ${describeFixes(analysis.file, corpus.root, analysis.reports, safe)}`, edits });
    }
    for (const ruleId of new Set(analysis.reports.map((r) => r.ruleId))) {
      const fixes = fileFixes(analysis.reports, analysis.file, (r) => r.ruleId === ruleId);
      if (fixes.length < 2) continue;
      const edits = fixes.flatMap((f) => f.edits);
      fixAllOfRule.set(editsKey(edits), { label: `fix all ${ruleId}: ${describeFixes(analysis.file, corpus.root, analysis.reports, fixes)}`, edits });
    }
  }
  return { single: [...single.values()], disable: [...disable.values()], fixAllOfRule: [...fixAllOfRule.values()], fixAll: [...fixAll.values()] };
}

/** Applies a candidate to a workspace's texts and returns what broke (empty when nothing did). */
function check(candidate: Candidate, texts: Map<string, string>, root: string, types: TypeCheck, baseline: Map<string, string[]>): string[] {
  const byFile = new Map<string, TextEdit[]>();
  for (const edit of candidate.edits) byFile.set(edit.file, [...(byFile.get(edit.file) ?? []), edit]);
  const problems: string[] = [];
  const touched: string[] = [];
  for (const [file, edits] of byFile) {
    const text = texts.get(file);
    if (text === undefined) {
      problems.push(`edits a file outside the workspace: ${file}`);
      continue;
    }
    let fixed: string;
    try {
      fixed = applyEdits(text, edits);
    } catch (error) {
      problems.push(`edits cannot be applied: ${String(error)}`);
      continue;
    }
    const name = relative(root, file);
    for (const e of newErrors(syntaxErrors(text, name), syntaxErrors(fixed, name))) problems.push(`${name}: new syntax error: ${e}`);
    types.set(name, fixed);
    touched.push(name);
  }
  if (touched.length > 0) {
    const scope = types.affected(touched);
    const before = scope.flatMap((name) => baseline.get(name) ?? []);
    for (const e of newErrors(before, types.errors(scope))) problems.push(`new type error: ${e}`);
    for (const name of touched) types.set(name, texts.get(join(root, name))!);
  }
  return problems.map((p) => `${candidate.label}: ${p}`);
}

describe('safety: every fix leaves code that parses and type-checks', () => {
  after(() => {
    const row = (n: Checked) => `${n.single} rule fixes, ${n.disable} "disable for this line" edits, ${n.fixAllOfRule} "fix all <rule>" sets, ${n.fixAll} source.fixAll sets`;
    const total: Checked = { single: 0, disable: 0, fixAllOfRule: 0, fixAll: 0 };
    for (const n of FIGURES.values()) for (const key of Object.keys(total) as (keyof Checked)[]) total[key] += n[key];
    console.log(`fixes checked:\n${[...FIGURES].map(([name, n]) => `  ${name}: ${row(n)}`).join('\n')}\n  total: ${row(total)}`);
  });

  for (const corpus of corpora()) {
    it(`${corpus.name}: every quick fix, "disable for this line", "fix all <rule>" and source.fixAll`, () => {
      const { cli, lsp, texts, sources } = analyses(corpus);
      assert.ok(cli.length > 0, 'the workspace has files');
      const types = new TypeCheck(Object.fromEntries([...texts].map(([file, text]) => [relative(corpus.root, file), text])), corpus.compilerOptions);
      const baseline = new Map<string, string[]>();
      for (const e of types.errors()) baseline.set(e.slice(0, e.indexOf(': ')), [...(baseline.get(e.slice(0, e.indexOf(': '))) ?? []), e]);
      const found = candidates(corpus, cli, lsp, sources);
      const problems = [...found.single, ...found.disable, ...found.fixAllOfRule, ...found.fixAll].flatMap((c) => check(c, texts, corpus.root, types, baseline));
      FIGURES.set(corpus.name, { single: found.single.length, disable: found.disable.length, fixAllOfRule: found.fixAllOfRule.length, fixAll: found.fixAll.length });
      assert.deepEqual(problems, []);
    });
  }

  it('the check reports a fix that breaks the syntax or adds a type error, and accepts one that does not', () => {
    const root = '/virtual/safety';
    const texts = new Map([[`${root}/a.ts`, 'export const PROMPT = "Please answer.";\n'], [`${root}/b.ts`, 'import { PROMPT } from "./a";\nexport const n: string = PROMPT;\n']]);
    const types = new TypeCheck({ 'a.ts': texts.get(`${root}/a.ts`)!, 'b.ts': texts.get(`${root}/b.ts`)! });
    const baseline = new Map([['a.ts', types.errors(['a.ts'])], ['b.ts', types.errors(['b.ts'])]]);
    const at = (needle: string) => texts.get(`${root}/a.ts`)!.indexOf(needle);
    const edit = (needle: string, newText: string): Candidate => ({ label: 'probe', edits: [{ file: `${root}/a.ts`, start: at(needle), end: at(needle) + needle.length, newText }] });
    assert.deepEqual(check(edit('Please answer.', 'Answer.'), texts, root, types, baseline), []);
    assert.match(check(edit('"Please answer."', '"Answer.'), texts, root, types, baseline).join('\n'), /new syntax error/);
    assert.match(check(edit('"Please answer."', '42'), texts, root, types, baseline).join('\n'), /new type error: b\.ts: Type 'number' is not assignable to type 'string'/);
    assert.deepEqual(check(edit('Please answer.', 'Answer.'), texts, root, types, baseline), [], 'the texts are restored after each check');
  });

  it('covers every fixture file that holds TS/JS', () => {
    const roots = corpora().map((c) => c.root);
    const uncovered = sourceFiles(FIXTURES).filter((file) => !roots.some((root) => file.startsWith(root + '/')));
    assert.deepEqual(uncovered, []);
  });
});
