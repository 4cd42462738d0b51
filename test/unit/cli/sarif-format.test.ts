import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { FINGERPRINT_KEY, formatSarif, pascalCase, sarifLevel, type SarifRuleInfo } from '../../../server/src/cli/format/sarif';
import type { SarifLog } from '../../../server/src/cli/format/sarif-types';
import { validate } from '../../helpers/json-schema-lite';
import { buildAnalysis, readText } from './analysis-fixture';

const SCHEMA = JSON.parse(readFileSync(new URL('../../fixtures/sarif/sarif-2.1.0-rtm.5.json', import.meta.url), 'utf8'));
const DOCS = 'https://example.invalid/promptcost/docs/rules';

const RULES: SarifRuleInfo[] = [
  { id: 'padded-instruction', description: 'Filler words cost tokens on every call.', docsUrl: `${DOCS}#padded-instruction`, defaultSeverity: 'warning' },
  { id: 'no-unbounded-history', description: 'Chat history without a bound grows without limit.', docsUrl: `${DOCS}#no-unbounded-history`, defaultSeverity: 'error' },
  { id: 'missing-max-tokens', description: 'Calls without an output cap.', docsUrl: `${DOCS}#missing-max-tokens`, defaultSeverity: 'info' },
  { id: 'disabled-rule', description: 'Off by default.', docsUrl: `${DOCS}#disabled-rule`, defaultSeverity: 'off' },
];

function sarif(analysis = buildAnalysis()): SarifLog {
  return JSON.parse(formatSarif(analysis, RULES, '0.1.0', { readText })) as SarifLog;
}

describe('formatSarif against the SARIF 2.1.0 schema', () => {
  it('produces a log the official schema accepts', () => {
    assert.deepEqual(validate(SCHEMA, sarif()), []);
  });

  it('produces a valid log for an empty analysis', () => {
    const analysis = buildAnalysis();
    analysis.files = [];
    analysis.configIssues = [];
    assert.deepEqual(validate(SCHEMA, JSON.parse(formatSarif(analysis, [], '0.0.0'))), []);
  });

  it('is checked by a validator that does reject invalid logs', () => {
    const log = sarif() as unknown as Record<string, any>;
    log.runs[0].results[0].level = 'fatal';
    log.runs[0].results[1].locations[0].physicalLocation.region.startLine = 0;
    log.runs[0].tool.driver.extra = true;
    delete log.version;
    const errors = validate(SCHEMA, log);
    assert.ok(errors.some((e) => e.includes('missing required version')), errors.join('\n'));
    assert.ok(errors.some((e) => e.startsWith('/runs/0/results/0/level')), errors.join('\n'));
    assert.ok(errors.some((e) => e.startsWith('/runs/0/results/1/locations/0/physicalLocation/region/startLine')), errors.join('\n'));
    assert.ok(errors.some((e) => e.includes('unexpected property extra')), errors.join('\n'));
  });
});

