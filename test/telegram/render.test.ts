import { describe, expect, it } from 'vitest';
import { type Action, decodeAction, encodeAction } from '../../src/core/conversation/actions.js';
import { en } from '../../src/core/i18n/en/index.js';
import { openTopic, pageAction, postActions, topicsButton, voteActions } from '../../src/core/reply-actions.js';
import type { AnswerReply, CardReply, Reply, ReplyAction, SourceRef } from '../../src/core/reply.js';
import { RLM, sanitize } from '../../src/adapters/kit/text.js';
import { escapeHtml, fitHtml, rtlLines } from '../../src/adapters/telegram/html.js';
import { CHOICES_PER_PAGE, keyboard, renderCaption, renderInlineResult, renderMessage, TELEGRAM_LIMITS } from '../../src/adapters/telegram/render.js';
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
const topics = (n: number, group: ReplyAction['group'], title = (i: number) => `Topic ${i}`): ReplyAction[] =>
  Array.from({ length: n }, (_, i) => openTopic({ id: `topic-${i}`, title: title(i) }, 'en', group));

const answer = (over: Partial<AnswerReply> = {}): AnswerReply => ({
  kind: 'answer',
  grounding: 'answered',
  form: 'full',
  lang: 'en',
  topicId: 'gas',
  title: 'Natural gas partnership',
  lead: 'Russia will supply up to 55 bcm of gas a year.',
  details: 'More about gas.',
  facts: [{ label: 'Annual gas supply', value: 'up to 55 bcm a year' }],
  source: source(),
  actions: [...topics(3, 'related'), ...voteActions('gas', 'en')],
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
  actions: [],
  ...over,
});
const help = (n: number, page?: number): Reply => ({
  kind: 'help',
  lang: 'en',
  mode: 'topics',
  title: 'Topics',
  text: 'Pick',
  actions: topics(n, 'choices'),
  ...(page === undefined ? {} : { page }),
});

/** One of every reply kind, plain and with absurdly long fields. */
function everyKind(long: boolean): Reply[] {
  const s = (text: string) => (long ? HUGE : text);
  const many = (group: ReplyAction['group']) => topics(long ? 300 : 5, group, (i) => s(`Topic ${i}`));
  return [
    answer({
      title: s('T'),
      lead: s('L'),
      details: s('D'),
      facts: Array.from({ length: long ? 80 : 2 }, () => ({ label: s('l'), value: s('v') })),
      source: source(s('Source: x')),
      actions: [...many('related'), ...voteActions('gas', 'en')],
      note: s('Cut.'),
    }),
    { kind: 'suggest', lang: 'en', text: s('Did you mean?'), actions: [...many('suggest').slice(0, 3), topicsButton('en')] },
    { kind: 'decline', lang: 'en', reason: 'offtopic', text: s('Sorry.'), actions: [...many('suggest').slice(0, 3), topicsButton('en')] },
    { kind: 'help', lang: 'en', mode: 'topics', title: s('Topics'), text: s('Pick one'), hint: s('Ask.'), actions: many('choices') },
    card({
      title: s('T'),
      lead: s('L'),
      about: s('A'),
      figures: Array.from({ length: 6 }, () => ({ label: s('l'), value: s('v') })),
      source: source(s('Source: x')),
      preview: { target: s('@x') },
      actions: postActions('gas', 'en'),
    }),
    { kind: 'notice', lang: 'en', level: 'error', text: s('There is no topic “<script>”.'), actions: [] },
    { kind: 'report', lang: 'en', text: s('Top unanswered questions <b>'), actions: [] },
  ];
}

function expectValid(text: string, max: number) {
  const parsed = parseTelegramHtml(text);
  if ('error' in parsed) throw new Error(`${parsed.error} in: ${text.slice(0, 300)}`);
  expect(parsed.text.trim().length).toBeGreaterThan(0);
  expect(text.length).toBeLessThanOrEqual(max);
  return parsed.text;
}

const labels = (reply: Reply) => keyboard(reply)?.inline_keyboard.map((row) => row.map((b) => b.text));
const actionsOf = (reply: Reply) =>
  keyboard(reply)!
    .inline_keyboard.flat()
    .map((b) => decodeAction((b as { callback_data: string }).callback_data));

