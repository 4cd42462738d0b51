import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CONFIG_FILE_NAME,
  findConfigFile,
  loadConfigFile,
  mergeConfig,
  parseConfig,
  parseConfigText,
} from '../../../server/src/config/load-config';
import { defaultConfig } from '../../../server/src/config/schema';

const SOURCE = '.promptcost.json';

/** Paths of the issues, for compact assertions. */
function paths(issues: { path: string }[]): string[] {
  return issues.map((issue) => issue.path);
}

describe('parseConfig', () => {
  it('accepts a valid configuration and applies defaults', () => {
    const { config, issues } = parseConfig(
      {
        defaultModel: 'claude-sonnet-4',
        callsPerDay: 250,
        budgets: { 'role:system': { maxTokens: 800 } },
        rules: { 'padded-instruction': 'error', 'no-unbounded-history': ['warning', { maxMessages: 20 }] },
      },
      SOURCE,
    );
    assert.deepEqual(issues, []);
    assert.equal(config.defaultModel, 'claude-sonnet-4');
    assert.equal(config.callsPerDay, 250);
    assert.equal(config.outputTokens, defaultConfig().outputTokens);
    assert.deepEqual(config.budgets, { 'role:system': { maxTokens: 800 } });
    assert.deepEqual(config.rules['no-unbounded-history'], ['warning', { maxMessages: 20 }]);
  });

  it('reports an unknown key at its own path with the nearest valid key', () => {
    const { config, issues } = parseConfig({ defaultModle: 'gpt-4o-mini' }, SOURCE);
    assert.deepEqual(issues, [
      { source: SOURCE, path: 'defaultModle', message: 'unknown key `defaultModle`; did you mean `defaultModel`?' },
    ]);
    assert.equal(config.defaultModel, defaultConfig().defaultModel);
  });

  it('suggests keys case-insensitively and inside nested objects', () => {
    const { issues } = parseConfig({ callsperday: 5, budgets: { system: { maxToken: 10 } } }, SOURCE);
    assert.deepEqual(issues.map((i) => [i.path, i.message]), [
      ['budgets.system.maxToken', 'unknown key `maxToken`; did you mean `maxTokens`?'],
      ['callsperday', 'unknown key `callsperday`; did you mean `callsPerDay`?'],
    ]);
  });

  it('lists the valid keys of a small object when nothing is close', () => {
    const { issues } = parseConfig({ budget: { dollars: 1 } }, SOURCE);
    assert.equal(issues[0].path, 'budget.dollars');
    assert.equal(issues[0].message, 'unknown key `dollars`; expected `maxTokens`, `maxCostPerCall` or `maxCostPerMonth`');
  });

  it('reports a wrong type with the key path and the bad value', () => {
    const { config, issues } = parseConfig({ callsPerDay: 'lots' }, SOURCE);
    assert.deepEqual(issues, [{ source: SOURCE, path: 'callsPerDay', message: 'expected a number, got "lots"' }]);
    assert.equal(config.callsPerDay, defaultConfig().callsPerDay);
  });

  it('reports a negative budget at its dotted path', () => {
    const { config, issues } = parseConfig({ budgets: { system: { maxTokens: -5 } } }, SOURCE);
    assert.deepEqual(issues, [
      { source: SOURCE, path: 'budgets.system.maxTokens', message: 'must be greater than 0, got -5' },
    ]);
    assert.deepEqual(config.budgets, { system: {} });
  });

  it('rejects negative and zero limits in every budget form, keeping the valid ones', () => {
    const { config, issues } = parseConfig(
      {
        budget: { maxTokens: 800, maxCostPerCall: -0.01 },
        budgets: { 'role:system': { maxCostPerMonth: 0 }, 'src/**': { maxTokens: -1, maxCostPerMonth: 50 } },
      },
      SOURCE,
    );
    assert.deepEqual(issues.map((i) => [i.path, i.message]), [
      ['budget.maxCostPerCall', 'must be greater than 0, got -0.01'],
      ['budgets.role:system.maxCostPerMonth', 'must be greater than 0, got 0'],
      ['budgets.src/**.maxTokens', 'must be greater than 0, got -1'],
    ]);
    assert.deepEqual(config.budget, { maxTokens: 800 });
    assert.deepEqual(config.budgets, { 'role:system': {}, 'src/**': { maxCostPerMonth: 50 } });
  });

  it('reports integers, empty strings and missing required keys', () => {
    const { issues } = parseConfig({ outputTokens: 1.5, defaultModel: '', models: { mine: { input: 1 } } }, SOURCE);
    assert.deepEqual(issues.map((i) => [i.path, i.message]), [
      ['defaultModel', 'must not be empty'],
      ['outputTokens', 'expected an integer, got 1.5'],
      ['models.mine.output', 'required: expected a number'],
    ]);
  });

  it('reports a bad rule severity with a suggestion', () => {
    const { config, issues } = parseConfig({ rules: { 'padded-instruction': 'warn', 'other-rule': 'off' } }, SOURCE);
    assert.deepEqual(issues, [
      {
        source: SOURCE,
        path: 'rules.padded-instruction',
        message: 'must be one of "off", "hint", "info", "warning" or "error"; got "warn"; did you mean "warning"?',
      },
    ]);
    assert.deepEqual(config.rules, { 'other-rule': 'off' });
  });

  it('reports the severity inside a rule tuple and a bad rule object key', () => {
    const { issues } = parseConfig({ rules: { a: ['eror', {}], b: { severity: 'error', option: {} }, c: 3 } }, SOURCE);
    assert.deepEqual(issues.map((i) => [i.path, i.message]), [
      ['rules.a.0', 'must be one of "off", "hint", "info", "warning" or "error"; got "eror"; did you mean "error"?'],
      ['rules.b.option', 'unknown key `option`; did you mean `options`?'],
      ['rules.c', 'expected a string, an array or an object, got 3'],
    ]);
  });

  it('keeps every valid key when others are bad', () => {
    const { config, issues, input } = parseConfig(
      {
        defaultModel: 'gpt-4o-mini',
        callsPerDay: -1,
        tokenFactors: { anthropic: 0, google: 1.3 },
        budgets: { good: { maxTokens: 100 }, bad: { maxTokens: 'many' } },
        models: { cheap: { input: 0.1, output: 0.4 }, broken: { input: -1, output: 1 } },
        include: 'src/**',
        exclude: ['vendor/**'],
      },
      SOURCE,
    );
    assert.deepEqual(paths(issues).sort(), ['budgets.bad.maxTokens', 'callsPerDay', 'include', 'models.broken.input', 'tokenFactors.anthropic']);
    assert.equal(config.defaultModel, 'gpt-4o-mini');
    assert.equal(config.callsPerDay, defaultConfig().callsPerDay);
    assert.deepEqual(config.tokenFactors, { anthropic: defaultConfig().tokenFactors.anthropic, google: 1.3 });
    assert.deepEqual(config.budgets, { good: { maxTokens: 100 }, bad: {} });
    assert.deepEqual(config.models, { cheap: { input: 0.1, output: 0.4 } });
    assert.deepEqual(config.include, defaultConfig().include);
    assert.deepEqual(config.exclude, ['vendor/**']);
    assert.equal(input.callsPerDay, undefined);
    assert.equal(input.defaultModel, 'gpt-4o-mini');
  });

  it('rejects a non-object configuration with one whole-file issue', () => {
    for (const raw of [[], null, 'x', 3]) {
      const { config, issues } = parseConfig(raw, SOURCE);
      assert.deepEqual(config, defaultConfig());
      assert.equal(issues.length, 1);
      assert.equal(issues[0].path, '');
      assert.match(issues[0].message, /must be a JSON object/);
    }
  });

  it('never lets __proto__ reach a prototype', () => {
    const raw = JSON.parse('{"__proto__": {"polluted": true}, "budgets": {"__proto__": {"maxTokens": 1}}, "callsPerDay": "x"}');
    const { config } = parseConfig(raw, SOURCE);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(Object.getPrototypeOf(config.budgets), Object.prototype);
  });
});

