import { ELLIPSIS, RLM, rtlLine, sanitize } from '../kit/text.js';

/**
 * Telegram HTML building blocks: escaping and length-bounded rendering.
 * Lengths are measured on the HTML string itself, which is never shorter than
 * the text Telegram shows, so a result within `max` is within Telegram's limit.
 */

/** A run of text with at most one style; `href` makes it a link. */
export interface Span {
  text: string;
  style?: 'b' | 'i' | 'pre';
  href?: string;
}
export type Line = Span[];

/** Escapes & < > " for Telegram's HTML parse mode (after sanitising). */
export function escapeHtml(s: string): string {
  return sanitize(s).replace(/[&<>"]/g, (ch) => (ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : '&quot;'));
}

function tags(span: Span): [string, string] {
  if (span.href) return [`<a href="${escapeHtml(span.href)}">`, '</a>'];
  if (span.style) return [`<${span.style}>`, `</${span.style}>`];
  return ['', ''];
}

function spanHtml(span: Span): string {
  const [open, close] = tags(span);
  return `${open}${escapeHtml(span.text)}${close}`;
}

const graphemes = new Intl.Segmenter();

/** The longest prefix of the span, with "…", whose HTML fits in `room`, cut between graphemes; '' if nothing fits. */
function cutSpan(span: Span, room: number): string {
  const [open, close] = tags(span);
  let available = room - open.length - close.length - ELLIPSIS.length;
  if (available < 1) return room >= ELLIPSIS.length ? ELLIPSIS : '';
  let out = '';
  for (const { segment } of graphemes.segment(sanitize(span.text))) {
    const escaped = escapeHtml(segment);
    if (escaped.length > available) break;
    out += escaped;
    available -= escaped.length;
  }
  return `${open}${out.trimEnd()}${ELLIPSIS}${close}`;
}

/**
 * Lines of a right-to-left reply (Persian), as kit's `rtlLine` lays them out:
 * newlines inside spans are split into lines first, so every visible line is
 * covered, also in echoed text; a line that would run left to right gets an RLM.
 */
export function rtlLines(lines: readonly Line[]): Line[] {
  const split: Line[] = [];
  for (const line of lines) {
    let current: Span[] = [];
    for (const span of line) {
      sanitize(span.text)
        .split('\n')
        .forEach((text, i) => {
          if (i > 0) {
            split.push(current);
            current = [];
          }
          if (text) current.push({ ...span, text });
        });
    }
    split.push(current);
  }
  // (Decided by the whole line: a first span of white space — a value that was only "\r\n\t" — decides nothing.)
  return split.map((line) => {
    const text = line.map((span) => span.text).join('');
    return rtlLine(text) === text ? line : [{ text: RLM }, ...line];
  });
}

/** Lines joined by newlines, cut with "…" at the first span that would pass `max`. */
function renderLines(lines: readonly Line[], max: number): string {
  let out = '';
  for (const [i, line] of lines.entries()) {
    let html = i > 0 ? '\n' : '';
    if (out.length + html.length > max) return out;
    for (const span of line) {
      const piece = spanHtml(span);
      if (out.length + html.length + piece.length <= max) {
        html += piece;
        continue;
      }
      return out + html + cutSpan(span, max - out.length - html.length);
    }
    out += html;
  }
  return out;
}

/**
 * `head` then `tail` as HTML of at most `max` characters. The tail (e.g. the
 * source line) is always kept, capped at a third of `max`; the head is cut
 * with "…" when everything does not fit.
 */
export function fitHtml(head: readonly Line[], tail: readonly Line[], max: number): string {
  const tailHtml = renderLines(tail, Math.floor(max / 3));
  const sep = head.length && tailHtml ? '\n' : '';
  const headHtml = renderLines(head, max - tailHtml.length - sep.length);
  return `${headHtml}${sep}${tailHtml}`;
}
