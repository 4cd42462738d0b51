import { z } from 'zod';
import type { PricedPrompt } from '../analysis-types';
import type { Config } from '../config/schema';
import { lookupModel } from '../pricing/catalogue';
import { callCost, formatUsd, monthlyCost } from '../pricing/cost';
import type { Injection } from '../prompts/types';
import { ruleDocsUrl } from './utils/docs-url';
import { defineRule, type Fix, type RuleReport } from './types';
import { memberCallOffset, soleArgument } from './utils/expression-text';
import { injectionName, injectionsIn } from './utils/injection-reports';

/** Above this many documents per call a top-k is reported as too large (most RAG answers use 3–8 chunks). */
const DEFAULT_MAX_K = 10;
/** Documents kept by the fix (`.slice(0, k)`, or the new k). */
const DEFAULT_K = 5;
/** Tokens of one retrieved chunk, for pricing extra documents (a 1,000–2,000-character chunk). */
const DEFAULT_TOKENS_PER_DOCUMENT = 500;

/** Tokens assumed for the documents of one call: the segment's own estimate or `dynamicTokens.retrieval`. */
function documentTokens(prompt: PricedPrompt, injection: Injection, config: Config): number {
  const segment = prompt.site.segments.find((s) => s.kind === 'dynamic' && s.source === 'retrieval' && s.span?.start === injection.span.start);
  return (segment?.kind === 'dynamic' ? segment.estimateTokens : undefined) ?? prompt.site.annotation.dynamicTokens ?? config.dynamicTokens.retrieval;
}

/** Monthly input cost of `tokens` tokens per call with the prompt's model and call volume, or undefined when unpriced. */
function monthlyInput(prompt: PricedPrompt, tokens: number, config: Config): number | undefined {
  const prices = prompt.model.known ? lookupModel(prompt.model.id, config.models) : undefined;
  return prices ? monthlyCost(callCost({ input: tokens, output: 0 }, prices).total, prompt.cost.callsPerDay) : undefined;
}

/**
 * The fix: lower a literal k written in this file, or cut the joined collection to k documents
 * (`docs.slice(0, k).map(…)`, `formatDocumentsAsString(docs.slice(0, k))`, `results.documents[0].slice(0, k).join(…)`).
 */
function boundFix(text: string, file: string, injection: Injection, k: number): Fix | undefined {
  if (injection.bounded && injection.boundSpan) {
    return { title: `Retrieve ${k} documents instead of ${injection.bound}`, edits: [{ file, ...injection.boundSpan, newText: String(k) }], safe: false };
  }
  const { start, end } = injection.span;
  const expr = text.slice(start, end);
  if (expr !== injection.expression) return undefined;
  const slice = `.slice(0, ${k})`;
  const at = memberCallOffset(expr, 'map') ?? memberCallOffset(expr, 'join');
  const sole = at === undefined ? soleArgument(expr) : undefined;
  const offset = at ?? sole?.end;
  if (offset === undefined || (sole && !/^(format|combine|docs)/i.test(sole.callee))) return undefined;
  return { title: `Keep the first ${k} documents (\`${slice}\`)`, edits: [{ file, start: start + offset, end: start + offset, newText: slice }], safe: false };
}

/**
 * `unbounded-retrieval`: retrieved documents joined into a prompt with no top-k bound or token budget
 * (`docs.map(d => d.pageContent).join(…)` after a retriever without `k`, `similaritySearch(q)`,
 * `createRetrievalChain({ retriever: store.asRetriever() })`), or with a k above `maxK`
 * (COST-MODEL.md, "Unbounded retrieval").
 */
export default defineRule({
  meta: {
    id: 'unbounded-retrieval',
    description: 'Retrieved documents joined into a prompt must be bounded by a top-k or a token budget.',
    defaultSeverity: 'warning',
    docsUrl: ruleDocsUrl('unbounded-retrieval'),
    messages: {
      unbounded:
        'Retrieved documents `{name}` are joined into the prompt with no visible top-k or token budget, so the prompt grows with whatever the retriever returns (priced here at ≈{tokens} tokens a call, {cost}/month on {model}). Set `k`/`topK` on the retriever or keep the first {k} with `.slice(0, {k})`.',
      unboundedNoPrice:
        'Retrieved documents `{name}` are joined into the prompt with no visible top-k or token budget, so the prompt grows with whatever the retriever returns. Set `k`/`topK` on the retriever or keep the first {k} with `.slice(0, {k})`.',
      tooMany:
        'Retrieval returns up to {bound} documents for `{name}` (more than {maxK}): ≈{tokens} tokens of context a call at ≈{perDocument} a document. Keeping {k} saves ≈{saving}/month on {model}.',
      tooManyNoPrice: 'Retrieval returns up to {bound} documents for `{name}` (more than {maxK}): ≈{tokens} tokens of context a call at ≈{perDocument} a document. Keep {k}.',
    },
    options: z
      .object({
        /** A literal k above this is reported. */
        maxK: z.number().int().positive().default(DEFAULT_MAX_K),
        /** Documents the fix keeps. */
        k: z.number().int().positive().default(DEFAULT_K),
        /** Tokens of one retrieved document, to price extra documents. */
        tokensPerDocument: z.number().positive().default(DEFAULT_TOKENS_PER_DOCUMENT),
      })
      .strict(),
    fixable: true,
  },
  check({ file, text, prompts, options, config }) {
    const reports: RuleReport[] = [];
    for (const { prompt, injection } of injectionsIn(prompts, 'retrieval')) {
      const tooMany = injection.bounded && injection.bound !== undefined && injection.bound > options.maxK;
      if (injection.bounded && !tooMany) continue;
      const k = Math.min(options.k, options.maxK);
      // A k that is too large is reported where it is written (where its fix goes), when that is in this file.
      const atK = tooMany && injection.boundSpan && /^\d+$/.test(text.slice(injection.boundSpan.start, injection.boundSpan.end));
      const base = { span: atK ? injection.boundSpan! : injection.span, promptId: prompt.site.id, fix: boundFix(text, file, injection, k) };
      const data: Record<string, string | number> = { name: injectionName(injection), model: prompt.model.id, k, maxK: options.maxK };
      if (tooMany) {
        const bound = injection.bound!;
        const saving = monthlyInput(prompt, (bound - k) * options.tokensPerDocument, config);
        Object.assign(data, { bound, tokens: (bound * options.tokensPerDocument).toLocaleString('en-US'), perDocument: options.tokensPerDocument });
        if (saving !== undefined) data.saving = formatUsd(saving);
        reports.push({ ...base, messageId: saving !== undefined ? 'tooMany' : 'tooManyNoPrice', data });
        continue;
      }
      const tokens = documentTokens(prompt, injection, config);
      const cost = monthlyInput(prompt, tokens, config);
      Object.assign(data, { tokens: tokens.toLocaleString('en-US') });
      if (cost !== undefined) data.cost = formatUsd(cost);
      reports.push({ ...base, messageId: cost !== undefined ? 'unbounded' : 'unboundedNoPrice', data });
    }
    return reports;
  },
});
