import fc from 'fast-check';
import { historyPrelude, retrievalPrelude } from './context-code';
import { prompt, quoted, staticPrompt } from './literals';
import { CONST_NAMES, SDK_HEADERS, sdkCall } from './sdk-calls';
import { modelId } from './text';

/**
 * Whole generated workspaces: one file, or a prompts module and a caller that imports it. Files get
 * prompt constants, functions with history/retrieval code and SDK calls, comment directives, unrelated
 * code, then a line-ending style, maybe a byte-order mark, and maybe random mutations (so also
 * syntax errors: unterminated literals, lost braces, split surrogate pairs).
 */

/** One file of a generated workspace (path relative to the workspace root). */
export interface FuzzFile {
  name: string;
  text: string;
}

/** A generated workspace; the first file is the one analysed (its importers are in scope). */
export interface FuzzCase {
  files: FuzzFile[];
  /** Whether mutations were applied (the text may not parse). */
  mutated: boolean;
  /** Whether the files reach the engine as editor buffers (`setText`, a byte-order mark kept) or are read (`read`, one dropped). */
  editor: boolean;
}

/** Comment directives: real ones (see server/src/prompts/comments.ts) and near misses. */
export const DIRECTIVES = [
  '// promptcost-ignore',
  '// promptcost-ignore padded-instruction',
  '// promptcost-ignore padded-instruction, unbounded-history',
  '// promptcost-ignore-next-line',
  '/* promptcost-ignore */',
  '// promptcost: calls-per-day=5000 model=gpt-4o-mini',
  '// promptcost: calls-per-day=1_000_000 output-tokens=300',
  '// promptcost: dynamic-tokens=abc model=',
  '// promptcost: model=claude-opus-4-1',
  '/* @prompt */',
];

/** Turns a whole file off: rare, or most cases would check nothing. */
const IGNORE_FILE = '// promptcost-ignore-file';

/** Statements that are not prompts. */
const NOISE_STATEMENTS = [
  "const LABELS = { save: 'Save', cancel: 'Cancel', greeting: 'You are being redirected…' };",
  "console.log('You are now signed in. Please make sure to save your work.');",
  '// a comment with emoji 😀 and CJK 日本語',
  '/* block\n   comment */',
  'const re = /\\/\\/ not a comment/g;',
  'const n = 1 + 2;',
  "const html = '<div>${x}</div>';",
  'const t = `plain ${1 + 1} template`;',
  'export default {};',
  "const u = '\\u{1F600}\\uD83D\\uDE00';",
];

/** JSX (only in .tsx/.jsx files): UI text is not a prompt, a prompt may be shown in a component. */
const JSX_STATEMENTS = [
  'export const Banner = () => <div title="You are a helpful assistant">Please make sure to save your work.</div>;',
  'export const Show = ({ p }) => <pre>{SYSTEM_PROMPT}{`Answer ${p}`}</pre>;',
];

/** A top-level declaration of a prompt constant (or of something a prompt uses). */
function declaration(exported: boolean): fc.Arbitrary<string> {
  const ex = exported ? 'export ' : '';
  return fc.oneof(
    { weight: 5, arbitrary: fc.tuple(fc.constantFrom(...CONST_NAMES), prompt).map(([name, p]) => `${ex}const ${name} = ${p};`) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...CONST_NAMES), prompt).map(([name, p]) => `${ex}function ${name}(q, context) {\n  return ${p};\n}`) },
    { weight: 1, arbitrary: fc.tuple(prompt, prompt).map(([a, b]) => `${ex}const PROMPTS = { system: ${a}, user: ${b} };`) },
    { weight: 1, arbitrary: staticPrompt.map((p) => `${ex}const POLICY = ${p};`) },
    { weight: 1, arbitrary: modelId.map((id) => `${ex}const MODEL = ${quoted(id, { quote: "'", escapeUnicode: false })};`) },
    { weight: 1, arbitrary: fc.constantFrom(`${ex}const COMPANY = 'Acme';`, `${ex}const schema = { type: 'object' };`, `${ex}const buildPrompt = (q) => \`Question: \${q}\`;`) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...CONST_NAMES), fc.constantFrom('let', 'var'), fc.option(prompt, { nil: undefined })).map(([name, kw, later]) => `${ex}${kw} ${name};${later ? `\n${name} = ${later};` : ''}`) },
  );
}

/** A function (or top-level statement) that calls a model. */
const caller: fc.Arbitrary<string> = fc
  .tuple(historyPrelude, retrievalPrelude, fc.nat(99), fc.constantFrom('function', 'arrow', 'top-level'))
  .chain(([history, retrieval, id, form]) =>
    sdkCall(history).map((call) => {
      const body = [...retrieval, ...history.statements];
      if (form === 'arrow' && body.length === 0) return `export const ask${id} = async (q, history, store) =>\n  ${call};`;
      if (form === 'top-level') return [...body, `const res${id} = await ${call};`].join('\n');
      return `export async function ask${id}(q, history, store, req, turns) {\n${body.map((s) => `  ${s}\n`).join('')}  return ${call};\n}`;
    }),
  );

