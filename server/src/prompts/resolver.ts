import { ts } from 'ts-morph';
import { findDeclaration, type Declaration, type FileIndex } from './file-index';

/** A declaration together with the file index it lives in. */
export interface Resolved {
  index: FileIndex;
  decl: Declaration;
}

/** Gives the index of another file (parsing it on first use), or undefined when it cannot be read. */
export type IndexProvider = (file: string) => FileIndex | undefined;
/** Resolves a module specifier from a file to a file path. */
export type ModuleResolver = (fromFile: string, specifier: string) => string | undefined;

/** How many re-export hops are followed before giving up (a guard against export cycles). */
const MAX_EXPORT_HOPS = 8;

/**
 * Follows identifiers to their declarations within a file and across relative imports and re-exports.
 * Records each file it reads so cached results can be invalidated when that file changes.
 */
export class Resolver {
  /** Files read while resolving, per analysed file. */
  readonly dependencies = new Set<string>();

  constructor(
    private readonly getIndex: IndexProvider,
    private readonly resolveModule: ModuleResolver,
  ) {}

  /** The declaration `name` refers to at `at` in `index`'s file, following imports. */
  resolveName(index: FileIndex, name: string, at: ts.Node): Resolved | undefined {
    const local = findDeclaration(index, name, at);
    if (local) return { index, decl: local };
    const binding = index.imports.get(name);
    if (!binding || binding.imported === '*') return undefined;
    return this.resolveExport(index.file, binding.module, binding.imported, 0);
  }

  /** The index of the module a namespace import (`import * as p from './p'`) names. */
  namespaceIndex(index: FileIndex, name: string): FileIndex | undefined {
    const binding = index.imports.get(name);
    if (!binding || binding.imported !== '*') return undefined;
    const file = this.resolveModule(index.file, binding.module);
    return file ? this.load(file) : undefined;
  }

  /** The declaration exported as `exported` by the module `specifier` imported from `fromFile`. */
  resolveExport(fromFile: string, specifier: string, exported: string, hops: number): Resolved | undefined {
    if (hops > MAX_EXPORT_HOPS) return undefined;
    const file = this.resolveModule(fromFile, specifier);
    const target = file ? this.load(file) : undefined;
    if (!target) return undefined;
    return this.resolveExportIn(target, exported, hops);
  }

  /** The declaration a file exports under a name. */
  resolveExportIn(target: FileIndex, exported: string, hops = 0): Resolved | undefined {
    const local = target.exports.get(exported);
    if (local !== undefined) {
      const decl = target.declarations.get(local)?.find((d) => d.scope === target.sourceFile);
      if (decl) return { index: target, decl };
      const binding = target.imports.get(local);
      if (binding && binding.imported !== '*') return this.resolveExport(target.file, binding.module, binding.imported, hops + 1);
    }
    for (const re of target.reExports) {
      if (re.names === '*') {
        const found = this.resolveExport(target.file, re.module, exported, hops + 1);
        if (found) return found;
      } else if (re.names.has(exported)) {
        return this.resolveExport(target.file, re.module, re.names.get(exported)!, hops + 1);
      }
    }
    return undefined;
  }

  private load(file: string): FileIndex | undefined {
    this.dependencies.add(file);
    return this.getIndex(file);
  }
}
