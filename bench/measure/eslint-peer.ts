/**
 * The peer: ESLint with @typescript-eslint/parser and one syntax-only rule (`no-restricted-syntax` on
 * string and template literals) over the same workspace, whole-process wall time, against our CLI.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT, runNode } from '../process';
import { plainFigure, targetFigure, type Figure } from '../report';
import { median } from '../stats';
import { runCli } from './cold-scan';

const require = createRequire(import.meta.url);

export interface EslintPeerResult {
  files: number;
  runs: number;
  eslintWallMs: number[];
  cliWallMs: number[];
  eslintMessages: number;
}

/** A flat config: every TS/JS file parsed by @typescript-eslint/parser, string and template literals reported. */
function flatConfig(): string {
  const parser = pathToFileURL(require.resolve('@typescript-eslint/parser')).href;
  return `import parser from ${JSON.stringify(parser)};
export default [
  {
    files: ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'],
    languageOptions: { parser, ecmaVersion: 'latest', sourceType: 'module' },
    rules: {
      'no-restricted-syntax': [
        'warn',
        { selector: "Literal[raw=/^[\\"']/]", message: 'string literal' },
        { selector: 'TemplateLiteral', message: 'template literal' },
      ],
    },
  },
];
`;
}

/** Runs ESLint and our CLI `runs` times each, alternately, on the workspace `dir` of `files` files. */
export function measureEslintPeer(dir: string, files: number, runs: number, log: (line: string) => void): EslintPeerResult {
  const tmp = mkdtempSync(join(tmpdir(), 'bench-eslint-'));
  const config = join(tmp, 'eslint.config.mjs');
  writeFileSync(config, flatConfig());
  // The package's exports do not expose its bin script; run it from node_modules like `npx eslint` would.
  const eslint = join(REPO_ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js');
  const result: EslintPeerResult = { files, runs, eslintWallMs: [], cliWallMs: [], eslintMessages: 0 };
  try {
    for (let i = 0; i < runs; i++) {
      const out = join(tmp, 'eslint.json');
      const run = runNode([eslint, '--config', config, '--format', 'json', '--output-file', out, '.'], { cwd: dir });
      const results = JSON.parse(readFileSync(out, 'utf8')) as { filePath: string; messages: { ruleId: string | null }[] }[];
      const linted = results.filter((r) => !r.messages.some((m) => m.ruleId === null));
      if (linted.length !== files) throw new Error(`ESLint linted ${linted.length} of ${files} files in ${dir} (${results.length} results)`);
      result.eslintMessages = results.reduce((n, r) => n + r.messages.length, 0);
      if (result.eslintMessages === 0) throw new Error('ESLint reported no literal: the rule did not run');
      result.eslintWallMs.push(run.wallMs);
      const cli = runCli(dir, join(tmp, 'cli.json'));
      result.cliWallMs.push(cli.wallMs);
      log(`  eslint ${files} run ${i + 1}/${runs}: ESLint ${Math.round(run.wallMs)} ms (${result.eslintMessages} messages), CLI ${Math.round(cli.wallMs)} ms`);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return result;
}

/** The peer figures. */
export function eslintPeerFigures(r: EslintPeerResult): Figure[] {
  const eslint = median(r.eslintWallMs);
  const cli = median(r.cliWallMs);
  const n = r.files.toLocaleString('en-US');
  return [
    plainFigure(`eslint.${r.files}.eslintWallMs`, `ESLint (+ @typescript-eslint/parser, 1 rule) on ${n} files, wall`, eslint, 'ms'),
    plainFigure(`eslint.${r.files}.cliWallMs`, `our CLI on ${n} files, wall (same runs)`, cli, 'ms'),
    targetFigure(`eslint.${r.files}.ratio`, `our CLI / ESLint on ${n} files`, cli / eslint, '×', 1, { strict: true }),
  ];
}
