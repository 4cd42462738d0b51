import { normalizeInstruction } from './instructions';

/**
 * Word-set similarity of two instructions, for near-duplicate detection: stop words and filler
 * removed, light stemming, and a veto when the two differ in a word that flips meaning (a negation,
 * always/only, a number).
 */

/** Words that carry no instruction of their own. Negations, "always", "only" and numbers are never here. */
const STOP_WORDS = new Set(
  ('a an the to of in on at for from by with as into about and or but if then so than that this these those it its ' +
    'is are be been being was were am will would shall should must can could may might do does did have has had ' +
    'you your yours yourself we our us i me my they them their he she his her there here which who whom what when ' +
    'please very really just also any anything each every some such both either all own same too')
    .split(' '),
);

/** Words whose presence on one side only changes what an instruction asks. */
const CONTRAST = /^(no|not|never|none|nothing|nobody|nor|cannot|cant|dont|doesnt|isnt|arent|wont|shouldnt|mustnt|without|except|unless|avoid|only|always|before|after|less|more|fewer|least|most|\d+.*)$/;

/** Strips common English suffixes so "troubleshooting" and "troubleshoot", "shared" and "share" compare equal. */
function stem(word: string): string {
  if (word.length <= 4 || /\d/.test(word)) return word;
  let s = word;
  if (s.endsWith('ies')) s = `${s.slice(0, -3)}y`;
  else if (/(?:[sx]|ch|sh)es$/.test(s)) s = s.slice(0, -2);
  else if (/[^su]s$/.test(s)) s = s.slice(0, -1);
  if (s.endsWith('ing') && s.length >= 7) s = s.slice(0, -3);
  else if (s.endsWith('ed') && s.length >= 6) s = s.slice(0, -2);
  if (s.endsWith('e') && s.length > 4) s = s.slice(0, -1);
  return s;
}

/** The content words of an instruction, stemmed (see {@link STOP_WORDS}). */
export function contentWords(text: string): Set<string> {
  const words = normalizeInstruction(text).split(' ').filter((w) => w.length > 0 && !STOP_WORDS.has(w));
  return new Set(words.map((w) => (CONTRAST.test(w) ? w : stem(w))));
}

/**
 * Jaccard similarity of two word sets (|A ∩ B| / |A ∪ B|), or 0 when they differ in a contrast word.
 * @example similarity(contentWords('Never share internal notes.'), contentWords('You must never share internal notes.')) // 1
 */
export function similarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const word of a) {
    if (b.has(word)) shared++;
    else if (CONTRAST.test(word)) return 0;
  }
  for (const word of b) if (!a.has(word) && CONTRAST.test(word)) return 0;
  const union = a.size + b.size - shared;
  return union === 0 ? 0 : shared / union;
}
