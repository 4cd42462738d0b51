import { z } from 'zod';
import { lookupModel } from '../pricing/catalogue';
import { formatUsd } from '../pricing/cost';
import { ruleDocsUrl } from './utils/docs-url';
import { defineRule, type RuleReport } from './types';
import { callInputWithoutHistory, conversationCost, outputPerCall } from './utils/conversation-cost';
import { historySlice } from './utils/history-slice';
import { injectionName, injectionsIn, isPushGrowth } from './utils/injection-reports';

/** Messages kept by the fix's `.slice(-N)`: ten turns of user + assistant. */
const DEFAULT_KEEP_MESSAGES = 20;
/** Conversation lengths priced in the message: a short chat and a long support session. */
const DEFAULT_SHORT_TURNS = 10;
const DEFAULT_LONG_TURNS = 50;
/** A turn is one user message and one assistant reply. */
const MESSAGES_PER_TURN = 2;

/**
 * `unbounded-history`: chat history passed whole into a call (`...history`, `history.concat(…)`, the
 * request's `messages`, an array pushed to on every turn) with no visible bound. Each call resends every
 * earlier turn, so a conversation's input grows with the square of its turns (COST-MODEL.md,
 * "Unbounded history"). The message prices a short and a long conversation with the call's model.
 */
export default defineRule({
  meta: {
    id: 'unbounded-history',
    description: 'Chat history sent to a model must be bounded (last N messages, a token trim or a summary).',
    defaultSeverity: 'warning',
    docsUrl: ruleDocsUrl('unbounded-history'),
    messages: {
      unbounded:
        'Chat history `{name}` is sent whole on every call with no visible bound, so input grows with the square of the turns. At ≈{turnTokens} tokens a turn on {model}, a {short}-turn conversation costs {shortCost} and a {long}-turn one {longCost} ({longTokens} history tokens); keeping the last {keep} messages brings the {long}-turn one to {longBounded}.',
      unboundedNoPrice:
        'Chat history `{name}` is sent whole on every call with no visible bound, so input grows with the square of the turns: at ≈{turnTokens} tokens a turn, a {long}-turn conversation resends {longTokens} history tokens. Keep the last {keep} messages, trim by tokens or summarise.',
    },
    options: z
      .object({
        /** Messages kept by the fix (`.slice(-N)`). */
        keepMessages: z.number().int().positive().default(DEFAULT_KEEP_MESSAGES),
        /** Tokens of one turn (user + assistant); default: `dynamicTokens.user + dynamicTokens.assistant`. */
        tokensPerTurn: z.number().positive().optional(),
        /** Conversation lengths (turns) priced in the message. */
        shortTurns: z.number().int().positive().default(DEFAULT_SHORT_TURNS),
        longTurns: z.number().int().positive().default(DEFAULT_LONG_TURNS),
      })
      .strict(),
    fixable: true,
  },
  check({ file, text, prompts, options, config }) {
    const reports: RuleReport[] = [];
    const turnTokens = options.tokensPerTurn ?? config.dynamicTokens.user + config.dynamicTokens.assistant;
    for (const { prompt, injection } of injectionsIn(prompts, 'history')) {
      if (injection.bounded) continue;
      const keep = options.keepMessages;
      const prices = prompt.model.known ? lookupModel(prompt.model.id, config.models) : undefined;
      const base = callInputWithoutHistory(prompt, prompts, config);
      const output = outputPerCall(prompt, config);
      const data: Record<string, string | number> = {
        name: injectionName(injection),
        turnTokens: turnTokens.toLocaleString('en-US'),
        model: prompt.model.id,
        short: options.shortTurns,
        long: options.longTurns,
        keep,
        longTokens: `≈${Math.round((turnTokens * options.longTurns * (options.longTurns - 1)) / 2).toLocaleString('en-US')}`,
      };
      if (prices) {
        data.shortCost = formatUsd(conversationCost(base, turnTokens, output, options.shortTurns, prices).total);
        data.longCost = formatUsd(conversationCost(base, turnTokens, output, options.longTurns, prices).total);
        data.longBounded = formatUsd(conversationCost(base, turnTokens, output, options.longTurns, prices, keep / MESSAGES_PER_TURN).total);
      }
      const edit = historySlice(text, file, prompt.site, injection, keep);
      // An array grown with push is reported where the call reads it, not at its declaration.
      const readAt = isPushGrowth(injection) && prompt.site.call?.file === file ? prompt.site.call.promptArgs?.find((a) => text.slice(a.value.start, a.value.end) === injection.target) : undefined;
      const span = readAt?.value ?? injection.span;
      reports.push({
        span,
        promptId: prompt.site.id,
        messageId: prices ? 'unbounded' : 'unboundedNoPrice',
        data,
        fix: edit ? { title: `Keep only the last ${keep} messages (\`.slice(-${keep})\`)`, edits: [{ file, ...edit }], safe: false } : undefined,
      });
    }
    return reports;
  },
});
