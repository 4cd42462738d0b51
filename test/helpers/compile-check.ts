import { extname } from 'node:path';
import { Project, ts, type CompilerOptions, type SourceFile } from 'ts-morph';
import { SDK_STUBS } from './sdk-stubs';

/**
 * Checks that code still compiles: syntax errors of one text, and type errors of a set of files
 * against loose stub declarations of the SDKs (`sdk-stubs.ts`), so fixed code can be compared with
 * the original without installing the SDKs. Shared by the rule tester and the fix safety test.
 */

/** Folder the checked files are placed under in the in-memory file system. */
export const CHECK_ROOT = '/src';

/** Compiler options of the check: loose (stubs are `any`), but JavaScript files are checked too. */
const CHECK_OPTIONS: CompilerOptions = {
  strict: false,
  noImplicitAny: false,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
  allowJs: true,
  checkJs: true,
  jsx: ts.JsxEmit.Preserve,
  skipLibCheck: true,
};

/** Script kind of a file name, as editors and the finder parse it. */
function scriptKind(name: string): ts.ScriptKind {
  switch (extname(name).toLowerCase()) {
    case '.ts':
    case '.mts':
    case '.cts':
      return ts.ScriptKind.TS;
    case '.jsx':
      return ts.ScriptKind.JSX;
    case '.js':
    case '.mjs':
    case '.cjs':
      return ts.ScriptKind.JS;
    default:
      return ts.ScriptKind.TSX;
  }
}

/**
 * Syntax errors of a text (messages), parsed as the file name's language (TSX when it has none).
 * @example syntaxErrors('const a = ;') // ['Expression expected.']
 */
export function syntaxErrors(text: string, name = 'a.tsx'): string[] {
  const kind = scriptKind(name);
  const sf = ts.createSourceFile(`/${name}`, text, ts.ScriptTarget.Latest, true, kind);
  return ((sf as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

/**
 * A set of files type-checked together against the SDK stubs; files can be replaced and checked again
 * (the program is rebuilt incrementally), so many fixes of one workspace are checked cheaply.
 */
export class TypeCheck {
  private readonly project: Project;

  /** `files` by path relative to the workspace root; `extra` compiler options (e.g. `paths` aliases, relative to `CHECK_ROOT`). */
  constructor(files: Record<string, string>, extra: CompilerOptions = {}) {
    this.project = new Project({ useInMemoryFileSystem: true, compilerOptions: { ...CHECK_OPTIONS, ...extra } });
    this.project.createSourceFile('/stubs/sdk.d.ts', SDK_STUBS);
    for (const [name, text] of Object.entries(files)) this.set(name, text);
  }

  /** Replaces (or adds) a file's text. */
  set(name: string, text: string): void {
    this.project.createSourceFile(`${CHECK_ROOT}/${name}`, text, { overwrite: true, scriptKind: scriptKind(name) });
  }

  /** Every checked file (relative names), the stubs excluded. */
  names(): string[] {
    return this.project
      .getSourceFiles()
      .map((f) => f.getFilePath())
      .filter((path) => path.startsWith(`${CHECK_ROOT}/`))
      .map((path) => path.slice(CHECK_ROOT.length + 1));
  }

  /** The files whose type errors may change when `names` change: they and every file importing them, directly or not. */
  affected(names: readonly string[]): string[] {
    const found = new Set<SourceFile>();
    const pending = names.map((name) => this.project.getSourceFileOrThrow(`${CHECK_ROOT}/${name}`));
    while (pending.length > 0) {
      const file = pending.pop()!;
      if (found.has(file)) continue;
      found.add(file);
      pending.push(...file.getReferencingSourceFiles());
    }
    return [...found].map((f) => f.getFilePath().slice(CHECK_ROOT.length + 1)).sort();
  }

  /** Syntax and type errors (`file: message`, no positions, so they compare across edits that move lines) of some files, or all. */
  errors(names: readonly string[] = this.names()): string[] {
    const program = this.project.getProgram();
    return names.flatMap((name) => {
      const file = this.project.getSourceFileOrThrow(`${CHECK_ROOT}/${name}`);
      return [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)].map((d) => `${name}: ${ts.flattenDiagnosticMessageText(d.compilerObject.messageText, '\n')}`);
    });
  }
}

/** Type errors of a set of files against stub declarations of the SDKs (`file: message`). */
export function typeErrors(files: Record<string, string>): string[] {
  return new TypeCheck(files).errors();
}

/**
 * What `after` has that `before` has not, counting repeats (an error that appears twice after a fix
 * where it appeared once before is new).
 * @example newErrors(['a: x'], ['a: x', 'a: x', 'a: y']) // ['a: x', 'a: y']
 */
export function newErrors(before: readonly string[], after: readonly string[]): string[] {
  const left = new Map<string, number>();
  for (const e of before) left.set(e, (left.get(e) ?? 0) + 1);
  return after.filter((e) => {
    const n = left.get(e) ?? 0;
    if (n === 0) return true;
    left.set(e, n - 1);
    return false;
  });
}
