import { ts } from 'ts-morph';

/**
 * Source characters whose syntax trees are kept (least recently used go first). A tree takes about 40
 * times its text in memory (bench: 1.27 GB of server RSS for the 30 MB, 5,000-file corpus when every
 * tree was kept), so 2 M characters hold ~80 MB of trees: a few hundred typical files, enough for the
 * open files and the modules they import, while a 5,000-file workspace stays within its memory budget.
 */
export const TREE_CACHE_CHARS = 500_000;

/** V8's message when the call stack is exhausted. */
const STACK_OVERFLOW = /Maximum call stack size exceeded/;

/** Whether an error is a stack overflow (V8's `RangeError: Maximum call stack size exceeded`). */
export function isStackOverflow(error: unknown): error is RangeError {
  return error instanceof RangeError && STACK_OVERFLOW.test(error.message);
}

/**
 * The range an edit changed, from the common prefix and suffix of the two texts (what an editor sent as
 * one change; several changes become the one range that covers them).
 * @example changeRange('abc', 'abXc') // { span: { start: 2, length: 0 }, newLength: 1 }
 */
export function changeRange(before: string, after: string): ts.TextChangeRange {
  const max = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < max && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < max - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  return { span: { start: prefix, length: before.length - prefix - suffix }, newLength: after.length - prefix - suffix };
}

/**
 * Parsed syntax trees by file, bounded by {@link TREE_CACHE_CHARS} (least recently used trees are dropped
 * and parsed again when next needed). When a file's text changes, its last tree is kept and re-used by
 * TypeScript's incremental parser (`ts.updateSourceFile`, what editors run per keystroke): only the
 * statements around the edit are parsed again. The old tree must not be used after that: its owner
 * (the syntax index of the old version) is dropped with the version.
 */
export class TreeCache {
  private readonly trees = new Map<string, ts.SourceFile>();
  /** The tree of each file's previous text, kept for an incremental update. */
  private readonly previous = new Map<string, ts.SourceFile>();
  private chars = 0;

  /** @param onEvict called with a file whose tree was dropped, so holders of its nodes drop them too. */
  constructor(
    private readonly onEvict: (file: string) => void = () => {},
    private readonly budget = TREE_CACHE_CHARS,
  ) {}

  /** The file's text changed: its tree becomes the base of the next (incremental) parse. */
  changed(file: string): void {
    const tree = this.trees.get(file);
    if (!tree) return;
    this.drop(file);
    this.previous.set(file, tree);
  }

  /** Forgets a file's trees. */
  delete(file: string): void {
    this.drop(file);
    this.previous.delete(file);
  }

  /**
   * The tree of `text` (parsed, updated from the previous tree, or cached). Throws what the parser
   * throws (a stack overflow on deeply nested code).
   */
  get(file: string, text: string, kind: ts.ScriptKind): ts.SourceFile {
    const cached = this.trees.get(file);
    if (cached && cached.text === text) {
      // Most recently used last.
      this.trees.delete(file);
      this.trees.set(file, cached);
      return cached;
    }
    if (cached) this.drop(file);
    const base = this.previous.get(file);
    this.previous.delete(file);
    const tree = base ? ts.updateSourceFile(base, text, changeRange(base.text, text)) : ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
    this.trees.set(file, tree);
    this.chars += text.length;
    this.evict(file);
    return tree;
  }

  private drop(file: string): void {
    const tree = this.trees.get(file);
    if (!tree) return;
    this.trees.delete(file);
    this.chars -= tree.text.length;
  }

  /** Drops least recently used trees (never `keep`, the one just parsed) until within the budget. */
  private evict(keep: string): void {
    for (const [file, tree] of this.trees) {
      if (this.chars <= this.budget) return;
      if (file === keep) continue;
      this.trees.delete(file);
      this.chars -= tree.text.length;
      this.onEvict(file);
    }
  }
}
