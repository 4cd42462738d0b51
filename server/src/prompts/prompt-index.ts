import { resolve } from 'node:path';
import { indexFile, type FileIndex } from './file-index';
import { noComments } from './comments';
import { findPrompts, type FinderResult } from './finder';
import type { ProjectCache } from './project';
import type { PromptSite } from './types';

interface CachedResult {
  /** Versions of the file and of every file it depends on when the result was computed. */
  versions: Map<string, number>;
  result: FinderResult;
}

/**
 * Which record of a site found from several files to keep: one seen at a call (it has the call's
 * model and annotations) over the definition alone, and a prompt used whole over one used as a part.
 * Without a call, a record inside another prompt (a messages array not sent in view) wins over the
 * definition alone, as at a call: otherwise the text counted twice or once depending on file order.
 */
function preference(site: PromptSite): number {
  return (site.call ? 2 : 0) + (site.call ? (site.partOf ? 0 : 1) : site.partOf ? 1 : 0);
}

/**
 * Prompt sites of a workspace, cached per file by version: a file is re-analysed only when it or a
 * file it resolved an import into has changed. Sites found in one file but defined in another (an
 * imported constant) are reported in the defining file.
 */
export class PromptIndex {
  private readonly indexes = new Map<string, { version: number; index: FileIndex }>();
  private readonly results = new Map<string, CachedResult>();

  constructor(private readonly project: ProjectCache) {
    // An index holds its file's syntax tree: drop it with the tree (finder results hold no nodes).
    project.onTreeEvicted((file) => this.indexes.delete(file));
  }

  /** The syntax index of a file at its current version (parsed on first use). */
  index(path: string): FileIndex | undefined {
    const file = resolve(path);
    const sourceFile = this.project.sourceFile(file);
    if (!sourceFile) return undefined;
    const version = this.project.version(file);
    const cached = this.indexes.get(file);
    if (cached && cached.version === version) return cached.index;
    const index = indexFile(file, sourceFile);
    this.indexes.set(file, { version, index });
    return index;
  }

  /** Finder results for one file (cached while it and its dependencies are unchanged). */
  find(path: string): FinderResult {
    const file = resolve(path);
    const cached = this.results.get(file);
    if (cached && [...cached.versions].every(([f, v]) => this.project.version(f) === v)) return cached.result;
    const index = this.index(file);
    if (!index) return { sites: [], dependencies: [], notes: ['file could not be read'], comments: noComments() };
    const result = findPrompts(index, (f) => this.index(f), (from, spec) => this.project.resolveModule(from, spec));
    const versions = new Map<string, number>([[file, this.project.version(file)]]);
    for (const dep of result.dependencies) versions.set(dep, this.project.version(dep));
    this.results.set(file, { versions, result });
    return result;
  }

  /** Forgets a file's cached results. */
  forget(file: string): void {
    this.indexes.delete(file);
    this.results.delete(file);
  }

  /** Forgets every file's finder results (syntax indexes stay): imports that did not resolve are tried again. */
  forgetResults(): void {
    this.results.clear();
  }

  /**
   * Sites of a set of files grouped by the file they are reported in. A site found from several
   * files (a constant used by two calls) is kept once, with the first call seen.
   */
  sitesByFile(files: readonly string[]): Map<string, PromptSite[]> {
    const byId = new Map<string, PromptSite>();
    for (const file of files) {
      for (const site of this.find(resolve(file)).sites) {
        const existing = byId.get(site.id);
        if (!existing || preference(site) > preference(existing)) byId.set(site.id, site);
      }
    }
    const grouped = new Map<string, PromptSite[]>();
    for (const site of byId.values()) {
      const list = grouped.get(site.file);
      if (list) list.push(site);
      else grouped.set(site.file, [site]);
    }
    for (const list of grouped.values()) list.sort((a, b) => a.span.start - b.span.start);
    return grouped;
  }

  /** Files that depend on `file` (import it), from cached results; used to re-lint importers. */
  dependents(file: string): string[] {
    const out: string[] = [];
    for (const [f, cached] of this.results) if (f !== file && cached.versions.has(file)) out.push(f);
    return out;
  }
}
