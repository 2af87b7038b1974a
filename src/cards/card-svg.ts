import type { CardChart } from '../core/summary-card.js';
import { formatDate, t } from '../core/i18n/index.js';
import type { CardReply, KeyFact } from '../core/reply.js';
import { drawChart } from './card-chart-svg.js';
import { CARD_COLORS as C } from './card-colors.js';
import type { TextMeasure } from './fit-text.js';
import { type Box, type Frame, type TextBox, drawText, escapeXml, fitBox, mirrorX, r } from './svg-text.js';

export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 675;
/** Figures drawn on the image, a chart counting as one; the rest stay in the text versions of the card. */
export const CARD_DRAWN_FIGURES = 4;

export interface CardSvgOptions {
  /** Widths of text in the fonts the rasteriser will use. */
  measure: TextMeasure;
  /** The font family name the rasteriser knows those fonts by. */
  fontFamily: string;
}

/** The SVG and every text box in it (left-to-right coordinates), for overflow checks. */
export interface CardSvg {
  svg: string;
  texts: TextBox[];
}

const M = 60;
const INNER = CARD_WIDTH - 2 * M;
const BAND = 68;
const TITLE_TOP = 96;
const FIGURES_BOTTOM = 584;
const FOOTER_RULE = 604;
const CHART_WIDTH = 330;
const HEADING_LEVELS: readonly [{ title: number; lead: number }, ...{ title: number; lead: number }[]] = [
  { title: 54, lead: 30 },
  { title: 48, lead: 26 },
  { title: 44, lead: 22 },
];

/**
 * The summary card as a 1200×675 SVG: a band with the bot's name and the
 * as-of date, the title, the one-sentence lead, up to four figures drawn
 * large with their labels, a chart when the data has one, and the source
 * line. Pure and deterministic; mirrored for Persian.
 */
export function buildCardSvg(reply: CardReply, options: CardSvgOptions): CardSvg {
  const frame: Frame = { width: CARD_WIDTH, rtl: reply.lang === 'fa', measure: options.measure };
  const c = t(reply.lang);
  const texts: TextBox[] = [];
  const place: Fit = (name, text, box, style, fill, align) => {
    const fitted = fitBox(frame, name, text, box, style, fill, align);
    texts.push(fitted);
    return fitted;
  };

  const bot = place(
    'bot',
    c.botName,
    { x: M, y: 14, width: 560, height: 40 },
    { maxSize: 26, minSize: 18, bold: true, lineHeight: 1.2, maxLines: 1 },
    C.bandText,
  );
  const asOf = `${c.asOf} ${formatDate(reply.asOf, reply.lang)}`;
  const date = place(
    'asOf',
    asOf,
    { x: M + 600, y: 16, width: INNER - 600, height: 36 },
    { maxSize: 22, minSize: 16, bold: false, lineHeight: 1.2, maxLines: 1 },
    C.bandMuted,
    'end',
  );

  // Denser headings leave more room for the figures; the first level that cuts or splits no word of them wins.
  const data: CardChart | undefined = reply.chart;
  const layoutAt = (level: (typeof HEADING_LEVELS)[number]) => {
    const own: TextBox[] = [];
    const title = fitBox(
      frame,
      'title',
      reply.title,
      { x: M, y: TITLE_TOP, width: INNER, height: 126 },
      { maxSize: level.title, minSize: 36, bold: true, lineHeight: 1.15, maxLines: 2 },
      C.title,
    );
    title.height = title.fitted.height;
    const lead = fitBox(
      frame,
      'lead',
      reply.lead,
      { x: M, y: title.y + title.height + 12, width: INNER, height: 118 },
      { maxSize: level.lead, minSize: 22, bold: false, lineHeight: 1.3, maxLines: 4 },
      C.text,
    );
    lead.height = lead.fitted.height;
    const top = lead.y + lead.height + 26;
    const area: Box = { x: M, y: top, width: data ? INNER - CHART_WIDTH - 40 : INNER, height: FIGURES_BOTTOM - top };
    const drawn = data?.figures ?? [];
    const rest = reply.figures.filter((f) => !drawn.some((d) => d.label === f.label && d.value === f.value));
    const figures = drawFigures(frame, rest, area, !!data, own);
    const chart = data ? drawChart(frame, data, { x: M + INNER - CHART_WIDTH, y: top, width: CHART_WIDTH, height: area.height }, own) : '';
    return { title, lead, svg: `${figures}\n${chart}`, texts: own, cut: own.some((b) => b.fitted.truncated || b.fitted.broken) };
  };
  let main = layoutAt(HEADING_LEVELS[0]);
  for (const level of HEADING_LEVELS.slice(1)) if (main.cut) main = layoutAt(level);
  const { title, lead } = main;
  texts.push(title, lead, ...main.texts);

  const source = place(
    'source',
    reply.source.line,
    { x: M, y: FOOTER_RULE + 12, width: INNER, height: 52 },
    { maxSize: 22, minSize: 16, bold: false, lineHeight: 1.25, maxLines: 2 },
    C.muted,
  );

  const body = [
    `<rect width="${CARD_WIDTH}" height="${CARD_HEIGHT}" fill="${C.ground}"/>`,
    `<rect width="${CARD_WIDTH}" height="${BAND}" fill="${C.band}"/>`,
    `<rect y="${BAND}" width="${CARD_WIDTH}" height="6" fill="${C.accent}"/>`,
    `<rect x="${M}" y="${FOOTER_RULE}" width="${INNER}" height="2" fill="${C.rule}"/>`,
    ...[bot, date, title, lead, source].map((b) => drawText(frame, b)),
    main.svg,
  ].join('\n');
  const lang = escapeXml(reply.lang);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CARD_WIDTH}" height="${CARD_HEIGHT}" viewBox="0 0 ${CARD_WIDTH} ${CARD_HEIGHT}" ` +
    `xml:lang="${lang}" font-family="${escapeXml(options.fontFamily)}">\n${body}\n</svg>\n`;
  return { svg, texts };
}

