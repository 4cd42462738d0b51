import { lookupModel, suggestModelId } from '../pricing/catalogue';
import type { ConfigIssue } from '../workspace-types';
import type { Config } from './schema';

/** Start of the message of an unknown `defaultModel` (adapters match it to say what follows from it). */
export const UNKNOWN_MODEL_MESSAGE = 'unknown model';

/**
 * An issue when the configured `defaultModel` (after layering) is neither in the price catalogue nor in
 * `models`: prompts whose call shows no model would not be priced. The value is kept (promptcost never
 * swaps in another model's prices); the message suggests the nearest known id.
 * @example defaultModelIssue({ ...defaultConfig(), defaultModel: 'gpt-4o-mnii' }, '.promptcost.json')
 * // { source: '.promptcost.json', path: 'defaultModel',
 * //   message: 'unknown model "gpt-4o-mnii": not in the price catalogue nor in `models`; did you mean "gpt-4o-mini"?' }
 */
export function defaultModelIssue(config: Config, source: string): ConfigIssue | undefined {
  const id = config.defaultModel;
  if (lookupModel(id, config.models)) return undefined;
  const suggestion = suggestModelId(id);
  const hint = suggestion ? `; did you mean ${JSON.stringify(suggestion)}?` : '; add its prices under `models`';
  return { source, path: 'defaultModel', message: `${UNKNOWN_MODEL_MESSAGE} ${JSON.stringify(id)}: not in the price catalogue nor in \`models\`${hint}` };
}
