/**
 * Generates the benchmark workspaces: deterministic TypeScript projects shaped like real AI apps (prompt
 * modules, SDK call sites, chat history and RAG code, and a majority of ordinary code).
 *
 * CLI: `node --import tsx bench/corpus/generate.ts <dir> <files> [seed]`
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { pathToFileURL } from 'node:url';
import { callSiteFile, type ImportedPrompts } from './call-sites';
import { EDITED_FILE, editedFile, SUPPORT_PROMPT_FILE, supportPromptModule } from './edited-file';
import { ordinaryCode } from './ordinary-code';
import { createRng, hashSeed, type Rng } from './prng';
import { promptModule, promptModuleExports } from './prompt-modules';
import { DOMAINS, ENTITIES } from './vocabulary';

/** Bump when the generated text changes, so cached corpora are regenerated. */
export const GENERATOR_VERSION = 1;
/** The seed the benchmark uses. */
export const DEFAULT_SEED = 20240605;
/** Stamp file written last into a generated corpus (its presence means the corpus is complete). */
export const STAMP_FILE = '.bench-stamp.json';

/** Share of the generated files that are prompt modules and SDK call sites; the rest (~70%) is ordinary code. */
const PROMPT_MODULE_SHARE = 0.12;
const CALL_SITE_SHARE = 0.18;
/** File sizes: 50–400 lines, most near the low end (the cube of a uniform number). */
const MIN_LINES = 50;
const MAX_LINES = 400;
/** Files per folder, roughly (src/<domain>/<area>/). */
const FILES_PER_FOLDER = 12;

export interface CorpusOptions {
  /** Number of TypeScript files (including the edited file and its prompt module). */
  files: number;
  seed?: number;
}

export interface CorpusStamp {
  generatorVersion: number;
  seed: number;
  files: number;
  bytes: number;
}

type Kind = 'prompts' | 'calls' | 'ordinary';

interface PlannedFile {
  path: string;
  kind: Kind;
  index: number;
}

const ORDINARY_ROLES = ['service', 'repository', 'utils', 'types', 'handlers', 'mapper', 'validation', 'jobs'] as const;

/** Decides every file's path and kind before any text is written (call sites need the prompt modules' paths). */
function plan(rng: Rng, count: number): PlannedFile[] {
  const out: PlannedFile[] = [];
  for (let i = 0; i < count; i++) {
    const r = rng.next();
    const kind: Kind = i === 0 || r < PROMPT_MODULE_SHARE ? 'prompts' : r < PROMPT_MODULE_SHARE + CALL_SITE_SHARE ? 'calls' : 'ordinary';
    const domain = DOMAINS[i % DOMAINS.length];
    const folder = `src/${domain}/area-${Math.floor(i / (DOMAINS.length * FILES_PER_FOLDER))}`;
    const entity = rng.pick(ENTITIES);
    const name = kind === 'prompts' ? `prompts-${i}` : kind === 'calls' ? `${entity}-assistant-${i}` : `${entity}-${rng.pick(ORDINARY_ROLES)}-${i}`;
    out.push({ path: `${folder}/${name}.ts`, kind, index: i });
  }
  return out;
}

/** `./x` or `../a/x` from one workspace-relative file to another, without the extension. */
function specifier(from: string, to: string): string {
  const rel = posix.relative(posix.dirname(from), to).replace(/\.ts$/, '');
  return rel.startsWith('.') ? rel : `./${rel}`;
}

function lineTarget(rng: Rng): number {
  const r = rng.next();
  return MIN_LINES + Math.floor((MAX_LINES - MIN_LINES) * r * r * r);
}

function packageJson(files: number): string {
  const pkg = {
    name: `bench-ai-app-${files}`,
    version: '1.0.0',
    private: true,
    type: 'module',
    scripts: { build: 'tsc -p .', start: 'node dist/index.js' },
    dependencies: { '@ai-sdk/openai': '^2.0.0', '@anthropic-ai/sdk': '^0.60.0', '@langchain/core': '^0.3.0', '@langchain/openai': '^0.6.0', ai: '^5.0.0', openai: '^5.20.0' },
    devDependencies: { typescript: '^5.9.0' },
  };
  return JSON.stringify(pkg, null, 2) + '\n';
}

