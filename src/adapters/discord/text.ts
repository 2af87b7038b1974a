/**
 * Text made safe to send to Discord, and right-to-left lines for Persian. Pure.
 */

// C0 and C1 control characters except tab and newline.
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// Bidi embeddings, overrides and isolates (LRE…RLO, LRI…PDI): echoed unbalanced, they reorder
// the rest of the embed. The marks LRM, RLM and ALM stay; they only nudge neutral characters.
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/g;

/** Well-formed UTF-16 (a lone surrogate becomes U+FFFD), no control characters but tab and newline, no bidi overrides. */
export function sanitize(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(LONE_SURROGATE, '\uFFFD').replace(CONTROL, '').replace(BIDI_CONTROL, '');
}

/** One line of text (button labels, menu options): sanitised, white space collapsed. */
export function oneLine(text: string): string {
  return sanitize(text).replace(/\s+/g, ' ').trim();
}

export const RLM = '\u200F';
/** Lines that lay themselves out right to left: an RLM first, or an Arabic-script (or Hebrew) letter. */
const RTL_START = /^(?:\u200F|(?=\p{L})[\p{Script=Arabic}\p{Script=Hebrew}])/u;
/** Empty or white space only: nothing to lay out (invisible format characters do get a mark: a cut may add "…" after them). */
const BLANK = /^\s*$/;

/**
 * Right-to-left lines for a Persian reply. Discord lays a line out by its first strong
 * character, so a line that starts with a Latin letter, a digit, markdown or a symbol
 * ("**LNG…", "17 …", "• …") would run left to right: such lines get an RLM (U+200F)
 * first. Numbers and Latin names inside the line are untouched; the bidi algorithm keeps
 * them left to right. Blank lines stay as they are.
 */
export function rtl(text: string): string {
  return text
    .split('\n')
    .map((line) => (BLANK.test(line) || RTL_START.test(line) ? line : `${RLM}${line}`))
    .join('\n');
}
