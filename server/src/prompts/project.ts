import { ts } from 'ts-morph';
import { readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { PathAliases } from './path-aliases';
import { isStackOverflow, TreeCache } from './tree-cache';

/** Extensions we analyse, in the order a relative import is resolved (TypeScript's order). */
export const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

/** U+FEFF, the byte-order mark some editors write at the start of a file. */
const BOM = 0xfeff;
/** How many parent folders are searched for a conventional `@/` alias root. */
const MAX_ALIAS_LEVELS = 8;

/** Script kind per extension, so `.js` files parse as JavaScript and JSX parses where it may appear. */
function scriptKindFor(path: string): ts.ScriptKind {
  switch (extname(path).toLowerCase()) {
    case '.tsx':
      return ts.ScriptKind.TSX;
    case '.jsx':
      return ts.ScriptKind.JSX;
    case '.js':
    case '.mjs':
    case '.cjs':
      return ts.ScriptKind.JS;
    default:
      return ts.ScriptKind.TS;
  }
}

export { isStackOverflow };

/** Reads a file's text for analysis, or undefined when it cannot be read. */
export type TextReader = (path: string) => string | undefined;

/** Reads from disk; `undefined` for missing or unreadable files. */
export const readFromDisk: TextReader = (path) => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
};

/**
 * The parsed files of a workspace, kept across analyses: compiler syntax trees without a type checker
 * or dependency resolution (syntax is enough to find prompts, and much cheaper; see ARCHITECTURE.md
 * "Measured costs"). Editors push unsaved text with `setText`; files not pushed are read from disk on
 * first use. A text is parsed when its tree is first asked for, so files the engine skips (too large,
 * minified, binary) are never parsed. Trees are plain `ts.createSourceFile` results (what ts-morph's
 * `createSourceFile` builds): replacing a file in a ts-morph `Project` first wraps and forgets every
 * node of the old tree, which took minutes per keystroke in a 1.5 MB one-line file.
 */
export class ProjectCache {
  /** Called with a file whose syntax tree was dropped to bound memory (see {@link TreeCache}). */
  private readonly evictionListeners: ((file: string) => void)[] = [];
  private readonly trees = new TreeCache((file) => this.evictionListeners.forEach((listener) => listener(file)));
  /** Why a text could not be parsed (the parser ran out of stack), by file. */
  private readonly parseErrors = new Map<string, string>();
  private readonly versions = new Map<string, number>();
  private readonly texts = new Map<string, string>();
  private nextVersion = 1;

  private readonly aliases: PathAliases;

  constructor(private readonly read: TextReader = readFromDisk) {
    this.aliases = new PathAliases(read);
  }

  /**
   * Sets (or replaces) a file's text, an editor buffer as the editor has it; returns its new version.
   * Offsets are into this text: a byte-order mark the editor kept in its buffer stays (VS Code hides it,
   * and then offsets are into the text after it, as for files read from disk).
   */
  setText(path: string, text: string): number {
    const file = resolve(path);
    if (this.texts.get(file) === text && this.versions.has(file)) return this.versions.get(file)!;
    this.texts.set(file, text);
    this.trees.changed(file);
    this.parseErrors.delete(file);
    const version = this.nextVersion++;
    this.versions.set(file, version);
    return version;
  }

  /** Forgets a file (deleted or closed and changed on disk). */
  remove(path: string): void {
    const file = resolve(path);
    this.texts.delete(file);
    this.versions.delete(file);
    this.trees.delete(file);
    this.parseErrors.delete(file);
  }

  /** The version of a file's text (0 when unknown), bumped on every change. */
  version(path: string): number {
    return this.versions.get(resolve(path)) ?? 0;
  }

  /** The text of a file, loading it from disk if needed. */
  text(path: string): string | undefined {
    const file = resolve(path);
    if (!this.texts.has(file)) {
      const text = this.read(file);
      if (text === undefined) return undefined;
      // Editors hide a file's byte-order mark (and the parser skips it): offsets are into the text after it.
      this.setText(file, text.charCodeAt(0) === BOM ? text.slice(1) : text);
    }
    return this.texts.get(file);
  }

  /** The compiler's syntax tree of a file, loading and parsing it if needed; undefined when it cannot be read or parsed. */
  sourceFile(path: string): ts.SourceFile | undefined {
    const file = resolve(path);
    const text = this.text(file);
    if (text === undefined || this.parseErrors.has(file)) return undefined;
    try {
      return this.trees.get(file, text, scriptKindFor(file));
    } catch (error) {
      // Expressions nested some hundreds deep exhaust the recursive-descent parser's stack.
      if (!isStackOverflow(error)) throw error;
      this.trees.delete(file);
      this.parseErrors.set(file, `skipped: nested too deeply to parse (the TypeScript parser ran out of stack: ${error.message})`);
      return undefined;
    }
  }

  /** Registers a function called with each file whose syntax tree is dropped to bound memory. */
  onTreeEvicted(listener: (file: string) => void): void {
    this.evictionListeners.push(listener);
  }

  /** Why a file's text could not be parsed (after `sourceFile` failed), or undefined. */
  parseError(path: string): string | undefined {
    return this.parseErrors.get(resolve(path));
  }

  /** Whether a file is known (pushed or read). */
  has(path: string): boolean {
    return this.texts.has(resolve(path));
  }

  /** Resolves a relative or path-aliased module specifier from a file to a source file path, or undefined. */
  resolveModule(fromFile: string, specifier: string): string | undefined {
    if (specifier.startsWith('.')) return this.probe(resolve(dirname(fromFile), specifier));
    for (const candidate of this.aliases.candidates(fromFile, specifier)) {
      const found = this.probe(candidate);
      if (found) return found;
    }
    return this.conventionalAlias(fromFile, specifier);
  }

  /**
   * `@/lib/x` and `~/lib/x` without a tsconfig in reach (a copied folder, a monorepo package):
   * try the conventional roots, the nearest ancestor folder that has `lib/x` or `src/lib/x`.
   */
  private conventionalAlias(fromFile: string, specifier: string): string | undefined {
    const match = /^[@~#]\/(.+)$/.exec(specifier);
    if (!match) return undefined;
    let dir = dirname(fromFile);
    for (let level = 0; level < MAX_ALIAS_LEVELS; level++) {
      const found = this.probe(join(dir, match[1])) ?? this.probe(join(dir, 'src', match[1]));
      if (found) return found;
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
    return undefined;
  }

  private probe(base: string): string | undefined {
    const withoutJs = base.replace(/\.(m|c)?jsx?$/, '');
    const candidates = [
      base,
      ...SOURCE_EXTENSIONS.map((ext) => base + ext),
      ...(withoutJs !== base ? SOURCE_EXTENSIONS.map((ext) => withoutJs + ext) : []),
      ...SOURCE_EXTENSIONS.map((ext) => join(base, 'index' + ext)),
    ];
    for (const candidate of candidates) {
      if (!SOURCE_EXTENSIONS.includes(extname(candidate))) continue;
      if (this.texts.has(candidate)) return candidate;
      if (isFileOnDisk(candidate)) return candidate;
    }
    return undefined;
  }
}

/** Whether a path is a regular file; false when it is missing, vanished since a check, or cannot be stat-ed. */
function isFileOnDisk(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
  } catch {
    return false;
  }
}