describe('parseConfigText', () => {
  it('parses JSON and validates it', () => {
    const { config, issues } = parseConfigText('{ "callsPerDay": 42 }', SOURCE);
    assert.deepEqual(issues, []);
    assert.equal(config.callsPerDay, 42);
  });

  it('accepts a UTF-8 byte order mark', () => {
    const { config, issues } = parseConfigText('\uFEFF{ "callsPerDay": 7 }', SOURCE);
    assert.deepEqual(issues, []);
    assert.equal(config.callsPerDay, 7);
  });

  it('reports invalid JSON with line and column', () => {
    const text = '{\n  "callsPerDay": 10,\n  "defaultModel" "gpt-4o"\n}';
    const { config, issues } = parseConfigText(text, SOURCE);
    assert.deepEqual(config, defaultConfig());
    assert.deepEqual(issues, [
      { source: SOURCE, path: '', message: "invalid JSON at 3:18: unexpected \"\\\"\"; expected ':' after the property name" },
    ]);
  });

  it('names common JSON mistakes', () => {
    const cases: [string, string][] = [
      ['{"a": 1,}', "invalid JSON at 1:8: trailing comma before '}'"],
      ['{"a": [1, 2,]}', "invalid JSON at 1:12: trailing comma before ']'"],
      ['{\n  // note\n  "a": 1\n}', 'invalid JSON at 2:3: comments are not allowed in JSON'],
      ["{'a': 1}", 'invalid JSON at 1:2: strings must use double quotes (")'],
      ['{a: 1}', 'invalid JSON at 1:2: property names must be in double quotes'],
      ['{"a": 1', "invalid JSON at 1:8: unexpected end of file; expected ',' or '}' after the property value"],
      ['{"a": "x\n"}', 'invalid JSON at 1:7: unterminated string'],
      ['{} {}', 'invalid JSON at 1:4: unexpected content after the end of the JSON value'],
      ['{"a": 01}', 'invalid JSON at 1:8: invalid number'],
    ];
    for (const [text, message] of cases) {
      assert.deepEqual(parseConfigText(text, SOURCE).issues, [{ source: SOURCE, path: '', message }], text);
    }
  });

  it('counts columns after a byte order mark as an editor shows them', () => {
    assert.equal(parseConfigText('\uFEFF{"a": 1,}', SOURCE).issues[0].message, "invalid JSON at 1:8: trailing comma before '}'");
  });

  it('reports an empty file', () => {
    assert.deepEqual(parseConfigText(' \n', SOURCE).issues, [
      { source: SOURCE, path: '', message: 'the file is empty; expected a JSON object such as {}' },
    ]);
  });

  it('does not throw on deeply nested invalid JSON', () => {
    const text = '['.repeat(200_000);
    const { issues } = parseConfigText(text, SOURCE);
    assert.equal(issues.length, 1);
    assert.match(issues[0].message, /^invalid JSON at 1:\d+: /);
  });
});

