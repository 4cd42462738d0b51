import { z } from 'zod';
import { lookupModel } from '../pricing/catalogue';
import { callCost, formatUsd } from '../pricing/cost';
import { ruleDocsUrl } from './utils/docs-url';
import { defineRule, type RuleReport, type TextEdit } from './types';
import { callGroups, formatTokens } from './utils/call-groups';
import { isReasoningModel, maxOutputTokens } from './utils/max-output-tokens';
import { addPropertyEdits, readObjectLayout, type ObjectLayout } from './utils/object-text';

/**
 * The output-cap parameter each SDK call takes, by API. Google's goes inside `config`; LangChain and
 * Google model objects take it where the model is built, so those calls are reported without a fix.
 */
const CAP_PARAMS: ReadonlyArray<[RegExp, string]> = [
  [/^openai\.chat\.completions\./, 'max_completion_tokens'],
  [/^openai\.responses\./, 'max_output_tokens'],
  [/^openai\.completions\.create$/, 'max_tokens'],
  [/^anthropic\.messages\./, 'max_tokens'],
  [/^ai-sdk\.(generateText|streamText|generateObject|streamObject)$/, 'maxOutputTokens'],
  [/^google\.models\.generateContent/, 'config.maxOutputTokens'],
];

/**
 * APIs that configure a model or an agent rather than call it once (their cap is checked at the calls, or
 * set per agent run). LangChain templates stay: the finder gives them the facts of the model they are
 * piped into, and without a visible model they are priced with the default and skipped.
 */
const NOT_A_MODEL_CALL = /^google\.getGenerativeModel$|^agent\.|^openai\.agents\./;
/** Options that may hold the model's settings (cap included) as a nested object. */
const NESTED_SETTINGS = ['config', 'generationConfig', 'modelKwargs', 'callOptions'];

/**
 * `missing-output-cap`: a call to a model whose output price is above a threshold, with no max output
 * tokens setting: one runaway reply is billed up to the model's output limit.
 */
export default defineRule({
  meta: {
    id: 'missing-output-cap',
    description: 'Calls to models with expensive output should cap the output tokens.',
    defaultSeverity: 'warning',
    docsUrl: ruleDocsUrl('missing-output-cap'),
    messages: {
      missing:
        'No output cap on this {model} call ({price} per million output tokens): one reply may run to {limit} tokens, up to {worst} per call. Set {param} to bound it.',
    },
    options: z
      .object({
        /** Report models whose output price is above this, in USD per million output tokens. */
        outputPriceAbove: z.number().nonnegative().default(5),
        /** The cap the fix adds. */
        maxTokens: z.number().int().positive().default(1024),
        /** The cap the fix adds for reasoning models (o-series, gpt-5), whose cap also counts reasoning tokens. */
        reasoningMaxTokens: z.number().int().positive().default(8192),
      })
      .strict(),
    fixable: true,
  },
  check({ prompts, file, text, config, options }) {
    const reports: RuleReport[] = [];
    for (const group of callGroups(prompts, file)) {
      const { call, model } = group;
      if (!group.local || model.source === 'default' || NOT_A_MODEL_CALL.test(call.api)) continue;
      if (call.maxOutputTokens !== undefined || call.maxOutputParam !== undefined) continue;
      const prices = lookupModel(model.id, config.models);
      if (!prices || prices.output <= options.outputPriceAbove) continue;
      const layout = call.optionsSpan ? readObjectLayout(text, call.optionsSpan) : undefined;
      // A cap may hide in a spread (`...defaults`) or a settings object we cannot read (`config: CONFIG`).
      if (layout && (layout.hasSpread || hiddenSettings(text, layout))) continue;
      const param = CAP_PARAMS.find(([api]) => api.test(call.api))?.[1];
      const cap = isReasoningModel(model.id) ? options.reasoningMaxTokens : options.maxTokens;
      const limit = maxOutputTokens(model.id);
      reports.push({
        span: call.calleeSpan,
        messageId: 'missing',
        data: {
          model: model.id,
          price: formatUsd(prices.output),
          limit: `${formatTokens(limit.tokens)}${limit.assumed ? ' (assumed)' : ''}`,
          worst: formatUsd(callCost({ input: 0, output: limit.tokens }, prices).output),
          param: param ? `\`${param.replace('config.', '')}\`` : 'a max output tokens setting where the model is configured',
        },
        fix: param && layout ? capFix(file, text, layout, param, cap) : undefined,
      });
    }
    return reports;
  },
});

/** Whether a nested settings option is there but not an object literal we can see into. */
function hiddenSettings(text: string, layout: ObjectLayout): boolean {
  return layout.keys.some((key, i) => {
    if (!NESTED_SETTINGS.includes(key)) return false;
    const property = text.slice(layout.properties[i].start, layout.properties[i].end);
    return !/^[\w$'"]+\s*:\s*\{/.test(property);
  });
}

/** Adds the cap parameter to the call's options; Google's only when there is no `config` to merge into. */
function capFix(file: string, text: string, layout: ObjectLayout, param: string, cap: number): { title: string; edits: TextEdit[]; safe: boolean } | undefined {
  let property = `${param}: ${cap}`;
  if (param.startsWith('config.')) {
    if (layout.keys.includes('config')) return undefined;
    property = `config: { ${param.slice('config.'.length)}: ${cap} }`;
  }
  return { title: `Add ${property}`, edits: addPropertyEdits(file, text, layout, property), safe: false };
}
