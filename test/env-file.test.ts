import { parseEnv } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseEnvFallback, parseEnvFile } from '../src/env-file.js';

/** Files as people write them, and the corners of Node's format (first quote wins, `#` ends a bare value, CRLF). */
const FILES = [
  [
    '# Partnership Bot',
    'TELEGRAM_BOT_TOKEN=123456:ABCdef_ghijklmnopqrstuvwxyz0123456',
    'export LOG_LEVEL=debug',
    '  SPACED = value with spaces   ',
    'EMPTY=',
    'INLINE=value # a comment',
    "SINGLE='single # not a comment'",
    'DOUBLE="line1\\nline2"',
    'BACK=`back tick`',
    'MULTI="first',
    'second"',
    'DUP=one',
    'DUP=two',
    'URL=https://example.org/a?b=c&d=e',
    'EQ=a=b=c',
    'DOTTED.KEY=x',
    'lower_case=1',
    '=no name',
    'not a setting',
    '',
  ].join('\n'),
  'A=1\r\nB="unterminated\r\nC=3\r\n',
  "Q='it''s'\nR=\"x\"trailing\nS=  'x'  # c\nT=a#b\nU='\nV = \nW=`a\nb`\n",
  'OPS_PORT=9464\nOPS_HOST=0.0.0.0\nDB_PATH="/var/lib/partnership-bot/partnership-bot.db"',
];

const sorted = (o: Record<string, string>) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));

describe('reading .env files', () => {
  it('uses Node’s own parser where Node has one (20.12 and later)', () => {
    expect(parseEnvFile).toBe(parseEnv);
  });

  it.each(FILES.map((text, i) => [i, text] as const))('the Node 20.11 fallback reads file %i as util.parseEnv does', (_i, text) => {
    expect(sorted(parseEnvFallback(text))).toEqual(sorted(parseEnv(text) as Record<string, string>));
  });

  it('the fallback’s values, spelled out for the first file', () => {
    expect(parseEnvFallback(FILES[0]!)).toMatchObject({
      LOG_LEVEL: 'debug',
      SPACED: 'value with spaces',
      EMPTY: '',
      INLINE: 'value',
      SINGLE: 'single # not a comment',
      DOUBLE: 'line1\nline2',
      MULTI: 'first\nsecond',
      DUP: 'two',
    });
  });
});