describe('loadConfigFile and findConfigFile', () => {
  const root = mkdtempSync(join(tmpdir(), 'promptcost-config-'));
  const nested = join(root, 'a', 'b');
  mkdirSync(nested, { recursive: true });
  const file = join(root, CONFIG_FILE_NAME);
  writeFileSync(file, '{ "defaultModel": "gpt-4.1-mini", "budgets": { "system": { "maxTokens": -5 } } }');

  it('loads a file and reports issues with the file as source', () => {
    const { config, issues } = loadConfigFile(file);
    assert.equal(config.defaultModel, 'gpt-4.1-mini');
    assert.deepEqual(issues, [{ source: file, path: 'budgets.system.maxTokens', message: 'must be greater than 0, got -5' }]);
  });

  it('reports a missing file', () => {
    const missing = join(root, 'nope.json');
    const { config, issues } = loadConfigFile(missing);
    assert.deepEqual(config, defaultConfig());
    assert.deepEqual(issues, [{ source: missing, path: '', message: `cannot read ${missing}: no such file` }]);
  });

  it('finds the nearest configuration file walking up', () => {
    assert.equal(findConfigFile(nested), file);
    assert.equal(findConfigFile(root), file);
    const inner = join(root, 'a', CONFIG_FILE_NAME);
    writeFileSync(inner, '{}');
    assert.equal(findConfigFile(nested), inner);
    rmSync(inner);
  });

  it('returns undefined when there is none, and ignores a directory of that name', () => {
    const lonely = mkdtempSync(join(tmpdir(), 'promptcost-none-'));
    mkdirSync(join(lonely, CONFIG_FILE_NAME));
    const found = findConfigFile(lonely);
    assert.notEqual(found, join(lonely, CONFIG_FILE_NAME));
    rmSync(lonely, { recursive: true });
  });

  it('cleans up', () => {
    rmSync(root, { recursive: true });
  });
});

