import { z } from 'zod';
import { configSchema } from './schema';

/**
 * VS Code's `contributes.configuration` for the `promptcost.*` settings, derived from the zod schema
 * (types, defaults, limits) plus the descriptions below, so package.json never repeats the schema by
 * hand. `npm run gen:settings` writes it into package.json; a unit test fails when package.json is stale.
 */

/** Prefix of every setting. */
export const SETTINGS_PREFIX = 'promptcost';

/**
 * Keys of the configuration that are not VS Code settings: they describe the repository (what to scan,
 * how big a file may be) and belong in `.promptcost.json` next to the code, shared with the CLI.
 */
export const FILE_ONLY_KEYS = ['$schema', 'include', 'exclude', 'maxFileBytes'] as const;

type SettingKey = Exclude<keyof z.input<typeof configSchema>, (typeof FILE_ONLY_KEYS)[number]>;

/** What each setting does (Markdown). Typed by the schema's keys: a new key fails to compile until described. */
const DESCRIPTIONS: Record<SettingKey, string> = {
  enable: 'Find, count and price LLM prompts in TypeScript and JavaScript files. Turn off to silence promptcost in this workspace.',
  defaultModel: 'Model id used to price a call that shows none (an Anthropic or Google call falls back to that provider\'s mid tier when this is another provider\'s model). Any id of the bundled price catalogue or of `#promptcost.models#`.',
  callsPerDay: 'Calls per day assumed for monthly costs (a `// promptcost: calls-per-day=N` annotation overrides it per call). Monthly cost = cost per call × calls per day × 30.',
  outputTokens: 'Output tokens expected per call when the call sets no cap (`max_tokens`, `max_output_tokens`, `maxOutputTokens`…).',
  tokenFactors: 'Claude and Gemini have no public JavaScript tokenizer: their counts are the `o200k_base` count × this factor, shown with `≈`.',
  dynamicTokens: 'Tokens assumed for a dynamic part of a prompt (`${user.question}`, a variable) whose size cannot be seen, by the role of its message, and for injected chat history and retrieved documents.',
  budget: 'Budget for every prompt: `maxTokens`, `maxCostPerCall`, `maxCostPerMonth` (USD). Prompts over it are reported by `prompt-token-budget`.',
  budgets: 'Budgets for some prompts, overriding `#promptcost.budget#` field by field. Keys: a prompt\'s constant name, `role:<role>` (`role:system`, `role:call` for all prompts of one call together) or a file glob (`src/agents/**`).',
  rules: 'Rule settings: `"<rule-id>": "off" | "hint" | "info" | "warning" | "error"`, or `["warning", { options }]`. A `.promptcost.json` in the workspace overrides these.',
  models: 'Prices of models missing from the bundled catalogue, or negotiated rates, in USD per million tokens: `"my-model": { "input": 1, "output": 4, "cacheRead": 0.1, "cacheWrite": 1.25, "contextWindow": 128000 }`.',
};

/** Descriptions of nested properties, by the setting they belong to (for records: their entries). */
const NESTED_DESCRIPTIONS: Partial<Record<SettingKey, Record<string, string>>> = {
  tokenFactors: { anthropic: 'Factor over `o200k_base` for Claude models.', google: 'Factor over `o200k_base` for Gemini models.' },
  dynamicTokens: {
    system: 'Tokens of a dynamic part in a system message.',
    user: 'Tokens of a dynamic part in a user message.',
    assistant: 'Tokens of a dynamic part in an assistant message.',
    tool: 'Tokens of a dynamic part in a tool message.',
    template: 'Tokens of a dynamic part in a prompt template.',
    unknown: 'Tokens of a dynamic part whose role is unknown.',
    history: 'Tokens of an injected chat history.',
    retrieval: 'Tokens of injected retrieved documents.',
  },
  budget: budgetFieldDescriptions(),
  budgets: budgetFieldDescriptions(),
  models: {
    provider: 'Provider family (for tokenization and cache rules).',
    input: 'USD per million uncached input tokens.',
    output: 'USD per million output tokens.',
    cacheRead: 'USD per million cached input tokens (cache reads).',
    cacheWrite: 'USD per million tokens written to the cache.',
    contextWindow: 'Context window in tokens.',
  },
};

