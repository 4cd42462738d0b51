import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Engine } from '../../server/src/engine';

/** Labels of the finder corpus (test/fixtures/finder/labels.json). */
interface Labels {
  version: 1;
  sites: Record<string, { line: number; kind: string; note?: string }[]>;
}

export interface FinderScore {
  labelled: number;
  found: number;
  truePositives: number;
  recall: number;
  precision: number;
  missed: string[];
  extra: string[];
}

/** A predicted site matches a label on the same line, or one line off (labels are hand-made). */
const LINE_TOLERANCE = 1;

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : /\.(ts|tsx|js|jsx|mjs|cjs)$/.test(name) ? [path] : [];
  });
}

/** Runs the engine over a labelled corpus and scores the sites it reports against the labels. */
export function scoreFinder(corpus: string): FinderScore {
  const labels = JSON.parse(readFileSync(join(corpus, 'labels.json'), 'utf8')) as Labels;
  const files = listFiles(corpus);
  const engine = new Engine();
  const analyses = engine.analyzeFiles(files);
  engine.dispose();
  const score: FinderScore = { labelled: 0, found: 0, truePositives: 0, recall: 0, precision: 0, missed: [], extra: [] };
  for (const analysis of analyses) {
    const rel = relative(corpus, analysis.file).replace(/\\/g, '/');
    const expected = [...(labels.sites[rel] ?? [])];
    const lineOf = (offset: number) => analysis.text.slice(0, offset).split('\n').length;
    const predicted = analysis.prompts.map((p) => ({ line: lineOf(p.site.span.start), kind: p.site.kind }));
    score.labelled += expected.length;
    score.found += predicted.length;
    const unmatched = [...predicted];
    // Exact lines first, then one line off, so neighbouring labels do not steal each other's match.
    const pending: typeof expected = [];
    for (const label of expected) {
      const exact = unmatched.findIndex((p) => p.line === label.line);
      if (exact >= 0) {
        score.truePositives++;
        unmatched.splice(exact, 1);
      } else pending.push(label);
    }
    for (const label of pending) {
      const best = unmatched
        .map((p, i) => ({ i, d: Math.abs(p.line - label.line) }))
        .filter((c) => c.d <= LINE_TOLERANCE)
        .sort((a, b) => a.d - b.d)[0];
      if (best) {
        score.truePositives++;
        unmatched.splice(best.i, 1);
      } else score.missed.push(`${rel}:${label.line} ${label.kind} ${label.note ?? ''}`);
    }
    for (const p of unmatched) score.extra.push(`${rel}:${p.line} ${p.kind}`);
  }
  score.recall = score.labelled ? score.truePositives / score.labelled : 1;
  score.precision = score.found ? score.truePositives / score.found : 1;
  return score;
}

if (require.main === module) {
  const corpus = process.argv[2] ?? join(__dirname, '..', 'fixtures', 'finder');
  const s = scoreFinder(corpus);
  console.log(`labelled ${s.labelled}, found ${s.found}, matched ${s.truePositives}`);
  console.log(`recall ${(s.recall * 100).toFixed(1)}%  precision ${(s.precision * 100).toFixed(1)}%`);
  if (s.missed.length) console.log('missed:\n  ' + s.missed.join('\n  '));
  if (s.extra.length) console.log('extra:\n  ' + s.extra.join('\n  '));
}
