import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { startServer, type ServerSession } from './helpers/server-session';
import { offsetOf, positionOf } from './helpers/positions';

/** Issue #6's sizes and depth. */
const TEN_MB = 10_000_000;
const TWO_MB = 2_000_000;
const DEPTH = 5000;
const BOM = '\uFEFF';

/** A short prompt with a filler phrase (padded-instruction reports it) after `before` on the same line. */
const paddedLine = (before: string) => `export const SYSTEM_PROMPT = '${before}You are a helpful assistant. Please make sure to answer in one short sentence.';`;

/** The diagnostics of a rule, with the buffer text each one covers. */
async function covered(server: ServerSession, path: string, ruleId: string): Promise<{ diagnostic: Diagnostic; text: string }[]> {
  const document = server.client.document(path);
  return (await server.client.diagnostics(path)).filter((d) => d.code === ruleId).map((diagnostic) => ({ diagnostic, text: document.getText(diagnostic.range) }));
}

/** Wall time of one request (reported, not asserted). */
async function timed<T>(run: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await run();
  return { result, ms: Math.round(performance.now() - started) };
}

describe('LSP: bad input (issue #6) gets a clear outcome and never takes the server down', () => {
  let server: ServerSession;
  before(async () => {
    server = await startServer();
  });
  after(async () => server?.stop());

  /** The server still analyses a normal file. */
  async function stillServing(): Promise<void> {
    await server.client.ensureOpen('src/support-chat.ts');
    assert.ok((await server.client.diagnostics('src/support-chat.ts')).length > 0, 'support-chat.ts still gets its diagnostics');
    assert.ok(server.client.alive);
  }

  /** Every request a document gets answers (an empty or null result is fine). */
  async function everyFeatureAnswers(path: string): Promise<void> {
    const { client } = server;
    const text = client.document(path).getText();
    const lines = Math.min(text.split('\n').length, 30);
    assert.ok(Array.isArray(await client.codeLenses(path)));
    for (let line = 0; line < lines; line += 3) await client.hover(path, { line, character: 4 });
    const range = { start: { line: 0, character: 0 }, end: { line: lines, character: 0 } };
    assert.ok(Array.isArray(await client.codeActions(path, range, await client.diagnostics(path), ['quickfix', 'source.fixAll'])));
  }

  it('a binary .ts file: no diagnostics, a logged note, other files served', async () => {
    const bytes = Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 7919) % 256));
    server.workspace.write('src/bad-binary.ts', bytes);
    await server.client.open('src/bad-binary.ts', bytes.toString('utf8'));
    assert.deepEqual(await server.client.diagnostics('src/bad-binary.ts'), []);
    await everyFeatureAnswers('src/bad-binary.ts');
    assert.match(server.client.logText(), /bad-binary\.ts: skipped: binary content/);
    await stillServing();
  });

  it('invalid UTF-8: the buffer holds U+FFFD and each diagnostic covers the characters it names', async () => {
    const text = ["import OpenAI from 'openai';", paddedLine('Caf\u00e9 cr\u00e8me. '), ''].join('\n');
    server.workspace.write('src/bad-latin1.ts', Buffer.from(text, 'latin1'));
    const buffer = readFileSync(server.workspace.path('src/bad-latin1.ts'), 'utf8');
    assert.ok(buffer.includes('Caf\uFFFD cr\uFFFDme'), 'the file is not valid UTF-8');
    await server.client.open('src/bad-latin1.ts', buffer);
    const padded = await covered(server, 'src/bad-latin1.ts', 'padded-instruction');
    assert.equal(padded.length, 1);
    assert.match(padded[0].text, /^Please make sure to ?$/);
    await stillServing();
  });

  it('CRLF with a byte-order mark on disk (hidden in the buffer, as VS Code does): ranges, hover and fixes land on the right characters', async () => {
    const lines = [paddedLine('🤖 '), "import OpenAI from 'openai';", 'const openai = new OpenAI();', "export const ask = (q: string) => openai.chat.completions.create({ model: 'gpt-4o', max_tokens: 50, messages: [{ role: 'system', content: SYSTEM_PROMPT }, { role: 'user', content: q }] });", ''];
    const crlf = lines.join('\r\n');
    server.workspace.write('src/bad-crlf-bom.ts', BOM + crlf);
    const document = await server.client.open('src/bad-crlf-bom.ts', crlf);
    const padded = await covered(server, 'src/bad-crlf-bom.ts', 'padded-instruction');
    assert.equal(padded.length, 1);
    assert.match(padded[0].text, /^Please make sure to ?$/);
    assert.deepEqual(padded[0].diagnostic.range.start, positionOf(crlf, 'Please make sure to'));
    const hover = await server.client.hover('src/bad-crlf-bom.ts', positionOf(crlf, 'helpful assistant'));
    assert.ok(hover, 'a hover on the prompt');
    const actions = await server.client.codeActions('src/bad-crlf-bom.ts', padded[0].diagnostic.range, [padded[0].diagnostic], ['quickfix']);
    const fix = actions.find((a) => a.edit && /filler|remove|Remove|Delete|delete/.test(a.title));
    assert.ok(fix?.edit, `a fix among ${actions.map((a) => a.title).join(' | ')}`);
    const fixed = [...(await server.client.applyEdit(fix.edit)).values()][0];
    assert.equal(fixed.split('\r\n').length, crlf.split('\r\n').length, 'line endings untouched');
    assert.ok(fixed.startsWith("export const SYSTEM_PROMPT = '🤖 You are a helpful assistant. "), fixed.split('\r\n')[0]);
    assert.ok(!fixed.includes('Please make sure to'));
    assert.ok(document.getText().includes('Please make sure to'), 'the old version is untouched');
    await stillServing();
  });

  it('CRLF with the byte-order mark kept in the buffer: ranges are still the buffer\'s', async () => {
    const crlf = [paddedLine(''), ''].join('\r\n');
    server.workspace.write('src/bad-bom-buffer.ts', BOM + crlf);
    const document = await server.client.open('src/bad-bom-buffer.ts', BOM + crlf);
    const padded = await covered(server, 'src/bad-bom-buffer.ts', 'padded-instruction');
    assert.equal(padded.length, 1);
    assert.match(padded[0].text, /^Please make sure to ?$/);
    assert.deepEqual(padded[0].diagnostic.range.start, document.positionAt(offsetOf(BOM + crlf, 'Please make sure to')));
    assert.ok(await server.client.hover('src/bad-bom-buffer.ts', document.positionAt(offsetOf(BOM + crlf, 'helpful'))), 'a hover on the prompt');
    const actions = await server.client.codeActions('src/bad-bom-buffer.ts', padded[0].diagnostic.range, [padded[0].diagnostic], ['quickfix']);
    const fix = actions.find((a) => a.edit && a.isPreferred);
    assert.ok(fix?.edit, `a preferred fix among ${actions.map((a) => a.title).join(' | ')}`);
    const fixed = [...(await server.client.applyEdit(fix.edit)).values()][0];
    assert.equal(fixed, BOM + crlf.replace(/Please make sure to a/, 'A'));
  });

  it('a 10 MB file and a minified bundle with one 2 MB line: empty results with a logged note, answered while other files are served', async (t) => {
    const chat = server.workspace.read('src/support-chat.ts');
    let big = '';
    for (let i = 0; big.length < TEN_MB; i++) big += chat.replace(/\banswer\b/g, `answer${i}`) + '\n';
    let bundle = '';
    for (let i = 0; bundle.length < TWO_MB - 100; i++) bundle += `var a${i}=function(b){return b+${i}};`;
    // Small enough for maxFileBytes: the minified-line guard is what skips it.
    bundle = bundle.slice(0, TWO_MB - 100) + '\n';
    server.workspace.write('src/bad-big.ts', big);
    server.workspace.write('src/bad-bundle.js', bundle);
    await server.client.open('src/bad-big.ts', big);
    await server.client.open('src/bad-bundle.js', bundle);
    const bigPull = await timed(() => server.client.diagnostics('src/bad-big.ts'));
    const bundlePull = await timed(() => server.client.diagnostics('src/bad-bundle.js'));
    assert.deepEqual(bigPull.result, []);
    assert.deepEqual(bundlePull.result, []);
    await server.client.change('src/bad-bundle.js', bundle.replace('var a0=', 'var a0 ='));
    const keystroke = await timed(() => server.client.diagnostics('src/bad-bundle.js'));
    assert.deepEqual(keystroke.result, []);
    await everyFeatureAnswers('src/bad-bundle.js');
    assert.match(server.client.logText(), /bad-big\.ts: skipped: [\d,]+ bytes is over maxFileBytes/);
    assert.match(server.client.logText(), /bad-bundle\.js: skipped: minified or generated/);
    const other = await timed(() => stillServing());
    t.diagnostic(`diagnostics: 10 MB file ${bigPull.ms} ms, 2 MB line ${bundlePull.ms} ms, after a keystroke in it ${keystroke.ms} ms; a normal file then ${other.ms} ms`);
  });

  it(`expressions nested ${DEPTH.toLocaleString('en-US')} deep: skipped with a logged reason, or analysed as far as is safe; every feature answers`, async (t) => {
    const nested = `export const P = ${Array.from({ length: DEPTH / 20 }, () => '['.repeat(20)).join('\n')}\n'You are a helpful assistant.'\n${Array.from({ length: DEPTH / 20 }, () => ']'.repeat(20)).join('\n')};\n`;
    const chain = `${paddedLine('')}\nexport const LONG_PROMPT =\n  ${Array.from({ length: DEPTH }, () => "'You are a helpful assistant. '").join(' +\n  ')};\n`;
    server.workspace.write('src/bad-nested.ts', nested);
    server.workspace.write('src/bad-chain.ts', chain);
    await server.client.open('src/bad-nested.ts', nested);
    await server.client.open('src/bad-chain.ts', chain);
    const nestedPull = await timed(() => server.client.diagnostics('src/bad-nested.ts'));
    assert.deepEqual(nestedPull.result, []);
    await everyFeatureAnswers('src/bad-nested.ts');
    assert.match(server.client.logText(), /bad-nested\.ts: skipped: nested too deeply to parse/);
    const chainPull = await timed(() => server.client.diagnostics('src/bad-chain.ts'));
    assert.ok(chainPull.result.some((d) => d.code === 'padded-instruction'), 'the shallow prompt of the file is still reported');
    await everyFeatureAnswers('src/bad-chain.ts');
    assert.match(server.client.logText(), /bad-chain\.ts: expressions nested too deeply were skipped/);
    await stillServing();
    t.diagnostic(`diagnostics: ${DEPTH}-deep arrays ${nestedPull.ms} ms, a ${DEPTH}-part concatenation ${chainPull.ms} ms`);
  });

  it('is still alive and logged no crash', () => {
    assert.ok(server.client.alive);
    assert.doesNotMatch(server.client.stderr, /Error|Unhandled/);
    assert.doesNotMatch(server.client.logText(), /failed/);
  });
});
