import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { UNKNOWN_MODEL_MESSAGE } from '../config/model-check';
import { LineMap } from '../text/line-map';
import type { ConfigIssue } from '../workspace-types';
import { keyPathSpan, jsonErrorSpan } from './json-key-range';
import { DIAGNOSTIC_SOURCE } from './to-diagnostic';

/** Diagnostic code of configuration problems (they belong to no rule). */
export const CONFIG_DIAGNOSTIC_CODE = 'config';

/**
 * What happens to a bad key, said at the end of its message.
 * @example consequence({ source: 'settings', path: 'callsPerDay', message: 'expected a number, got "lots"' }) // 'the default is used'
 */
export function consequence(issue: ConfigIssue): string {
  if (issue.path === '') return 'the defaults are used';
  if (/^unknown (key|rule)/.test(issue.message)) return 'it is ignored';
  if (issue.path === 'defaultModel' && issue.message.startsWith(UNKNOWN_MODEL_MESSAGE)) return 'prompts that show no model are not priced';
  return 'the default is used';
}

/**
 * A diagnostic on a `.promptcost.json` text for one configuration issue, placed on the key its path names
 * (or on the JSON syntax error it describes).
 * @example configIssueToDiagnostic({ source: '/r/.promptcost.json', path: 'callsPerDay', message: 'expected a number, got "lots"' },
 *   '{"callsPerDay": "lots"}')
 * // { range: { start: { line: 0, character: 1 }, end: { line: 0, character: 14 } }, severity: 1, source: 'promptcost',
 * //   code: 'config', message: 'callsPerDay: expected a number, got "lots" (the default is used)' }
 */
export function configIssueToDiagnostic(issue: ConfigIssue, text: string): Diagnostic {
  const span = jsonErrorSpan(text, issue.message) ?? keyPathSpan(text, issue.path);
  const lines = new LineMap(text);
  const where = issue.path ? `${issue.path}: ` : '';
  return {
    range: { start: lines.positionAt(span.start), end: lines.positionAt(span.end) },
    severity: DiagnosticSeverity.Error,
    source: DIAGNOSTIC_SOURCE,
    code: CONFIG_DIAGNOSTIC_CODE,
    message: `${where}${issue.message} (${consequence(issue)})`,
  };
}
