import type { CardChart } from '../card-chart.js';
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
  const caption = fitBox(frame, 'chart.label', chart.label, { ...box, height: 56 }, { maxSize: 24, minSize: 18, bold: false, lineHeight: 1.2, maxLines: 2 }, C.muted, 'middle');
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

function drawGrowth(frame: Frame, chart: Extract<CardChart, { kind: 'growth' }>, box: Box, texts: TextBox[]): string {
  const value = fitBox(frame, 'chart.value', chart.value, { ...box, height: 80 }, { maxSize: 36, minSize: 22, bold: true, lineHeight: 1.12, maxLines: 2 }, C.figure);
  value.height = value.fitted.height;
  const label = fitBox(frame, 'chart.label', chart.label, { ...box, y: box.y + value.height, height: 54 }, { maxSize: 22, minSize: 18, bold: false, lineHeight: 1.2, maxLines: 2 }, C.muted);
  label.height = label.fitted.height;
  const top = label.y + label.fitted.height + 14;
  const bottom = box.y + box.height;
  const bar = { x: box.x, width: 112 };
  const side = { x: box.x + bar.width + 28, width: box.width - bar.width - 28 };
  const arrow = { y: top, height: Math.min(64, (bottom - top) * 0.4), width: 60 };
  const growthTop = arrow.y + arrow.height + 10;
  const growthLabel = fitBox(frame, 'chart.growthLabel', chart.growthLabel, { ...side, y: 0, height: 54 }, { maxSize: 22, minSize: 16, bold: false, lineHeight: 1.2, maxLines: 2 }, C.muted);
  const growth = fitBox(
    frame,
    'chart.growth',
    chart.growth,
    { ...side, y: growthTop, height: Math.max(0, bottom - growthTop - growthLabel.fitted.height) },
    { maxSize: 40, minSize: 20, bold: true, lineHeight: 1.1, maxLines: 2 },
    C.growth,
  );
  growthLabel.y = growthTop + growth.fitted.height;
  growthLabel.height = growthLabel.fitted.height;
  texts.push(value, label, growth, growthLabel);

  const x = (px: number) => r(frame.rtl ? frame.width - px : px);
  const ax = side.x;
  const head = arrow.height * 0.45;
  const shaft = arrow.width * 0.3;
  const arrowPath = [
    [ax + arrow.width / 2, arrow.y],
    [ax + arrow.width, arrow.y + head],
    [ax + arrow.width / 2 + shaft / 2, arrow.y + head],
    [ax + arrow.width / 2 + shaft / 2, arrow.y + arrow.height],
    [ax + arrow.width / 2 - shaft / 2, arrow.y + arrow.height],
    [ax + arrow.width / 2 - shaft / 2, arrow.y + head],
    [ax, arrow.y + head],
  ]
    .map(([px, py]) => `${x(px!)},${r(py!)}`)
    .join(' ');
  return [
    `<rect x="${r(mirrorX(frame, bar.x, bar.width))}" y="${r(top)}" width="${bar.width}" height="${r(Math.max(0, bottom - top))}" rx="8" fill="${C.chart}"/>`,
    `<rect x="${r(mirrorX(frame, box.x, box.width))}" y="${r(bottom)}" width="${r(box.width)}" height="3" fill="${C.rule}"/>`,
    `<polygon points="${arrowPath}" fill="${C.growth}"/>`,
    drawText(frame, value),
    drawText(frame, label),
    drawText(frame, growth),
    drawText(frame, growthLabel),
  ].join('');
}
