import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { ProjectCache } from '../../../server/src/prompts/project';
import { PromptIndex } from '../../../server/src/prompts/prompt-index';
import type { PromptSite } from '../../../server/src/prompts/types';

/** Root of the in-memory workspaces (never touched on disk). */
const ROOT = '/virtual/xfile';
const path = (name: string) => `${ROOT}/${name}`;

/**
 * Runs the finder over in-memory files. Unlike test/helpers/find-prompts.ts the reader serves the files
 * too, so a `tsconfig.json` among them is read for path aliases. Files are analysed in the order given
 * (importers first: a constant is then seen from its call before its own file).
 */
function findAcross(files: Record<string, string>, order: string[] = Object.keys(files)) {
  const read = (p: string) => (p.startsWith(ROOT + '/') ? files[p.slice(ROOT.length + 1)] : undefined);
  const project = new ProjectCache(read);
  const sources = order.filter((f) => !f.endsWith('.json'));
  for (const name of sources) project.setText(path(name), files[name]);
  const index = new PromptIndex(project);
  const grouped = index.sitesByFile(sources.map(path));
  return {
    in: (name: string): PromptSite[] => grouped.get(path(name)) ?? [],
    dependencies: (name: string) => index.find(path(name)).dependencies,
    text: (site: PromptSite) => site.segments.map((s) => (s.kind === 'static' ? s.text : `{${s.source}:${s.expression}}`)).join(''),
    source: (site: PromptSite) => files[site.file.slice(ROOT.length + 1)].slice(site.span.start, site.span.end),
  };
}

const BILLING = 'You are a billing assistant. Answer questions about invoices only, and never quote prices.';

/** An Anthropic call in another file whose `system` is `expr`. */
function anthropicCall(importLine: string, expr: string): string {
  return [
    importLine,
    "import Anthropic from '@anthropic-ai/sdk';",
    'const client = new Anthropic();',
    `export const ask = (q: string) => client.messages.create({ model: 'claude-haiku-4-5', max_tokens: 100, system: ${expr}, messages: [{ role: 'user', content: q }] });`,
    '',
  ].join('\n');
}

/** Asserts the workspace reports BILLING at its definition in `definedIn`, priced at the call in `callIn`. */
function assertResolved(f: ReturnType<typeof findAcross>, definedIn: string, callIn: string): PromptSite {
  const defined = f.in(definedIn);
  assert.equal(defined.length, 1, `one prompt in ${definedIn}: ${defined.map((s) => f.text(s)).join(' | ')}`);
  const site = defined[0];
  assert.equal(site.file, path(definedIn));
  assert.equal(f.text(site), BILLING);
  assert.equal(f.source(site), `'${BILLING}'`);
  assert.equal(site.call?.file, path(callIn));
  assert.equal(site.call?.api, 'anthropic.messages.create');
  assert.equal(site.call?.model, 'claude-haiku-4-5');
  assert.equal(site.role, 'system');
  // The call's own file keeps only the user message: the system argument is not an unresolved `argument` site.
  const atCall = f.in(callIn);
  assert.deepEqual(atCall.map((s) => s.kind), ['messages']);
  assert.equal(f.text(atCall[0]), '{argument:q}');
  return site;
}

