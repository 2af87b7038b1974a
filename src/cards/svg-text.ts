import { type FittedText, type TextMeasure, type TextStyle, fitText } from './fit-text.js';

/** Escapes text for an XML text node or attribute value. */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[ch]};`);
}

/** Drawing direction of a card: boxes are laid out left-to-right and mirrored for right-to-left. */
export interface Frame {
  width: number;
  rtl: boolean;
  measure: TextMeasure;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A text fitted into a box (left-to-right coordinates), as the overflow tests inspect it. */
export interface TextBox extends Box {
  name: string;
  align: 'start' | 'middle' | 'end';
  fill: string;
  fitted: FittedText;
}

/** x of a box's left edge after mirroring. */
export function mirrorX(frame: Frame, x: number, width = 0): number {
  return frame.rtl ? frame.width - x - width : x;
}

export function fitBox(frame: Frame, name: string, text: string, box: Box, style: TextStyle, fill: string, align: TextBox['align'] = 'start'): TextBox {
  return { name, ...box, align, fill, fitted: fitText(text, box, style, frame.measure) };
}

const RLI = '\u2067';
const PDI = '\u2069';

/**
 * One <text> per line. Right-to-left lines are wrapped in a right-to-left
 * isolate (RLI…PDI) and anchored at their right edge: the rasteriser then
 * orders Persian, Latin names and numbers by the Unicode bidi algorithm with
 * a right-to-left base, and anchoring does not depend on `direction` support.
 */
export function drawText(frame: Frame, box: TextBox): string {
  const { fitted } = box;
  const left = mirrorX(frame, box.x, box.width);
  const atRight = (box.align === 'start') === frame.rtl;
  const [x, anchor] = box.align === 'middle' ? [left + box.width / 2, 'middle'] : atRight ? [left + box.width, 'end'] : [left, 'start'];
  return fitted.lines
    .map((line) => {
      const content = frame.rtl ? `${RLI}${line.text}${PDI}` : line.text;
      const weight = fitted.bold ? ' font-weight="bold"' : '';
      return `<text x="${r(x)}" y="${r(box.y + line.baseline)}" font-size="${fitted.size}"${weight} fill="${box.fill}" text-anchor="${anchor}">${escapeXml(content)}</text>`;
    })
    .join('');
}

/** Rounds a coordinate to 0.1 px for compact, stable output. */
export function r(n: number): string {
  return String(Math.round(n * 10) / 10);
}
