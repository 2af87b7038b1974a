import { describe, expect, it } from 'vitest';
import { encodeCallback, parseCallback, type CallbackAction } from '../../src/adapters/telegram/callback-data.js';
import { cap, escapeHtml, fitHtml, RLM, rtlLines, sanitizeText } from '../../src/adapters/telegram/html.js';
import { TOPICS_PER_PAGE } from '../../src/adapters/telegram/keyboards.js';
import { renderInlineResult, renderPostPreview, renderTelegram, TELEGRAM_LIMITS } from '../../src/adapters/telegram/render.js';
import type { AnswerReply, CardReply, Reply, SourceRef, TopicRef } from '../../src/core/reply.js';
import { checkInlineKeyboard, parseTelegramHtml } from '../fakes/telegram-html.js';

const HUGE = 'Żółć <b>&amp; "x" 🇮🇷 '.repeat(2000);
const source = (line = 'Source: Russia–Iran strategic partnership agreement, 24 Jan 2025 (paragraph 6)'): SourceRef => ({
  title: 'Russia–Iran strategic partnership agreement',
  description: 'Article',
  published: '2025-01-24',
  asOf: '2025-01-24',
  paragraph: 6,
  url: 'https://example.org/article?a=1&b=2',
  line,
});
const topics = (n: number, title = (i: number) => `Topic ${i}`): TopicRef[] => Array.from({ length: n }, (_, i) => ({ id: `topic-${i}`, title: title(i) }));

const answer = (over: Partial<AnswerReply> = {}): AnswerReply => ({
  kind: 'answer',
  lang: 'en',
  topicId: 'gas',
  title: 'Natural gas partnership',
  lead: 'Russia will supply up to 55 bcm of gas a year.',
  details: 'More about gas.',
  facts: [{ label: 'Annual gas supply', value: 'up to 55 bcm a year' }],
  source: source(),
  related: topics(3),
  ...over,
});
const card = (over: Partial<CardReply> = {}): CardReply => ({
  kind: 'card',
  lang: 'en',
  topicId: 'gas',
  title: 'Natural gas partnership',
  lead: 'Russia will supply up to 55 bcm of gas a year.',
  figures: [{ label: 'Annual gas supply', value: 'up to 55 bcm' }],
  source: source(),
  asOf: '2025-01-24',
  ...over,
});

/** One of every reply kind, plain and with absurdly long fields. */
function everyKind(long: boolean): Reply[] {
  const s = (text: string) => (long ? HUGE : text);
  const many = topics(long ? 300 : 5, (i) => s(`Topic ${i}`));
  return [
    answer({ title: s('T'), lead: s('L'), details: s('D'), facts: Array.from({ length: long ? 80 : 2 }, () => ({ label: s('l'), value: s('v') })), source: source(s('Source: x')), related: many }),
    { kind: 'suggest', lang: 'en', text: s('Did you mean?'), suggestions: many.slice(0, 3) },
    { kind: 'decline', lang: 'en', reason: 'offtopic', text: s('Sorry.'), topics: many },
    { kind: 'decline', lang: 'en', reason: 'empty', text: s('Ask something.'), topics: many },
    { kind: 'help', lang: 'en', mode: 'topics', title: s('Topics'), text: s('Pick one'), topics: many },
    { kind: 'help', lang: 'en', mode: 'welcome', title: s('Welcome'), text: s('Hi'), topics: many },
    card({ title: s('T'), lead: s('L'), figures: Array.from({ length: 6 }, () => ({ label: s('l'), value: s('v') })), source: source(s('Source: x')) }),
    { kind: 'notice', lang: 'en', level: 'error', text: s('There is no topic “<script>”.') },
  ];
}

function expectValid(text: string, max: number) {
  const parsed = parseTelegramHtml(text);
  if ('error' in parsed) throw new Error(`${parsed.error} in: ${text.slice(0, 300)}`);
  expect(parsed.text.trim().length).toBeGreaterThan(0);
  expect(text.length).toBeLessThanOrEqual(max);
  return parsed.text;
}

