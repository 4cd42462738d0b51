import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { findConfigFile, loadConfigFile } from '../config/load-config';
import { defaultModelIssue } from '../config/model-check';
import { defaultConfig, type Config } from '../config/schema';
import { Engine } from '../engine';
import { lookupModel, suggestModelId } from '../pricing/catalogue';
import { RULES } from '../rules';
import type { ConfigIssue, WorkspaceAnalysis } from '../workspace-types';
import { formatJson } from './format/json';
import { formatSarif } from './format/sarif';
import { formatText } from './format/text';

/** Exit codes: 0 clean, 1 a budget or error-severity rule failed, 2 usage or configuration error. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;
/** The version printed by `--version` and written into SARIF. */
export const VERSION = '0.1.0';
/** Rules whose reports fail a CI run whatever their severity (budgets are gates by definition). */
const GATE_RULES = new Set(['prompt-token-budget']);

const HELP = `Usage: promptcost scan [paths...] [options]

Finds the LLM prompts in TypeScript/JavaScript files, counts their tokens, prices them, and
reports cost problems. Paths default to the current directory.

Options:
  -f, --format <text|json|sarif>  output format (default: text)
  -c, --config <file>             configuration file (default: nearest .promptcost.json)
  -m, --model <id>                default model for calls that show none (e.g. gpt-4o)
      --top <n>                   rows in the costliest-prompts table (text format, default 10)
      --no-color                  plain text output
      --exit-zero                 exit 0 even when budgets or error rules fail (usage errors still exit 2)
  -h, --help                      show this help
  -v, --version                   show the version

Exit codes: 0 clean, 1 a budget or an error-severity rule failed, 2 usage or configuration error.`;

interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  cwd: string;
  color: boolean;
}

function usage(io: CliIo, message: string): number {
  io.err(`promptcost: ${message}\n\n${HELP}\n`);
  return EXIT.usage;
}

function formatIssue(issue: ConfigIssue): string {
  return `${issue.source}${issue.path ? `: ${issue.path}` : ''}: ${issue.message}`;
}

/** Runs the CLI with arguments (without `node` and the script); returns the exit code. */
export function runCli(argv: string[], io: CliIo): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', short: 'f', default: 'text' },
        config: { type: 'string', short: 'c' },
        model: { type: 'string', short: 'm' },
        top: { type: 'string' },
        'no-color': { type: 'boolean' },
        'exit-zero': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    return usage(io, error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(HELP + '\n');
    return EXIT.ok;
  }
  if (values.version) {
    io.out(VERSION + '\n');
    return EXIT.ok;
  }
  const [command, ...paths] = positionals;
  if (command !== 'scan') return usage(io, command ? `unknown command '${command}'` : 'missing command');
  const format = values.format;
  if (format !== 'text' && format !== 'json' && format !== 'sarif') return usage(io, `unknown format '${format}' (text, json or sarif)`);
  const top = values.top === undefined ? undefined : Number(values.top);
  if (top !== undefined && (!Number.isInteger(top) || top < 0)) return usage(io, `--top must be a whole number, got '${values.top}'`);

  const root = io.cwd;
  const targets = paths.length > 0 ? paths : ['.'];
  const configPath = values.config ? resolve(root, values.config) : findConfigFile(resolve(root, targets[0]));
  let config: Config = defaultConfig();
  const issues: ConfigIssue[] = [];
  if (configPath) {
    const loaded = loadConfigFile(configPath);
    config = loaded.config;
    issues.push(...loaded.issues);
  }
  if (values.model) {
    if (!lookupModel(values.model, config.models)) {
      const hint = suggestModelId(values.model);
      return usage(io, `unknown model '${values.model}'${hint ? `; did you mean '${hint}'?` : ''} (add its prices under "models" in .promptcost.json)`);
    }
    config = { ...config, defaultModel: values.model };
  } else if (configPath) {
    const model = defaultModelIssue(config, configPath);
    if (model) issues.push(model);
  }
  const engine = new Engine({ config, configIssues: issues });
  let analysis: WorkspaceAnalysis;
  try {
    analysis = engine.analyzeWorkspace(root, targets);
  } finally {
    engine.dispose();
  }
  if (analysis.files.length === 0) {
    io.err(`promptcost: no TypeScript or JavaScript files found in ${targets.join(', ')}\n`);
  }
  for (const issue of engine.configIssues) io.err(`promptcost: config: ${formatIssue(issue)}\n`);

  if (format === 'json') io.out(formatJson(analysis) + '\n');
  else if (format === 'sarif') {
    const rules = RULES.map((r) => ({ id: r.meta.id, description: r.meta.description, docsUrl: r.meta.docsUrl, defaultSeverity: r.meta.defaultSeverity }));
    io.out(formatSarif(analysis, rules, VERSION) + '\n');
  } else io.out(formatText(analysis, { color: io.color && !values['no-color'], top }) + '\n');

  if (engine.configIssues.length > 0) return EXIT.usage;
  const failed = analysis.files.some((f) => f.reports.some((r) => r.severity === 'error' || GATE_RULES.has(r.ruleId)));
  return failed && !values['exit-zero'] ? EXIT.failed : EXIT.ok;
}

if (require.main === module) {
  const code = runCli(process.argv.slice(2), {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    color: !!process.stdout.isTTY && !process.env.NO_COLOR,
  });
  process.exitCode = code;
}
