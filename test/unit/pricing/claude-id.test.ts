import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseClaudeId } from '../../../server/src/pricing/claude-id';

describe('parseClaudeId', () => {
  it('reads new-style ids, dated or not', () => {
    assert.deepEqual(parseClaudeId('claude-sonnet-4-5-20250929'), { tier: 'sonnet', major: 4, minor: 5 });
    assert.deepEqual(parseClaudeId('claude-sonnet-4-20250514'), { tier: 'sonnet', major: 4, minor: 0 });
    assert.deepEqual(parseClaudeId('claude-opus-4.1'), { tier: 'opus', major: 4, minor: 1 });
    assert.deepEqual(parseClaudeId('claude-opus-4@20250514'), { tier: 'opus', major: 4, minor: 0 });
    assert.deepEqual(parseClaudeId('claude-opus-5'), { tier: 'opus', major: 5, minor: 0 });
  });

  it('reads old-style and provider-wrapped ids', () => {
    assert.deepEqual(parseClaudeId('claude-3-5-haiku-latest'), { tier: 'haiku', major: 3, minor: 5 });
    assert.deepEqual(parseClaudeId('claude-3-opus-20240229'), { tier: 'opus', major: 3, minor: 0 });
    assert.deepEqual(parseClaudeId('us.anthropic.claude-3-7-sonnet-20250219-v1:0'), { tier: 'sonnet', major: 3, minor: 7 });
  });

  it('is undefined for other names', () => {
    assert.equal(parseClaudeId('claude-2'), undefined);
    assert.equal(parseClaudeId('gpt-4o'), undefined);
  });
});
