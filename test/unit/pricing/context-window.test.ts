import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { findProvider } from '@pydantic/genai-prices';
import { contextWindow } from '../../../server/src/pricing/context-window';
import { CONTEXT_WINDOW_FALLBACKS } from '../../../server/src/pricing/context-window-fallbacks';

describe('contextWindow', () => {
  it('uses the catalogue value', () => {
    const info = findProvider({ providerId: 'anthropic' })?.models.find((m) => m.id === 'claude-sonnet-4-5');
    assert.ok(info?.context_window);
    assert.equal(contextWindow('claude-sonnet-4-5-20250929'), info.context_window);
  });

  it('uses the fallback table only where the catalogue has nothing', () => {
    for (const [id, fallback] of Object.entries(CONTEXT_WINDOW_FALLBACKS)) {
      const info = ['openai', 'anthropic', 'google'].flatMap((p) => findProvider({ providerId: p })?.models ?? []).find((m) => m.id === id);
      assert.ok(info, `${id} is a catalogue id`);
      assert.equal(info.context_window, undefined, `${id} has a catalogue context window: drop the fallback`);
      assert.equal(contextWindow(id), fallback.tokens);
    }
  });

  it('prefers a custom setting and is undefined for unknown models', () => {
    assert.equal(contextWindow('gpt-4o', { 'gpt-4o': { input: 1, output: 1, contextWindow: 64_000 } }), 64_000);
    assert.equal(contextWindow('no-such-model-abc'), undefined);
  });
});
