/**
 * Filler that costs tokens and tells a model nothing (COST-MODEL.md, "Waste patterns": padding such as
 * "Please make sure to", "It is very important that", "Remember,", "As stated above"; runs of
 * NEVER/ALWAYS/IMPORTANT). Shared by `padded-instruction` (to report it) and `redundant-instruction`
 * (to compare instructions without it).
 */

/** A filler phrase and what replaces it (nothing unless given, e.g. "Always remember to" → "Always"). */
export interface FillerPhrase {
  phrase: string;
  replace?: string;
}

/** Default padding phrases, matched case-insensitively at the start of a sentence or clause. */
export const DEFAULT_PADDING_PHRASES: readonly (string | FillerPhrase)[] = [
  'Please make sure to',
  'Please make sure that you',
  'Please make sure you',
  'Make sure to',
  'Make sure that you',
  'Make sure you',
  'Please be sure to',
  'Be sure to',
  'Please ensure that you',
  'Please ensure you',
  'It is very important that you',
  'It is very important that',
  'It is very important to',
  "It's very important that you",
  "It's very important to",
  'It is extremely important that you',
  'It is extremely important to',
  'It is important that you',
  'It is important that',
  'It is important to',
  "It's important that you",
  "It's important to",
  'It is crucial that you',
  'It is crucial to',
  'It is essential that you',
  'It is essential to',
  'It is critical that you',
  'It is critical to',
  'Remember,',
  'Remember that',
  'Remember to',
  'Please remember to',
  'Please remember that',
  { phrase: 'Always remember to', replace: 'Always' },
  "Don't forget to",
  'Do not forget to',
  'As stated above,',
  'As mentioned above,',
  'As mentioned before,',
  'As mentioned earlier,',
  'As previously mentioned,',
  'As noted above,',
  'I would like you to',
  "I'd like you to",
  'I want you to',
  'I need you to',
  'Please note that',
  'Note that',
  'Please keep in mind that',
  'Keep in mind that',
  'Bear in mind that',
  'Please be aware that',
];

/** Capitalised words that shout emphasis; a run of them counts toward `shoutingRun`. */
export const DEFAULT_EMPHASIS_WORDS: readonly string[] = [
  'IMPORTANT', 'CRITICAL', 'CRUCIAL', 'ESSENTIAL', 'VITAL', 'MANDATORY', 'NEVER', 'ALWAYS', 'MUST', 'EVER',
  'ABSOLUTELY', 'EXTREMELY', 'VERY', 'REALLY', 'STRICTLY', 'NOTE', 'WARNING', 'REMEMBER',
];

/** Capitalised words that continue a shouting run without counting (`YOU MUST NEVER`, `DO NOT EVER`). */
export const SHOUT_JOINERS = new Set(['YOU', 'DO', 'NOT', 'NO', "DON'T", 'DONT', 'ANY', 'AT', 'ALL', 'TIMES', 'UNDER', 'CIRCUMSTANCES', 'AND', 'OR', 'BE', 'TO']);

/** Emphasis words that only label what follows (`IMPORTANT:`); dropped by the fix when followed by a colon. */
export const SHOUT_LABELS = new Set(['IMPORTANT', 'CRITICAL', 'CRUCIAL', 'ESSENTIAL', 'VITAL', 'MANDATORY', 'NOTE', 'WARNING', 'REMEMBER', 'VERY', 'EXTREMELY', 'REALLY', 'ABSOLUTELY']);

/** Intensifiers the fix drops inside a run (`NEVER EVER` → never, `ABSOLUTELY MUST` → must). */
export const SHOUT_INTENSIFIERS = new Set(['EVER', 'ABSOLUTELY', 'EXTREMELY', 'VERY', 'REALLY']);

/** Normalises a phrase option to its object form. */
export function toFiller(entry: string | FillerPhrase): FillerPhrase {
  return typeof entry === 'string' ? { phrase: entry } : entry;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A case-insensitive pattern matching any of the phrases at the start of a string (longest first),
 * with flexible spaces and either apostrophe; the phrase must end at a word boundary.
 */
export function phrasePattern(phrases: readonly FillerPhrase[]): RegExp {
  const sources = [...phrases]
    .map((p) => p.phrase.trim())
    .filter((p) => p.length > 0)
    .sort((a, b) => b.length - a.length)
    .map((p) => escapeRegExp(p).replace(/\s+/g, '\\s+').replace(/['’]/g, "['’]") + (/\w$/.test(p) ? '\\b' : ''));
  return new RegExp(`^(?:${sources.join('|')})`, 'i');
}

/** The phrase entry a matched text came from (compared without case, extra spaces or apostrophe style). */
export function fillerFor(matched: string, phrases: readonly FillerPhrase[]): FillerPhrase | undefined {
  const key = (text: string): string => text.trim().toLowerCase().replace(/\s+/g, ' ').replace(/’/g, "'");
  const wanted = key(matched);
  return phrases.find((p) => key(p.phrase) === wanted);
}

/**
 * Removes filler phrases at the start of an instruction (repeatedly: "Remember, please make sure to …"),
 * putting in their replacement when they have one.
 * @example stripFiller('Remember, always reply in English.', fillers, phrasePattern(fillers)) // 'always reply in English.'
 */
export function stripFiller(text: string, phrases: readonly FillerPhrase[], pattern: RegExp): string {
  let out = text.trimStart();
  for (let match = pattern.exec(out); match && match[0].length > 0; match = pattern.exec(out)) {
    const replacement = fillerFor(match[0], phrases)?.replace;
    out = out.slice(match[0].length).trimStart();
    if (replacement) return `${replacement} ${out}`;
  }
  return out;
}
