import { z } from 'zod';
import type { PricedPrompt } from '../analysis-types';
import type { ModelPriceSetting } from '../config/schema';
import { suggestModelId } from '../pricing/catalogue';
import type { Span } from '../prompts/types';
import { editDistance } from '../text/edit-distance';
import { splitModelId } from '../tokens/model-id';
import { ruleDocsUrl } from './utils/docs-url';
import { defineRule, type Fix, type RuleReport } from './types';

/**
 * Most edits between a typed id and its suggestion for the quick fix to offer it: two typos (a missing
 * and a doubled letter, two swapped pairs). Farther suggestions are named in the message only. A design
 * choice, below the `suggestModelId` limit for long ids (3).
 */
export const MAX_FIX_EDITS = 2;
/** Most edits between a typed id and a custom model (`models` in the configuration) for it to be suggested. */
const MAX_CUSTOM_SUGGESTION_EDITS = 2;

/** One model id to report: where, with which prompts, and the literal to fix when it is in this file. */
interface Finding {
  id: string;
  span: Span;
  prompts: PricedPrompt[];
  annotation: boolean;
  /** The model id literal (its text without quotes), when the call's model is written in this file. */
  literal?: Span;
  api?: string;
}

/**
 * `unknown-model`: a model id written in code (or in a `model=` annotation) that neither the price
 * catalogue nor the configured `models` know. Its prompts are not priced (no default price is put in
 * its place); the message names the nearest known id, and a close one is offered as a fix.
 */
export default defineRule({
  meta: {
    id: 'unknown-model',
    description: 'Model ids should be known to the price catalogue (or configured under models) so their prompts are priced.',
    defaultSeverity: 'info',
    docsUrl: ruleDocsUrl('unknown-model'),
    messages: {
      suggestion: "Unknown model '{model}'{where}: not in the price catalogue, so {what} not priced. Did you mean '{suggestion}'?",
      unknown: "Unknown model '{model}'{where}: not in the price catalogue, so {what} not priced. Add its prices under `models` in .promptcost.json (or the promptcost.models setting).",
    },
    options: z
      .object({
        /** Model ids never reported (compared case-insensitively): local or private models you do not price. */
        ignore: z.array(z.string().min(1)).default([]),
      })
      .strict(),
    fixable: true,
  },
  check({ prompts, file, text, config, options }) {
    const ignored = new Set(options.ignore.map((id) => id.trim().toLowerCase()));
    const reports: RuleReport[] = [];
    for (const finding of findings(prompts, file)) {
      if (ignored.has(finding.id.trim().toLowerCase())) continue;
      const suggestion = suggestCustom(finding.id, config.models) ?? suggestModelId(finding.id);
      const calls = new Set(finding.prompts.map((p) => (p.site.call ? p.site.call.span.start : p.site.id))).size;
      const count = finding.prompts.length;
      reports.push({
        span: finding.span,
        messageId: suggestion ? 'suggestion' : 'unknown',
        data: {
          model: finding.id,
          where: finding.annotation ? ' (from the promptcost annotation)' : finding.literal ? '' : ` (the model of \`${finding.api}\`)`,
          what: calls > 1 ? `the prompts of these ${calls} calls are` : count === 1 ? 'this prompt is' : `these ${count} prompts are`,
          suggestion: suggestion ?? '',
        },
        fix: suggestion && finding.literal ? modelFix(file, text, finding, suggestion) : undefined,
        promptId: finding.prompts[0].site.id,
      });
    }
    return reports;
  },
});

/**
 * Unknown models of a file's prompts, one finding per model literal (a constant used by several calls is
 * reported once, on the constant), per call when the literal is elsewhere, per prompt for annotations.
 * Calls in other files are reported there; calls whose model is not visible (priced with the default
 * model, said in the hover) are not reported.
 */
function findings(prompts: readonly PricedPrompt[], file: string): Finding[] {
  const found = new Map<string, Finding>();
  for (const prompt of prompts) {
    const { site, model } = prompt;
    if (model.known || site.partOf || model.source === 'default') continue;
    let key: string;
    let finding: Omit<Finding, 'prompts'>;
    if (model.source === 'annotation') {
      // A call's annotation reaches all its prompts: one report per call (or per prompt without a call).
      key = `annotation#${model.id}#${site.call ? `${site.call.file}#${site.call.span.start}` : site.id}`;
      finding = { id: model.id, span: site.span, annotation: true };
    } else {
      const call = site.call;
      if (!call || call.file !== file) continue;
      const literal = call.modelSpan;
      key = literal ? `literal#${literal.start}` : `call#${call.span.start}`;
      finding = { id: model.id, span: literal ?? call.calleeSpan, annotation: false, literal, api: call.api };
    }
    const existing = found.get(key);
    if (existing) existing.prompts.push(prompt);
    else found.set(key, { ...finding, prompts: [prompt] });
  }
  return [...found.values()];
}

/** The configured custom model nearest to a typed id, when it is within a couple of typos. */
function suggestCustom(id: string, models: Record<string, ModelPriceSetting>): string | undefined {
  const wanted = id.trim().toLowerCase();
  let best: { name: string; distance: number } | undefined;
  for (const name of Object.keys(models)) {
    const distance = editDistance(wanted, name.toLowerCase());
    if (distance <= MAX_CUSTOM_SUGGESTION_EDITS && (!best || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

/**
 * Replaces the model id literal with the suggestion when the literal reads exactly as the id (no escapes)
 * and the suggestion is close: within `MAX_FIX_EDITS` edits, or the same name parts in another order.
 * Not safe: it changes which model the call runs on.
 */
function modelFix(file: string, text: string, finding: Finding, suggestion: string): Fix | undefined {
  const span = finding.literal!;
  if (text.slice(span.start, span.end) !== finding.id) return undefined;
  const typed = splitModelId(finding.id.toLowerCase()).model;
  const wanted = splitModelId(suggestion.toLowerCase()).model;
  if (editDistance(typed, wanted) > MAX_FIX_EDITS && nameParts(typed) !== nameParts(wanted)) return undefined;
  return { title: `Use '${suggestion}'`, safe: false, edits: [{ file, start: span.start, end: span.end, newText: suggestion }] };
}

function nameParts(model: string): string {
  return model.split(/[-.]/).sort().join('-');
}
