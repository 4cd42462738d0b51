import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { PricedPrompt } from '../../../server/src/analysis-types';
import { statusOf } from '../../../server/src/features/language-status';
import { pathToUri, uriToPath } from '../../../server/src/features/uri';
import { workspaceRoots } from '../../../server/src/features/workspace-folders';
import { labelOf } from '../../../server/src/features/workspace-report';

describe('small converters', () => {
  it('file URIs and paths round-trip; other schemes have no path', () => {
    assert.equal(uriToPath('file:///repo/src/a%20b.ts'), '/repo/src/a b.ts');
    assert.equal(pathToUri('/repo/src/a b.ts'), 'file:///repo/src/a%20b.ts');
    assert.equal(uriToPath('untitled:Untitled-1'), undefined);
  });

  it('workspace roots come from the folders, else the root URI', () => {
    assert.deepEqual(workspaceRoots({ workspaceFolders: [{ uri: 'file:///a', name: 'a' }, { uri: 'vscode-vfs://x/b', name: 'b' }], rootUri: null }), ['/a']);
    assert.deepEqual(workspaceRoots({ workspaceFolders: null, rootUri: 'file:///r' }), ['/r']);
  });

  it('language status text', () => {
    assert.equal(statusOf(3, 2400, true, 412, 1000).text, '3 prompts · $412/mo');
    assert.equal(statusOf(1, 10, false, 0.5, 1000).text, '1 prompt · $0.50/mo');
    assert.equal(statusOf(0, 0, false, 0, 1000).text, 'no prompts');
    // A model without a known price shows no dollar figure for its prompts.
    assert.equal(statusOf(1, 80, false, 0, 1000, 1).text, '1 prompt · unknown model price');
    assert.equal(statusOf(3, 2400, true, 412, 1000, 1).text, '3 prompts · $412/mo (+1 at an unknown model price)');
    assert.match(statusOf(3, 2400, true, 412, 1000).detail, /^≈2,400 tokens; monthly cost at 1,000 calls\/day/);
  });

  it('report labels: the constant name, else role and call', () => {
    const site = (extra: object) => ({ prompt: { site: { role: 'user', call: null, ...extra } } as unknown as PricedPrompt });
    assert.equal(labelOf(site({ name: 'SYSTEM_PROMPT' }).prompt), 'SYSTEM_PROMPT');
    assert.equal(labelOf(site({ call: { api: 'openai.responses.create' } }).prompt), 'user prompt → openai.responses.create');
    assert.equal(labelOf(site({ role: 'template' }).prompt), 'prompt');
  });
});
