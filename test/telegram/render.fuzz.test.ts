import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isBlank, RLM, sanitize } from '../../src/adapters/kit/text.js';
import { escapeHtml } from '../../src/adapters/telegram/html.js';
import { renderCaption, renderInlineResult, renderMessage, TELEGRAM_LIMITS, type TelegramMessage } from '../../src/adapters/telegram/render.js';
import { decodeAction } from '../../src/core/conversation/actions.js';
import { checkInlineKeyboard, parseTelegramHtml } from '../fakes/telegram-html.js';
import { inlineQuery, privateChat, user } from '../fakes/telegram-updates.js';
import { hostileReplies, hostileText } from '../support/arbitraries.js';
import { startTelegram, type TelegramTest } from './harness.js';

const { lang, answer, card, reply } = hostileReplies({ topicIdParts: 5, topics: 40, facts: 12, related: 6, suggestions: 3, hostileUrl: false });

const OUR_TAGS = new Set(['b', 'i', 'a', 'pre']);

/** Checks an HTML payload as Telegram would (and more strictly: only the tags we emit); returns the visible text. */
function valid(html: string, max: number): string {
  expect(html.length).toBeLessThanOrEqual(max);
  const parsed = parseTelegramHtml(html);
  if ('error' in parsed) throw new Error(`${parsed.error} in ${JSON.stringify(html.slice(0, 300))}`);
  for (const [, name] of html.matchAll(/<\/?([a-z-]+)/g)) expect(OUR_TAGS.has(name!)).toBe(true);
  expect(parsed.text.length).toBeLessThanOrEqual(max);
  return parsed.text;
}

function validKeyboard(message: Pick<TelegramMessage, 'reply_markup'>) {
  checkInlineKeyboard(message.reply_markup, (description) => {
    throw new Error(description);
  });
  for (const button of message.reply_markup?.inline_keyboard.flat() ?? []) {
    expect(button.text.length).toBeLessThanOrEqual(64);
    if ('callback_data' in button && button.callback_data !== undefined) {
      expect(Buffer.byteLength(button.callback_data)).toBeLessThanOrEqual(64);
      expect(decodeAction(button.callback_data)).toBeDefined(); // every button we send can be understood when pressed
    }
  }
}

/** Persian reads right to left: every visible line starts with a Persian letter, an RLM, or is where the text was cut (lines of nothing visible, as kit's isBlank, have no direction). */
function rightToLeft(visible: string) {
  for (const line of visible.split('\n')) {
    if (isBlank(line.replace(/…$/, ''))) continue;
    expect(/^(?:\u200F|…|(?=\p{L})[\p{Script=Arabic}\p{Script=Hebrew}])/u.test(line), JSON.stringify(line.slice(0, 40))).toBe(true);
  }
}