describe('renderTelegram', () => {
  for (const long of [false, true]) {
    it(`renders every reply kind as valid Telegram HTML within the limits${long ? ' even with absurdly long fields' : ''}`, () => {
      for (const reply of everyKind(long)) {
        const message = renderTelegram(reply);
        expect(message.parse_mode).toBe('HTML');
        expectValid(message.text, TELEGRAM_LIMITS.text);
        expectValid(renderTelegram(reply, { maxLength: TELEGRAM_LIMITS.caption }).text, TELEGRAM_LIMITS.caption);
        checkInlineKeyboard(message.reply_markup, (d) => {
          throw new Error(d);
        });
        for (const b of message.reply_markup?.inline_keyboard.flat() ?? []) {
          expect(b.text.length).toBeLessThanOrEqual(64);
          if ('callback_data' in b) expect(Buffer.byteLength(b.callback_data!)).toBeLessThanOrEqual(64);
        }
      }
    });
  }

  it('keeps the source line when the rest has to be cut', () => {
    const text = renderTelegram(answer({ details: 'x'.repeat(10_000) })).text;
    expect(text.length).toBeLessThanOrEqual(4096);
    expect(text).toContain('…');
    expect(text).toContain('24 Jan 2025 (paragraph 6)');
  });

  it('answers: bold title, lead, key facts, italic source line with the title linked, related topics as buttons', () => {
    const m = renderTelegram(answer());
    expect(m.text.startsWith('<b>Natural gas partnership</b>\nRussia will supply up to 55 bcm')).toBe(true);
    expect(m.text).toContain('<b>Key facts</b>\n• Annual gas supply: <b>up to 55 bcm a year</b>');
    expect(m.text).toContain('<i>Source: </i><a href="https://example.org/article?a=1&amp;b=2">Russia–Iran strategic partnership agreement</a><i>, 24 Jan 2025 (paragraph 6)</i>');
    expect(m.reply_markup?.inline_keyboard.map((row) => row.map((b) => b.text))).toEqual([['Topic 0'], ['Topic 1'], ['Topic 2'], ['👍', '👎']]);
    const data = m.reply_markup!.inline_keyboard.flat().map((b) => parseCallback((b as { callback_data: string }).callback_data));
    expect(data).toEqual([
      { kind: 'topic', topicId: 'topic-0', lang: 'en' },
      { kind: 'topic', topicId: 'topic-1', lang: 'en' },
      { kind: 'topic', topicId: 'topic-2', lang: 'en' },
      { kind: 'feedback', topicId: 'gas', vote: 1, lang: 'en' },
      { kind: 'feedback', topicId: 'gas', vote: -1, lang: 'en' },
    ]);
    expect(renderTelegram(answer(), { feedback: false }).reply_markup?.inline_keyboard.flat().map((b) => b.text)).toEqual(['Topic 0', 'Topic 1', 'Topic 2']);
    expect(m.link_preview_options.is_disabled).toBe(true);
  });

  it('escapes & < > " from every field and strips control characters', () => {
    const evil = '<script>alert("x")</script> & <b>bold</b>\u0000\u0007';
    for (const reply of [answer({ title: evil, lead: evil, details: evil, facts: [{ label: evil, value: evil }] }), card({ title: evil, lead: evil }), { kind: 'notice', lang: 'en', level: 'error', text: evil } as Reply]) {
      const { text } = renderTelegram(reply);
      expect(text).not.toContain('<script>');
      expect(text).not.toContain('<b>bold');
      expect(text).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;');
      expect(text).not.toMatch(/[\u0000\u0007]/);
      expectValid(text, 4096);
    }
  });

  it('pages the topic keyboard with Previous / Next', () => {
    const list = topics(TOPICS_PER_PAGE * 2 + 3);
    const help = { kind: 'help', lang: 'en', mode: 'topics', title: 'Topics', text: 'Pick', topics: list } as const;
    const page = (n: number) => renderTelegram(help, { page: n }).reply_markup!.inline_keyboard;
    expect(page(0).at(-1)!.map((b) => parseCallback((b as { callback_data: string }).callback_data))).toEqual([{ kind: 'topics-page', page: 1, lang: 'en' }]);
    expect(page(1).at(-1)!.map((b) => parseCallback((b as { callback_data: string }).callback_data))).toEqual([
      { kind: 'topics-page', page: 0, lang: 'en' },
      { kind: 'topics-page', page: 2, lang: 'en' },
    ]);
    expect(page(2)).toHaveLength(3 + 1);
    expect(page(99)).toEqual(page(2)); // a stale page number shows the last page
    const shown = [0, 1, 2].flatMap((n) => page(n).slice(0, -1).flat().map((b) => b.text));
    expect(shown).toEqual(list.map((x) => x.title));
  });

  it('leaves out buttons whose topic id would not fit in 64 bytes of callback_data', () => {
    const m = renderTelegram(answer({ related: [{ id: 'a'.repeat(70), title: 'Too long' }, { id: 'ok', title: 'Fine' }] }));
    expect(m.reply_markup?.inline_keyboard.flat().map((b) => b.text)).toEqual(['Fine', '👍', '👎']);
    const long = renderTelegram(answer({ topicId: 'a'.repeat(70), related: [] }));
    expect(long.reply_markup).toBeUndefined();
  });

  it('card previews carry [Post with image] [Post as text] [Cancel]; inline results carry the answer and a deep link', () => {
    const preview = renderPostPreview(card(), '@partnership_news');
    expect(preview.text.startsWith('<i>Preview of the card for @partnership_news:</i>')).toBe(true);
    expect(preview.reply_markup!.inline_keyboard.flat().map((b) => parseCallback((b as { callback_data: string }).callback_data))).toEqual([
      { kind: 'post-image', topicId: 'gas', lang: 'en' },
      { kind: 'post', topicId: 'gas', lang: 'en' },
      { kind: 'post-cancel', lang: 'en' },
    ]);
    // Buttons from before the image option (and before languages) still parse.
    expect(parseCallback('v1:pc:gas')).toEqual({ kind: 'post', topicId: 'gas', lang: 'en' });
    expect(parseCallback('v1:pi:overview:fa')).toEqual({ kind: 'post-image', topicId: 'overview', lang: 'fa' });
    expect(parseCallback('v1:pi:gas:xx')).toBeUndefined();
    const result = renderInlineResult(answer(), 'https://t.me/bot?start=topic_gas_en');
    expect(result).toMatchObject({ type: 'article', id: 'gas', title: 'Natural gas partnership' });
    expectValid((result.input_message_content as { message_text: string }).message_text, 4096);
    const [votes, link] = result.reply_markup!.inline_keyboard;
    expect(votes!.map((b) => parseCallback((b as { callback_data: string }).callback_data))).toEqual([
      { kind: 'feedback', topicId: 'gas', vote: 1, lang: 'en' },
      { kind: 'feedback', topicId: 'gas', vote: -1, lang: 'en' },
    ]);
    expect(link![0]).toMatchObject({ text: 'Open in the bot', url: 'https://t.me/bot?start=topic_gas_en' });
  });
});

