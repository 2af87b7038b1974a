/**
 * Fits text into a box: wrap at spaces, shrink the font step by step when
 * wrapping is not enough, and end with an ellipsis only as a last resort.
 * Pure: the caller supplies how wide a string is in its font.
 */
export interface TextMeasure {
  /** Advance width in px of `text` drawn at `size` px. */
  width(text: string, size: number, bold: boolean): number;
  /** Ascent and descent of the font as fractions of the font size. */
  ascent: number;
  descent: number;
}

export interface TextStyle {
  maxSize: number;
  minSize: number;
  bold: boolean;
  /** Line pitch as a multiple of the font size (at least ascent + descent). */
  lineHeight: number;
  maxLines: number;
}

export interface FittedLine {
  text: string;
  /** Measured width in px; never more than the box width. */
  width: number;
  /** Baseline offset from the top of the box. */
  baseline: number;
}

export interface FittedText {
  lines: FittedLine[];
  size: number;
  bold: boolean;
  /** Height the lines take, from the box top; never more than the box height. */
  height: number;
  /** True when text had to be cut and ends with an ellipsis. */
  truncated: boolean;
  /** True when a word too wide for the box was split across lines (only at the smallest size). */
  broken: boolean;
}

const ELLIPSIS = '…';
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ud800-\udfff\ufffe\uffff]/gu;

/** Text as it will be drawn: control characters dropped, white space collapsed. */
export function cleanText(text: string): string {
  return text.replace(CONTROL, '').replace(/\s+/gu, ' ').trim();
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Greedy wrap at spaces; a word wider than the box is broken between graphemes (`broken`). */
function wrap(text: string, fits: (s: string) => boolean): { lines: string[]; broken: boolean } {
  const lines: string[] = [];
  let broken = false;
  let line = '';
  for (const word of text.split(' ')) {
    const candidate = line ? `${line} ${word}` : word;
    if (fits(candidate)) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = word;
    if (!fits(word)) {
      broken = true;
      let piece = '';
      for (const { segment } of graphemes.segment(word)) {
        if (piece && !fits(piece + segment)) {
          lines.push(piece);
          piece = '';
        }
        piece += segment;
      }
      line = piece;
    }
  }
  if (line) lines.push(line);
  return { lines, broken };
}

/** Cuts `line` (and drops the rest) so that it ends with an ellipsis and fits. */
function ellipsize(line: string, fits: (s: string) => boolean): string {
  const cut = (s: string) => s.replace(/[\s,;:.\-–—،؛]+$/u, '');
  const words = line.split(' ');
  for (; words.length > 1; words.pop()) {
    const head = cut(words.join(' '));
    if (head && fits(head + ELLIPSIS)) return head + ELLIPSIS;
  }
  const parts = [...graphemes.segment(words[0] ?? '')].map((s) => s.segment);
  for (; parts.length > 0; parts.pop()) {
    const head = cut(parts.join(''));
    if (head && fits(head + ELLIPSIS)) return head + ELLIPSIS;
  }
  return ELLIPSIS;
}

export function fitText(raw: string, box: { width: number; height: number }, style: TextStyle, measure: TextMeasure): FittedText {
  const text = cleanText(raw);
  const { bold, lineHeight } = style;
  const layout = (lines: string[], size: number, truncated: boolean, broken = false): FittedText => {
    const pitch = size * lineHeight;
    const top = (pitch - (measure.ascent + measure.descent) * size) / 2 + measure.ascent * size;
    return {
      lines: lines.map((t, i) => ({ text: t, width: measure.width(t, size, bold), baseline: top + i * pitch })),
      size,
      bold,
      height: lines.length * pitch,
      truncated,
      broken,
    };
  };
  if (!text) return layout([], style.maxSize, false);

  let size = style.maxSize;
  for (;;) {
    const fits = (s: string) => measure.width(s, size, bold) <= box.width;
    const room = Math.min(style.maxLines, Math.floor(box.height / (size * lineHeight) + 1e-9));
    const { lines, broken } = room > 0 ? wrap(text, fits) : { lines: [], broken: false };
    // Breaking inside a word is a last resort, taken only at the smallest size.
    if (room > 0 && lines.length <= room && (!broken || size === style.minSize)) return layout(lines, size, false, broken);
    if (size > style.minSize) {
      size = Math.max(style.minSize, size - 2);
      continue;
    }
    if (room === 0) return layout([], size, true);
    const kept = lines.slice(0, room);
    kept[room - 1] = ellipsize(kept[room - 1]!, fits);
    return layout(kept, size, true, broken);
  }
}
