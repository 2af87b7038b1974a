import { transpose, type Columns, type Rows } from './rows.js';

/**
 * One binary linear SVM (hinge loss, L2 regularisation) solved by dual
 * coordinate descent (Hsieh et al., ICML 2008; liblinear's
 * L2R_L1LOSS_SVC_DUAL): one coordinate (example) at a time, to the exact
 * optimum, with no learning rate; deterministic for a given seed. Tuned for
 * the one-vs-rest problems of an intent classifier, where almost every
 * example is an easy negative:
 * - it starts from the class's examples and a sample of the others;
 * - examples comfortably outside the margin are set aside at once (shrinking);
 * - convergence is checked over every example at fixed weights, with the
 *   margins computed column by column over the features whose weight is not 0.
 */
export interface LinearOptions {
  /** Cost of a margin violation (the SVM's C): larger fits the training set harder. */
  C: number;
  /** C is multiplied by this for a class's own examples. */
  positiveWeight: number;
  /**
   * Value of the constant bias feature. The bias is regularised like any weight,
   * so a larger value leaves it freer: each class may say "not mine" by default.
   */
  bias: number;
  /** Upper bound on passes over the data per class. */
  maxPasses: number;
  /** Stop when the projected gradient's spread is below this (liblinear's eps). */
  tolerance: number;
  /**
   * Examples with alpha 0 and a gradient above this (comfortably outside the
   * margin) are set aside at once; the optimality check over all examples
   * brings back any that the final weights put inside the margin.
   */
  shrink: number;
  /** Weights with |w| below this are dropped from the stored model. */
  prune: number;
  seed: number;
}

export const DEFAULT_LINEAR: LinearOptions = { C: 2, positiveWeight: 1, bias: 2, maxPasses: 1000, tolerance: 0.1, shrink: 0, prune: 0.02, seed: 7 };

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

/** A class's solution as sparse (column, weight) pairs plus its bias term. */
export interface ClassWeights {
  cols: Int32Array;
  w: Float32Array;
  bias: number;
  /** Rows visited while solving: a machine-independent measure of training work. */
  visits: number;
}

/** The first passes see every positive and at least this many negatives, or this many per positive. */
const START_SAMPLE = 2000;
const START_PER_POSITIVE = 10;

/** Per-problem buffers, reused across the classes solved one after another. */
export class Workspace {
  readonly w: Float32Array;
  readonly alpha: Float64Array;
  readonly y: Int8Array;
  readonly upper: Float64Array;
  readonly qd: Float64Array;
  readonly index: Int32Array;
  readonly margin: Float64Array;
  private columns: Columns | undefined;

  constructor(private readonly rows: Rows) {
    const n = rows.sq.length;
    this.w = new Float32Array(rows.columns);
    this.alpha = new Float64Array(n);
    this.y = new Int8Array(n);
    this.upper = new Float64Array(n);
    this.qd = new Float64Array(n);
    this.index = new Int32Array(n);
    this.margin = new Float64Array(n);
  }

  /** The training rows transposed (built on first use, shared by every class solved here). */
  byColumn(): Columns {
    this.columns ??= transpose(this.rows);
    return this.columns;
  }
}

/**
 * Solves one binary problem: `labels[i] === cls` is positive, anything else
 * (other classes and -1, "none of them") negative.
 */