const TSCONFIG = JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', strict: true, skipLibCheck: true, outDir: 'dist' }, include: ['src'] }, null, 2) + '\n';

/** The workspace-relative path and text of every file of a corpus, in a fixed order. */
export function corpusFiles(options: CorpusOptions): Map<string, string> {
  const seed = options.seed ?? DEFAULT_SEED;
  const generated = Math.max(1, options.files - 2);
  const planned = plan(createRng(hashSeed(`${seed}:plan`)), generated);
  const promptModules: ImportedPrompts[] = [];
  const modulePaths = planned.filter((f) => f.kind === 'prompts');
  const out = new Map<string, string>();
  out.set('package.json', packageJson(options.files));
  out.set('tsconfig.json', TSCONFIG);
  out.set(SUPPORT_PROMPT_FILE, supportPromptModule(createRng(hashSeed(`${seed}:support`))));
  out.set(EDITED_FILE, editedFile(createRng(hashSeed(`${seed}:edited`))));
  for (const file of planned) {
    const rng = createRng(hashSeed(`${seed}:${file.index}`));
    if (file.kind === 'prompts') {
      out.set(file.path, promptModule(rng, file.index));
    } else if (file.kind === 'calls') {
      promptModules.length = 0;
      for (const m of rng.sample(modulePaths, rng.int(1, 2))) {
        promptModules.push({ specifier: specifier(file.path, m.path), names: promptModuleExports(DOMAINS[m.index % DOMAINS.length], m.index) });
      }
      out.set(file.path, callSiteFile(rng, file.index, promptModules, lineTarget(rng)));
    } else {
      out.set(file.path, `// ${file.path}\n\n` + ordinaryCode(rng, lineTarget(rng), file.index * 100).join('\n') + '\n');
    }
  }
  return out;
}

/** Writes a corpus into `dir` (emptied first) and returns its stamp. Same options, same bytes. */
export function generateCorpus(dir: string, options: CorpusOptions): CorpusStamp {
  const seed = options.seed ?? DEFAULT_SEED;
  rmSync(dir, { recursive: true, force: true });
  let bytes = 0;
  for (const [path, text] of corpusFiles(options)) {
    const full = join(dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text);
    bytes += Buffer.byteLength(text);
  }
  const stamp: CorpusStamp = { generatorVersion: GENERATOR_VERSION, seed, files: options.files, bytes };
  writeFileSync(join(dir, STAMP_FILE), JSON.stringify(stamp) + '\n');
  return stamp;
}

/** Generates the corpus unless `dir` already holds one from the same generator version, seed and size. */
export function ensureCorpus(dir: string, options: CorpusOptions): { stamp: CorpusStamp; generated: boolean } {
  const seed = options.seed ?? DEFAULT_SEED;
  const stampPath = join(dir, STAMP_FILE);
  if (existsSync(stampPath)) {
    const stamp = JSON.parse(readFileSync(stampPath, 'utf8')) as CorpusStamp;
    if (stamp.generatorVersion === GENERATOR_VERSION && stamp.seed === seed && stamp.files === options.files) return { stamp, generated: false };
  }
  return { stamp: generateCorpus(dir, options), generated: true };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [dir, files, seed] = process.argv.slice(2);
  if (!dir || !files || !(Number(files) > 0)) {
    console.error('usage: node --import tsx bench/corpus/generate.ts <dir> <files> [seed]');
    process.exit(2);
  }
  const stamp = generateCorpus(dir, { files: Number(files), seed: seed ? Number(seed) : undefined });
  console.log(`${dir}: ${stamp.files} files, ${(stamp.bytes / 1e6).toFixed(2)} MB (seed ${stamp.seed})`);
}
