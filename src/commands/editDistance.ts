// "Did you mean …?" suggestions. Typos are mostly a swapped pair of letters ("rnu" for
// "run"), which plain Levenshtein counts as two edits; Damerau-Levenshtein counts one.

/** Unrestricted Damerau-Levenshtein distance (Lowrance-Wagner), case-sensitive. */
export function damerauLevenshtein(a: string, b: string): number {
  const la = a.length;
  const lb = b.length;
  const infinity = la + lb;
  // d is (la+2) x (lb+2); row/column 0 hold "infinity" sentinels so transpositions that
  // reach before the start of a string are never chosen.
  const width = lb + 2;
  const d = new Array<number>((la + 2) * width).fill(0);
  const at = (i: number, j: number): number => i * width + j;
  d[at(0, 0)] = infinity;
  for (let i = 0; i <= la; i++) {
    d[at(i + 1, 0)] = infinity;
    d[at(i + 1, 1)] = i;
  }
  for (let j = 0; j <= lb; j++) {
    d[at(0, j + 1)] = infinity;
    d[at(1, j + 1)] = j;
  }
  // Last row in which each character was seen in `a`.
  const lastRowOf = new Map<string, number>();
  for (let i = 1; i <= la; i++) {
    let lastMatchColumn = 0;
    for (let j = 1; j <= lb; j++) {
      const i1 = lastRowOf.get(b[j - 1]) ?? 0;
      const j1 = lastMatchColumn;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      if (cost === 0) lastMatchColumn = j;
      d[at(i + 1, j + 1)] = Math.min(
        d[at(i, j)] + cost, // substitute (or keep)
        d[at(i + 1, j)] + 1, // insert
        d[at(i, j + 1)] + 1, // delete
        d[at(i1, j1)] + (i - i1 - 1) + 1 + (j - j1 - 1), // transpose
      );
    }
    lastRowOf.set(a[i - 1], i);
  }
  return d[at(la + 1, lb + 1)];
}

/**
 * How much of a word "did you mean" looks at. Only this prefix of the typed word and of each
 * candidate is compared, so a word of a million letters (from a pasted link, say) costs what
 * a short one does: O(1) per candidate.
 */
export const MAX_COMPARED = 32;

/**
 * The candidate the user most likely meant, or null when nothing is close. Case is
 * ignored. A unique prefix counts as close ("pol" → "policy"); otherwise the allowed
 * distance grows with the word's length so short words don't match everything.
 */
export function closestMatch(input: string, candidates: readonly string[]): string | null {
  const typed = input.slice(0, MAX_COMPARED).toLowerCase();
  if (typed.length === 0) return null;
  const prefixed = candidates.filter((c) => c.slice(0, MAX_COMPARED).toLowerCase().startsWith(typed));
  if (prefixed.length === 1 && typed.length >= 2) return prefixed[0];
  const allowed = Math.max(1, Math.min(3, Math.floor(typed.length / 3)));
  // On a tie, a candidate with exactly the typed letters wins: "rnu" is "run" with two
  // letters swapped, more likely than "rng" with one letter wrong.
  const letters = (word: string): string => [...word].sort().join('');
  const typedLetters = letters(typed);
  let best: string | null = null;
  let bestScore = Infinity;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const lower = candidate.slice(0, MAX_COMPARED).toLowerCase();
    // The distance is at least the difference in length: no need to compute it.
    if (Math.abs(lower.length - typed.length) > allowed) continue;
    const distance = damerauLevenshtein(typed, lower);
    const score = distance * 2 + (letters(lower) === typedLetters ? 0 : 1);
    if (score < bestScore) {
      best = candidate;
      bestScore = score;
      bestDistance = distance;
    }
  }
  return bestDistance <= allowed ? best : null;
}
