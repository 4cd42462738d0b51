import { ts } from 'ts-morph';
import { dirname, join, resolve } from 'node:path';
import type { TextReader } from './project';

/** `paths` of a tsconfig/jsconfig, resolved to absolute target patterns. */
interface AliasTable {
  entries: { prefix: string; suffix: string; wildcard: boolean; targets: string[] }[];
}

/** Config files that may declare path aliases, nearest first. */
const CONFIG_NAMES = ['tsconfig.json', 'jsconfig.json'];
/** How many `extends` hops are followed. */
const MAX_EXTENDS = 4;

/**
 * Resolves non-relative imports through `compilerOptions.paths` (`@/lib/prompts` → `./lib/prompts`),
 * reading the nearest tsconfig.json or jsconfig.json as data (never executing anything).
 */
export class PathAliases {
  private readonly byDir = new Map<string, AliasTable | null>();

  constructor(private readonly read: TextReader) {}

  /** Candidate paths (without extension probing) for a specifier imported from a file. */
  candidates(fromFile: string, specifier: string): string[] {
    const table = this.tableFor(dirname(fromFile));
    if (!table) return [];
    const out: string[] = [];
    for (const entry of table.entries) {
      if (entry.wildcard) {
        if (!specifier.startsWith(entry.prefix) || !specifier.endsWith(entry.suffix)) continue;
        const middle = specifier.slice(entry.prefix.length, specifier.length - entry.suffix.length);
        out.push(...entry.targets.map((t) => t.replace('*', middle)));
      } else if (specifier === entry.prefix) out.push(...entry.targets);
    }
    return out;
  }

  private tableFor(dir: string): AliasTable | null {
    const cached = this.byDir.get(dir);
    if (cached !== undefined) return cached;
    let table: AliasTable | null = null;
    for (const name of CONFIG_NAMES) {
      const file = join(dir, name);
      const text = this.read(file);
      if (text !== undefined) {
        table = this.parse(file, text, 0);
        break;
      }
    }
    if (!table) {
      const parent = dirname(dir);
      table = parent !== dir ? this.tableFor(parent) : null;
    }
    this.byDir.set(dir, table);
    return table;
  }

  private parse(file: string, text: string, depth: number): AliasTable | null {
    const { config } = ts.parseConfigFileTextToJson(file, text);
    const options = config?.compilerOptions ?? {};
    let paths: Record<string, string[]> | undefined = options.paths;
    let baseDir = dirname(file);
    if (typeof options.baseUrl === 'string') baseDir = resolve(baseDir, options.baseUrl);
    if (!paths && typeof config?.extends === 'string' && config.extends.startsWith('.') && depth < MAX_EXTENDS) {
      const parentFile = resolve(dirname(file), config.extends.endsWith('.json') ? config.extends : `${config.extends}.json`);
      const parentText = this.read(parentFile);
      return parentText === undefined ? null : this.parse(parentFile, parentText, depth + 1);
    }
    if (!paths || typeof paths !== 'object') return null;
    const entries = Object.entries(paths)
      .filter(([, targets]) => Array.isArray(targets))
      .map(([pattern, targets]) => {
        const star = pattern.indexOf('*');
        return {
          prefix: star >= 0 ? pattern.slice(0, star) : pattern,
          suffix: star >= 0 ? pattern.slice(star + 1) : '',
          wildcard: star >= 0,
          targets: targets.filter((t) => typeof t === 'string').map((t) => resolve(baseDir, t)),
        };
      })
      // Longest prefix first, as TypeScript matches.
      .sort((a, b) => b.prefix.length - a.prefix.length);
    return { entries };
  }
}
