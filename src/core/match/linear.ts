import { DEFAULT_LINEAR, trainClass, Workspace, type ClassWeights, type LinearOptions } from './dcd.js';
import type { SparseVector } from './features.js';
import { HashIndex } from './hash-index.js';
import { RowsBuilder } from './rows.js';

export { DEFAULT_LINEAR, rng, type LinearOptions } from './dcd.js';
export { RowsBuilder } from './rows.js';

/**
 * One-vs-rest linear SVM (hinge loss, L2 regularisation) trained by dual
 * coordinate descent with shrinking (Hsieh et al., ICML 2008; liblinear's
 * L2R_L1LOSS_SVC_DUAL). Each class is an independent binary problem solved to
 * the SVM optimum in a few passes, with no learning rate to tune; the result
 * is deterministic for a given seed.
 *
 * The model is stored feature-major and sparse: for every hashed feature seen
 * in training, the (class, weight) pairs whose weight survives pruning. A
 * hinge-loss SVM puts weight only on the features of its support vectors, so
 * most (feature, class) pairs are exactly zero and scoring a question costs a
 * few thousand multiply-adds rather than features × classes.
 */
export interface LinearModel {
  readonly classes: number;
  /** Margin score per class for a feature vector. */
  scores(x: SparseVector, out?: Float32Array): Float32Array;
  /** Stored (feature, class) weights after pruning. */
  readonly weights: number;
}

/**
 * A trained model as plain data: the hashed feature of each column and the
 * feature-major weights. Structured-clonable; the typed arrays are the
 * model's own (not copies), so they can be transferred to another thread.
 */
export interface LinearModelData {
  /** `keys[j]` is the feature hash of column j. */
  keys: Uint32Array;
  classes: number;
  start: Int32Array;
  cls: Uint16Array;
  w: Float32Array;
  bias: Float32Array;
}

/** Feature-major sparse weights: column j's (class, weight) pairs are at [start[j], start[j + 1]). */
export class SparseLinearModel implements LinearModel {
  constructor(
    readonly dict: HashIndex,
    readonly classes: number,
    readonly start: Int32Array,
    readonly cls: Uint16Array,
    readonly w: Float32Array,
    readonly bias: Float32Array,
  ) {
    if (classes > 0xffff) throw new RangeError(`at most 65535 classes, got ${classes}`);
    const total = start[dict.size];
    if (start.length !== dict.size + 1 || total !== cls.length || total !== w.length || bias.length !== classes) {
      throw new RangeError('inconsistent linear model arrays');
    }
  }

  /** Packs the per-class solutions feature-major. */
  static fromClassWeights(dict: HashIndex, classes: number, perClass: readonly ClassWeights[]): SparseLinearModel {
    if (classes > 0xffff) throw new RangeError(`at most 65535 classes, got ${classes}`);
    const columns = dict.size;
    const start = new Int32Array(columns + 1);
    for (const c of perClass) for (let k = 0; k < c.cols.length; k++) start[c.cols[k]! + 1]!++;
    for (let j = 0; j < columns; j++) start[j + 1]! += start[j]!;
    const total = start[columns]!;
    const cls = new Uint16Array(total);
    const w = new Float32Array(total);
    const fill = start.slice(0, columns);
    perClass.forEach((c, ci) => {
      for (let k = 0; k < c.cols.length; k++) {
        const p = fill[c.cols[k]!]!++;
        cls[p] = ci;
        w[p] = c.w[k]!;
      }
    });
    return new SparseLinearModel(
      dict,
      classes,
      start,
      cls,
      w,
      Float32Array.from(perClass, (c) => c.bias),
    );
  }

  /** The model that `toData()` exported; scores exactly as the original. */
  static fromData(d: LinearModelData): SparseLinearModel {
    return new SparseLinearModel(HashIndex.fromKeys(d.keys), d.classes, d.start, d.cls, d.w, d.bias);
  }

  /** This model as data. Shares the weight arrays: once they are transferred elsewhere this model cannot score. */
  toData(): LinearModelData {
    return { keys: this.dict.keysByColumn(), classes: this.classes, start: this.start, cls: this.cls, w: this.w, bias: this.bias };
  }

  get weights(): number {
    return this.w.length;
  }

  /** Writes the margin of every class for features `idx[0, n)` with values `val` into `out[0, classes)`. */
  accumulate(idx: Uint32Array, val: Float64Array, n: number, out: Float64Array): void {
    const { start, cls, w, bias, dict } = this;
    for (let c = 0; c < bias.length; c++) out[c] = bias[c]!;
    for (let k = 0; k < n; k++) {
      const col = dict.get(idx[k]!);
      if (col < 0) continue;
      const xv = val[k]!;
      const end = start[col + 1]!;
      for (let p = start[col]!; p < end; p++) out[cls[p]!]! += w[p]! * xv;
    }
  }

  scores(x: SparseVector, out = new Float32Array(this.classes)): Float32Array {
    const tmp = new Float64Array(this.classes);
    this.accumulate(x.idx, Float64Array.from(x.val), x.idx.length, tmp);
    out.set(tmp);
    return out;
  }
}

/**
 * Trains on `xs` with `labels[i]` in [0, classes) or -1 for "none of them"
 * (a negative for every class).
 */
export function trainLinear(xs: readonly SparseVector[], labels: Int32Array, classes: number, opts: Partial<LinearOptions> = {}): SparseLinearModel {
  const builder = new RowsBuilder();
  for (const x of xs) builder.add(x.idx, x.val);
  return trainRows(builder, labels, classes, opts);
}

/** Trains on rows already built (the engine featurises straight into a builder). */
export function trainRows(builder: RowsBuilder, labels: Int32Array, classes: number, opts: Partial<LinearOptions> = {}): SparseLinearModel {
  const o = { ...DEFAULT_LINEAR, ...opts };
  const rows = builder.build();
  const work = new Workspace(rows);
  const perClass: ClassWeights[] = [];
  for (let c = 0; c < classes; c++) perClass.push(trainClass(rows, labels, c, o, work));
  return SparseLinearModel.fromClassWeights(builder.dict, classes, perClass);
}
