/**
 * Training data as compressed sparse rows over compact column numbers (the
 * hashed features seen in training, numbered in order of first appearance),
 * and its transpose.
 */
import { HashIndex } from './hash-index.js';

/** Training rows in compressed sparse row form over compact column numbers. */
export interface Rows {
  ptr: Int32Array;
  cols: Int32Array;
  vals: Float32Array;
  /** Squared L2 norm of each row. */
  sq: Float64Array;
  columns: number;
}

function grow<T extends Int32Array | Float32Array | Float64Array>(a: T, size: number, make: (n: number) => T): T {
  const b = make(size);
  b.set(a);
  return b;
}

/** Accumulates training rows, numbering hashed features in order of first appearance. */
export class RowsBuilder {
  readonly dict = new HashIndex(4096);
  private ptr = new Int32Array(1024);
  private cols = new Int32Array(16384);
  private vals = new Float32Array(16384);
  private sq = new Float64Array(1024);
  private n = 0;
  private nnz = 0;

  get rows(): number {
    return this.n;
  }

  add(idx: ArrayLike<number>, val: ArrayLike<number>, count = idx.length): void {
    if (this.n + 2 > this.ptr.length) {
      this.ptr = grow(this.ptr, this.ptr.length * 2, (n) => new Int32Array(n));
      this.sq = grow(this.sq, this.ptr.length, (n) => new Float64Array(n));
    }
    if (this.nnz + count > this.cols.length) {
      const size = Math.max(this.cols.length * 2, this.nnz + count);
      this.cols = grow(this.cols, size, (n) => new Int32Array(n));
      this.vals = grow(this.vals, size, (n) => new Float32Array(n));
    }
    let s = 0;
    for (let k = 0; k < count; k++) {
      this.cols[this.nnz] = this.dict.add(idx[k]!);
      const v = val[k]!;
      this.vals[this.nnz++] = v;
      s += v * v;
    }
    this.sq[this.n++] = s;
    this.ptr[this.n] = this.nnz;
  }

  /** The rows so far, as views of the builder's buffers (no copy). */
  build(): Rows {
    return {
      ptr: this.ptr.subarray(0, this.n + 1),
      cols: this.cols.subarray(0, this.nnz),
      vals: this.vals.subarray(0, this.nnz),
      sq: this.sq.subarray(0, this.n),
      columns: this.dict.size,
    };
  }
}

/** Compressed sparse columns: column j's (row, value) pairs are at [start[j], start[j + 1]). */
export interface Columns {
  start: Int32Array;
  rowOf: Int32Array;
  value: Float32Array;
}

export function transpose(rows: Rows): Columns {
  const start = new Int32Array(rows.columns + 1);
  for (let k = 0; k < rows.cols.length; k++) start[rows.cols[k]! + 1]!++;
  for (let j = 0; j < rows.columns; j++) start[j + 1]! += start[j]!;
  const fill = start.slice(0, rows.columns);
  const rowOf = new Int32Array(rows.cols.length);
  const value = new Float32Array(rows.cols.length);
  for (let i = 0; i + 1 < rows.ptr.length; i++) {
    for (let k = rows.ptr[i]!; k < rows.ptr[i + 1]!; k++) {
      const p = fill[rows.cols[k]!]!++;
      rowOf[p] = i;
      value[p] = rows.vals[k]!;
    }
  }
  return { start, rowOf, value };
}
