import type { ModelPriceSetting } from '../config/schema';
import { lookupModel } from './catalogue';

/**
 * A model's context window in tokens: custom settings first, then the genai-prices catalogue, then a
 * documented fallback table (pricing/context-window-fallbacks.ts); undefined when nobody says.
 * @example contextWindow('gpt-4o') // 128000
 * @example contextWindow('gemini-2.5-pro') // 1048576 (fallback table: the catalogue has none)
 */
export function contextWindow(modelId: string, custom?: Record<string, ModelPriceSetting>): number | undefined {
  return lookupModel(modelId, custom)?.contextWindow;
}
