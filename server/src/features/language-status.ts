import { formatUsd } from '../pricing/cost';
import { formatTokens, totalsOf, UNKNOWN_PRICE } from './cost-text';
import { LANGUAGE_STATUS_REQUEST, type LanguageStatus, type LanguageStatusParams } from './protocol';
import type { Session } from './session';

const OFF: LanguageStatus = { enabled: false, prompts: 0, tokens: 0, approximate: false, perMonth: 0, text: 'promptcost off', detail: 'promptcost.enable is false' };

/** `promptcost/languageStatus`: how many prompts a file defines and what they cost per month. */
export function registerLanguageStatus(session: Session): void {
  session.connection.onRequest(LANGUAGE_STATUS_REQUEST, async (params: LanguageStatusParams): Promise<LanguageStatus> => {
    await session.ready;
    const document = session.documents.get(params.uri);
    const file = session.sourcePath(document);
    const none = statusOf(0, 0, false, 0, 0);
    if (!file) return none;
    return session.safely('language status', file, none, () => {
      const folder = session.folderFor(file);
      if (!folder.enabled) return OFF;
      const view = session.view(file);
      if (!view) return OFF;
      const totals = totalsOf(view.analysis.prompts);
      return statusOf(totals.prompts, totals.tokens, totals.approximate, totals.perMonth, view.config.callsPerDay, totals.unpriced);
    });
  });
}

/**
 * The status of a file with `prompts` prompts, `unpriced` of them on a model without a known price.
 * @example statusOf(3, 2400, true, 412, 1000).text // '3 prompts · $412/mo'
 * @example statusOf(1, 80, false, 0, 1000, 1).text // '1 prompt · unknown model price'
 */
export function statusOf(prompts: number, tokens: number, approximate: boolean, perMonth: number, callsPerDay: number, unpriced = 0): LanguageStatus {
  const cost = unpriced > 0 && unpriced >= prompts ? UNKNOWN_PRICE : `${formatUsd(perMonth)}/mo${unpriced > 0 ? ` (+${unpriced} at an ${UNKNOWN_PRICE})` : ''}`;
  const text = prompts === 0 ? 'no prompts' : `${prompts} prompt${prompts === 1 ? '' : 's'} · ${cost}`;
  const detail = prompts === 0 ? 'no LLM prompts found in this file' : `${formatTokens(tokens, approximate)} tokens; monthly cost at ${callsPerDay.toLocaleString('en-US')} calls/day unless annotated`;
  return { enabled: true, prompts, tokens, approximate, perMonth, text, detail };
}