describe('html helpers', () => {
  it('cap never splits a surrogate pair and fitHtml never passes max', () => {
    expect(cap('ab🇮🇷cd', 4)).toBe('ab…');
    for (let max = 5; max < 200; max += 7) {
      const html = fitHtml([[{ text: HUGE, style: 'b' }], [{ text: HUGE }]], [[{ text: HUGE, style: 'i' }]], max);
      expect(html.length).toBeLessThanOrEqual(max);
      expect('error' in parseTelegramHtml(html)).toBe(false);
    }
    expect(escapeHtml('a\uD800b')).toBe('a\uFFFDb');
  });
});

describe('callback data', () => {
  it('round-trips every action, in every language, within 64 bytes', () => {
    for (const lang of ['en', 'ru', 'fa'] as const) {
      const actions: CallbackAction[] = [
        { kind: 'topic', topicId: 'middle-east-after-assad', lang },
        { kind: 'topics-page', page: 3, lang },
        { kind: 'post', topicId: 'gas', lang },
        { kind: 'post-cancel', lang },
        { kind: 'feedback', topicId: 'middle-east-after-assad', vote: 1, lang },
        { kind: 'feedback', topicId: 'gas', vote: -1, lang },
      ];
      for (const action of actions) {
        const data = encodeCallback(action)!;
        expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
        expect(parseCallback(data)).toEqual(action);
      }
    }
    expect(encodeCallback({ kind: 'topic', topicId: 'gas', lang: 'fa' })).toBe('v1:t:gas:fa');
    expect(encodeCallback({ kind: 'feedback', topicId: 'gas', vote: 1, lang: 'en' })).toBe('v1:fb:gas:u:en');
    expect(encodeCallback({ kind: 'topic', topicId: 'x'.repeat(80), lang: 'en' })).toBeUndefined();
  });

  it('reads buttons sent before languages existed as English', () => {
    expect(parseCallback('v1:t:gas')).toEqual({ kind: 'topic', topicId: 'gas', lang: 'en' });
    expect(parseCallback('v1:tp:2')).toEqual({ kind: 'topics-page', page: 2, lang: 'en' });
    expect(parseCallback('v1:pc:gas')).toEqual({ kind: 'post', topicId: 'gas', lang: 'en' });
    expect(parseCallback('v1:px')).toEqual({ kind: 'post-cancel', lang: 'en' });
    expect(parseCallback('v1:fb:gas:d')).toEqual({ kind: 'feedback', topicId: 'gas', vote: -1, lang: 'en' });
  });

  it('returns undefined for stale or forged data', () => {
    const forged = [undefined, '', 'v0:t:gas', 'v2:t:gas', 'v1:t:', 'v1:t:GAS', 'v1:t:gas:extra', 'v1:t:gas:ru:x', 'v1:t:gas:', 'v1:t:gas:de', 'v1:t:<b>', 'v1:tp:-1', 'v1:tp:x', 'v1:tp:1:xx', 'v1:zz', 'v1:px:1', 'v1:px:ru:1', `v1:t:${'a'.repeat(80)}`, 'hello'];
    forged.push('v1:fb:gas', 'v1:fb:gas:x', 'v1:fb:gas:u:zz', 'v1:fb:gas:u:ru:1', 'v1:fb::u', 'v1:fb:GAS:u');
    for (const data of forged) expect(parseCallback(data)).toBeUndefined();
  });
});

