import { stem } from './stem.js';

/**
 * Typo correction against a known vocabulary (SymSpell-style delete index,
 * verified with optimal-string-alignment distance). Words the corrector knows
 * are never changed; unknown words are mapped to the closest known word within
 * a length-dependent edit budget, preferring frequent words.
 */
export interface TypoCorrector {
  /** The known word for `token`, or undefined when nothing is close enough. */
  correct(token: string): string | undefined;
  has(token: string): boolean;
}

const MAX_WORD = 24;
const CYRILLIC = /\p{Script=Cyrillic}/u;

const ARABIC = /\p{Script=Arabic}/u;

/**
 * Edit budget by word length: short words are too ambiguous to correct far. Persian writes
 * few vowels, so its words are denser: two edits turn one real word into another
 * ("کافه‌های" cafés → "کارت‌های" cards) until they are longer.
 */
export function maxEdits(length: number, word = ''): number {
  if (length < 3) return 0;
  if (length < 6) return 1;
  if (ARABIC.test(word) && length < 9) return 1;
  return 2;
}

function deletes(word: string, depth: number, out: Set<string>): void {
  if (depth === 0 || word.length <= 1) return;
  for (let i = 0; i < word.length; i++) {
    const d = word.slice(0, i) + word.slice(i + 1);
    if (!out.has(d)) {
      out.add(d);
      deletes(d, depth - 1, out);
    }
  }
}

/** Optimal string alignment distance with an early exit above `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n]!;
}

function isSubsequence(short: string, long: string): boolean {
  let i = 0;
  for (let j = 0; j < long.length && i < short.length; j++) if (long[j] === short[i]) i++;
  return i === short.length;
}

/**
 * Builds a corrector. `targets` are the words typos may be corrected to, with
 * their frequencies; `known` are further words that are left alone (general
 * words the domain does not use) but never used as corrections.
 */
export function createTypoCorrector(targets: Map<string, number>, known: Iterable<string> = []): TypoCorrector {
  const index = new Map<string, string[]>();
  const add = (key: string, word: string) => {
    const list = index.get(key);
    if (list) list.push(word);
    else index.set(key, [word]);
  };
  for (const word of targets.keys()) {
    if (word.length < 3 || /\d/.test(word)) continue;
    add(word, word);
    const ds = new Set<string>();
    deletes(word, maxEdits(word.length, word), ds);
    for (const d of ds) add(d, word);
  }
  const knownSet = new Set(known);
  // Russian inflects: a form of a known word ("секторов" for "сектор") is known too.
  const russianStems = new Set([...knownSet, ...targets.keys()].filter((w) => CYRILLIC.test(w)).map(stem));
  const memo = new Map<string, string | undefined>();

  return {
    has: (token) => targets.has(token) || knownSet.has(token),
    correct(token) {
      if (targets.has(token) || knownSet.has(token)) return token;
      if (CYRILLIC.test(token) && russianStems.has(stem(token))) return token;
      const budget = maxEdits(token.length, token);
      // Words longer than any real one are noise; their delete sets would grow quadratically.
      if (budget === 0 || token.length > MAX_WORD || /\d/.test(token)) return undefined;
      if (memo.has(token)) return memo.get(token);
      const keys = new Set<string>([token]);
      deletes(token, budget, keys);
      let best: string | undefined;
      let bestDist = budget + 1;
      let bestRank = -1;
      for (const key of keys) {
        for (const word of index.get(key) ?? []) {
          if (word[0] !== token[0] && token.length < 5) continue;
          const allowed = Math.min(budget, maxEdits(word.length, word));
          const d = editDistance(token, word, allowed);
          if (d > allowed) continue;
          // Ties: a word the token is a subsequence of (letters left out, the commonest slip) first, then the more frequent.
          const rank = (isSubsequence(token, word) ? 1e9 : 0) + (targets.get(word) ?? 0);
          if (d < bestDist || (d === bestDist && rank > bestRank)) {
            best = word;
            bestDist = d;
            bestRank = rank;
          }
        }
      }
      if (memo.size < 50_000) memo.set(token, best);
      return best;
    },
  };
}