export function trainClass(rows: Rows, labels: Int32Array, cls: number, o: LinearOptions, work = new Workspace(rows)): ClassWeights {
  const { ptr, cols, vals, sq } = rows;
  const n = labels.length;
  const { w, alpha, y, upper, qd, index, margin } = work;
  const byColumn = work.byColumn();
  w.fill(0);
  alpha.fill(0);
  let wb = 0;
  const B = o.bias;
  const shrink = o.shrink;
  for (let i = 0; i < n; i++) {
    const positive = labels[i] === cls;
    y[i] = positive ? 1 : -1;
    upper[i] = positive ? o.C * o.positiveWeight : o.C;
    qd[i] = sq[i]! + B * B;
    index[i] = i;
  }
  const random = rng(o.seed + cls * 7919);
  // Start from the class's examples and a sample of the others: most negatives of a one-vs-rest problem end
  // up far outside the margin, and the first optimality check over all examples brings in those that do not.
  let positives = 0;
  for (let i = 0; i < n; i++) if (y[i] === 1) positives++;
  const sample = Math.max(START_SAMPLE, START_PER_POSITIVE * positives);
  let active = n;
  if (n - positives > sample) {
    active = 0;
    for (let i = 0; i < n; i++) {
      if (y[i] === 1 || random() < sample / (n - positives)) {
        const t = index[active]!;
        index[active] = index[i]!;
        index[i] = t;
        active++;
      }
    }
  }
  let pgMaxOld = Infinity;
  let pgMinOld = -Infinity;
  let visits = 0;

  for (let pass = 0; pass < o.maxPasses; pass++) {
    visits += active;
    let pgMax = -Infinity;
    let pgMin = Infinity;
    for (let s = active - 1; s > 0; s--) {
      const j = Math.floor(random() * (s + 1));
      const t = index[s]!;
      index[s] = index[j]!;
      index[j] = t;
    }
    for (let s = 0; s < active; s++) {
      const i = index[s]!;
      const yi = y[i]!;
      const a = ptr[i]!;
      const b = ptr[i + 1]!;
      let dot = wb * B;
      for (let k = a; k < b; k++) dot += w[cols[k]!]! * vals[k]!;
      const g = yi * dot - 1;
      const ai = alpha[i]!;
      const ui = upper[i]!;
      let pg = 0;
      // Shrinking: an example that meets its optimality condition with room to spare (alpha 0 and well
      // outside the margin, or alpha at C and well inside it) is set aside. Liblinear waits until the gradient
      // passes the last pass's largest violation, which keeps every easy negative of a one-vs-rest problem
      // active for several passes; `shrink` sets those aside at once (the final check re-examines them).
      let setAside = false;
      if (ai === 0) {
        if (g > pgMaxOld || g > shrink) setAside = true;
        else if (g < 0) pg = g;
      } else if (ai === ui) {
        if (g < pgMinOld) setAside = true;
        else if (g > 0) pg = g;
      } else pg = g;
      if (setAside) {
        active--;
        index[s] = index[active]!;
        index[active] = i;
        s--;
        continue;
      }
      if (pg > pgMax) pgMax = pg;
      if (pg < pgMin) pgMin = pg;
      if (pg > 1e-12 || pg < -1e-12) {
        const next = Math.min(Math.max(ai - g / qd[i]!, 0), ui);
        const d = (next - ai) * yi;
        alpha[i] = next;
        for (let k = a; k < b; k++) w[cols[k]!]! += d * vals[k]!;
        wb += d * B;
      }
    }
    pgMaxOld = pgMax <= 0 ? Infinity : pgMax;
    pgMinOld = pgMin >= 0 ? -Infinity : pgMin;
    if (pgMax - pgMin > o.tolerance) continue;

    // Converged on the active set: check every example's optimality condition at the current weights. The
    // margins of all examples are computed column by column, skipping features whose weight is 0, which costs
    // a fraction of a pass of dot products; violators and examples near the margin become the active set.
    margin.fill(wb * B);
    const { start, rowOf, value } = byColumn;
    for (let j = 0; j < w.length; j++) {
      const wj = w[j]!;
      if (wj === 0) continue;
      const end = start[j + 1]!;
      for (let p = start[j]!; p < end; p++) margin[rowOf[p]!]! += wj * value[p]!;
    }
    pgMax = -Infinity;
    pgMin = Infinity;
    active = 0;
    for (let i = 0; i < n; i++) {
      const g = y[i]! * margin[i]! - 1;
      const ai = alpha[i]!;
      let pg = g;
      if (ai === 0) pg = Math.min(g, 0);
      else if (ai === upper[i]) pg = Math.max(g, 0);
      if (pg > pgMax) pgMax = pg;
      if (pg < pgMin) pgMin = pg;
      if (ai !== 0 || g <= shrink) index[active++] = i;
    }
    visits += n / 4;
    if (pgMax - pgMin <= o.tolerance) break;
    // The rest of `index` lists the examples set aside, in any order.
    let k = active;
    for (let i = 0; i < n; i++) if (alpha[i] === 0 && y[i]! * margin[i]! - 1 > shrink) index[k++] = i;
    pgMaxOld = Infinity;
    pgMinOld = -Infinity;
  }

  let kept = 0;
  for (let j = 0; j < w.length; j++) if (w[j] !== 0 && Math.abs(w[j]!) >= o.prune) kept++;
  const outCols = new Int32Array(kept);
  const outW = new Float32Array(kept);
  let p = 0;
  for (let j = 0; j < w.length; j++) {
    const v = w[j]!;
    if (v !== 0 && Math.abs(v) >= o.prune) {
      outCols[p] = j;
      outW[p++] = v;
    }
  }
  return { cols: outCols, w: outW, bias: wb * B, visits };
}