describe('right to left (Persian)', () => {
  const visible = (html: string) => {
    const parsed = parseTelegramHtml(html);
    if ('error' in parsed) throw new Error(parsed.error);
    return parsed.text;
  };

  it('starts every line that would run left to right with an RLM; numbers and Latin names stay as they are', () => {
    const reply = answer({
      lang: 'fa',
      title: 'همکاری گازی',
      lead: 'LNG ایران: ۵۵ میلیارد متر مکعب',
      details: '17 ژانویه 2025 امضا شد.\nخط دوم (INSTC)',
      facts: [{ label: 'Putin', value: '۵۵' }],
      source: { ...source('منبع: توافق‌نامه، ۲۴ ژانویه ۲۰۲۵'), url: undefined },
      related: [],
    });
    expect(visible(renderTelegram(reply).text).split('\n')).toEqual([
      'همکاری گازی',
      `${RLM}LNG ایران: ۵۵ میلیارد متر مکعب`,
      '',
      `${RLM}17 ژانویه 2025 امضا شد.`,
      'خط دوم (INSTC)',
      '',
      'نکته‌های کلیدی',
      `${RLM}• Putin: ۵۵`,
      '',
      'منبع: توافق‌نامه، ۲۴ ژانویه ۲۰۲۵',
    ]);
    // An RLM already there is not doubled; English and Russian are left alone.
    expect(visible(renderTelegram({ kind: 'notice', lang: 'fa', level: 'info', text: `${RLM}/help` }).text)).toBe(`${RLM}/help`);
    expect(visible(renderTelegram({ kind: 'notice', lang: 'ru', level: 'info', text: '17 января' }).text)).toBe('17 января');
  });

  it('never splits a surrogate pair or an HTML entity when cutting, at any length', () => {
    const text = 'ایران 🇮🇷 & <روسیه> "۵۵" 👍🏽 '.repeat(40);
    for (let max = 1; max < 400; max += 1) {
      const html = fitHtml(rtlLines([[{ text, style: 'b' }], [{ text }]]), [], max);
      expect(html.length).toBeLessThanOrEqual(max);
      const shown = parseTelegramHtml(html);
      if ('error' in shown) throw new Error(`${shown.error} at max ${max}: ${html}`);
      expect(shown.text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    }
  });

  it('removes bidi embeddings, overrides and isolates from text, keeping the marks', () => {
    expect(sanitizeText('a\u202Eb\u202Ac\u2066d\u2069e\u200Ff\u200Eg')).toBe('abcde\u200Ff\u200Eg');
    expect(escapeHtml('\u202E<b>')).toBe('&lt;b&gt;');
  });
});
