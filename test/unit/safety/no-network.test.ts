import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import type { WorkspaceReport } from '../../../server/src/features/protocol';
import { Workspace } from '../../lsp/helpers/fixture';
import { LspClient, type ProcessOptions } from '../../lsp/helpers/lsp-client';

/**
 * The CLI and the language server never open a connection, resolve a host name, listen on a port or
 * start a program, and never run code from the workspace: the bundles run with every such function
 * replaced by one that throws and records the attempt (test/helpers/no-network-preload.cjs), and give
 * the same results as without it; JavaScript placed where a configuration or a source file could be
 * executed leaves no trace.
 */

const REPO = join(__dirname, '..', '..', '..');
const CLI = join(REPO, 'dist', 'cli.js');
const PRELOAD = join(REPO, 'test', 'helpers', 'no-network-preload.cjs');

let scratch: string;
let logCount = 0;

/** A fresh attempt log and the node arguments and environment that install the preload with it. */
function guarded(): ProcessOptions & { log: string } {
  const log = join(scratch, `blocked-${logCount++}.log`);
  return { log, nodeArgs: ['--require', PRELOAD], env: { PROMPTCOST_BLOCKED_LOG: log } };
}

/** The lines of an attempt log: the preload's own `preloaded in pid N` lines, and the attempts. */
function logLines(log: string): { preloaded: number; attempts: string[] } {
  const lines = existsSync(log) ? readFileSync(log, 'utf8').split('\n') : [];
  return { preloaded: lines.filter((l) => l.startsWith('preloaded in pid')).length, attempts: lines.filter((l) => l.startsWith('blocked ')) };
}

function runCli(args: string[], cwd: string, options: ProcessOptions = {}) {
  const result = spawnSync(process.execPath, [...(options.nodeArgs ?? []), CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...options.env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The JSON report without its timing. */
function withoutTiming(json: string): unknown {
  const report = JSON.parse(json);
  delete report.summary.durationMs;
  return report;
}

before(() => {
  scratch = mkdtempSync(join(tmpdir(), 'promptcost-safety-'));
});
after(() => rmSync(scratch, { recursive: true, force: true }));

describe('safety: the preload blocks and records every way out', () => {
  it('throws and records connections, requests, name lookups, listening, fetch and child processes', () => {
    const probes = [
      "require('net').connect(80, '127.0.0.1')",
      "require('net').createConnection({ port: 80, host: '127.0.0.1' })",
      "new (require('net').Socket)().connect(80, '127.0.0.1')",
      "require('net').createServer().listen(0)",
      "require('tls').connect(443, '127.0.0.1')",
      "require('http').get('http://127.0.0.1/')",
      "require('https').request('https://127.0.0.1/')",
      "require('http2').connect('http://127.0.0.1')",
      "require('dgram').createSocket('udp4')",
      "require('dns').lookup('localhost', () => {})",
      "require('dns').promises.resolve4('localhost')",
      "fetch('http://127.0.0.1/')",
      "require('child_process').spawn('true')",
      "require('child_process').execSync('true')",
      "require('child_process').fork('x.js')",
    ];
    const script = `let thrown = 0; for (const probe of ${JSON.stringify(probes)}) { try { eval(probe); } catch { thrown++; } } console.log(thrown);`;
    const { log, nodeArgs, env } = guarded();
    const result = spawnSync(process.execPath, [...nodeArgs!, '-e', script], { encoding: 'utf8', env: { ...process.env, ...env } });
    assert.equal(result.stdout.trim(), String(probes.length), result.stderr);
    const lines = logLines(log);
    assert.equal(lines.preloaded, 1);
    assert.equal(lines.attempts.length, probes.length, lines.attempts.join('\n'));
  });
});

describe('safety: the CLI works with no network and no child processes', () => {
  it('scan examples --format json: the same report, no attempt recorded', () => {
    const plain = runCli(['scan', 'examples', '--format', 'json', '--exit-zero'], REPO);
    assert.equal(plain.code, 0, plain.stderr);
    const { log, ...options } = guarded();
    const blocked = runCli(['scan', 'examples', '--format', 'json', '--exit-zero'], REPO, options);
    assert.equal(blocked.code, 0, blocked.stderr);
    assert.deepEqual(withoutTiming(blocked.stdout), withoutTiming(plain.stdout));
    assert.ok((JSON.parse(blocked.stdout) as { summary: { prompts: number } }).summary.prompts > 0);
    assert.deepEqual(logLines(log), { preloaded: 1, attempts: [] });
    assert.equal(blocked.stderr, plain.stderr);
  });
});

/** Everything an editor asks of each source file: diagnostics, hovers on their ranges, lenses, and the workspace report. */
async function everything(client: LspClient, files: readonly string[]): Promise<unknown> {
  await client.waitFor(async () => (await client.request<WorkspaceReport>('promptcost/workspaceReport')).complete, 'the background scan');
  const results: Record<string, unknown> = {};
  for (const file of files) {
    await client.open(file);
    const diagnostics = await client.diagnostics(file);
    const hovers = [];
    for (const d of diagnostics) hovers.push(await client.hover(file, d.range.start));
    results[file] = { diagnostics, hovers, lenses: await client.codeLenses(file) };
  }
  results.report = await client.request<WorkspaceReport>('promptcost/workspaceReport');
  return results;
}

function sourceFilesOf(root: string): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(ts|tsx|js|jsx)$/.test(f) && !f.includes('node_modules')).sort();
}

describe('safety: the language server works over stdio with no network and no child processes', () => {
  it('gives the same diagnostics, hovers, CodeLenses and workspace report, and records no attempt', async () => {
    const workspace = new Workspace();
    const files = sourceFilesOf(workspace.root).filter((f) => !f.includes('broken'));
    try {
      const plainClient = await LspClient.start(workspace.root);
      const plain = await everything(plainClient, files);
      await plainClient.stop();
      const { log, ...options } = guarded();
      const client = await LspClient.start(workspace.root, {}, options);
      const blocked = await everything(client, files);
      assert.ok(client.alive);
      await client.stop();
      assert.deepEqual(blocked, plain);
      assert.ok(JSON.stringify(blocked).includes('padded-instruction'), 'the server found problems');
      assert.deepEqual(logLines(log), { preloaded: 1, attempts: [] });
      assert.doesNotMatch(client.stderr, /\[no-network\]/);
    } finally {
      workspace.dispose();
    }
  });
});

/** Writes a file that, if anything ever ran it, would create a marker file beside it. */
function trap(root: string, path: string, code: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), code);
}

