import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Engine } from '../../server/src/engine';

/** Labels of a rules corpus: per file, the lines each rule should report. */
interface RuleLabels {
  version: 1;
  files: Record<string, Record<string, number[]>>;
}

/** A report matches a label on the same line or one line off (labels are hand-made). */
const LINE_TOLERANCE = 1;

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : /\.(ts|tsx|js|jsx|mjs|cjs)$/.test(name) ? [path] : [];
  });
}

/** Scores the reports of some rules against a labelled corpus: recall and precision per rule. */
export function scoreRules(corpus: string, ruleIds: readonly string[]) {
  const labels = JSON.parse(readFileSync(join(corpus, 'labels.json'), 'utf8')) as RuleLabels;
  const engine = new Engine();
  const analyses = engine.analyzeFiles(listFiles(corpus));
  engine.dispose();
  const scores = Object.fromEntries(ruleIds.map((id) => [id, { labelled: 0, reported: 0, matched: 0, missed: [] as string[], extra: [] as string[] }]));
  for (const analysis of analyses) {
    const rel = relative(corpus, analysis.file).replace(/\\/g, '/');
    const lineOf = (offset: number) => analysis.text.slice(0, offset).split('\n').length;
    for (const id of ruleIds) {
      const score = scores[id];
      const expected = [...(labels.files[rel]?.[id] ?? [])];
      const reported = analysis.reports.filter((r) => r.ruleId === id && r.file === analysis.file).map((r) => lineOf(r.span.start));
      score.labelled += expected.length;
      score.reported += reported.length;
      const unmatched = [...reported];
      for (const line of expected) {
        const at = unmatched.findIndex((l) => Math.abs(l - line) <= LINE_TOLERANCE);
        if (at >= 0) {
          score.matched++;
          unmatched.splice(at, 1);
        } else score.missed.push(`${rel}:${line}`);
      }
      score.extra.push(...unmatched.map((l) => `${rel}:${l}`));
    }
  }
  return scores;
}

if (require.main === module) {
  const corpus = process.argv[2] ?? join(__dirname, '..', 'fixtures', 'rules-holdout');
  for (const [id, s] of Object.entries(scoreRules(corpus, ['unbounded-history', 'unbounded-retrieval']))) {
    const recall = s.labelled ? s.matched / s.labelled : 1;
    const precision = s.reported ? s.matched / s.reported : 1;
    console.log(`${id}: labelled ${s.labelled}, reported ${s.reported}, matched ${s.matched} — recall ${(recall * 100).toFixed(1)}%, precision ${(precision * 100).toFixed(1)}%`);
    if (s.missed.length) console.log('  missed: ' + s.missed.join(', '));
    if (s.extra.length) console.log('  extra: ' + s.extra.join(', '));
  }
}