/** A statement with maybe a directive comment before it or after it on its line. */
function directed(statement: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc
    .tuple(
      statement,
      fc.oneof({ weight: 40, arbitrary: fc.constant(undefined) }, { weight: 10, arbitrary: fc.constantFrom(...DIRECTIVES) }, { weight: 1, arbitrary: fc.constant(IGNORE_FILE) }),
      fc.boolean(),
    )
    .map(([s, directive, trailing]) => (directive === undefined ? s : trailing ? `${s} ${directive}` : `${directive}\n${s}`));
}

const noise = fc.constantFrom(...NOISE_STATEMENTS);

/** The statements of the caller file (and of the prompts module when split). */
const layout = fc.record({
  split: fc.boolean(),
  extension: fc.constantFrom('.ts', '.ts', '.ts', '.tsx', '.js', '.mjs', '.jsx'),
  headers: fc.subarray(SDK_HEADERS, { minLength: 1 }),
  declarations: fc.array(directed(declaration(false)), { maxLength: 4 }),
  exported: fc.array(directed(declaration(true)), { minLength: 1, maxLength: 4 }),
  callers: fc.array(directed(caller), { minLength: 1, maxLength: 3 }),
  noise: fc.array(fc.tuple(fc.oneof(noise, fc.constantFrom(...JSX_STATEMENTS)), fc.nat()), { maxLength: 2 }),
});

/** Line endings, byte-order mark. */
const encoding = fc.record({
  eol: fc.constantFrom('lf', 'lf', 'crlf', 'mixed'),
  bom: fc.boolean(),
});

/** One random edit of a file's text. */
interface Mutation {
  file: number;
  at: number;
  kind: 'delete' | 'insert' | 'truncate' | 'duplicate';
  length: number;
  text: string;
}

const mutation: fc.Arbitrary<Mutation> = fc.record({
  file: fc.nat(1),
  at: fc.nat(),
  kind: fc.constantFrom<Mutation['kind']>('delete', 'delete', 'insert', 'insert', 'truncate', 'duplicate'),
  length: fc.integer({ min: 1, max: 12 }),
  text: fc.oneof(
    fc.constantFrom("'", '"', '`', '${', '}', '{', '(', ')', ']', ';', ',', '\n', '\r', '\r\n', '/*', '*/', '//', '\\', 'é', '😀', '\uD83D', '\uDE00', '<', '\u2028', '\uFEFF', '\0'),
    fc.string({ unit: 'binary', maxLength: 6 }),
  ),
});

function mutate(text: string, m: Mutation): string {
  const at = m.at % (text.length + 1);
  switch (m.kind) {
    case 'delete':
      return text.slice(0, at) + text.slice(at + m.length);
    case 'insert':
      return text.slice(0, at) + m.text + text.slice(at);
    case 'truncate':
      return text.slice(0, at);
    case 'duplicate':
      return text.slice(0, at + m.length) + text.slice(at);
  }
}

function withEncoding(text: string, { eol, bom }: { eol: string; bom: boolean }): string {
  let out = text.replace(/\r\n/g, '\n');
  if (eol === 'crlf') out = out.replace(/\n/g, '\r\n');
  else if (eol === 'mixed') out = out.replace(/\n/g, (_nl, at: number) => (at % 3 === 0 ? '\r\n' : '\n'));
  return (bom ? '\uFEFF' : '') + out;
}

/** Names a `export const|function NAME` declares. */
function exportedNames(statements: readonly string[]): string[] {
  return [...new Set(statements.flatMap((s) => [...s.matchAll(/export (?:const|function) (\w+)/g)].map((m) => m[1])))];
}

/** A generated workspace. */
export const fuzzCase: fc.Arbitrary<FuzzCase> = fc
  .tuple(layout, encoding, fc.oneof({ weight: 2, arbitrary: fc.constant<Mutation[]>([]) }, { weight: 1, arbitrary: fc.array(mutation, { minLength: 1, maxLength: 4 }) }), fc.boolean())
  .map(([l, enc, mutations, editor]) => {
    const callerStatements = [...l.headers, ...l.declarations, ...(l.split ? [] : l.exported), ...l.callers];
    const jsx = /x$/.test(l.extension);
    for (const [statement, at] of l.noise) if (jsx || !JSX_STATEMENTS.includes(statement)) callerStatements.splice(at % (callerStatements.length + 1), 0, statement);
    const files: FuzzFile[] = [];
    if (l.split) {
      const names = exportedNames(l.exported);
      const importLine = names.length > 0 ? `import { ${names.join(', ')} } from './prompts';` : "import './prompts';";
      callerStatements.splice(l.headers.length, 0, importLine);
      files.push({ name: 'prompts.ts', text: withEncoding(l.exported.join('\n\n') + '\n', enc) });
    }
    files.push({ name: `main${l.extension}`, text: withEncoding(callerStatements.join('\n\n') + '\n', enc) });
    for (const m of mutations) {
      const f = files[m.file % files.length];
      f.text = mutate(f.text, m);
    }
    return { files, mutated: mutations.length > 0, editor };
  });
