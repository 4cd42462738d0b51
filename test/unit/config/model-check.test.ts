import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { defaultModelIssue } from '../../../server/src/config/model-check';
import { defaultConfig, type Config } from '../../../server/src/config/schema';

const SOURCE = '.promptcost.json';

function config(extra: Partial<Config>): Config {
  return { ...defaultConfig(), ...extra };
}

describe('defaultModelIssue', () => {
  it('accepts catalogue models, provider-prefixed ones and custom models', () => {
    assert.equal(defaultModelIssue(defaultConfig(), SOURCE), undefined);
    assert.equal(defaultModelIssue(config({ defaultModel: 'anthropic/claude-sonnet-4-5' }), SOURCE), undefined);
    assert.equal(defaultModelIssue(config({ defaultModel: 'acme-llm', models: { 'acme-llm': { input: 1, output: 2 } } }), SOURCE), undefined);
  });

  it('reports a misspelt default model at its path with the nearest known id', () => {
    assert.deepEqual(defaultModelIssue(config({ defaultModel: 'gpt-4o-mnii' }), SOURCE), {
      source: SOURCE,
      path: 'defaultModel',
      message: 'unknown model "gpt-4o-mnii": not in the price catalogue nor in `models`; did you mean "gpt-4o-mini"?',
    });
  });

  it('says how to price a model nothing is close to', () => {
    assert.equal(defaultModelIssue(config({ defaultModel: 'my-private-llm' }), 'settings')?.message, 'unknown model "my-private-llm": not in the price catalogue nor in `models`; add its prices under `models`');
  });
});
