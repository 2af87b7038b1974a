/**
 * Text made safe to send on any surface, cut on grapheme boundaries, and laid
 * out right to left for Persian. Pure; shared by every renderer.
 */

// C0 and C1 control characters except tab and newline.
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// Bidi embeddings, overrides and isolates (LRE…RLO, LRI…PDI): echoed unbalanced, they reorder
// the rest of a message. The marks LRM, RLM and ALM are kept; they only nudge neutral characters.
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/g;
// Anything the replacements could change (any surrogate or CR, pairs included): the common case skips them.
const MAYBE_UNSAFE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uD800-\uDFFF]/;

/** Well-formed UTF-16 (a lone surrogate becomes U+FFFD), line breaks as "\n", no control characters but tab and newline, no bidi overrides. */
export function sanitize(text: string): string {
  if (!MAYBE_UNSAFE.test(text)) return text;
  return text.replace(/\r\n?/g, '\n').replace(LONE_SURROGATE, '\uFFFD').replace(CONTROL, '').replace(BIDI_CONTROL, '');
}

/** One line (button labels, menu options): sanitised, white space collapsed. */
export function oneLine(text: string): string {
  return sanitize(text).replace(/\s+/g, ' ').trim();
}

/** Nothing a reader would see: white space and invisible format characters (RLM, ZWJ, BOM, …). */
export function isBlank(text: string): boolean {
  return /^[\s\p{Cf}]*$/u.test(text);
}

export const ELLIPSIS = '…';
const segmenter = new Intl.Segmenter();

/**
 * At most `max` UTF-16 units, ending in "…" when cut; the cut falls on a
 * grapheme boundary, so it never splits a surrogate pair, an emoji sequence or a
 * letter from its combining marks.
 */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max < 1) return '';
  let end = 0;
  for (const { index, segment } of segmenter.segment(text)) {
    if (index + segment.length > max - 1) break;
    end = index + segment.length;
  }
  return `${text.slice(0, end).trimEnd()}${ELLIPSIS}`;
}

export const RLM = '\u200F';
/** Lines that lay themselves out right to left: an RLM first, or an Arabic-script (or Hebrew) letter. */
const RTL_START = /^(?:\u200F|(?=\p{L})[\p{Script=Arabic}\p{Script=Hebrew}])/u;

/**
 * A line of a right-to-left reply: chat clients lay out each line by its first
 * strong character, so a line that starts with a Latin letter, a digit, markup
 * or a symbol ("• LNG …", "17 …", "**…") would run left to right. Such a line
 * gets an RLM first; empty lines stay as they are. Numbers and Latin names
 * inside the line are untouched: the bidi algorithm keeps them left to right.
 */
export function rtlLine(line: string): string {
  // Only an empty or white-space line is left alone: a line of invisible format characters may
  // still get text after it (a cut adds "…"), which would then run left to right.
  return /^\s*$/.test(line) || RTL_START.test(line) ? line : `${RLM}${line}`;
}

/** Every line of `text` made right to left (see `rtlLine`). */
export function rtl(text: string): string {
  return text.split('\n').map(rtlLine).join('\n');
}
