/**
 * What a stored question may not keep: e-mail addresses, links, @handles and
 * phone numbers, each replaced by a marker that says what was there. Applied
 * before anything is written (and by the migration to rows written before
 * it), so the inbox moderators read holds the question, not the asker's
 * contact details. Idempotent: redacted text passes through unchanged.
 */
const RULES: ReadonlyArray<[RegExp, string]> = [
  // E-mail addresses (Unicode letters allowed on both sides of the @).
  [/[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu, '[email]'],
  // Links: a scheme, or www., or a bare domain with a path; t.me and discord.gg invites included.
  [/\b(?:[a-z][a-z0-9+.-]*:\/\/|www\.)[^\s<>"]+/giu, '[link]'],
  [/\b(?:t\.me|telegram\.me|discord\.gg|discord(?:app)?\.com\/invite)\/[^\s<>"]*/giu, '[link]'],
  [/\b[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.(?:com|org|net|ru|ir|io|me|info|biz|co|app|dev|xyz|рф)(?:\/[^\s<>"]*)?/giu, '[link]'],
  // Discord mentions (<@123>, <@!123>, <@&123>, <#123>) and @handles.
  [/<(?:@[!&]?|#)\d+>/g, '[handle]'],
  [/(?<![\p{L}\p{N}_])@[\p{L}\p{N}_.]{2,}/gu, '[handle]'],
];

/** Phone numbers: 7 or more digits of any script, allowing spaces, dots, dashes, parentheses and a leading +. */
const PHONE = /(?<![\p{L}\p{N}])\+?\p{Nd}(?:[\s.\-()]*\p{Nd}){6,}(?![\p{L}\p{N}])/gu;
/** Dates have as many digits as a phone number; they stay. */
const DATE = /^\p{Nd}{4}[-./]\p{Nd}{1,2}[-./]\p{Nd}{1,2}$|^\p{Nd}{1,2}[-./]\p{Nd}{1,2}[-./]\p{Nd}{2,4}$/u;

export function redact(text: string): string {
  let out = text;
  for (const [re, marker] of RULES) out = out.replace(re, marker);
  return out.replace(PHONE, (m) => (DATE.test(m) ? m : '[phone]'));
}