describe('finder: prompts imported across files', () => {
  it('named import', () => {
    const f = findAcross({ 'src/chat.ts': anthropicCall("import { BILLING } from './prompts';", 'BILLING'), 'src/prompts.ts': `export const BILLING = '${BILLING}';\n` });
    const site = assertResolved(f, 'src/prompts.ts', 'src/chat.ts');
    assert.equal(site.name, 'BILLING');
    assert.deepEqual(f.dependencies('src/chat.ts'), [path('src/prompts.ts')]);
  });

  it('named import under another local name', () => {
    const f = findAcross({ 'src/chat.ts': anthropicCall("import { BILLING as SYSTEM } from './prompts';", 'SYSTEM'), 'src/prompts.ts': `export const BILLING = '${BILLING}';\n` });
    assertResolved(f, 'src/prompts.ts', 'src/chat.ts');
  });

  it('default import of an exported const', () => {
    const f = findAcross({ 'src/chat.ts': anthropicCall("import billing from './prompts';", 'billing'), 'src/prompts.ts': `const BILLING = '${BILLING}';\nexport default BILLING;\n` });
    assertResolved(f, 'src/prompts.ts', 'src/chat.ts');
  });

  it('a const exported through an export list', () => {
    const f = findAcross({ 'src/chat.ts': anthropicCall("import { SUPPORT } from './prompts';", 'SUPPORT'), 'src/prompts.ts': `const BILLING = '${BILLING}';\nexport { BILLING as SUPPORT };\n` });
    assertResolved(f, 'src/prompts.ts', 'src/chat.ts');
  });

  it('namespace import: import * as prompts, then prompts.X', () => {
    const f = findAcross({ 'src/chat.ts': anthropicCall("import * as prompts from './prompts';", 'prompts.BILLING'), 'src/prompts.ts': `export const BILLING = '${BILLING}';\nexport const OTHER = 1;\n` });
    assertResolved(f, 'src/prompts.ts', 'src/chat.ts');
  });

  it('re-exports: export * from, through an index file', () => {
    const f = findAcross({
      'src/chat.ts': anthropicCall("import { BILLING } from './prompts';", 'BILLING'),
      'src/prompts/index.ts': "export * from './billing';\n",
      'src/prompts/billing.ts': `export const BILLING = '${BILLING}';\n`,
    });
    assertResolved(f, 'src/prompts/billing.ts', 'src/chat.ts');
    assert.deepEqual(new Set(f.dependencies('src/chat.ts')), new Set([path('src/prompts/index.ts'), path('src/prompts/billing.ts')]));
  });

  it('re-exports: export { X as Y } from', () => {
    const f = findAcross({
      'src/chat.ts': anthropicCall("import { SUPPORT } from './prompts';", 'SUPPORT'),
      'src/prompts/index.ts': "export { BILLING as SUPPORT } from './billing';\n",
      'src/prompts/billing.ts': `export const BILLING = '${BILLING}';\n`,
    });
    assertResolved(f, 'src/prompts/billing.ts', 'src/chat.ts');
  });

  it('a chain of re-exports (export { as } from → export * from → the definition)', () => {
    const f = findAcross({
      'src/chat.ts': anthropicCall("import { B2 } from './c';", 'B2'),
      'src/c.ts': "export { BILLING as B2 } from './b';\n",
      'src/b.ts': "export * from './a';\n",
      'src/a.ts': `export const BILLING = '${BILLING}';\n`,
    });
    assertResolved(f, 'src/a.ts', 'src/chat.ts');
    assert.deepEqual(new Set(f.dependencies('src/chat.ts')), new Set(['src/c.ts', 'src/b.ts', 'src/a.ts'].map(path)));
  });

  it('a .js specifier (ESM style) resolves to the .ts file', () => {
    const f = findAcross({ 'src/chat.ts': anthropicCall("import { BILLING } from './prompts.js';", 'BILLING'), 'src/prompts.ts': `export const BILLING = '${BILLING}';\n` });
    assertResolved(f, 'src/prompts.ts', 'src/chat.ts');
  });

  it('a folder import resolves to its index file', () => {
    const f = findAcross({ 'src/chat.ts': anthropicCall("import { BILLING } from './prompts';", 'BILLING'), 'src/prompts/index.ts': `export const BILLING = '${BILLING}';\n` });
    assertResolved(f, 'src/prompts/index.ts', 'src/chat.ts');
  });

  it('tsconfig paths: a wildcard alias under baseUrl', () => {
    const f = findAcross({
      'tsconfig.json': '{ "compilerOptions": { "baseUrl": ".", "paths": { "$prompts/*": ["src/lib/prompts/*"] } } }',
      'src/app/chat.ts': anthropicCall("import { BILLING } from '$prompts/billing';", 'BILLING'),
      'src/lib/prompts/billing.ts': `export const BILLING = '${BILLING}';\n`,
    });
    assertResolved(f, 'src/lib/prompts/billing.ts', 'src/app/chat.ts');
  });

  it('tsconfig paths: an exact alias, in a tsconfig with comments and no baseUrl', () => {
    const f = findAcross({
      'tsconfig.json': '{\n  // aliases\n  "compilerOptions": { "paths": { "billing-prompt": ["./src/lib/prompts/billing.ts"] } },\n}\n',
      'src/app/chat.ts': anthropicCall("import { BILLING } from 'billing-prompt';", 'BILLING'),
      'src/lib/prompts/billing.ts': `export const BILLING = '${BILLING}';\n`,
    });
    assertResolved(f, 'src/lib/prompts/billing.ts', 'src/app/chat.ts');
  });

  it('an unresolvable import leaves the argument as a dynamic part at the call', () => {
    const f = findAcross({ 'src/chat.ts': anthropicCall("import { BILLING } from './nowhere';", 'BILLING') });
    const system = f.in('src/chat.ts').find((s) => s.role === 'system');
    assert.ok(system);
    assert.equal(system.kind, 'argument');
    assert.deepEqual(system.segments.map((s) => s.kind), ['dynamic']);
  });
});