const MARK_CJS = (name: string) => `require('node:fs').writeFileSync(require('node:path').join(__dirname, '${name}.executed'), 'ran');\nmodule.exports = { defaultModel: 'gpt-4o' };\n`;
const MARK_ESM = (name: string) => `import { writeFileSync } from 'node:fs';\nwriteFileSync(new URL('./${name}.executed', import.meta.url), 'ran');\nexport default { defaultModel: 'gpt-4o' };\n`;

describe('safety: workspace code and configuration are read, never run', () => {
  let root: string;
  before(() => {
    root = mkdtempSync(join(scratch, 'untrusted-'));
    trap(root, 'promptcost.config.js', MARK_CJS('promptcost.config.js'));
    trap(root, 'promptcost.config.mjs', MARK_ESM('promptcost.config.mjs'));
    trap(root, '.promptcostrc.js', MARK_CJS('promptcostrc'));
    trap(root, 'tsconfig.json', '{ "compilerOptions": { "plugins": [{ "name": "./evil-plugin.js" }] } }\n');
    trap(root, 'evil-plugin.js', MARK_CJS('evil-plugin'));
    trap(root, 'src/chat.ts', `${MARK_ESM('chat')}import OpenAI from 'openai';\nconst openai = new OpenAI();\nexport const SYSTEM_PROMPT = 'Please make sure to answer briefly.';\nexport const ask = (q: string) => openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'system', content: SYSTEM_PROMPT }, { role: 'user', content: q }] });\n`);
    // Not JSON: JavaScript that would write a marker if the loader evaluated it instead of parsing it.
    trap(root, '.promptcost.json', `{ "defaultModel": require('node:fs').writeFileSync(require('node:path').join(__dirname, 'json.executed'), 'ran') || 'gpt-4o' }\n`);
  });

  function markers(): string[] {
    return readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.executed'));
  }

  it('the CLI reports the .promptcost.json as invalid JSON, analyses the sources, and runs nothing', () => {
    const { log, ...options } = guarded();
    const result = runCli(['scan', '--format', 'json'], root, options);
    assert.equal(result.code, 2, 'a configuration error exits 2');
    assert.match(result.stderr, /\.promptcost\.json: invalid JSON at 1:/);
    const report = JSON.parse(result.stdout) as { files: { path: string; prompts: unknown[] }[] };
    assert.ok(report.files.find((f) => f.path === 'src/chat.ts')!.prompts.length > 0, 'the source was analysed');
    assert.deepEqual(markers(), []);
    assert.deepEqual(logLines(log), { preloaded: 1, attempts: [] });
  });

  it('the language server shows the problem on .promptcost.json, lints the open source, and runs nothing', async () => {
    const { log, ...options } = guarded();
    const client = await LspClient.start(root, {}, options);
    try {
      await client.open('src/chat.ts');
      const diagnostics = await client.diagnostics('src/chat.ts');
      assert.ok(diagnostics.some((d) => d.code === 'padded-instruction'), JSON.stringify(diagnostics));
      await client.waitFor(() => (client.events.published.get(client.uri('.promptcost.json')) ?? []).length > 0, 'the configuration problem');
      assert.match(client.events.published.get(client.uri('.promptcost.json'))![0].message as string, /invalid JSON/);
      assert.ok(client.alive);
    } finally {
      await client.stop();
    }
    assert.deepEqual(markers(), []);
    assert.deepEqual(logLines(log), { preloaded: 1, attempts: [] });
  });

  it('no shipped source evaluates code or starts a process (eval, Function, vm, child_process, computed require or import)', () => {
    const sources = ['server/src', 'client/src'].flatMap((dir) => readdirSync(join(REPO, dir), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts')).map((f) => join(REPO, dir, f)));
    assert.ok(sources.length > 50);
    const forbidden = [/\beval\s*\(/, /\bnew Function\s*\(/, /\bFunction\s*\(\s*['"`]/, /from ['"](node:)?vm['"]/, /require\(\s*['"](node:)?vm['"]/, /(node:)?child_process/, /\brequire\(\s*[^'"`\s)]/, /\bimport\(\s*[^'"`\s)]/];
    const hits = sources.flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      return forbidden.filter((pattern) => pattern.test(text)).map((pattern) => `${relative(REPO, file)}: ${pattern}`);
    });
    assert.deepEqual(hits, []);
  });
});
