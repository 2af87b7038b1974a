/**
 * Hashed sparse features of an analysed question: word unigrams and bigrams
 * (over stems, with boundary markers) and character 3–5-grams within each
 * padded surface word. Each block is sublinear-tf weighted and L2-normalised,
 * then the whole vector is L2-normalised.
 */
export interface SparseVector {
  idx: Uint32Array;
  val: Float32Array;
}

export interface FeatureOptions {
  /** Relative weight of the character n-gram block (word block is 1). */
  charWeight: number;
  minN: number;
  maxN: number;
}

export const DEFAULT_FEATURES: FeatureOptions = { charWeight: 0.9, minN: 3, maxN: 5 };

/** FNV-1a 32-bit over a string, seeded per block so blocks do not collide systematically. */
export function hash32(s: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

function addBlock(counts: Map<number, number>, out: Map<number, number>, weight: number): void {
  let norm = 0;
  for (const [k, c] of counts) {
    const v = 1 + Math.log(c);
    counts.set(k, v);
    norm += v * v;
  }
  if (norm === 0) return;
  const scale = weight / Math.sqrt(norm);
  for (const [k, v] of counts) out.set(k, (out.get(k) ?? 0) + v * scale);
}

function bump(m: Map<number, number>, k: number): void {
  m.set(k, (m.get(k) ?? 0) + 1);
}

/** Features of one question: `stems` drive the word block, `words` (surface forms) the character block. */
export function featurize(stems: readonly string[], words: readonly string[], opts: FeatureOptions = DEFAULT_FEATURES): SparseVector {
  const wordBlock = new Map<number, number>();
  let prev = '<s>';
  for (const s of stems) {
    bump(wordBlock, hash32(s, 1));
    bump(wordBlock, hash32(`${prev} ${s}`, 2));
    prev = s;
  }
  if (stems.length) bump(wordBlock, hash32(`${prev} </s>`, 2));

  const charBlock = new Map<number, number>();
  for (const w of words) {
    const p = ` ${w} `;
    for (let n = opts.minN; n <= opts.maxN; n++) {
      for (let i = 0; i + n <= p.length; i++) bump(charBlock, hash32(p.slice(i, i + n), 3));
    }
  }

  const merged = new Map<number, number>();
  addBlock(wordBlock, merged, 1);
  addBlock(charBlock, merged, opts.charWeight);
  let norm = 0;
  for (const v of merged.values()) norm += v * v;
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  const keys = [...merged.keys()].sort((a, b) => a - b);
  const idx = new Uint32Array(keys.length);
  const val = new Float32Array(keys.length);
  keys.forEach((k, i) => {
    idx[i] = k;
    val[i] = merged.get(k)! * scale;
  });
  return { idx, val };
}
