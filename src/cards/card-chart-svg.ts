import type { CardChart } from '../core/summary-card.js';
import { CARD_COLORS as C } from './card-colors.js';
import { type Box, type Frame, type TextBox, drawText, fitBox, mirrorX, r } from './svg-text.js';

/**
 * Draws the card's chart into `box` (left-to-right coordinates; mirrored for
 * right-to-left). Pushes its texts onto `texts` for the overflow checks.
 * No scale and no axis values: only the numbers the chart spec carries.
 */
export function drawChart(frame: Frame, chart: CardChart, box: Box, texts: TextBox[]): string {
  return chart.kind === 'share' ? drawShare(frame, chart, box, texts) : drawGrowth(frame, chart, box, texts);
}

function drawShare(frame: Frame, chart: Extract<CardChart, { kind: 'share' }>, box: Box, texts: TextBox[]): string {
  const caption = fitBox(
    frame,
    'chart.label',
    chart.label,
    { ...box, height: 56 },
    { maxSize: 24, minSize: 18, bold: false, lineHeight: 1.2, maxLines: 2 },
    C.muted,
    'middle',
  );
  const ringArea = box.height - caption.fitted.height - 12;
  const outer = Math.max(10, Math.min(box.width, ringArea) / 2 - 2);
  const stroke = outer * 0.28;
  const radius = outer - stroke / 2;
  const cx = mirrorX(frame, box.x, box.width) + box.width / 2;
  const cy = box.y + ringArea / 2;
  const around = 2 * Math.PI * radius;
  const arc = (Math.min(100, Math.max(0, chart.percent)) / 100) * around;
  // Clockwise from twelve o'clock; mirrored (anticlockwise) for right-to-left.
  const turn = frame.rtl ? `translate(${r(2 * cx)} 0) scale(-1 1) rotate(-90 ${r(cx)} ${r(cy)})` : `rotate(-90 ${r(cx)} ${r(cy)})`;
  const hole = radius - stroke / 2;
  const value = fitBox(
    frame,
    'chart.value',
    chart.value,
    { x: box.x + box.width / 2 - hole * 0.85, y: cy - hole * 0.45, width: hole * 1.7, height: hole * 0.9 },
    { maxSize: Math.round(hole * 0.62), minSize: 16, bold: true, lineHeight: 1.15, maxLines: 1 },
    C.figure,
    'middle',
  );
  caption.y = box.y + ringArea + 12;
  caption.height = caption.fitted.height;
  texts.push(value, caption);
  return [
    `<circle cx="${r(cx)}" cy="${r(cy)}" r="${r(radius)}" fill="none" stroke="${C.track}" stroke-width="${r(stroke)}"/>`,
    `<circle cx="${r(cx)}" cy="${r(cy)}" r="${r(radius)}" fill="none" stroke="${C.chart}" stroke-width="${r(stroke)}" stroke-dasharray="${r(arc)} ${r(around)}" transform="${turn}"/>`,
    drawText(frame, value),
    drawText(frame, caption),
  ].join('');
}

const GROWTH_TEXTS = [
  { name: 'chart.value', fill: C.figure, style: { maxSize: 36, minSize: 18, bold: true, lineHeight: 1.12, maxLines: 2 }, gap: 2 },
  { name: 'chart.label', fill: C.muted, style: { maxSize: 22, minSize: 14, bold: false, lineHeight: 1.2, maxLines: 2 }, gap: 16 },
  { name: 'chart.growth', fill: C.growth, style: { maxSize: 40, minSize: 18, bold: true, lineHeight: 1.1, maxLines: 2 }, gap: 2 },
  { name: 'chart.growthLabel', fill: C.muted, style: { maxSize: 22, minSize: 14, bold: false, lineHeight: 1.2, maxLines: 2 }, gap: 0 },
] as const;

/**
 * A bar for the level beside a column of texts: the level and its label, then
 * an up arrow with the growth and its label. The column's type shrinks as one
 * until it fits the height of the box.
 */
function drawGrowth(frame: Frame, chart: Extract<CardChart, { kind: 'growth' }>, box: Box, texts: TextBox[]): string {
  const bar = { x: box.x, width: 96 };
  const column = { x: box.x + bar.width + 24, width: box.width - bar.width - 24 };
  const arrowWidth = 36;
  const strings = [chart.value, chart.label, chart.growth, chart.growthLabel];
  let boxes: TextBox[] = [];
  for (let scale = 1; scale >= 0.4; scale -= 0.05) {
    let y = box.y;
    boxes = GROWTH_TEXTS.map(({ name, fill, style, gap }, i) => {
      const indent = name === 'chart.growth' ? arrowWidth + 10 : 0;
      const size = Math.round(style.maxSize * scale);
      const room = { x: column.x + indent, y, width: column.width - indent, height: box.y + box.height - y };
      const fitted = fitBox(frame, name, strings[i]!, room, { ...style, maxSize: size, minSize: Math.min(size, style.minSize) }, fill);
      fitted.height = fitted.fitted.height;
      y += fitted.height + gap;
      return fitted;
    });
    if (y <= box.y + box.height && !boxes.some((b) => b.fitted.truncated || b.fitted.lines.length === 0)) break;
  }
  texts.push(...boxes);
  const growth = boxes[2]!;
  const first = growth.fitted.lines[0];
  const arrowTop = growth.y + (first ? first.baseline - growth.fitted.size * 0.75 : 0);
  const arrowHeight = growth.fitted.size * 0.8;
  const ax = column.x;
  const head = arrowHeight * 0.5;
  const shaft = arrowWidth * 0.36;
  const x = (px: number) => r(frame.rtl ? frame.width - px : px);
  const arrow = [
    [ax + arrowWidth / 2, arrowTop],
    [ax + arrowWidth, arrowTop + head],
    [ax + arrowWidth / 2 + shaft / 2, arrowTop + head],
    [ax + arrowWidth / 2 + shaft / 2, arrowTop + arrowHeight],
    [ax + arrowWidth / 2 - shaft / 2, arrowTop + arrowHeight],
    [ax + arrowWidth / 2 - shaft / 2, arrowTop + head],
    [ax, arrowTop + head],
  ]
    .map(([px, py]) => `${x(px!)},${r(py!)}`)
    .join(' ');
  const bottom = box.y + box.height;
  return [
    `<rect x="${r(mirrorX(frame, bar.x, bar.width))}" y="${r(box.y + 8)}" width="${bar.width}" height="${r(Math.max(0, bottom - box.y - 8))}" rx="8" fill="${C.chart}"/>`,
    `<polygon points="${arrow}" fill="${C.growth}"/>`,
    ...boxes.map((b) => drawText(frame, b)),
  ].join('');
}