describe('renderMessage', () => {
  for (const long of [false, true]) {
    it(`renders every reply kind as valid Telegram HTML within the limits${long ? ' even with absurdly long fields' : ''}`, () => {
      for (const reply of everyKind(long)) {
        const message = renderMessage(reply);
        expect(message.parse_mode).toBe('HTML');
        expectValid(message.text, TELEGRAM_LIMITS.text);
        expectValid(renderMessage(reply, TELEGRAM_LIMITS.caption).text, TELEGRAM_LIMITS.caption);
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
    const text = renderMessage(answer({ details: 'x'.repeat(10_000) })).text;
    expect(text.length).toBeLessThanOrEqual(4096);
    expect(text).toContain('…');
    expect(text).toContain('24 Jan 2025 (paragraph 6)');
  });

  it('answers: bold title, lead, key facts, italic source line with the title linked; related topics one per row, then 👍 👎', () => {
    const m = renderMessage(answer());
    expect(m.text.startsWith('<b>Natural gas partnership</b>\nRussia will supply up to 55 bcm')).toBe(true);
    expect(m.text).toContain('<b>Key facts</b>\n• Annual gas supply: <b>up to 55 bcm a year</b>');
    expect(m.text).toContain(
      '<i>Source: </i><a href="https://example.org/article?a=1&amp;b=2">Russia–Iran strategic partnership agreement</a><i>, 24 Jan 2025 (paragraph 6)</i>',
    );
    expect(labels(answer())).toEqual([['Topic 0'], ['Topic 1'], ['Topic 2'], ['👍', '👎']]);
    expect(actionsOf(answer())).toEqual([
      { kind: 'topic', topicId: 'topic-0', lang: 'en' },
      { kind: 'topic', topicId: 'topic-1', lang: 'en' },
      { kind: 'topic', topicId: 'topic-2', lang: 'en' },
      { kind: 'vote', topicId: 'gas', vote: 1, lang: 'en' },
      { kind: 'vote', topicId: 'gas', vote: -1, lang: 'en' },
    ]);
    expect(m.link_preview_options.is_disabled).toBe(true);
  });

  it('lays out groups in order whatever the order of the actions: suggestions one per row, then navigation', () => {
    const decline: Reply = {
      kind: 'decline',
      lang: 'en',
      reason: 'offtopic',
      text: 'Sorry.',
      actions: [topicsButton('en'), ...topics(2, 'suggest'), { ...topics(1, 'more')[0]!, label: 'More' }],
    };
    expect(labels(decline)).toEqual([['More'], ['Topic 0'], ['Topic 1'], ['Topics']]);
    expect(renderMessage({ kind: 'notice', lang: 'en', level: 'info', text: 'ok', actions: [] }).reply_markup).toBeUndefined();
  });

  it('escapes & < > " from every field and strips control characters', () => {
    const evil = '<script>alert("x")</script> & <b>bold</b>\u0000\u0007';
    for (const reply of [
      answer({ title: evil, lead: evil, details: evil, facts: [{ label: evil, value: evil }] }),
      card({ title: evil, lead: evil }),
      { kind: 'notice', lang: 'en', level: 'error', text: evil, actions: [] } as Reply,
    ]) {
      const { text } = renderMessage(reply);
      expect(text).not.toContain('<script>');
      expect(text).not.toContain('<b>bold');
      expect(text).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;');
      expect(text).not.toMatch(/[\u0000\u0007]/);
      expectValid(text, 4096);
    }
  });

  it('pages the choices eight at a time with the core’s Previous / Next actions', () => {
    const total = CHOICES_PER_PAGE * 2 + 3;
    const page = (n: number) => keyboard(help(total, n))!.inline_keyboard;
    expect(
      page(0)
        .at(-1)!
        .map((b) => decodeAction((b as { callback_data: string }).callback_data)),
    ).toEqual([{ kind: 'page', page: 1, lang: 'en' }]);
    expect(
      page(0)
        .at(-1)!
        .map((b) => b.text),
    ).toEqual([pageAction(1, 'en', 'next').label]);
    expect(
      page(1)
        .at(-1)!
        .map((b) => decodeAction((b as { callback_data: string }).callback_data)),
    ).toEqual([
      { kind: 'page', page: 0, lang: 'en' },
      { kind: 'page', page: 2, lang: 'en' },
    ]);
    expect(page(2)).toHaveLength(3 + 1);
    expect(page(99)).toEqual(page(2)); // a stale page number shows the last page
    const shown = [0, 1, 2].flatMap((n) =>
      page(n)
        .slice(0, -1)
        .flat()
        .map((b) => b.text),
    );
    expect(shown).toEqual(topics(total, 'choices').map((a) => a.label));
    expect(keyboard(help(CHOICES_PER_PAGE))!.inline_keyboard).toHaveLength(CHOICES_PER_PAGE); // one page: no paging
  });

  it('leaves out buttons whose action does not encode (a topic id too long for 64 bytes)', () => {
    const tooLong = openTopic({ id: 'a'.repeat(70), title: 'Too long' }, 'en', 'related');
    expect(labels(answer({ actions: [tooLong, ...topics(1, 'related'), ...voteActions('gas', 'en')] }))).toEqual([['Topic 0'], ['👍', '👎']]);
    expect(renderMessage(answer({ topicId: 'a'.repeat(70), actions: voteActions('a'.repeat(70), 'en') })).reply_markup).toBeUndefined();
  });

  it('a card with a sentence after its lead (the overview’s aims) gives it right after the lead, escaped', () => {
    const m = renderMessage(card({ about: 'It aims at <more> trade.' }));
    expect(m.text).toContain('Russia will supply up to 55 bcm of gas a year. It aims at &lt;more&gt; trade.');
  });

  it('a card preview: the italic preface, the card, [Post with image] [Post as text] then [Cancel]; captions without buttons', () => {
    const preview = card({ preview: { target: '@partnership_news' }, actions: postActions('gas', 'en') });
    const m = renderMessage(preview);
    expect(m.text.startsWith('<i>Preview of the card for @partnership_news:</i>\n\n<b>Natural gas partnership</b>')).toBe(true);
    expect(labels(preview)).toEqual([[en.postImageButton, en.postTextButton], [en.cancelButton]]);
    expect(actionsOf(preview)).toEqual([
      { kind: 'post', cardId: 'gas', image: true, lang: 'en' },
      { kind: 'post', cardId: 'gas', image: false, lang: 'en' },
      { kind: 'cancel', lang: 'en' },
    ]);
    const caption = renderCaption(card());
    expect(caption.parse_mode).toBe('HTML');
    expect(caption.caption.startsWith('<b>Natural gas partnership</b>')).toBe(true);
    expect(renderCaption(card({ lead: HUGE })).caption.length).toBeLessThanOrEqual(1024);
  });

  it('a note is an italic first line; a report is one <pre> block', () => {
    expect(renderMessage(answer({ note: en.tooLong(1000) })).text.startsWith(`<i>${en.tooLong(1000)}</i>\n\n<b>Natural gas partnership</b>`)).toBe(true);
    expect(renderMessage({ kind: 'report', lang: 'en', text: 'Top <x> & "y"', actions: [] }).text).toBe('<pre>Top &lt;x&gt; &amp; &quot;y&quot;</pre>');
    expect(renderMessage({ kind: 'report', lang: 'en', text: ' \u200F ', actions: [] }).text).toBe('<pre>…</pre>');
  });

  it('inline results: the answer with only 👍 👎 and a deep link to the bot in the answer’s language', () => {
    const result = renderInlineResult(answer({ lang: 'ru', actions: [...topics(3, 'related'), ...voteActions('gas', 'ru')] }), 'partnership_bot');
    expect(result).toMatchObject({ type: 'article', id: 'gas', title: 'Natural gas partnership' });
    expectValid((result.input_message_content as { message_text: string }).message_text, 4096);
    const [votes, link, ...rest] = result.reply_markup!.inline_keyboard;
    expect(rest).toEqual([]);
    expect(votes!.map((b) => decodeAction((b as { callback_data: string }).callback_data))).toEqual([
      { kind: 'vote', topicId: 'gas', vote: 1, lang: 'ru' },
      { kind: 'vote', topicId: 'gas', vote: -1, lang: 'ru' },
    ]);
    expect(link![0]).toMatchObject({ text: 'Открыть в боте', url: 'https://t.me/partnership_bot?start=topic_gas_ru' });
    expect(renderInlineResult(answer({ topicId: 'a'.repeat(70), actions: [] }), 'b').reply_markup).toBeUndefined();
  });
});

describe('callback_data: the core’s action codec as Telegram carries it', () => {
  it('every action the renderer sends fits in 64 bytes and reads back, in every language', () => {
    for (const lang of ['en', 'ru', 'fa'] as const) {
      const actions: Action[] = [
        { kind: 'topic', topicId: 'middle-east-after-assad', lang },
        { kind: 'page', page: 3, lang },
        { kind: 'topics', lang },
        { kind: 'post', cardId: 'overview', image: true, lang },
        { kind: 'cancel', lang },
        { kind: 'vote', topicId: 'middle-east-after-assad', vote: 1, lang },
      ];
      for (const action of actions) {
        const data = encodeAction(action)!;
        expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
        expect(decodeAction(data)).toEqual(action);
      }
    }
  });

  it('buttons of the old v1 format (sent before the conversation layer) no longer decode: they answer "expired"', () => {
    for (const data of ['v1:t:gas', 'v1:t:gas:fa', 'v1:tp:2', 'v1:pc:gas', 'v1:pi:overview:fa', 'v1:px', 'v1:fb:gas:u:en'])
      expect(decodeAction(data)).toBeUndefined();
  });
});

describe('html helpers', () => {
  it('fitHtml never passes max and always gives valid HTML', () => {
    for (let max = 5; max < 200; max += 7) {
      const html = fitHtml([[{ text: HUGE, style: 'b' }], [{ text: HUGE }]], [[{ text: HUGE, style: 'i' }]], max);
      expect(html.length).toBeLessThanOrEqual(max);
      expect('error' in parseTelegramHtml(html)).toBe(false);
    }
    expect(escapeHtml('a\uD800b')).toBe('a\uFFFDb');
    expect(escapeHtml('\u202E<b>')).toBe('&lt;b&gt;');
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
      actions: [],
    });
    expect(visible(renderMessage(reply).text).split('\n')).toEqual([
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
    expect(visible(renderMessage({ kind: 'notice', lang: 'fa', level: 'info', text: `${RLM}/help`, actions: [] }).text)).toBe(`${RLM}/help`);
    expect(visible(renderMessage({ kind: 'notice', lang: 'ru', level: 'info', text: '17 января', actions: [] }).text)).toBe('17 января');
  });

  it('gives a Persian line an RLM by its whole text, when its first part is only white space (a figure value of "\\r\\n\\t")', () => {
    const text = visible(renderMessage(card({ lang: 'fa', figures: [{ label: 'حجم', value: '\r\n\t' }] })).text);
    const line = text.split('\n').find((l) => l.includes('حجم'))!;
    expect(line.startsWith(RLM)).toBe(true);
  });

  it('never splits a surrogate pair, an emoji or an HTML entity when cutting, at any length', () => {
    const text = 'ایران 🇮🇷 & <روسیه> "۵۵" 👍🏽 '.repeat(40);
    for (let max = 1; max < 400; max += 1) {
      const html = fitHtml(rtlLines([[{ text, style: 'b' }], [{ text }]]), [], max);
      expect(html.length).toBeLessThanOrEqual(max);
      const shown = parseTelegramHtml(html);
      if ('error' in shown) throw new Error(`${shown.error} at max ${max}: ${html}`);
      expect(shown.text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
      expect(shown.text).not.toMatch(/🇮(?!🇷)|👍(?!🏽)/u);
    }
  });

  it('removes bidi embeddings, overrides and isolates from text, keeping the marks', () => {
    expect(sanitize('a\u202Eb\u202Ac\u2066d\u2069e\u200Ff\u200Eg')).toBe('abcde\u200Ff\u200Eg');
  });
});