describe('mergeConfig', () => {
  it('deep-merges objects with the override winning and replaces arrays', () => {
    const base = parseConfig(
      {
        callsPerDay: 10,
        rules: { a: 'warning', b: { severity: 'error', options: { x: 1, y: 2 } } },
        budgets: { 'role:system': { maxTokens: 100, maxCostPerCall: 0.01 } },
        dynamicTokens: { user: 300 },
        include: ['src/**'],
      },
      'settings',
    ).config;
    const merged = mergeConfig(base, {
      rules: { b: { options: { y: 3 } }, c: 'off' },
      budgets: { 'role:system': { maxTokens: 50 } },
      dynamicTokens: { history: 10 },
      tokenFactors: { google: 2 },
      include: ['lib/**'],
      budget: { maxCostPerMonth: 100 },
      callsPerDay: undefined,
    });
    assert.equal(merged.callsPerDay, 10);
    assert.deepEqual(merged.rules, { a: 'warning', b: { severity: 'error', options: { x: 1, y: 3 } }, c: 'off' });
    assert.deepEqual(merged.budgets, { 'role:system': { maxTokens: 50, maxCostPerCall: 0.01 } });
    assert.equal(merged.dynamicTokens.user, 300);
    assert.equal(merged.dynamicTokens.history, 10);
    assert.deepEqual(merged.tokenFactors, { anthropic: defaultConfig().tokenFactors.anthropic, google: 2 });
    assert.deepEqual(merged.include, ['lib/**']);
    assert.deepEqual(merged.budget, { maxCostPerMonth: 100 });
    assert.deepEqual(base.include, ['src/**'], 'base is not mutated');
  });

  it('returns the base for an undefined override and layers a parsed input', () => {
    const base = defaultConfig();
    assert.deepEqual(mergeConfig(base, undefined), base);
    const file = parseConfigText('{"callsPerDay": 5, "outputTokens": "x"}', SOURCE);
    const merged = mergeConfig({ ...base, outputTokens: 99 }, file.input);
    assert.equal(merged.callsPerDay, 5);
    assert.equal(merged.outputTokens, 99);
  });

  it('ignores prototype keys', () => {
    mergeConfig(defaultConfig(), JSON.parse('{"__proto__": {"polluted": 1}, "rules": {"constructor": {"prototype": {"x": 1}}}}'));
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
});

describe('parseConfig messages for containers', () => {
  it('reports record keys, booleans, list items and tuples', () => {
    const { issues } = parseConfig({ enable: 'yes', budgets: { '': {} }, include: ['ok', 1], rules: { x: ['warning', {}, 3] } }, SOURCE);
    assert.deepEqual(issues.map((i) => [i.path, i.message]), [
      ['enable', 'expected true or false, got "yes"'],
      ['budgets', 'invalid key "": must not be empty'],
      ['rules.x', 'must have at most 2 items'],
      ['include.1', 'expected a string, got 1'],
    ]);
  });
});
