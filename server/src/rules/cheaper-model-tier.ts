import { basename } from 'node:path';
import { z } from 'zod';
import { lookupModel, type ModelPrices } from '../pricing/catalogue';
import { callCost, formatUsd, monthlyCost } from '../pricing/cost';
import { cheaperTiers, nextCheaperTier, tierKey } from '../pricing/tiers';
import { bareModelName } from '../tokens/model-id';
import { ruleDocsUrl } from './utils/docs-url';
import { defineRule, type Fix, type RuleReport } from './types';
import { callGroups, callReportSpan, groupOutput, groupTokens, type CallGroup } from './utils/call-groups';
import { readObjectLayout } from './utils/object-text';
import { scoreSmallTask } from './utils/small-task';

/** Ids the fix must not rewrite: Vertex `@date`, Bedrock `anthropic.…-v2:0` (their cheaper tier is spelled differently). */
const PLATFORM_ID = /@|-v\d+(?::\d+)?$|^(?:[a-z]{2}\.)?anthropic\./;

/** Options that give the model tools (an agent, not a one-shot task). */
const TOOL_KEYS = ['tools', 'functions', 'tool_choice', 'toolChoice'];

const phrases = (list: string[]) => z.array(z.string().min(1)).default(list);

/**
 * `cheaper-model-tier`: a premium model on a task a smaller tier of the same family does well
 * (classification, extraction, routing, yes/no, short rewrites), judged from the prompt text, a small
 * output cap and structured output. Advice, not a verdict: the message says to confirm with an eval.
 */
