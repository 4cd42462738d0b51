import type { ModelPriceSetting } from '../config/schema';
import { modelFamily } from '../tokens/encodings';
import { catalogueModel } from './genai-catalogue';
import type { ModelPrices } from './model-prices';

export type { ModelPrices, PriceProvider, PriceTier, RateKey } from './model-prices';
export { suggestModelId } from './model-suggestions';

/**
 * Prices of a model in USD per million tokens. Custom prices (settings `models`, matched by exact id,
 * then case-insensitively) win; otherwise @pydantic/genai-prices' bundled catalogue, with `provider/model`
 * and `provider:model` prefixes accepted. Undefined when neither knows the model.
 * Catalogue results are cached (lookups happen for every prompt) and frozen: do not mutate them.
 * @example lookupModel('gpt-4o') // { id: 'gpt-4o', provider: 'openai', input: 2.5, output: 10, cacheRead: 1.25, contextWindow: 128000, custom: false }
 * @example lookupModel('my-llm', { 'my-llm': { input: 1, output: 2 } }) // { id: 'my-llm', provider: 'other', input: 1, output: 2, custom: true }
 */
export function lookupModel(id: string, custom?: Record<string, ModelPriceSetting>): ModelPrices | undefined {
  const setting = custom ? customSetting(id, custom) : undefined;
  if (setting) return customPrices(id, setting);
  return catalogueModel(id);
}

function customSetting(id: string, custom: Record<string, ModelPriceSetting>): ModelPriceSetting | undefined {
  if (Object.hasOwn(custom, id)) return custom[id];
  const wanted = id.trim().toLowerCase();
  for (const [key, setting] of Object.entries(custom)) if (key.trim().toLowerCase() === wanted) return setting;
  return undefined;
}

function customPrices(id: string, setting: ModelPriceSetting): ModelPrices {
  const prices: ModelPrices = {
    id,
    provider: setting.provider ?? modelFamily(id),
    input: setting.input,
    output: setting.output,
    custom: true,
  };
  if (setting.cacheRead !== undefined) prices.cacheRead = setting.cacheRead;
  if (setting.cacheWrite !== undefined) prices.cacheWrite = setting.cacheWrite;
  const contextWindow = setting.contextWindow ?? catalogueModel(id)?.contextWindow;
  if (contextWindow !== undefined) prices.contextWindow = contextWindow;
  return prices;
}
