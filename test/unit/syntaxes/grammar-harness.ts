import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, parseRawGrammar, Registry, type IGrammar, type IRawGrammar } from 'vscode-textmate';

const root = join(__dirname, '..', '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  contributes: { grammars: { scopeName: string; path: string; injectTo?: string[] }[] };
};

/** VS Code's TS/JS grammars (copied in test/fixtures/grammars, see its README), by scope. */
const HOST_GRAMMARS: Record<string, string> = {
  'source.ts': 'TypeScript.tmLanguage.json',
  'source.tsx': 'TypeScriptReact.tmLanguage.json',
  'source.js': 'JavaScript.tmLanguage.json',
  'source.js.jsx': 'JavaScriptReact.tmLanguage.json',
};

/** The host scopes promptcost injects into. */
export const HOST_SCOPES = Object.keys(HOST_GRAMMARS);

let registry: Registry | undefined;

/** A registry wired like VS Code's: host grammars, and promptcost's injections as package.json contributes them. */
async function loadRegistry(): Promise<Registry> {
  if (registry) return registry;
  const wasm = readFileSync(join(root, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const injections = manifest.contributes.grammars.filter((g) => g.injectTo);
  registry = new Registry({
    onigLib: Promise.resolve({ createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns), createOnigString: (s) => new oniguruma.OnigString(s) }),
    loadGrammar: async (scopeName): Promise<IRawGrammar | null> => {
      const host = HOST_GRAMMARS[scopeName];
      const contributed = injections.find((g) => g.scopeName === scopeName);
      const path = host ? join(root, 'test', 'fixtures', 'grammars', host) : contributed ? join(root, contributed.path) : undefined;
      return path ? parseRawGrammar(readFileSync(path, 'utf8'), path) : null;
    },
    getInjections: (scopeName) => injections.filter((g) => g.injectTo!.includes(scopeName)).map((g) => g.scopeName),
  });
  return registry;
}

/** A token: its text and its scopes, innermost last. */
export interface Token {
  text: string;
  scopes: string[];
}

/** Tokenizes lines (state carried across lines) with a host grammar and the injections. */
export async function tokenize(scope: string, lines: readonly string[]): Promise<Token[][]> {
  const grammar: IGrammar | null = await (await loadRegistry()).loadGrammar(scope);
  if (!grammar) throw new Error(`no grammar for ${scope}`);
  let state = INITIAL;
  return lines.map((line) => {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    return result.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  });
}

/** The scopes of the token that is exactly `text` (throws when the line has no such token). */
export function scopesOf(tokens: readonly Token[], text: string): string[] {
  const token = tokens.find((t) => t.text === text);
  if (!token) throw new Error(`no token ${JSON.stringify(text)} in ${JSON.stringify(tokens.map((t) => t.text))}`);
  return token.scopes;
}
