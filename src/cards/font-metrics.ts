import { shapedCodePoints } from './arabic-forms.js';

/**
 * A tiny TrueType reader: the advance width of each character, read from the
 * font's 'head', 'hhea', 'hmtx' and 'cmap' tables. Enough to measure a line of
 * text before the rasteriser draws it (no kerning; Arabic letters are
 * measured in the contextual forms shaping will pick, see arabic-forms.ts).
 */
export interface FontMetrics {
  unitsPerEm: number;
  /** Typographic ascent and descent (positive, below the baseline) in font units, from 'hhea'. */
  ascender: number;
  descender: number;
  /** Advance of one code point in font units; the missing-glyph advance when the font lacks it. */
  advance(codePoint: number): number;
  /** Whether the font maps this code point to a glyph. */
  has(codePoint: number): boolean;
}

/** Format characters that take no room (bidi marks and isolates, ZWNJ/ZWJ, BOM). */
const ZERO_WIDTH = /[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/u;

export function parseFontMetrics(font: Uint8Array): FontMetrics {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const tables = new Map<string, number>();
  const numTables = view.getUint16(4);
  for (let i = 0; i < numTables; i++) {
    const rec = 12 + i * 16;
    const tag = String.fromCharCode(font[rec]!, font[rec + 1]!, font[rec + 2]!, font[rec + 3]!);
    tables.set(tag, view.getUint32(rec + 8));
  }
  const table = (tag: string) => {
    const at = tables.get(tag);
    if (at === undefined) throw new Error(`font has no '${tag}' table`);
    return at;
  };

  const unitsPerEm = view.getUint16(table('head') + 18);
  const hhea = table('hhea');
  const numberOfHMetrics = view.getUint16(hhea + 34);
  const hmtx = table('hmtx');
  const glyphAdvance = (glyph: number) => view.getUint16(hmtx + 4 * Math.min(glyph, numberOfHMetrics - 1));
  const glyphs = readCmap(view, table('cmap'));

  return {
    unitsPerEm,
    ascender: view.getInt16(hhea + 4),
    descender: -view.getInt16(hhea + 6),
    advance: (cp) => glyphAdvance(glyphs.get(cp) ?? 0),
    has: (cp) => glyphs.has(cp),
  };
}

/** Code point → glyph id from the best Unicode subtable (format 12, else format 4). */
function readCmap(view: DataView, cmap: number): Map<number, number> {
  const count = view.getUint16(cmap + 2);
  let best: { offset: number; format: number } | undefined;
  for (let i = 0; i < count; i++) {
    const rec = cmap + 4 + i * 8;
    const platform = view.getUint16(rec);
    const encoding = view.getUint16(rec + 2);
    const offset = cmap + view.getUint32(rec + 4);
    const format = view.getUint16(offset);
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    if (!unicode || (format !== 4 && format !== 12)) continue;
    if (!best || format > best.format) best = { offset, format };
  }
  if (!best) throw new Error('font has no Unicode cmap subtable (format 4 or 12)');
  const map = new Map<number, number>();
  const at = best.offset;
  if (best.format === 12) {
    const groups = view.getUint32(at + 12);
    for (let g = 0; g < groups; g++) {
      const rec = at + 16 + g * 12;
      const start = view.getUint32(rec);
      const end = view.getUint32(rec + 4);
      const glyph = view.getUint32(rec + 8);
      for (let cp = start; cp <= end; cp++) map.set(cp, glyph + cp - start);
    }
    return map;
  }
  const segments = view.getUint16(at + 6) / 2;
  const ends = at + 14;
  const starts = ends + segments * 2 + 2;
  const deltas = starts + segments * 2;
  const rangeOffsets = deltas + segments * 2;
  for (let s = 0; s < segments; s++) {
    const end = view.getUint16(ends + s * 2);
    const start = view.getUint16(starts + s * 2);
    const delta = view.getInt16(deltas + s * 2);
    const rangeOffset = view.getUint16(rangeOffsets + s * 2);
    for (let cp = start; cp <= end && cp !== 0xffff; cp++) {
      let glyph: number;
      if (rangeOffset === 0) glyph = (cp + delta) & 0xffff;
      else {
        const raw = view.getUint16(rangeOffsets + s * 2 + rangeOffset + (cp - start) * 2);
        glyph = raw === 0 ? 0 : (raw + delta) & 0xffff;
      }
      if (glyph !== 0) map.set(cp, glyph);
    }
  }
  return map;
}

/** Width of `text` at `size` px: the sum of its characters' advances. */
export function textWidth(metrics: FontMetrics, text: string, size: number): number {
  let units = 0;
  for (const cp of shapedCodePoints(text, metrics.has)) {
    if (ZERO_WIDTH.test(String.fromCodePoint(cp))) continue;
    units += metrics.advance(cp);
  }
  return (units * size) / metrics.unitsPerEm;
}
