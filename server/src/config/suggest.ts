import { editDistance } from '../text/edit-distance';

/** Longest input for which one edit is the most we accept as "close". */
const SHORT_WORD_LENGTH = 4;
/** Edits accepted between a longer input and a suggestion. */
const MAX_EDITS_LONG = 2;
/** Edits accepted between a short input and a suggestion. */
const MAX_EDITS_SHORT = 1;
/** A prefix shorter than this is too weak to suggest its completion (`w` → `warning`). */
const MIN_PREFIX_LENGTH = 3;

/**
 * The candidate closest to `input` when one is close enough to be a likely typo: compared
 * case-insensitively, within one or two edits (by length), or a completion of a prefix of 3+ characters.
 * Returns undefined when nothing is close or when `input` is itself a candidate.
 * @example suggestClosest('defaultModle', ['defaultModel', 'callsPerDay']) // 'defaultModel'
 * @example suggestClosest('warn', ['off', 'warning', 'error']) // 'warning'
 */
export function suggestClosest(input: string, candidates: readonly string[]): string | undefined {
  if (candidates.includes(input)) return undefined;
  const needle = input.toLowerCase();
  const limit = needle.length <= SHORT_WORD_LENGTH ? MAX_EDITS_SHORT : MAX_EDITS_LONG;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(needle, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (best !== undefined && bestDistance <= limit) return best;
  if (needle.length < MIN_PREFIX_LENGTH) return undefined;
  return candidates.find((candidate) => candidate.toLowerCase().startsWith(needle));
}
