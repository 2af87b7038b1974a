/**
 * Maps 32-bit feature hashes to dense column numbers 0, 1, 2, … in order of
 * first appearance: open addressing with linear probing over typed arrays
 * (no boxing, no Map entries), grown at half load.
 */
export class HashIndex {
  private keys: Uint32Array;
  private values: Int32Array;
  private mask: number;
  /** Fibonacci hashing: the top log2(size) bits of key × 2^32/φ pick the slot. */
  private shift: number;
  private count = 0;

  constructor(capacity = 1024) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.keys = new Uint32Array(size);
    this.values = new Int32Array(size).fill(-1);
    this.mask = size - 1;
    this.shift = 32 - Math.log2(size);
  }

  get size(): number {
    return this.count;
  }

  /** The index rebuilt from `keysByColumn()`: every key gets the same column back. */
  static fromKeys(keys: Uint32Array): HashIndex {
    const index = new HashIndex(keys.length);
    for (let col = 0; col < keys.length; col++) {
      if (index.add(keys[col]!) !== col) throw new RangeError(`duplicate key ${keys[col]} at column ${col}`);
    }
    return index;
  }

  /** Every key at its column: `keysByColumn()[get(key)] === key` (a fresh array, for export). */
  keysByColumn(): Uint32Array {
    const out = new Uint32Array(this.count);
    for (let s = 0; s < this.keys.length; s++) {
      const v = this.values[s]!;
      if (v >= 0) out[v] = this.keys[s]!;
    }
    return out;
  }

  /** Column of `key`, or -1 when it was never added. */
  get(key: number): number {
    const { keys, values, mask, shift } = this;
    let slot = Math.imul(key, 0x9e3779b1) >>> shift;
    for (;;) {
      const v = values[slot]!;
      if (v < 0 || keys[slot] === key) return v;
      slot = (slot + 1) & mask;
    }
  }

  /** Column of `key`, assigning the next free one if it is new. */
  add(key: number): number {
    let slot = Math.imul(key, 0x9e3779b1) >>> this.shift;
    for (;;) {
      const v = this.values[slot]!;
      if (v < 0) break;
      if (this.keys[slot] === key) return v;
      slot = (slot + 1) & this.mask;
    }
    const col = this.count++;
    this.keys[slot] = key;
    this.values[slot] = col;
    if (this.count * 2 > this.keys.length) this.grow();
    return col;
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldValues = this.values;
    const size = oldKeys.length * 2;
    this.keys = new Uint32Array(size);
    this.values = new Int32Array(size).fill(-1);
    this.mask = size - 1;
    this.shift = 32 - Math.log2(size);
    for (let s = 0; s < oldKeys.length; s++) {
      const v = oldValues[s]!;
      if (v < 0) continue;
      const key = oldKeys[s]!;
      let slot = Math.imul(key, 0x9e3779b1) >>> this.shift;
      while (this.values[slot]! >= 0) slot = (slot + 1) & this.mask;
      this.keys[slot] = key;
      this.values[slot] = v;
    }
  }
}
