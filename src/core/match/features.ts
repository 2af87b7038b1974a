/**
 * Hashed sparse features of an analysed question: word unigrams and bigrams
 * (over stems, with boundary markers) and character n-grams (3–4 by default)
 * within each padded surface word. Each block is sublinear-tf weighted and
 * L2-normalised to its weight, then the whole vector is L2-normalised. Indices
 * are 32-bit FNV-1a hashes, sorted ascending and unique.
 *
 * The hot path allocates nothing: n-grams are hashed by running FNV over
 * character codes (no slicing or concatenation), counted by sorting typed
 * scratch buffers, and the blocks merged in one pass.
 */
import { sortRange } from './sort-u32.js';

export interface SparseVector {
  idx: Uint32Array;
  val: Float32Array;
}

export interface FeatureOptions {
  /** Weight of the word block (stem unigrams and bigrams); 0 leaves it out. */
  wordWeight: number;
  /** Weight of the character n-gram block; 0 leaves it out. */
  charWeight: number;
  /** Shortest and longest character n-gram. */
  minN: number;
  maxN: number;
}

export const DEFAULT_FEATURES: FeatureOptions = { wordWeight: 1, charWeight: 0.9, minN: 3, maxN: 4 };

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const SPACE = 32;
const SEED_WORD = 1;
const SEED_BIGRAM = 2;
const SEED_CHAR = 3;

/** FNV-1a 32-bit over a string, seeded per block so blocks do not collide systematically. */
export function hash32(s: string, seed: number): number {
  return fnvString((FNV_OFFSET ^ seed) >>> 0, s);
}

function fnvString(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME) >>> 0;
  return h;
}

function fnvChar(h: number, code: number): number {
  return Math.imul(h ^ code, FNV_PRIME) >>> 0;
}

const LOG_TF = Float64Array.from({ length: 64 }, (_, c) => (c === 0 ? 0 : 1 + Math.log(c)));
const logTf = (c: number): number => (c < 64 ? LOG_TF[c]! : 1 + Math.log(c));

/** Squared norm of the block `countBlock` collapsed last. */
let lastNorm = 0;

/**
 * Sorts `keys[0, n)` and collapses equal keys into (key, 1 + log count) pairs
 * in place. Returns the number of distinct keys (their squared norm: `lastNorm`).
 */
function countBlock(keys: Uint32Array, vals: Float64Array, n: number): number {
  lastNorm = 0;
  if (n === 0) return 0;
  sortRange(keys, 0, n);
  let m = 0;
  let run = 1;
  let norm = 0;
  for (let i = 1; i <= n; i++) {
    if (i < n && keys[i] === keys[i - 1]) {
      run++;
      continue;
    }
    const v = logTf(run);
    keys[m] = keys[i - 1]!;
    vals[m] = v;
    norm += v * v;
    m++;
    run = 1;
  }
  lastNorm = norm;
  return m;
}

/**
 * Merges two sorted sparse lists, scaling them by `sa` and `sb` (equal keys
 * are summed), into `outKeys` / `outVals`. Returns the length.
 */
function merge(
  ak: Uint32Array,
  av: Float64Array,
  na: number,
  sa: number,
  bk: Uint32Array,
  bv: Float64Array,
  nb: number,
  sb: number,
  outKeys: Uint32Array,
  outVals: Float64Array,
): number {
  let m = 0;
  let a = 0;
  let b = 0;
  while (a < na || b < nb) {
    if (b >= nb || (a < na && ak[a]! < bk[b]!)) {
      outKeys[m] = ak[a]!;
      outVals[m++] = av[a++]! * sa;
    } else if (a >= na || bk[b]! < ak[a]!) {
      outKeys[m] = bk[b]!;
      outVals[m++] = bv[b++]! * sb;
    } else {
      outKeys[m] = ak[a]!;
      outVals[m++] = av[a++]! * sa + bv[b++]! * sb;
    }
  }
  return m;
}

function charGramCount(words: readonly string[], opts: FeatureOptions): number {
  let total = 0;
  for (const w of words) {
    const len = w.length + 2;
    for (let n = opts.minN; n <= opts.maxN; n++) if (len >= n) total += len - n + 1;
  }
  return total;
}

/**
 * Featurises into reusable scratch arrays: after `run`, the first n entries of
 * `idx` / `val` are the sparse vector. One featuriser per thread of use; the
 * arrays are overwritten by the next call.
 */
