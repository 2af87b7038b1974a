import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { TextMeasure } from './fit-text.js';
import { type FontMetrics, parseFontMetrics, textWidth } from './font-metrics.js';

/**
 * The card fonts: DejaVu Sans regular and bold from the `dejavu-fonts-ttf`
 * npm package (Latin, Cyrillic and Arabic script in one family), loaded by
 * path so every machine draws the same pixels. System fonts are never used.
 */
export const FONT_FAMILY = 'DejaVu Sans';

const dir = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');

export const FONT_FILES = {
  regular: join(dir, 'DejaVuSans.ttf'),
  bold: join(dir, 'DejaVuSans-Bold.ttf'),
} as const;

let metrics: { regular: FontMetrics; bold: FontMetrics } | undefined;

function loaded() {
  metrics ??= {
    regular: parseFontMetrics(readFileSync(FONT_FILES.regular)),
    bold: parseFontMetrics(readFileSync(FONT_FILES.bold)),
  };
  return metrics;
}

/** Measures text with the card fonts' own advance widths and vertical metrics (fonts read once, on first use). */
export function cardTextMeasure(): TextMeasure {
  const { regular, bold } = loaded();
  return {
    width: (text, size, isBold) => textWidth(isBold ? bold : regular, text, size),
    ascent: Math.max(regular.ascender / regular.unitsPerEm, bold.ascender / bold.unitsPerEm),
    descent: Math.max(regular.descender / regular.unitsPerEm, bold.descender / bold.unitsPerEm),
  };
}

/** Code points of `text` that the card fonts cannot draw (for tests and data checks). */
export function missingGlyphs(text: string, bold = false): string[] {
  const m = bold ? loaded().bold : loaded().regular;
  return [...new Set([...text].filter((ch) => !/\s|[\u200b-\u200f\u202a-\u202e\u2060-\u2069]/u.test(ch) && !m.has(ch.codePointAt(0)!)))];
}