export default defineRule({
  meta: {
    id: 'cheaper-model-tier',
    description: 'Premium models on small tasks (classification, extraction, yes/no) could use a cheaper tier.',
    defaultSeverity: 'info',
    docsUrl: ruleDocsUrl('cheaper-model-tier'),
    messages: {
      cheaper:
        '{model}{where} on what looks like a small task ({reasons}). {next} would cost about {saving}/month less ({current} → {cheaper}/month at {calls} calls/day){further}. Confirm the quality with an eval before switching.',
    },
    options: z
      .object({
        /** Models to check; empty = every model that has a cheaper tier and is not itself a small tier. */
        premiumModels: z.array(z.string().min(1)).default([]),
        /** Name parts of models that are already a small tier (`gpt-5-mini`, `claude-haiku-4-5`, `gemini-2.5-flash-lite`). */
        smallTierNames: z.array(z.string().min(1)).default(['mini', 'nano', 'lite', 'haiku']),
        /** An output cap (or `output-tokens` annotation) at or below this is a small-task signal. */
        smallOutputTokens: z.number().int().positive().default(256),
        /** Signals needed to report (see the docs for the scoring). */
        minScore: z.number().positive().default(2),
        /** Report only when the saving is at least this much per month (USD). */
        minSavingPerMonth: z.number().nonnegative().default(1),
        /** Static prompts longer than this (tokens) count one signal against (long prompts describe bigger jobs). */
        longPromptTokens: z.number().int().positive().default(2000),
        /** Wording of small tasks: each distinct phrase found is a signal (two at most). */
        taskPhrases: phrases([
          'classify', 'classification', 'categorize', 'categorise', 'which category', 'assign a label', 'label the', 'tag the',
          'extract', 'pull out the', 'parse the', 'named entit', 'route the', 'routing', 'which department', 'which team', 'which tool',
          'detect the intent', 'identify the intent', 'sentiment', 'detect the language', 'identify the language',
          'decide whether', 'determine whether', 'decide if', 'determine if', 'is spam', 'respond with only', 'reply with only',
          'answer with only', 'respond only with', 'reply only with', 'answer only with',
        ]),
        /** Answers so constrained that a small model gives them as well: one of these is two signals. */
        answerPhrases: phrases([
          'yes or no', 'true or false', 'one word', 'single word', 'a single label', 'only the label', 'only the category',
          'one of the following categories', 'one of the following labels',
        ]),
        /** Short rewrites and translations: one signal. */
        rewritePhrases: phrases([
          'translate', 'rephrase', 'rewrite', 'paraphrase', 'fix the grammar', 'correct the grammar', 'fix grammar', 'fix the spelling',
          'correct the spelling', 'proofread', 'shorten', 'in one sentence', 'a short title', 'generate a title', 'a title for', 'tl;dr',
        ]),
        /** Wording of jobs that do need a strong model: any of them counts two signals against. */
        complexPhrases: phrases([
          'step by step', 'step-by-step', 'chain of thought', 'think carefully', 'think through', 'reason through', 'write code',
          'write a function', 'debug', 'refactor', 'prove that', 'multi-step', 'in depth', 'in-depth', 'essay', 'research', 'strategy',
          'detailed report',
        ]),
      })
      .strict(),
    fixable: true,
  },
  check({ prompts, file, text, config, options }) {
    const reports: RuleReport[] = [];
    for (const group of callGroups(prompts, file)) {
      const { model } = group;
      if (model.source === 'default' || !isPremium(model.id, options)) continue;
      // A call in another file: judged here from this file's prompt text, unless the call's own signals
      // (cap, output format) already suffice — then the call's file reports it.
      if (!group.local && scoreSmallTask(group, options, { withText: false }).score >= options.minScore) continue;
      const next = nextCheaperTier(model.id);
      const prices = lookupModel(model.id, config.models);
      const cheaperPrices = next ? lookupModel(next, config.models) : undefined;
      if (!next || !prices || !cheaperPrices) continue;
      const layout = group.local && group.call.optionsSpan ? readObjectLayout(text, group.call.optionsSpan) : undefined;
      const score = scoreSmallTask(group, options, { hasTools: layout?.keys.some((key) => TOOL_KEYS.includes(key)) });
      if (score.score < options.minScore) continue;
      // The same tokens (prompts with dynamic estimates, expected output) priced on each tier.
      const usage = { input: groupTokens(group).total, output: groupOutput(group, config) };
      const perMonth = (tier: ModelPrices) => monthlyCost(callCost(usage, tier).total, group.callsPerDay);
      const current = perMonth(prices);
      const cheaper = perMonth(cheaperPrices);
      if (current - cheaper < options.minSavingPerMonth) continue;
      const cheapest = cheaperTiers(model.id).at(-1);
      const cheapestPrices = cheapest && cheapest !== next ? lookupModel(cheapest, config.models) : undefined;
      reports.push({
        span: group.local ? callReportSpan(group) : group.prompts[0].site.span,
        promptId: group.local ? undefined : group.prompts[0].site.id,
        messageId: 'cheaper',
        data: {
          model: model.id,
          where: group.local ? '' : ` (sent by \`${group.call.api}\` in ${basename(group.call.file)})`,
          reasons: score.reasons.join(', '),
          next,
          saving: formatUsd(current - cheaper),
          current: formatUsd(current),
          cheaper: formatUsd(cheaper),
          calls: group.callsPerDay.toLocaleString('en-US'),
          further: cheapestPrices ? `; ${cheapest}, the smallest tier, about ${formatUsd(current - perMonth(cheapestPrices))} less` : '',
        },
        fix: modelFix(group, next, text),
      });
    }
    return reports;
  },
});

/** Whether a model is one to check: listed, or (no list) it has a cheaper tier and is not a small tier itself. */
function isPremium(modelId: string, options: { premiumModels: string[]; smallTierNames: string[] }): boolean {
  if (options.premiumModels.length > 0) return options.premiumModels.some((m) => tierKey(m) === tierKey(modelId));
  const parts = bareModelName(modelId).split(/[-.@:/]/);
  return !options.smallTierNames.some((name) => parts.includes(name.toLowerCase()));
}

/**
 * Replaces the model id literal with the cheaper tier, only when the literal is inside the call (a
 * shared constant or a LangChain model object would switch other calls too) and is a plain API id.
 * The edit is in the call's file, which is another file when the prompt was judged here.
 */
function modelFix(group: CallGroup, next: string, text: string): Fix | undefined {
  const { call, model } = group;
  const span = call.modelSpan;
  if (!span || model.source !== 'call' || span.start < call.span.start || span.end > call.span.end) return undefined;
  if ((group.local && text.slice(span.start, span.end) !== call.model) || PLATFORM_ID.test(model.id.toLowerCase())) return undefined;
  return { title: `Use ${next} (confirm the quality with an eval)`, safe: false, edits: [{ file: call.file, start: span.start, end: span.end, newText: next }] };
}
