import fc from 'fast-check';

/** Hostile text: arbitrary Unicode, control and bidi characters, markup and mention syntax, up to 10,000 characters. */
const nasty = fc.constantFrom(
  '<b>', '</b>', '<script>alert(1)</script>', '&', '&amp;', '<', '>', '"', "'", '*', '_', '~', '`', '|', '\\',
  '@everyone', '@here', '<@&123456789012345678>', '<@123456789012345678>', '<#123456789012345678>',
  '\u0000', '\u0007', '\u001b[31m', '\u200b', '\u200c', '\u200d', '\u200e', '\u200f', '\u202e', '\u2066', '\ufeff',
  '\n', '\r\n', '\t', '🇷🇺', '🇮🇷', '👍🏽', 'ي', 'ك', '۲۰۲۴', 'ё', 'ﷺ', 'gas', 'Iran', '55',
);

export const hostileText = fc.oneof(
  { weight: 3, arbitrary: fc.array(fc.oneof(nasty, fc.string({ unit: 'grapheme', maxLength: 8 }), fc.string({ unit: 'binary', maxLength: 8 })), { maxLength: 60 }).map((parts) => parts.join('')) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 400 }) },
  { weight: 1, arbitrary: fc.tuple(nasty, fc.integer({ min: 1000, max: 10_000 })).map(([s, n]) => s.repeat(Math.ceil(n / s.length)).slice(0, n)) },
);
