import { z } from 'zod';

/** Default model when a call shows none (a common mid-price default; override in settings). */
export const DEFAULT_MODEL = 'gpt-4o';
/** Calls per day assumed for monthly costs when neither settings nor an annotation say otherwise. */
export const DEFAULT_CALLS_PER_DAY = 1000;
/** Expected output tokens per call when the call shows no cap (a short chat answer). */
export const DEFAULT_OUTPUT_TOKENS = 500;
/**
 * Claude and Gemini have no public JS tokenizer: counts are o200k × factor.
 * Anthropic counts run ~15–20% above OpenAI encodings on English (../shared/design/COST-MODEL.md).
 */
export const DEFAULT_TOKEN_FACTORS = { anthropic: 1.2, google: 1.1 } as const;

export const severitySchema = z.enum(['off', 'hint', 'info', 'warning', 'error']);
export type SeveritySetting = z.infer<typeof severitySchema>;

/** A rule setting: a severity, or `[severity, options]` like ESLint. Options are checked by the rule's own schema. */
export const ruleSettingSchema = z.union([
  severitySchema,
  z.tuple([severitySchema, z.record(z.string(), z.unknown())]),
  z.object({ severity: severitySchema.optional(), options: z.record(z.string(), z.unknown()).optional() }).strict(),
]);
export type RuleSetting = z.infer<typeof ruleSettingSchema>;

const nonNegative = z.number().finite().nonnegative();

/** Custom prices in USD per million tokens, for models missing from the catalogue or negotiated rates. */
export const modelPriceSchema = z
  .object({
    provider: z.enum(['openai', 'anthropic', 'google', 'other']).optional(),
    input: nonNegative,
    output: nonNegative,
    cacheRead: nonNegative.optional(),
    cacheWrite: nonNegative.optional(),
    contextWindow: z.number().int().positive().optional(),
  })
  .strict();
export type ModelPriceSetting = z.infer<typeof modelPriceSchema>;

/** A budget: limits on one prompt (tokens, dollars per call, dollars per month). */
export const budgetSchema = z
  .object({
    maxTokens: z.number().int().positive().optional(),
    maxCostPerCall: z.number().positive().optional(),
    maxCostPerMonth: z.number().positive().optional(),
  })
  .strict();
export type Budget = z.infer<typeof budgetSchema>;

/** Tokens assumed for a dynamic segment (an interpolation) whose size cannot be seen, by role or injection kind. */
export const dynamicTokensSchema = z
  .object({
    system: nonNegative.default(50),
    user: nonNegative.default(200),
    assistant: nonNegative.default(200),
    tool: nonNegative.default(200),
    template: nonNegative.default(100),
    unknown: nonNegative.default(100),
    history: nonNegative.default(2000),
    retrieval: nonNegative.default(3000),
  })
  .strict();

/**
 * The configuration: VS Code settings `promptcost.*` and the workspace file `.promptcost.json` share it.
 * Every key has a default, so `{}` is a valid configuration.
 */
export const configSchema = z
  .object({
    $schema: z.string().optional(),
    enable: z.boolean().default(true),
    defaultModel: z.string().min(1).default(DEFAULT_MODEL),
    callsPerDay: nonNegative.default(DEFAULT_CALLS_PER_DAY),
    outputTokens: z.number().int().nonnegative().default(DEFAULT_OUTPUT_TOKENS),
    tokenFactors: z
      .object({
        anthropic: z.number().positive().default(DEFAULT_TOKEN_FACTORS.anthropic),
        google: z.number().positive().default(DEFAULT_TOKEN_FACTORS.google),
      })
      .strict()
      .default({ anthropic: DEFAULT_TOKEN_FACTORS.anthropic, google: DEFAULT_TOKEN_FACTORS.google }),
    dynamicTokens: dynamicTokensSchema.default(dynamicTokensSchema.parse({})),
    /** Budget for every prompt; `budgets.prompts` overrides it per prompt name or file glob. */
    budget: budgetSchema.default({}),
    budgets: z.record(z.string().min(1), budgetSchema).default({}),
    rules: z.record(z.string().min(1), ruleSettingSchema).default({}),
    models: z.record(z.string().min(1), modelPriceSchema).default({}),
    include: z.array(z.string()).default(['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}']),
    exclude: z.array(z.string()).default(['**/node_modules/**', '**/dist/**', '**/out/**', '**/build/**', '**/*.d.ts']),
    /** Files larger than this are skipped with a message (minified bundles, generated code). */
    maxFileBytes: z.number().int().positive().default(2_000_000),
  })
  .strict();

export type Config = z.infer<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;

/** The configuration with every default applied. */
export function defaultConfig(): Config {
  return configSchema.parse({});
}