type Fit = (name: string, text: string, box: Box, style: Parameters<typeof fitBox>[4], fill: string, align?: TextBox['align']) => TextBox;

const VALUE_STYLE = { maxSize: 56, minSize: 24, bold: true, lineHeight: 1.12, maxLines: 6 };
const LABEL_STYLE = { maxSize: 24, minSize: 18, bold: false, lineHeight: 1.2, maxLines: 2 };
const GAP_X = 28;
const GAP_Y = 18;
const INSET = 22;

interface FigureCell {
  x: number;
  y: number;
  value: TextBox;
  label: TextBox;
}

/** The figures laid out in `cols` columns; values share one font size (the largest at which each fits its cell), labels another. */
function gridLayout(frame: Frame, figures: KeyFact[], area: Box, cols: number): { cells: FigureCell[]; size: number; truncated: number } {
  const rows = Math.ceil(figures.length / cols);
  const width = (area.width - GAP_X * (cols - 1)) / cols;
  const height = (area.height - GAP_Y * (rows - 1)) / rows;
  const labelBox = (i: number) => ({ x: area.x + (i % cols) * (width + GAP_X) + INSET, y: 0, width: width - INSET, height: Math.min(58, height * 0.45) });
  const labelSize = Math.min(...figures.map((f, i) => fitBox(frame, '', f.label, labelBox(i), LABEL_STYLE, C.muted).fitted.size));
  const cells = figures.map((figure, i) => {
    const x = area.x + (i % cols) * (width + GAP_X);
    const y = area.y + Math.floor(i / cols) * (height + GAP_Y);
    const label = fitBox(frame, `figure${i}.label`, figure.label, labelBox(i), { ...LABEL_STYLE, maxSize: labelSize }, C.muted);
    return { figure, i, x, y, label, valueBox: { x: x + INSET, width: width - INSET, y, height: height - label.fitted.height - 4 } };
  });
  const size = Math.min(...cells.map((c) => fitBox(frame, '', c.figure.value, c.valueBox, VALUE_STYLE, C.figure).fitted.size));
  const placed = cells.map(({ figure, i, x, y, label, valueBox }) => {
    const value = fitBox(frame, `figure${i}.value`, figure.value, valueBox, { ...VALUE_STYLE, maxSize: size }, C.figure);
    value.height = value.fitted.height;
    label.y = y + value.height + 4;
    label.height = label.fitted.height;
    return { x, y, value, label };
  });
  const cut = (b: TextBox) => b.fitted.truncated || b.fitted.broken || b.fitted.lines.length === 0;
  const truncated = placed.filter((c) => cut(c.value) || cut(c.label)).length;
  return { cells: placed, size, truncated };
}

/**
 * Up to four figures (three beside a chart): value large, label under it.
 * Tries one row, two columns and one column (at most two columns beside a
 * chart) and keeps the layout with the largest type that cuts no text.
 */
function drawFigures(frame: Frame, all: KeyFact[], area: Box, withChart: boolean, texts: TextBox[]): string {
  const figures = all.slice(0, CARD_DRAWN_FIGURES - (withChart ? 1 : 0));
  const n = figures.length;
  if (n === 0) return '';
  const columns = [...new Set([n, 2, 1])].filter((cols) => cols <= n && (!withChart || cols <= 2));
  const layouts = columns.map((cols) => gridLayout(frame, figures, area, cols));
  const best = layouts.reduce((a, b) => (b.truncated !== a.truncated ? (b.truncated < a.truncated ? b : a) : b.size > a.size ? b : a));
  // Centre the block vertically in the room left for it.
  const shift = Math.max(0, (area.y + area.height - Math.max(...best.cells.map((c) => c.label.y + c.label.height))) / 2);
  return best.cells
    .map(({ x, y: top, value, label }) => {
      const y = top + shift;
      value.y += shift;
      label.y += shift;
      texts.push(value, label);
      return [
        `<rect x="${r(mirrorX(frame, x, 6))}" y="${r(y + 6)}" width="6" height="${r(Math.max(0, value.height + 4 + label.height - 12))}" rx="3" fill="${C.accent}"/>`,
        drawText(frame, value),
        drawText(frame, label),
      ].join('');
    })
    .join('\n');
}