describe('property: the Telegram renderer on hostile input', () => {
  it('never throws; messages ≤ 4096, captions ≤ 1024; valid HTML with only our tags; buttons valid and decodable; Persian right to left', () => {
    fc.assert(
      fc.property(reply, (r) => {
        const message = renderMessage(r);
        const visible = valid(message.text, TELEGRAM_LIMITS.text);
        expect(visible.trim().length).toBeGreaterThan(0);
        valid(renderMessage(r, TELEGRAM_LIMITS.caption).text, TELEGRAM_LIMITS.caption);
        validKeyboard(message);
        if (r.lang === 'fa' && r.kind !== 'report') rightToLeft(visible);
      }),
      { numRuns: 400 },
    );
  });

  it('card previews and captions, inline results and reports stay within the limits too', () => {
    fc.assert(
      fc.property(card, answer, hostileText, fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{4,31}$/), (c, a, text, bot) => {
        const preview = renderMessage({ ...c, preview: { target: text } });
        valid(preview.text, TELEGRAM_LIMITS.text);
        validKeyboard(preview);
        valid(renderCaption(c).caption, TELEGRAM_LIMITS.caption);
        const result = renderInlineResult(a, bot);
        valid((result.input_message_content as { message_text: string }).message_text, TELEGRAM_LIMITS.text);
        expect(result.title.length).toBeGreaterThan(0);
        expect(result.title.length).toBeLessThanOrEqual(256);
        expect(result.description!.length).toBeLessThanOrEqual(TELEGRAM_LIMITS.inlineDescription);
        validKeyboard(result);
        const report = renderMessage({ kind: 'report', lang: a.lang, text, actions: [] });
        expect(valid(report.text, TELEGRAM_LIMITS.text).length).toBeGreaterThan(0);
        expect(report.text.startsWith('<pre>') && report.text.endsWith('</pre>')).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('user text is always shown as text: what Telegram displays is what was written (sanitised), or its beginning and "…", never markup', () => {
    fc.assert(
      fc.property(hostileText, lang, (s, l) => {
        const visible = valid(renderMessage({ kind: 'notice', lang: l, level: 'error', text: s, actions: [] }).text, TELEGRAM_LIMITS.text);
        const clean = sanitize(s);
        // Persian: the same lines, each one that would not start right to left led by an RLM (white-space lines aside; lines of invisible characters get one too).
        const rtl = (line: string) => (/^\s*$/u.test(line) || /^(?:\u200F|(?=\p{L})[\p{Script=Arabic}\p{Script=Hebrew}])/u.test(line) ? line : `${RLM}${line}`);
        const blank = /^[\s\p{Cf}]*$/u.test(clean);
        const shown = (got: string, full: string) => {
          if (blank)
            expect(got.replace(/[\s\p{Cf}]/gu, '')).toBe('…'); // nothing visible → just "…"
          else if (escapeHtml(clean).length < 3000) expect(got).toBe(full);
          else if (got !== full) expect(full.startsWith(got.replace(/…$/, ''))).toBe(true);
        };
        shown(visible, l === 'fa' ? clean.split('\n').map(rtl).join('\n') : clean);
        shown(valid(renderMessage({ kind: 'report', lang: l, text: s, actions: [] }).text, TELEGRAM_LIMITS.text), clean);
      }),
      { numRuns: 400 },
    );
  });

  it('hostile markup is escaped, never interpreted', () => {
    fc.assert(
      fc.property(fc.constantFrom('<b>', '<script>', '<a href="x">', '&amp;', '</pre>', '<@&123>', '&#x3c;', '"quoted"'), lang, (markup, l) => {
        const html = renderMessage({ kind: 'notice', lang: l, level: 'info', text: `x ${markup} y`, actions: [] }).text;
        expect(html).toContain(escapeHtml(markup));
        if (markup.startsWith('<')) expect(html).not.toContain(markup);
        expect(parseTelegramHtml(html)).toMatchObject({ text: expect.stringContaining(markup) });
      }),
    );
  });
});

describe('property: the whole adapter on hostile messages, commands and inline queries', () => {
  let tg: TelegramTest;
  beforeAll(async () => {
    tg = await startTelegram({ env: { RATE_LIMIT_PER_MINUTE: '10000' } });
  });
  afterAll(() => tg.stop());

  it('every update gets a reply the fake Bot API accepts, and nothing fails', async () => {
    let id = 1_000_000;
    await fc.assert(
      fc.asyncProperty(hostileText, fc.constantFrom('', '/ask ', '/topic ', '/card ', '/start '), lang, async (text, prefix, l) => {
        // A command addressed to another bot is, rightly, not answered.
        fc.pre(!/^\/\w+@\w{3,}/.test(`${prefix}${text}`));
        const from = user((id += 1), 'Fuzz', { language_code: l });
        const reply = await tg.say(privateChat(from), from, `${prefix}${text}`.slice(0, 4096) || ' ');
        expect(reply.ok).toBe(true);
        const inline = tg.fake.waitFor('answerInlineQuery');
        tg.fake.pushUpdate(inlineQuery(from, text.slice(0, 256)));
        expect((await inline).ok).toBe(true);
      }),
      { numRuns: 60 },
    );
    expect(tg.logs().filter((l) => l.msg === 'Telegram update failed')).toEqual([]);
  });
});