function budgetFieldDescriptions(): Record<string, string> {
  return {
    maxTokens: 'Most tokens a prompt may have.',
    maxCostPerCall: 'Most USD a prompt may cost per call.',
    maxCostPerMonth: 'Most USD a prompt may cost per month.',
  };
}

/** Settings of the client itself (not part of the configuration schema). */
export const CLIENT_SETTINGS: Record<string, Record<string, unknown>> = {
  [`${SETTINGS_PREFIX}.trace.server`]: {
    type: 'string',
    enum: ['off', 'messages', 'verbose'],
    default: 'off',
    scope: 'window',
    description: 'Traces the communication between VS Code and the promptcost language server (in the promptcost output channel).',
  },
};

/** `maximum` zod adds to every integer (Number.MAX_SAFE_INTEGER): noise in a settings editor. */
const SAFE_INTEGER_MAXIMUM = Number.MAX_SAFE_INTEGER;

/** Removes JSON-schema noise zod adds (integer maxima) and the `$schema` header, recursively. */
function tidy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(tidy);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (key === 'maximum' && child === SAFE_INTEGER_MAXIMUM) continue;
    out[key] = tidy(child);
  }
  return out;
}

function describeNested(key: SettingKey, schema: Record<string, unknown>): void {
  const descriptions = NESTED_DESCRIPTIONS[key];
  if (!descriptions) return;
  const record = schema.additionalProperties;
  const entries = typeof record === 'object' && record !== null ? (record as Record<string, unknown>) : schema;
  const properties = entries.properties as Record<string, Record<string, unknown>> | undefined;
  for (const [name, description] of Object.entries(descriptions)) if (properties?.[name]) properties[name] = { ...properties[name], description };
}

/** The names of the settings derived from the schema, in schema order (without the prefix). */
export function settingKeys(): SettingKey[] {
  return Object.keys(configSchema.shape).filter((key): key is SettingKey => !(FILE_ONLY_KEYS as readonly string[]).includes(key));
}

/**
 * The settings VS Code takes from the user only, never from the workspace, in Restricted Mode
 * (package.json `capabilities.untrustedWorkspaces.restrictedConfigurations`): every configuration setting,
 * so that, as with `.promptcost.json`, repository content configures promptcost only once it is trusted.
 * @example restrictedSettings()[0] // 'promptcost.enable'
 */
export function restrictedSettings(): string[] {
  return settingKeys().map((key) => `${SETTINGS_PREFIX}.${key}`);
}

/**
 * The `contributes.configuration` object of package.json.
 * @example settingsContribution().properties['promptcost.callsPerDay'] // { type: 'number', default: 1000, minimum: 0, scope: 'resource', … }
 */
export function settingsContribution(): { title: string; properties: Record<string, Record<string, unknown>> } {
  const schema = tidy(z.toJSONSchema(configSchema, { io: 'input', target: 'draft-7' })) as { properties: Record<string, Record<string, unknown>> };
  const properties: Record<string, Record<string, unknown>> = {};
  settingKeys().forEach((key, order) => {
    const property = { ...schema.properties[key] };
    describeNested(key, property);
    properties[`${SETTINGS_PREFIX}.${key}`] = { ...property, scope: 'resource', order, markdownDescription: DESCRIPTIONS[key] };
  });
  return { title: 'promptcost', properties: { ...properties, ...CLIENT_SETTINGS } };
}

/** Markers around the generated settings table in README.md. */
export const README_TABLE_START = '<!-- settings table: generated by npm run gen:settings -->';
export const README_TABLE_END = '<!-- end of settings table -->';

/** A settings description as plain Markdown (VS Code's `#promptcost.x#` setting links become code). */
function readmeText(markdown: string): string {
  return markdown.replace(/`?#(promptcost\.[\w.]+)#`?/g, '`$1`').replace(/\|/g, '\\|');
}

/**
 * The README table of the settings: name, default and description, in package.json order.
 * @example settingsTable().split('\n')[0] // '| setting | default | description |'
 */
export function settingsTable(): string {
  const rows = ['| setting | default | description |', '|---|---|---|'];
  for (const [name, property] of Object.entries(settingsContribution().properties)) {
    const description = String(property.markdownDescription ?? property.description ?? '');
    rows.push(`| \`${name}\` | \`${JSON.stringify(property.default)}\` | ${readmeText(description)} |`);
  }
  return rows.join('\n');
}
