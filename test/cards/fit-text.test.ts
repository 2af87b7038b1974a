import { describe, expect, it } from 'vitest';
import { cleanText, fitText, type TextMeasure, type TextStyle } from '../../src/cards/fit-text.js';

/** A monospace measure: every character is 0.5 em wide, so expected wraps are easy to read. */
const mono: TextMeasure = { width: (text, size) => [...text].length * size * 0.5, ascent: 0.8, descent: 0.2 };
const style: TextStyle = { maxSize: 20, minSize: 10, bold: false, lineHeight: 1.2, maxLines: 2 };

describe('fitText', () => {
  it('keeps text that fits on one line at the largest size', () => {
    const fitted = fitText('short text', { width: 200, height: 100 }, style, mono);
    expect(fitted).toMatchObject({ size: 20, truncated: false });
    expect(fitted.lines.map((l) => l.text)).toEqual(['short text']);
    expect(fitted.lines[0]!.width).toBe(100);
  });

  it('wraps at spaces before shrinking', () => {
    const fitted = fitText('one two three four', { width: 100, height: 100 }, style, mono);
    expect(fitted.size).toBe(20);
    expect(fitted.lines.map((l) => l.text)).toEqual(['one two', 'three four']);
  });

  it('shrinks when wrapping into the allowed lines is not enough', () => {
    const fitted = fitText('one two three four five six', { width: 100, height: 100 }, style, mono);
    expect(fitted.size).toBeLessThan(20);
    expect(fitted.lines.length).toBeLessThanOrEqual(2);
    expect(fitted.truncated).toBe(false);
    for (const line of fitted.lines) expect(line.width).toBeLessThanOrEqual(100);
  });

  it('counts lines by the box height as well as maxLines', () => {
    const fitted = fitText('aaaa bbbb cccc', { width: 50, height: 25 }, { ...style, maxLines: 5 }, mono);
    expect(fitted.lines.length * fitted.size * 1.2).toBeLessThanOrEqual(25);
    expect(fitted.height).toBeLessThanOrEqual(25);
  });

  it('ends with an ellipsis only at the smallest size, cutting at a word', () => {
    const text = Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ');
    const fitted = fitText(text, { width: 100, height: 100 }, style, mono);
    expect(fitted).toMatchObject({ size: 10, truncated: true });
    expect(fitted.lines).toHaveLength(2);
    expect(fitted.lines[1]!.text).toMatch(/^[\w ]+…$/);
    for (const line of fitted.lines) expect(line.width).toBeLessThanOrEqual(100);
  });

  it('breaks a word longer than the box only at the smallest size', () => {
    const fitted = fitText('abcdefghijklmnopqrstuvwxyz', { width: 100, height: 100 }, { ...style, maxLines: 3 }, mono);
    expect(fitted.size).toBe(10);
    expect(fitted.lines.map((l) => l.text).join('')).toBe('abcdefghijklmnopqrstuvwxyz');
    for (const line of fitted.lines) expect(line.width).toBeLessThanOrEqual(100);
  });

  it('puts baselines inside the line pitch, from the box top', () => {
    const fitted = fitText('one two three four', { width: 100, height: 100 }, style, mono);
    const pitch = 20 * 1.2;
    expect(fitted.lines[0]!.baseline).toBeCloseTo((pitch - 20) / 2 + 16);
    expect(fitted.lines[1]!.baseline - fitted.lines[0]!.baseline).toBeCloseTo(pitch);
    expect(fitted.height).toBeCloseTo(2 * pitch);
  });

  it('draws nothing for empty text and gives up cleanly when the box is too small for one line', () => {
    expect(fitText('  \n ', { width: 100, height: 100 }, style, mono).lines).toEqual([]);
    const tiny = fitText('text', { width: 100, height: 5 }, style, mono);
    expect(tiny).toMatchObject({ lines: [], truncated: true });
  });

  it('drops control characters and collapses white space', () => {
    expect(cleanText(' a\u0000b\u0007\n\tc  d\u200fe ')).toBe('ab c d\u200fe');
  });
});
