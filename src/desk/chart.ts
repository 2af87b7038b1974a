import { esc, pct } from './html.js';

export interface DayPoint {
  day: string;
  /** Questions (small talk left out). */
  questions: number;
  answered: number;
}

const W = 720;
const H = 220;
const PAD = { left: 44, right: 44, top: 16, bottom: 34 };

/**
 * The answer rate over time as an inline SVG, drawn on the server: a bar per day for
 * the questions asked (right axis) and a line with a point per day for the share
 * answered (left axis, 0–100%). Every point carries its figures in a tooltip and in
 * data attributes; a day with no questions has a bar of 0 and no point.
 */
export function answerRateChart(points: readonly DayPoint[]): string {
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const step = plotW / Math.max(1, points.length);
  const most = Math.max(1, ...points.map((p) => p.questions));
  const x = (i: number) => PAD.left + step * (i + 0.5);
  const yRate = (rate: number) => PAD.top + plotH * (1 - rate);
  const grid = [0, 0.5, 1]
    .map(
      (r) =>
        `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${yRate(r)}" y2="${yRate(r)}" class="grid"/><text x="${PAD.left - 6}" y="${yRate(r) + 4}" text-anchor="end" class="axis">${r * 100}%</text>`,
    )
    .join('');
  const bars = points
    .map((p, i) => {
      const h = (plotH * p.questions) / most;
      return `<rect class="bar" x="${x(i) - step * 0.35}" y="${PAD.top + plotH - h}" width="${step * 0.7}" height="${h}"><title>${esc(p.day)}: ${p.questions} questions</title></rect>`;
    })
    .join('');
  const rated = points.flatMap((p, i) => (p.questions > 0 ? [{ p, i, rate: p.answered / p.questions }] : []));
  const line = rated.length > 1 ? `<polyline class="rate" points="${rated.map(({ i, rate }) => `${x(i)},${yRate(rate)}`).join(' ')}"/>` : '';
  const dots = rated
    .map(
      ({ p, i, rate }) =>
        `<circle class="point" cx="${x(i)}" cy="${yRate(rate)}" r="4" data-day="${esc(p.day)}" data-rate="${pct(rate)}" data-questions="${p.questions}" data-answered="${p.answered}"><title>${esc(p.day)}: ${pct(rate)} answered (${p.answered} of ${p.questions})</title></circle>`,
    )
    .join('');
  const first = points[0];
  const last = points[points.length - 1];
  const labels =
    first && last
      ? `<text x="${x(0)}" y="${H - 10}" text-anchor="middle" class="axis">${esc(first.day)}</text>` +
        (points.length > 1 ? `<text x="${x(points.length - 1)}" y="${H - 10}" text-anchor="middle" class="axis">${esc(last.day)}</text>` : '')
      : '';
  const right = `<text x="${W - PAD.right + 6}" y="${PAD.top + 4}" class="axis">${most} q</text><text x="${W - PAD.right + 6}" y="${PAD.top + plotH + 4}" class="axis">0 q</text>`;
  return `<svg id="rate-chart" role="img" aria-label="Answer rate per day" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" xmlns="http://www.w3.org/2000/svg">${grid}${bars}${line}${dots}${labels}${right}</svg>`;
}

/** A horizontal bar for a share of a whole, for tables (questions per topic, per language). */
export function shareBar(value: number, max: number): string {
  const width = max > 0 ? Math.round((160 * value) / max) : 0;
  return `<svg class="share" width="160" height="10" aria-hidden="true"><rect width="${width}" height="10"/></svg>`;
}