describe('finder: import cycles', () => {
  // Run in a child process with a time limit: a hang would otherwise stall the whole test run.
  function findInChild(files: Record<string, string>): { name?: string; file: string; text: string }[] {
    const helper = resolve(__dirname, '../../helpers/find-prompts.ts');
    const code = `
      import(process.env.FIND_PROMPTS_HELPER).then((m) => {
        const { findPrompts } = m.findPrompts ? m : m.default;
        const f = findPrompts(JSON.parse(require('node:fs').readFileSync(0, 'utf8')));
        process.stdout.write(JSON.stringify(f.sites.map((s) => ({ name: s.name, file: s.file, text: f.text(s) }))));
      });`;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '-e', code], {
      input: JSON.stringify(files),
      env: { ...process.env, FIND_PROMPTS_HELPER: helper },
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(child.signal, null, 'the finder did not finish within 60 s (a cycle hangs it)');
    assert.equal(child.status, 0, child.stderr);
    return JSON.parse(child.stdout);
  }

  it('export * cycles end, a name found nowhere stays dynamic, and the other prompts are still found', () => {
    const sites = findInChild({
      'chat.ts': anthropicCall("import { MISSING } from './a';", 'MISSING'),
      'a.ts': `export * from './b';\nexport const A_PROMPT = '${BILLING}';\n`,
      'b.ts': "export * from './a';\n",
    });
    assert.deepEqual(
      sites.map((s) => [s.file.replace(/^.*\//, ''), s.text]).sort(),
      [
        ['a.ts', BILLING],
        ['chat.ts', '{argument:q}'],
        ['chat.ts', '{interpolation:MISSING}'],
      ].sort(),
    );
  });

  it('constants that refer to each other across two files end', () => {
    const sites = findInChild({
      'chat.ts': anthropicCall("import { SYSTEM_PROMPT } from './a';", 'SYSTEM_PROMPT'),
      'a.ts': "import { B } from './b';\nexport const SYSTEM_PROMPT = 'You are a careful reviewer. ' + B;\n",
      'b.ts': "import { SYSTEM_PROMPT } from './a';\nexport const B = 'Also check: ' + SYSTEM_PROMPT;\n",
    });
    const system = sites.find((s) => s.name === 'SYSTEM_PROMPT');
    assert.ok(system, JSON.stringify(sites));
    assert.match(system.text, /^You are a careful reviewer\. Also check: \{\w+:SYSTEM_PROMPT\}$/);
  });
});
