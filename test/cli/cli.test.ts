import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validate } from '../helpers/json-schema-lite';

const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');
const FIXTURE = join(__dirname, '..', 'fixtures', 'cli', 'workspace');
const SARIF_SCHEMA = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'sarif', 'sarif-2.1.0-rtm.5.json'), 'utf8'));

let dir: string;

/** Runs the bundled CLI in `cwd` (by default the temp copy of the fixture workspace). */
function cli(args: string[], cwd = dir) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function lineOf(file: string, needle: string): number {
  const text = readFileSync(join(dir, file), 'utf8');
  return text.slice(0, text.indexOf(needle)).split('\n').length;
}

describe('promptcost CLI (bundled dist/cli.js)', () => {
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'promptcost-cli-'));
    cpSync(FIXTURE, dir, { recursive: true });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints help and its version', () => {
    const help = cli(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Usage: promptcost scan/);
    assert.match(cli(['--version']).stdout, /^\d+\.\d+\.\d+\n$/);
  });

  it('exits 2 on usage errors with a message', () => {
    for (const args of [[], ['lint'], ['scan', '--format', 'xml'], ['scan', '--top', 'many'], ['scan', '--bogus']]) {
      const r = cli(args);
      assert.equal(r.code, 2, `args ${args.join(' ')}`);
      assert.match(r.stderr, /^promptcost: /);
    }
  });

  it('exits 2 for an unknown --model and suggests the nearest id', () => {
    const r = cli(['scan', '--model', 'gpt-4o-mni']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown model 'gpt-4o-mni'; did you mean 'gpt-4o-mini'\?/);
  });

  it('writes the JSON contract with prompts, costs and 1-based positions', () => {
    const r = cli(['scan', 'src', '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.version, 1);
    const prompts = out.files.find((f: { path: string }) => f.path === 'src/prompts.ts');
    assert.ok(prompts, JSON.stringify(out.files.map((f: { path: string }) => f.path)));
    const [constant] = prompts.prompts;
    assert.equal(constant.name, 'SUPPORT_PROMPT');
    assert.equal(constant.line, lineOf('src/prompts.ts', '`You are'));
    assert.equal(constant.column, 31);
    assert.equal(constant.model, 'gpt-4o');
    assert.equal(constant.modelSource, 'call');
    assert.deepEqual(constant.call, { path: 'src/chat.ts', line: lineOf('src/chat.ts', 'openai.chat.completions.create'), api: 'openai.chat.completions.create' });
    assert.equal(constant.tokens.approximate, false);
    assert.ok(constant.tokens.static > 30 && constant.tokens.dynamic === 0);
    const chat = out.files.find((f: { path: string }) => f.path === 'src/chat.ts');
    assert.equal(chat.prompts.length, 1, 'the log message is not a prompt');
    const messages = chat.prompts[0];
    assert.equal(messages.kind, 'messages');
    assert.equal(messages.line, lineOf('src/chat.ts', 'messages: ['));
    assert.equal(messages.cost.currency, 'USD');
    // The annotation sets 5,000 calls a day: a month is 30 days of them.
    assert.ok(Math.abs(messages.cost.perMonth - messages.cost.perCall * 5000 * 30) < 1e-6);
    assert.equal(constant.partOf, messages.id);
    assert.equal(out.summary.prompts, 2);
    assert.ok(Math.abs(out.summary.perMonth - messages.cost.perMonth) < 1e-6, 'a part is not counted twice');
  });

  it('prints stylish text with the costliest prompts', () => {
    const r = cli(['scan', '--no-color']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /Costliest prompts/);
    assert.match(r.stdout, /src\/chat\.ts:\d+\s+gpt-4o/);
  });

  it('writes SARIF 2.1.0 that the official schema accepts', () => {
    writeFileSync(join(dir, '.promptcost.json'), JSON.stringify({ budget: { maxTokens: 40 } }));
    try {
      const r = cli(['scan', '--format', 'sarif']);
      assert.equal(r.code, 1);
      const log = JSON.parse(r.stdout);
      assert.deepEqual(validate(SARIF_SCHEMA, log), []);
      const result = log.runs[0].results[0];
      assert.equal(result.ruleId, 'prompt-token-budget');
      assert.equal(result.locations[0].physicalLocation.artifactLocation.uri, 'src/chat.ts');
      assert.ok(log.runs[0].tool.driver.rules.some((rule: { id: string; helpUri: string }) => rule.id === 'prompt-token-budget' && rule.helpUri.startsWith('https://')));
    } finally {
      rmSync(join(dir, '.promptcost.json'));
    }
  });

  it('exits 1 when a budget fails, 0 with --exit-zero', () => {
    writeFileSync(join(dir, 'budget.json'), JSON.stringify({ budgets: { SUPPORT_PROMPT: { maxTokens: 10 } } }));
    const failed = cli(['scan', '--config', 'budget.json']);
    assert.equal(failed.code, 1);
    assert.match(failed.stdout, /prompt-token-budget/);
    assert.equal(cli(['scan', '--config', 'budget.json', '--exit-zero']).code, 0);
    rmSync(join(dir, 'budget.json'));
  });

  it('exits 2 on a bad configuration, naming the key path, and still reports with defaults', () => {
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ budgets: { SUPPORT_PROMPT: { maxTokens: -5 } }, callsPerDay: 'lots' }));
    const r = cli(['scan', '--config', 'bad.json', '--format', 'json']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /budgets\.SUPPORT_PROMPT\.maxTokens/);
    assert.match(r.stderr, /callsPerDay/);
    const out = JSON.parse(r.stdout);
    assert.equal(out.summary.prompts, 2);
    assert.ok(out.configIssues.length >= 2);
    const missing = cli(['scan', '--config', 'nope.json']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read/);
    rmSync(join(dir, 'bad.json'));
  });

  it('exits 2 on an unknown defaultModel in the configuration, suggesting the nearest id; --model overrides it', () => {
    writeFileSync(join(dir, 'model.json'), JSON.stringify({ defaultModel: 'gpt-4o-mnii' }));
    try {
      const r = cli(['scan', '--config', 'model.json']);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /model\.json: defaultModel: unknown model "gpt-4o-mnii": not in the price catalogue nor in `models`; did you mean "gpt-4o-mini"\?/);
      assert.equal(cli(['scan', '--config', 'model.json', '--model', 'gpt-4o-mini']).code, 0);
    } finally {
      rmSync(join(dir, 'model.json'));
    }
  });

  it('runs from any directory (the bundle finds its tokenizer next to itself)', () => {
    const other = mkdtempSync(join(tmpdir(), 'promptcost-cwd-'));
    try {
      const r = cli(['scan', join(dir, 'src'), '--format', 'json'], other);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(JSON.parse(r.stdout).summary.prompts, 2);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});
