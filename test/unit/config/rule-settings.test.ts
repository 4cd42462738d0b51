import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { resolveRuleSetting, unknownRuleIssues } from '../../../server/src/config/rule-settings';
import { parseConfig } from '../../../server/src/config/load-config';

const RULE = 'padded-instruction';
const options = z
  .object({ minWords: z.number().int().positive().default(3), ignore: z.array(z.string()).default([]) })
  .strict();

function configWith(setting: unknown) {
  const { config, issues } = parseConfig({ rules: { [RULE]: setting } }, 'test');
  assert.deepEqual(issues, []);
  return config;
}

describe('resolveRuleSetting', () => {
  it('uses the default severity and options when the rule is not configured', () => {
    const result = resolveRuleSetting(RULE, 'warning', options, parseConfig({}, 'test').config);
    assert.deepEqual(result, { severity: 'warning', options: { minWords: 3, ignore: [] }, issues: [] });
  });

  it('reads a bare severity', () => {
    assert.equal(resolveRuleSetting(RULE, 'warning', options, configWith('error')).severity, 'error');
  });

  it('reads [severity, options]', () => {
    const result = resolveRuleSetting(RULE, 'warning', options, configWith(['info', { minWords: 5 }]));
    assert.deepEqual(result, { severity: 'info', options: { minWords: 5, ignore: [] }, issues: [] });
  });

  it('reads { severity, options } and { options } alone', () => {
    const both = resolveRuleSetting(RULE, 'warning', options, configWith({ severity: 'off', options: { ignore: ['x'] } }));
    assert.deepEqual(both, { severity: 'off', options: { minWords: 3, ignore: ['x'] }, issues: [] });
    const optionsOnly = resolveRuleSetting(RULE, 'hint', options, configWith({ options: { minWords: 9 } }));
    assert.equal(optionsOnly.severity, 'hint');
    assert.equal(optionsOnly.options.minWords, 9);
  });

  it('reports bad options at rules.<id>.<option> and falls back to their defaults', () => {
    const result = resolveRuleSetting(RULE, 'warning', options, configWith(['error', { minWords: -2, ignore: ['a'] }]), '.promptcost.json');
    assert.equal(result.severity, 'error');
    assert.deepEqual(result.options, { minWords: 3, ignore: ['a'] });
    assert.deepEqual(result.issues, [
      { source: '.promptcost.json', path: `rules.${RULE}.minWords`, message: 'must be greater than 0, got -2' },
    ]);
  });

  it('reports an unknown option with a suggestion', () => {
    const result = resolveRuleSetting(RULE, 'warning', options, configWith(['error', { minWord: 4 }]));
    assert.deepEqual(result.issues.map((i) => [i.path, i.message]), [
      [`rules.${RULE}.minWord`, 'unknown key `minWord`; did you mean `minWords`?'],
    ]);
    assert.deepEqual(result.options, { minWords: 3, ignore: [] });
  });

  it('reports a wrong option type deep inside', () => {
    const result = resolveRuleSetting(RULE, 'warning', options, configWith({ options: { ignore: ['ok', 3] } }));
    assert.deepEqual(result.issues.map((i) => [i.path, i.message]), [[`rules.${RULE}.ignore.1`, 'expected a string, got 3']]);
    assert.deepEqual(result.options.ignore, []);
  });
});

describe('unknownRuleIssues', () => {
  it('reports rule ids no rule has, with a suggestion', () => {
    const config = parseConfig({ rules: { 'paded-instruction': 'off', [RULE]: 'error', zzz: 'off' } }, 'test').config;
    assert.deepEqual(unknownRuleIssues(config, [RULE, 'no-unbounded-history'], 'settings'), [
      { source: 'settings', path: 'rules.paded-instruction', message: 'unknown rule `paded-instruction`; did you mean `padded-instruction`?' },
      { source: 'settings', path: 'rules.zzz', message: 'unknown rule `zzz`; expected `padded-instruction` or `no-unbounded-history`' },
    ]);
  });
});
