import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { ConfigIssue } from '../workspace-types';
import { LineMap } from '../text/line-map';
import { configSchema, defaultConfig, type Config, type ConfigInput } from './schema';
import { deepMerge } from './deep-merge';
import { describeValue, zodIssuesToConfigIssues } from './issue-messages';
import { findJsonSyntaxError } from './json-syntax';
import { isPlainObject, salvage } from './zod-walk';

/** Name of the workspace configuration file. */
export const CONFIG_FILE_NAME = '.promptcost.json';

/** The byte order mark some editors put at the start of UTF-8 files. */
const BOM = '\uFEFF';

/** A parsed configuration and the problems found on the way (empty when the input was valid). */
export interface ConfigResult {
  config: Config;
  issues: ConfigIssue[];
  /**
   * The valid parts of the input as written, without defaults: what to layer over another
   * configuration with `mergeConfig` (layering `config` would reset every key to its default).
   */
  input: ConfigInput;
}

/** The defaults and one whole-file issue. */
function failure(source: string, message: string): ConfigResult {
  return { config: defaultConfig(), issues: [{ source, path: '', message }], input: {} };
}

/**
 * Validates a configuration value. Never throws: on problems it returns the defaults with every
 * valid part of `raw` kept (an invalid key, rule, budget or model falls back to its default alone)
 * and one issue per problem, with the dotted path of the bad key and a message for humans.
 * @example parseConfig({ callsPerDay: 'lots', defaultModel: 'gpt-4o-mini' }, '.promptcost.json')
 * // config.defaultModel 'gpt-4o-mini', config.callsPerDay 1000,
 * // issues [{ source: '.promptcost.json', path: 'callsPerDay', message: 'expected a number, got "lots"' }]
 */
export function parseConfig(raw: unknown, source: string): ConfigResult {
  if (!isPlainObject(raw)) {
    return failure(source, `the configuration must be a JSON object like {"defaultModel": "gpt-4o"}, got ${describeValue(raw)}`);
  }
  const parsed = configSchema.safeParse(raw);
  if (parsed.success) return { config: parsed.data, issues: [], input: raw as ConfigInput };
  const issues = zodIssuesToConfigIssues(parsed.error.issues, { root: configSchema, value: raw, source });
  const kept = salvage(configSchema, raw);
  const input = (kept.ok ? kept.value : {}) as ConfigInput;
  const config = configSchema.safeParse(input);
  return { config: config.success ? config.data : defaultConfig(), issues, input: config.success ? input : {} };
}

/**
 * Parses the text of a configuration file: strict JSON (no comments, no trailing commas), with an
 * optional UTF-8 byte order mark. Invalid JSON yields the defaults and one issue with path `''` whose
 * message gives the line and column of the error. Never throws and never evaluates code.
 * @example parseConfigText('{"callsPerDay": 10,}', '.promptcost.json').issues[0].message
 * // "invalid JSON at 1:19: trailing comma before '}'"
 */
export function parseConfigText(text: string, source: string): ConfigResult {
  const body = text.startsWith(BOM) ? text.slice(BOM.length) : text;
  if (body.trim() === '') {
    return failure(source, 'the file is empty; expected a JSON object such as {}');
  }
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch (error) {
    const found = findJsonSyntaxError(body);
    const offset = found?.offset ?? 0;
    const reason = found?.message ?? (error instanceof Error ? error.message : String(error));
    const { line, column } = new LineMap(body).oneBased({ start: offset, end: offset });
    return failure(source, `invalid JSON at ${line}:${column}: ${reason}`);
  }
  return parseConfig(raw, source);
}

/**
 * Reads and parses a configuration file; a file that cannot be read yields the defaults and an
 * issue "cannot read …". Never throws.
 * @example loadConfigFile('/repo/.promptcost.json')
 */
export function loadConfigFile(path: string): ConfigResult {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message;
    return failure(path, `cannot read ${path}: ${reason}`);
  }
  return parseConfigText(text, path);
}

/** Whether `path` is an existing regular file (false on any error). */
function isFile(path: string): boolean {
  try {
    return existsSync(path) && statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * The nearest `.promptcost.json` in `startDir` or one of its parent directories, or undefined.
 * @example findConfigFile('/repo/src/agents') // '/repo/.promptcost.json'
 */
export function findConfigFile(startDir: string): string | undefined {
  let dir = resolve(startDir);
  for (;;) {
    const candidate = join(dir, CONFIG_FILE_NAME);
    if (isFile(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * Layers a configuration over another (e.g. `.promptcost.json` over VS Code settings): objects
 * (`rules`, `budgets`, `models`, `dynamicTokens`, `tokenFactors`, `budget`, a rule's `{ severity, options }`)
 * merge key by key with `override` winning; arrays and scalars in `override` replace the base value.
 * `override` is not validated: pass the `input` of a `parseConfig`/`loadConfigFile` result.
 * @example mergeConfig(defaultConfig(), { budgets: { 'role:system': { maxTokens: 500 } } })
 */
export function mergeConfig(base: Config, override: ConfigInput | undefined): Config {
  return deepMerge(base, override);
}