export class Featurizer {
  idx = new Uint32Array(1024);
  val = new Float64Array(1024);
  private wordHashes = new Uint32Array(256);
  private wordVals = new Float64Array(256);
  private charHashes = new Uint32Array(1024);
  private charVals = new Float64Array(1024);

  constructor(readonly opts: FeatureOptions = DEFAULT_FEATURES) {}

  /** Features of one question: `stems` drive the word block, `words` (surface forms) the character block. Returns the count. */
  run(stems: readonly string[], words: readonly string[]): number {
    const opts = this.opts;
    // Word block: unigrams, then bigrams "<s> a", "a b", …, "z </s>".
    const nw = opts.wordWeight > 0 && stems.length ? 2 * stems.length + 1 : 0;
    if (nw > this.wordHashes.length) {
      this.wordHashes = new Uint32Array(nw * 2);
      this.wordVals = new Float64Array(nw * 2);
    }
    const wordHashes = this.wordHashes;
    let w = 0;
    if (nw) {
      const bigramSeed = (FNV_OFFSET ^ SEED_BIGRAM) >>> 0;
      let prevHash = fnvString(bigramSeed, '<s>');
      for (let t = 0; t < stems.length; t++) {
        const s = stems[t]!;
        wordHashes[w++] = fnvString((FNV_OFFSET ^ SEED_WORD) >>> 0, s);
        wordHashes[w++] = fnvString(fnvChar(prevHash, SPACE), s);
        prevHash = fnvString(bigramSeed, s);
      }
      wordHashes[w++] = fnvString(fnvChar(prevHash, SPACE), '</s>');
    }

    // Character block: n-grams of " word ", hashed by extending one FNV state per start position.
    const nc = opts.charWeight > 0 ? charGramCount(words, opts) : 0;
    if (nc > this.charHashes.length) {
      this.charHashes = new Uint32Array(nc * 2);
      this.charVals = new Float64Array(nc * 2);
    }
    const charHashes = this.charHashes;
    let c = 0;
    if (nc) {
      const charSeed = (FNV_OFFSET ^ SEED_CHAR) >>> 0;
      const { minN, maxN } = opts;
      for (let t = 0; t < words.length; t++) {
        const word = words[t]!;
        const len = word.length + 2;
        for (let i = 0; i + minN <= len; i++) {
          let h = charSeed;
          const end = Math.min(len, i + maxN);
          for (let j = i; j < end; j++) {
            h = fnvChar(h, j === 0 || j === len - 1 ? SPACE : word.charCodeAt(j - 1));
            if (j - i + 1 >= minN) charHashes[c++] = h;
          }
        }
      }
    }

    const mw = countBlock(wordHashes, this.wordVals, w);
    const wordNorm = Math.sqrt(lastNorm);
    const mc = countBlock(charHashes, this.charVals, c);
    const charNorm = Math.sqrt(lastNorm);
    if (mw + mc > this.idx.length) {
      this.idx = new Uint32Array((mw + mc) * 2);
      this.val = new Float64Array((mw + mc) * 2);
    }
    // Each block L2-normalised to its weight, then the whole vector to 1.
    const ws = wordNorm > 0 ? opts.wordWeight / wordNorm : 0;
    const cs = charNorm > 0 ? opts.charWeight / charNorm : 0;
    const m = merge(wordHashes, this.wordVals, mw, ws, charHashes, this.charVals, mc, cs, this.idx, this.val);
    const out = this.val;
    let norm = 0;
    for (let i = 0; i < m; i++) norm += out[i]! * out[i]!;
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let i = 0; i < m; i++) out[i]! *= scale;
    return m;
  }
}

const shared = new Map<string, Featurizer>();

/** Features of one question as a fresh sparse vector (allocates; the engine's hot path uses a `Featurizer`). */
export function featurize(stems: readonly string[], words: readonly string[], opts: FeatureOptions = DEFAULT_FEATURES): SparseVector {
  const key = `${opts.wordWeight}/${opts.charWeight}/${opts.minN}/${opts.maxN}`;
  let f = shared.get(key);
  if (!f) {
    if (shared.size >= 16) shared.clear();
    shared.set(key, (f = new Featurizer({ ...opts })));
  }
  const n = f.run(stems, words);
  return { idx: f.idx.slice(0, n), val: Float32Array.from(f.val.subarray(0, n)) };
}
