import { readFileSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { shapedCodePoints } from '../../src/cards/arabic-forms.js';
import { parseFontMetrics } from '../../src/cards/font-metrics.js';
import { cardTextMeasure, FONT_FAMILY, FONT_FILES, missingGlyphs } from '../../src/cards/fonts.js';
import type { KnowledgeBase } from '../../src/core/data/schema.js';
import { realKnowledgeBase } from '../support/core.js';

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await realKnowledgeBase();
});

/** The width resvg actually draws `text` at 40 px (ink bounds), in a right-to-left isolate like the cards do. */
function drawnWidth(text: string, bold: boolean): number {
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="4000" height="100"><text x="10" y="60" font-size="40" font-family="${FONT_FAMILY}"` +
    `${bold ? ' font-weight="bold"' : ''}>\u2067${text}\u2069</text></svg>`;
  const box = new Resvg(svg, { font: { loadSystemFonts: false, fontFiles: [FONT_FILES.regular, FONT_FILES.bold], defaultFontFamily: FONT_FAMILY } }).getBBox();
  return box?.width ?? 0;
}

describe('card fonts', () => {
  it('read advance widths and vertical metrics from the TrueType tables', () => {
    const m = parseFontMetrics(readFileSync(FONT_FILES.regular));
    expect(m.unitsPerEm).toBe(2048);
    expect(m.ascender).toBeGreaterThan(0);
    expect(m.descender).toBeGreaterThan(0);
    expect(m.has('A'.codePointAt(0)!) && m.has('Ж'.codePointAt(0)!) && m.has('گ'.codePointAt(0)!)).toBe(true);
    expect(m.advance('W'.codePointAt(0)!)).toBeGreaterThan(m.advance('i'.codePointAt(0)!));
  });

  it('measure what resvg draws to within a few per cent, never much less (Latin, Cyrillic, Persian; regular and bold)', () => {
    const measure = cardTextMeasure();
    const samples = [
      'Bilateral trade $3.77 billion +15.5% (paragraph 11)',
      'Международный транспортный коридор «Север — Юг»',
      'کریدور بین‌المللی حمل‌ونقل شمال–جنوب',
      'تجارت میان روسیه و ایران در سال ۲۰۲۴ با رشد ۱۵٫۵٪ به ۳٫۷۷ میلیارد دلار رسید.',
      'بلا لا ﻻ نظام‌های مالی مستقل (میر و شتاب)',
    ];
    for (const bold of [false, true]) {
      for (const s of samples) {
        const ratio = measure.width(s, 40, bold) / drawnWidth(s, bold);
        expect(ratio, `${bold ? 'bold' : 'regular'}: ${s}`).toBeGreaterThanOrEqual(0.99);
        expect(ratio, `${bold ? 'bold' : 'regular'}: ${s}`).toBeLessThanOrEqual(1.05);
      }
    }
  });

  it('pick Arabic contextual forms: initial, medial and final letters, lam-alef, ZWNJ breaking the join', () => {
    const forms = (s: string) => shapedCodePoints(s).map((cp) => cp.toString(16));
    expect(forms('بب')).toEqual(['fe91', 'fe90']);
    expect(forms('ببب')).toEqual(['fe91', 'fe92', 'fe90']);
    expect(forms('دب')).toEqual(['fea9', 'fe8f']);
    expect(forms('لا')).toEqual(['fefb']);
    expect(forms('می\u200cشود')[0]).toBe('fee3');
    expect(forms('Latin')).toEqual(['4c', '61', '74', '69', '6e']);
  });

  it('cover every character of every text a card can show', () => {
    const strings = kb.topics.flatMap((x) => [x.title, x.short, ...x.facts.flatMap((f) => [f.label, f.display])]).flatMap((t) => Object.values(t));
    strings.push(...kb.sources.flatMap((s) => Object.values(s.title)));
    const missing = [...new Set(strings.flatMap((s) => [...missingGlyphs(s), ...missingGlyphs(s, true)]))];
    expect(missing).toEqual([]);
  });
});
