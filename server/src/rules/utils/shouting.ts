import { SHOUT_INTENSIFIERS, SHOUT_JOINERS, SHOUT_LABELS } from './filler-phrases';

/** A run of capitalised emphasis words in a sentence. */
export interface ShoutingRun {
  /** Range of the run in the searched text. */
  start: number;
  end: number;
  /** Emphasis words in it (joiners such as YOU, DO, NOT are not counted). */
  count: number;
  /** Plain wording, or undefined when none reads well (see {@link shoutingRuns}). */
  plain?: string;
  /** True when the plain wording is empty: the run and the spaces after it go, the next word is capitalised. */
  dropsAll: boolean;
}

const WORD = /[A-Za-z][A-Za-z'’]*/g;
const TWO_CAPITALS = /[A-Z][A-Z'’]/;
/** What may stand between two words of a run: spaces and light punctuation on one line. */
const GAP = /^[ \t]*[,:!—–-]?[ \t]*$/;

function isCaps(word: string): boolean {
  return word.length >= 2 && /^[A-Z][A-Z'’]+$/.test(word);
}

/**
 * Plain wording of a run: labels before a colon (`IMPORTANT:`) and intensifiers (`EVER` after NEVER,
 * `ABSOLUTELY`, `VERY`…) dropped, the rest in lower case, capitalised when the run starts a sentence.
 * @example plainWording(['IMPORTANT', 'NEVER', 'EVER'], [': ', ' '], true) // 'Never'
 */
function plainWording(words: readonly string[], gaps: readonly string[], sentenceStart: boolean): string {
  let first = 0;
  const colon = gaps.findIndex((g) => g.includes(':'));
  if (colon >= 0 && words.slice(0, colon + 1).every((w) => SHOUT_LABELS.has(w))) first = colon + 1;
  const kept: string[] = [];
  for (let i = first; i < words.length; i++) {
    const word = words[i];
    if (SHOUT_INTENSIFIERS.has(word) && (word !== 'EVER' || words[i - 1] === 'NEVER')) continue;
    kept.push(word.toLowerCase());
  }
  const text = kept.join(' ');
  return sentenceStart ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}

/**
 * Runs of at least `minCount` capitalised emphasis words (`IMPORTANT: NEVER EVER`, `YOU MUST ALWAYS`) in
 * one sentence. `contentStart` is where the sentence's words begin (after a list marker). A run
 * followed by more capitals (a whole shouted sentence) gets no plain wording: lower-casing part of it
 * would read worse.
 */
export function shoutingRuns(sentence: string, contentStart: number, emphasis: ReadonlySet<string>, minCount: number): ShoutingRun[] {
  // Every word of a run has two capitals in a row (see isCaps): most sentences have none.
  if (!TWO_CAPITALS.test(sentence)) return [];
  const words = [...sentence.matchAll(WORD)].map((m) => ({ text: m[0].replace(/’/g, "'"), start: m.index, end: m.index + m[0].length }));
  const runs: ShoutingRun[] = [];
  let i = 0;
  while (i < words.length) {
    const inRun = (k: number): boolean => isCaps(words[k].text) && (emphasis.has(words[k].text) || SHOUT_JOINERS.has(words[k].text));
    if (!inRun(i)) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < words.length && inRun(j + 1) && GAP.test(sentence.slice(words[j].end, words[j + 1].start))) j++;
    const run = words.slice(i, j + 1);
    const count = run.filter((w) => emphasis.has(w.text)).length;
    if (count >= minCount) {
      const next = words[j + 1];
      const gaps = run.slice(0, -1).map((w, k) => sentence.slice(w.end, run[k + 1].start));
      const followedByCaps = next !== undefined && isCaps(next.text) && /^\s+$/.test(sentence.slice(run[run.length - 1].end, next.start));
      let end = run[run.length - 1].end;
      let plain = followedByCaps ? undefined : plainWording(run.map((w) => w.text), gaps, run[0].start === contentStart);
      // `IMPORTANT NOTE: the key…`: only labels, ended by a colon after the run.
      const colon = /^[ \t]*:/.exec(sentence.slice(end));
      if (colon && run.every((w) => SHOUT_LABELS.has(w.text))) [end, plain] = [end + colon[0].length, ''];
      runs.push({ start: run[0].start, end, count, plain, dropsAll: plain === '' });
    }
    i = j + 1;
  }
  return runs;
}