describe('formatSarif structure (GitHub code scanning requirements)', () => {
  const log = sarif();
  const run = log.runs[0];

  it('has the schema, version, one run and the tool driver', () => {
    assert.equal(log.$schema, 'https://json.schemastore.org/sarif-2.1.0.json');
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs.length, 1);
    assert.equal(run.tool.driver.name, 'promptcost');
    assert.equal(run.tool.driver.version, '0.1.0');
    assert.match(run.tool.driver.informationUri, /^https?:\/\//);
    assert.deepEqual(run.originalUriBaseIds, { '%SRCROOT%': { uri: 'file:///repo/' } });
    assert.equal(run.columnKind, 'utf16CodeUnits');
  });

  it('describes every rule, plus rules only reports mention', () => {
    assert.deepEqual(run.tool.driver.rules[0], {
      id: 'padded-instruction',
      name: 'PaddedInstruction',
      shortDescription: { text: 'Filler words cost tokens on every call.' },
      fullDescription: { text: 'Filler words cost tokens on every call.' },
      helpUri: `${DOCS}#padded-instruction`,
      defaultConfiguration: { level: 'warning' },
      properties: { tags: ['llm', 'cost'] },
    });
    assert.deepEqual(run.tool.driver.rules.map((r) => [r.id, r.defaultConfiguration]), [
      ['padded-instruction', { level: 'warning' }],
      ['no-unbounded-history', { level: 'error' }],
      ['missing-max-tokens', { level: 'note' }],
      ['disabled-rule', { level: 'warning', enabled: false }],
      ['experimental-rule', { level: 'note' }],
    ]);
  });

  it('writes one result per report with a consistent rule index, level and relative location', () => {
    assert.equal(run.results.length, 4);
    for (const result of run.results) {
      assert.equal(run.tool.driver.rules[result.ruleIndex].id, result.ruleId);
      assert.ok(['error', 'warning', 'note'].includes(result.level));
      assert.ok(result.message.text.length > 0);
      const { artifactLocation, region } = result.locations[0].physicalLocation;
      assert.equal(artifactLocation.uriBaseId, '%SRCROOT%');
      assert.doesNotMatch(artifactLocation.uri, /^\/|\\|^file:/);
      assert.ok(region!.startLine! >= 1 && region!.startColumn! >= 1);
      assert.ok(region!.endLine! >= region!.startLine!);
    }
    assert.deepEqual(run.results.map((r) => [r.ruleId, r.level, r.locations[0].physicalLocation.artifactLocation.uri]), [
      ['no-unbounded-history', 'error', 'lib/ask.ts'],
      ['experimental-rule', 'note', 'lib/llm.ts'],
      ['padded-instruction', 'warning', 'src/agents/summarize.ts'],
      ['missing-max-tokens', 'note', 'src/agents/summarize.ts'],
    ]);
    assert.deepEqual(run.results[2].locations[0].physicalLocation.region, { startLine: 3, startColumn: 60, endLine: 3, endColumn: 73 });
  });

  it('carries fixes as artifact changes', () => {
    assert.equal(run.results[0].fixes, undefined);
    assert.deepEqual(run.results[2].fixes, [
      {
        description: { text: 'Remove the repeated filler' },
        artifactChanges: [
          {
            artifactLocation: { uri: 'src/agents/summarize.ts', uriBaseId: '%SRCROOT%' },
            replacements: [{ deletedRegion: { startLine: 3, startColumn: 67, endLine: 3, endColumn: 74 }, insertedContent: { text: '' } }],
          },
        ],
      },
    ]);
    assert.deepEqual(run.results[3].fixes![0].artifactChanges[0].replacements[0].deletedRegion, {
      startLine: 7,
      startColumn: 1,
      endLine: 7,
      endColumn: 1,
    });
  });

  it('fingerprints by rule, path and line text: stable when lines move, distinct per occurrence', () => {
    const fingerprints = run.results.map((r) => r.partialFingerprints[FINGERPRINT_KEY]);
    assert.ok(fingerprints.every((f) => /^[0-9a-f]{32}:\d+$/.test(f)));
    assert.equal(new Set(fingerprints).size, fingerprints.length);

    const moved = buildAnalysis();
    const summarize = moved.files[0];
    const shift = '// a new comment line\n';
    const shiftSpan = <T extends { start: number; end: number }>(s: T): T => ({ ...s, start: s.start + shift.length, end: s.end + shift.length });
    moved.files[0] = {
      ...summarize,
      text: shift + summarize.text,
      reports: summarize.reports.map((r) => ({ ...r, span: shiftSpan(r.span), fix: r.fix && { ...r.fix, edits: r.fix.edits.map(shiftSpan) } })),
      prompts: [],
    };
    const after = sarif(moved).runs[0].results;
    assert.equal(after[2].locations[0].physicalLocation.region!.startLine, 4);
    assert.deepEqual(after.map((r) => r.partialFingerprints[FINGERPRINT_KEY]), fingerprints);

    const twice = buildAnalysis();
    const report = twice.files[0].reports.find((r) => r.ruleId === 'padded-instruction')!;
    twice.files[0].reports.push({ ...report, span: { start: report.span.start + 7, end: report.span.end } });
    const [first, second] = sarif(twice).runs[0].results.filter((r) => r.ruleId === 'padded-instruction');
    assert.equal(first.partialFingerprints[FINGERPRINT_KEY].split(':')[0], second.partialFingerprints[FINGERPRINT_KEY].split(':')[0]);
    assert.deepEqual([first, second].map((r) => r.partialFingerprints[FINGERPRINT_KEY].split(':')[1]), ['0', '1']);
  });

  it('reports configuration problems and notes as invocation notifications', () => {
    const [invocation] = run.invocations;
    assert.equal(invocation.executionSuccessful, true);
    assert.deepEqual(invocation.toolConfigurationNotifications, [
      {
        message: { text: 'budgets.system.maxTokens: must be greater than 0, got -5' },
        level: 'warning',
        locations: [{ physicalLocation: { artifactLocation: { uri: '.promptcost.json', uriBaseId: '%SRCROOT%' } } }],
      },
      { message: { text: 'settings: promptcost.callsPerDay: expected a number' }, level: 'warning' },
    ]);
    assert.deepEqual(invocation.toolExecutionNotifications, [
      {
        message: { text: 'rule no-tool-bloat threw: boom' },
        level: 'note',
        locations: [{ physicalLocation: { artifactLocation: { uri: 'lib/ask.ts', uriBaseId: '%SRCROOT%' } } }],
      },
    ]);
  });

  it('percent-encodes paths and falls back to offsets when a file cannot be read', () => {
    const analysis = buildAnalysis();
    analysis.files[0].file = '/repo/src/my prompts#1.ts';
    for (const report of analysis.files[0].reports) {
      report.file = '/repo/src/my prompts#1.ts';
      for (const edit of report.fix?.edits ?? []) edit.file = '/repo/src/my prompts#1.ts';
    }
    const log = JSON.parse(formatSarif(analysis, RULES, '0.1.0', { readText: () => undefined })) as SarifLog;
    assert.deepEqual(validate(SCHEMA, log), []);
    const uris = log.runs[0].results.map((r) => r.locations[0].physicalLocation.artifactLocation.uri);
    assert.ok(uris.includes('src/my%20prompts%231.ts'));
    const stray = log.runs[0].results.find((r) => r.ruleId === 'experimental-rule')!;
    assert.deepEqual(stray.locations[0].physicalLocation.region, { charOffset: 9, charLength: 12 });
  });
});

describe('sarif helpers', () => {
  it('maps severities to levels', () => {
    assert.deepEqual(['error', 'warning', 'info', 'hint', 'off'].map(sarifLevel), ['error', 'warning', 'note', 'note', 'none']);
  });

  it('names rules in PascalCase', () => {
    assert.equal(pascalCase('no-unbounded-history'), 'NoUnboundedHistory');
    assert.equal(pascalCase('prompt-over-budget'), 'PromptOverBudget');
  });
});
