import type { SparseVector } from './features.js';

/**
 * One-vs-rest linear SVM (hinge loss, L2) trained by SGD with a linearly
 * decaying step. Weights are stored feature-major over a compact dictionary
 * of the hashed features seen in training, so scoring a question costs
 * (non-zero features × classes) multiply-adds.
 */
export interface LinearModel {
  readonly classes: number;
  /** Margin score per class for a feature vector. */
  scores(x: SparseVector, out?: Float32Array): Float32Array;
}

export interface LinearOptions {
  epochs: number;
  lambda: number;
  eta0: number;
  /** Weight of the positive examples' hinge term relative to negatives. */
  positiveWeight: number;
  seed: number;
}

export const DEFAULT_LINEAR: LinearOptions = { epochs: 8, lambda: 1e-4, eta0: 0.5, positiveWeight: 1, seed: 7 };

/** Deterministic PRNG (mulberry32) so training is reproducible. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Trains on `xs` with `labels[i]` in [0, classes) or -1 for "none of them"
 * (a negative for every class).
 */
export function trainLinear(xs: readonly SparseVector[], labels: Int32Array, classes: number, opts: Partial<LinearOptions> = {}): LinearModel {
  const o = { ...DEFAULT_LINEAR, ...opts };
  const dict = new Map<number, number>();
  const rows = xs.map((x) => {
    const cols = new Uint32Array(x.idx.length);
    x.idx.forEach((h, i) => {
      let c = dict.get(h);
      if (c === undefined) {
        c = dict.size;
        dict.set(h, c);
      }
      cols[i] = c;
    });
    return cols;
  });
  const C = classes;
  const v = new Float32Array(dict.size * C);
  const bias = new Float32Array(C);
  let scale = 1;
  const order = Array.from(xs.keys());
  const random = rng(o.seed);
  const total = Math.max(1, o.epochs * xs.length);
  const score = new Float32Array(C);
  let t = 0;
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const n of order) {
      const eta = o.eta0 * (1 - t / total) + 1e-4;
      t++;
      const cols = rows[n]!;
      const vals = xs[n]!.val;
      score.set(bias);
      for (let k = 0; k < cols.length; k++) {
        const base = cols[k]! * C;
        const xv = vals[k]! * scale;
        for (let c = 0; c < C; c++) score[c]! += v[base + c]! * xv;
      }
      scale *= 1 - eta * o.lambda;
      if (scale < 1e-6) {
        for (let k = 0; k < v.length; k++) v[k]! *= scale;
        scale = 1;
      }
      const label = labels[n]!;
      for (let c = 0; c < C; c++) {
        const y = c === label ? 1 : -1;
        if (y * score[c]! >= 1) continue;
        const step = (eta * y * (y > 0 ? o.positiveWeight : 1)) / scale;
        for (let k = 0; k < cols.length; k++) v[cols[k]! * C + c]! += step * vals[k]!;
        bias[c]! += eta * y * 0.1;
      }
    }
  }
  for (let k = 0; k < v.length; k++) v[k]! *= scale;

  return {
    classes: C,
    scores(x, out = new Float32Array(C)) {
      out.set(bias);
      for (let k = 0; k < x.idx.length; k++) {
        const col = dict.get(x.idx[k]!);
        if (col === undefined) continue;
        const base = col * C;
        const xv = x.val[k]!;
        for (let c = 0; c < C; c++) out[c]! += v[base + c]! * xv;
      }
      return out;
    },
  };
}
