import { join } from 'node:path';
import { loadConfigFile } from '../../../server/src/config/load-config';
import { Engine } from '../../../server/src/engine';
import type { Report } from '../../../server/src/rules/types';

/**
 * The reports the engine itself gives for each file of a workspace (with its `.promptcost.json`), analysed
 * after a workspace pass so cross-file prompts are known: what the server must turn into diagnostics.
 */
export function engineReports(root: string, files: readonly string[]): Map<string, Report[]> {
  const { config, issues } = loadConfigFile(join(root, '.promptcost.json'));
  const engine = new Engine({ config, configIssues: issues });
  try {
    engine.analyzeWorkspace(root);
    return new Map(files.map((file) => [file, engine.analyzeFile(join(root, file)).reports.filter((r) => r.file === join(root, file))]));
  } finally {
    engine.dispose();
  }
}
