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

const ELLIPSIS = '…';
// C0/C1 control characters except tab and newline.
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// Bidi embeddings, overrides and isolates (LRE…RLO, LRI…PDI): echoed unbalanced, they reorder
// the rest of the message. The marks LRM, RLM and ALM are kept; they only nudge neutral characters.
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/g;

// Anything the three replacements below could change (any surrogate, pairs included).
const MAYBE_UNSAFE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uD800-\uDFFF]/;

/** Text made safe to send: well-formed UTF-16, no control characters, no bidi overrides. */
export function sanitizeText(s: string): string {
  if (!MAYBE_UNSAFE.test(s)) return s;
  return s.replace(LONE_SURROGATE, '\uFFFD').replace(CONTROL, '').replace(BIDI_CONTROL, '');
}

/** Escapes & < > " for Telegram's HTML parse mode (after sanitising). */
export function escapeHtml(s: string): string {
  return sanitizeText(s).replace(/[&<>"]/g, (ch) => (ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : '&quot;'));
}

/** Plain text cut to at most `max` UTF-16 units, ending in "…" when cut; never splits a surrogate pair. */
export function cap(s: string, max: number): string {
  const clean = sanitizeText(s);
  if (clean.length <= max) return clean;
  if (max < 1) return '';
  let end = max - 1;
  if (end > 0 && isHighSurrogate(clean.charCodeAt(end - 1))) end -= 1;
  return `${clean.slice(0, end).trimEnd()}${ELLIPSIS}`;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
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

/** The longest prefix of the span, with "…", whose HTML fits in `room`; '' if nothing fits. */
function cutSpan(span: Span, room: number): string {
  const [open, close] = tags(span);
  let available = room - open.length - close.length - ELLIPSIS.length;
  if (available < 1) return room >= ELLIPSIS.length ? ELLIPSIS : '';
  const text = sanitizeText(span.text);
  let out = '';
  for (const ch of text) {
    const escaped = escapeHtml(ch);
    if (escaped.length > available) break;
    out += escaped;
    available -= escaped.length;
  }
  return `${open}${out.trimEnd()}${ELLIPSIS}${close}`;
}

export const RLM = '\u200F';
// A line starting with one of these is laid out right to left anyway.
const RTL_START = /^(?:\u200F|(?=\p{L})[\p{Script=Arabic}\p{Script=Hebrew}])/u;

/**
 * Lines of a right-to-left reply (Persian): Telegram lays out each line by its
 * first strong character, so a line that starts with a Latin letter, a digit
 * or a symbol ("• LNG …", "17 …", a link) would run left to right. Such lines
 * get an RLM first. Newlines inside spans are split into lines first, so every
 * visible line is covered, also in echoed text. Numbers and Latin names inside
 * the line are untouched; the bidi algorithm keeps them left to right.
 */
export function rtlLines(lines: readonly Line[]): Line[] {
  const split: Line[] = [];
  for (const line of lines) {
    let current: Span[] = [];
    for (const span of line) {
      span.text.split('\n').forEach((text, i) => {
        if (i > 0) {
          split.push(current);
          current = [];
        }
        if (text) current.push({ ...span, text });
      });
    }
    split.push(current);
  }
  return split.map((line) => {
    const first = line.find((span) => sanitizeText(span.text))?.text;
    return first === undefined || RTL_START.test(sanitizeText(first)) ? line : [{ text: RLM }, ...line];
  });
}

/** Lines joined by newlines, cut with "…" at the first span that would pass `max`. */
export function renderLines(lines: readonly Line[], max: number): string {
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
