import { isAbsolute, relative } from 'node:path';
import { findConfigFile, loadConfigFile, mergeConfig, parseConfig, type ConfigResult } from '../config/load-config';
import { defaultModelIssue } from '../config/model-check';
import { DEFAULT_RULE_SOURCE, unknownRuleIssues } from '../config/rule-settings';
import { defaultConfig, type Config, type ConfigInput } from '../config/schema';
import { Engine } from '../engine';
import { RULES } from '../rules';
import type { ConfigIssue } from '../workspace-types';

/** Source name of problems found in VS Code settings. */
export const SETTINGS_SOURCE = 'settings';
/** Settings keys that are the client's, not the configuration's (`promptcost.trace.server`). */
const CLIENT_ONLY_SETTINGS = ['trace'];

/**
 * One workspace folder (or the files outside every folder): its engine, and the configuration layered
 * from the defaults, the VS Code settings `promptcost.*` and the folder's `.promptcost.json` (which wins).
 * In an untrusted workspace the `.promptcost.json` is not read.
 */
export class FolderEngine {
  readonly engine = new Engine();
  private settingsInput: ConfigInput = {};
  private settingsIssues: ConfigIssue[] = [];
  private file: { path: string; result: ConfigResult } | undefined;
  /** True once the background scan of the folder has run. */
  scanned = false;
  /** Set when the folder is closed (a background scan of it stops). */
  disposed = false;

  /** `root` is the folder's absolute path, undefined for files outside every folder. */
  constructor(
    readonly root: string | undefined,
    readonly trusted: boolean,
  ) {}

  /** Whether a file lies inside this folder. */
  contains(file: string): boolean {
    if (this.root === undefined) return false;
    const rel = relative(this.root, file);
    return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
  }

  /** Takes the `promptcost` settings section as VS Code returns it (every key, defaults included). */
  setSettings(raw: unknown): void {
    const section = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? { ...(raw as Record<string, unknown>) } : {};
    for (const key of CLIENT_ONLY_SETTINGS) delete section[key];
    const parsed = parseConfig(section, SETTINGS_SOURCE);
    this.settingsInput = parsed.input;
    this.settingsIssues = parsed.issues;
  }

  /** (Re)reads the nearest `.promptcost.json` at or above the folder; none in untrusted workspaces. */
  loadConfigFile(): void {
    const path = this.trusted && this.root !== undefined ? findConfigFile(this.root) : undefined;
    this.file = path ? { path, result: loadConfigFile(path) } : undefined;
  }

  /** Path of the `.promptcost.json` in use, if any. */
  get configFile(): string | undefined {
    return this.file?.path;
  }

  /** Applies the layered configuration to the engine. */
  apply(): void {
    let config: Config = mergeConfig(defaultConfig(), this.settingsInput);
    const issues = [...this.settingsIssues, ...unknownRuleIssues(config, ruleIds(), SETTINGS_SOURCE).filter((i) => this.fromSettings(i.path))];
    if (this.file) {
      config = mergeConfig(config, this.file.result.input);
      issues.push(...this.file.result.issues, ...unknownRuleIssues(config, ruleIds(), this.file.path).filter((i) => !this.fromSettings(i.path)));
    }
    const modelSource = this.file && this.file.result.input.defaultModel !== undefined ? this.file.path : SETTINGS_SOURCE;
    const model = defaultModelIssue(config, modelSource);
    if (model) issues.push(model);
    this.engine.setConfig(config, issues);
  }

  get config(): Config {
    return this.engine.configuration;
  }

  get enabled(): boolean {
    return this.config.enable;
  }

  /** Problems to show on the `.promptcost.json`: its own, and bad options of rules it configures. */
  configFileIssues(): ConfigIssue[] {
    if (!this.file) return [];
    const path = this.file.path;
    return this.engine.configIssues
      .filter((i) => i.source === path || (i.source === DEFAULT_RULE_SOURCE && !this.fromSettings(i.path)))
      .map((i) => ({ ...i, source: path }));
  }

  /** Problems in the VS Code settings (logged: the Settings editor validates them too). */
  settingsProblems(): ConfigIssue[] {
    return this.engine.configIssues.filter((i) => i.source === SETTINGS_SOURCE || (i.source === DEFAULT_RULE_SOURCE && this.fromSettings(i.path)));
  }

  /** Whether a `rules.<id>…` issue is about a rule set in the settings rather than in the file. */
  private fromSettings(path: string): boolean {
    const id = /^rules\.([^.]+)/.exec(path)?.[1];
    if (id === undefined) return true;
    const fileRules = this.file?.result.input.rules;
    return !(fileRules && Object.hasOwn(fileRules, id));
  }

  dispose(): void {
    this.disposed = true;
    this.engine.dispose();
  }
}

function ruleIds(): string[] {
  return RULES.map((rule) => rule.meta.id);
}
