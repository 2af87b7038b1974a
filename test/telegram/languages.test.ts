import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseCallback } from '../../src/adapters/telegram/callback-data.js';
import { createCore } from '../../src/core/core.js';
import { fa } from '../../src/core/i18n/fa.js';
import { ru } from '../../src/core/i18n/ru.js';
import { FAKE_BOT } from '../fakes/telegram-bot-api.js';
import { groupChat, inlineQuery, privateChat, user } from '../fakes/telegram-updates.js';
import { DEFAULT_TUNING } from '../../src/core/match/matcher.js';
import { realKnowledgeBase } from '../support/core.js';
import { runTranscript } from '../support/transcript.js';
import { buttons, CHANNEL, MODERATOR, sentMessage, startTelegram, type TelegramTest } from './harness.js';

/** Users whose Telegram app is set to Russian, Persian and English. */
const IVAN = user(9101, 'Иван', { language_code: 'ru' });
const SARA = user(9102, 'سارا', { language_code: 'fa' });
const EMMA = user(9103, 'Emma', { language_code: 'en-GB' });
/** The listed moderator, with the app in Russian / Persian. */
const MOD_RU = { ...MODERATOR, language_code: 'ru' };
const MOD_FA = { ...MODERATOR, language_code: 'fa' };

const RLM = '\u200F';
const ARABIC_LETTER = /^(?=\p{L})\p{Script=Arabic}/u;

/** Every visible line of a Persian reply reads right to left: it starts with a Persian letter or with an RLM. */
function expectRightToLeft(plain: string) {
  for (const line of plain.split('\n').filter((l) => l.trim())) {
    expect(ARABIC_LETTER.test(line) || line.startsWith(RLM), `line does not start right to left: ${JSON.stringify(line.slice(0, 60))}`).toBe(true);
  }
}

const topicButtons = (call: Parameters<typeof buttons>[0]) => buttons(call).filter((b) => parseCallback(b.data)?.kind === 'topic');

describe('Telegram in Russian and Persian', () => {
  let tg: TelegramTest;
  beforeEach(async () => {
    tg = await startTelegram();
  });
  afterEach(() => tg.stop());

  const ask = (from: typeof IVAN) => async (text: string) => (await tg.say(privateChat(from), from, text)).plain ?? '';

  it('Russian transcript: answer (fact first), decline, help', async () => {
    const problems = await runTranscript(
      `
      # answer: the asked fact first
      user> Когда Путин и Пезешкиан подписали соглашение?
      bot~ Соглашение было подписано 17 января 2025
      bot~ Источник:
      bot!~ Source:
      # off-topic in Russian is declined in Russian
      user> Посоветуй хороший рецепт борща
      bot~ Извините, я отвечаю только на вопросы о договоре
      bot!~ Sorry
      # help in the app's language
      user> /help
      bot~ ${ru.helpTitle}
      bot~ 17 января 2025
      `,
      ask(IVAN),
    );
    expect(problems).toEqual([]);
    const lines = tg.fake.callsOf('sendMessage').map((c) => c.plain!.split('\n'));
    expect(lines[0]![1]).toContain('17 января 2025'); // the line under the title states the date
  });

  it('Persian transcript: answer (fact first, Persian digits), decline, help — all right to left', async () => {
    const problems = await runTranscript(
      `
      user> روسیه هر سال چند میلیارد متر مکعب گاز به ایران می‌فرستد؟
      bot~ ۵۵ میلیارد متر مکعب
      bot~ منبع:
      bot~ LNG
      user> بهترین رستوران تهران کجاست؟
      bot~ متأسفم، من فقط به پرسش‌ها
      bot!~ Sorry
      user> /help
      bot~ ${fa.helpTitle}
      bot~ ۱۷ ژانویهٔ ۲۰۲۵
      `,
      ask(SARA),
    );
    expect(problems).toEqual([]);
    const replies = tg.fake.callsOf('sendMessage');
    expect(replies.map((c) => c.plain!.split('\n')[1])[0]).toContain('۵۵');
    for (const reply of replies) expectRightToLeft(reply.plain!);
    // The key-fact lines start with a bullet, so they carry the RLM; Latin names stay as they are.
    expect(replies[0]!.plain).toMatch(new RegExp(`\\n${RLM}• `));
  });

  it('buttons speak the message’s language: related topics open in it, feedback thanks in it', async () => {
    const chat = privateChat(IVAN);
    const answer = await tg.say(chat, IVAN, 'Сколько газа Иран получит от России?');
    expect(answer.plain).toContain('55 млрд');
    const related = topicButtons(answer);
    expect(related.length).toBeGreaterThan(0);
    for (const b of related) expect(parseCallback(b.data)).toMatchObject({ lang: 'ru' });
    // Someone with an English app presses the button on the Russian message: the topic opens in Russian.
    const opened = tg.fake.waitFor('sendMessage', { where: (p) => p.chat_id === chat.id });
    tg.press(EMMA, sentMessage(answer), related[0]!.data!);
    const relatedId = (parseCallback(related[0]!.data) as { topicId: string }).topicId;
    expect((await opened).plain!.startsWith(`${(tg.core.topic(relatedId, 'ru') as { title: string }).title}\n`)).toBe(true);
    const thanks = tg.fake.waitFor('answerCallbackQuery', { where: (p) => typeof p.text === 'string' });
    tg.press(EMMA, sentMessage(answer), buttons(answer).find((b) => b.text === '👍')!.data!);
    expect((await thanks).params.text).toBe(ru.tgVoteThanks);
  });

  it('the topic list pages in its language; old English-only buttons still open English', async () => {
    const chat = privateChat(SARA);
    const list = await tg.say(chat, SARA, '/topics');
    expect(list.plain).toMatch(new RegExp(`^${fa.topicsTitle}`));
    const next = buttons(list).find((b) => parseCallback(b.data)?.kind === 'topics-page')!;
    expect(next.text).toContain(fa.nextButton);
    const edited = tg.fake.waitFor('editMessageReplyMarkup');
    tg.press(SARA, sentMessage(list), next.data!);
    const page = (await edited).params.reply_markup.inline_keyboard.flat() as Array<{ text: string; callback_data: string }>;
    for (const b of page) expect(parseCallback(b.callback_data)).toMatchObject({ lang: 'fa' });
    expect(page.some((b) => b.text.includes(fa.previousButton))).toBe(true);

    const legacy = tg.fake.waitFor('sendMessage', { where: (p) => p.chat_id === chat.id });
    tg.press(SARA, sentMessage(list), 'v1:t:gas');
    expect((await legacy).plain).toMatch(/^Natural gas partnership\n/);
    const forged = tg.fake.waitFor('answerCallbackQuery', { where: (p) => p.show_alert === true });
    tg.press(SARA, sentMessage(list), 'v1:t:gas:de');
    expect((await forged).params.text).toBe(fa.expired);
  });

  it('the app language breaks ties for short Latin questions; the script decides otherwise', async () => {
    expect(await ask(IVAN)('INSTC?')).toContain('Международный транспортный коридор');
    expect(await ask(EMMA)('Сколько газа Иран получит от России?')).toContain('55 млрд');
    expect(await ask(IVAN)('How much gas will Russia send Iran?')).toContain('Natural gas partnership');
  });

  it('commands, notices and refusals come in the app’s language', async () => {
    const chat = privateChat(IVAN);
    expect((await tg.say(chat, IVAN, '/start')).plain).toMatch(new RegExp(`^${ru.welcomeTitle}`));
    expect((await tg.say(chat, IVAN, '/frobnicate')).plain).toBe(ru.unknownCommand('/frobnicate'));
    expect((await tg.say(chat, IVAN, '/topic no-such-topic')).plain).toBe(ru.unknownTopic('no-such-topic'));
    expect((await tg.say(chat, IVAN, '/reload')).plain).toBe(ru.tgModeratorsOnly('/reload'));
    expect((await tg.say(chat, IVAN, '   ')).plain).toBe(ru.declineEmpty);
    const group = groupChat(-100901);
    expect((await tg.say(group, SARA, '/post gas')).plain).toBe(fa.tgPrivateOnly('/post'));
  });

  it('card (/post preview) in the moderator’s language, or the one named; posting sends that card', async () => {
    tg.fake.setChatMember(CHANNEL.id, FAKE_BOT.id, 'administrator');
    const ruChat = privateChat(MOD_RU);
    const problems = await runTranscript(
      `
      user> /post gas
      bot~ Предпросмотр карточки для @partnership_news:
      bot~ Партнёрство в сфере природного газа
      bot~ 55 млрд
      bot!~ Preview
      user> /post gas en
      bot~ Preview of the card for @partnership_news:
      bot~ Natural gas partnership
      user> /post gas xx
      bot~ /post gas fa
      `,
      async (text) => (await tg.say(ruChat, MOD_RU, text)).plain ?? '',
    );
    expect(problems).toEqual([]);

    const preview = await tg.say(privateChat(MOD_FA), MOD_FA, '/post gas');
    expect(preview.plain).toContain(fa.tgPostPreview('@partnership_news'));
    expect(preview.plain).toContain('۵۵');
    expectRightToLeft(preview.plain!);
    const [image, post, cancel] = buttons(preview);
    expect([image!.text, post!.text, cancel!.text]).toEqual([fa.tgPostImageButton, fa.tgPostTextButton, fa.tgCancelButton]);
    expect(parseCallback(image!.data)).toEqual({ kind: 'post-image', topicId: 'gas', lang: 'fa' });
    expect(parseCallback(post!.data)).toEqual({ kind: 'post', topicId: 'gas', lang: 'fa' });
    const posted = tg.fake.waitFor('sendMessage', { where: (p) => p.chat_id === `@${CHANNEL.username}` });
    const edited = tg.fake.waitFor('editMessageText');
    tg.press(MOD_FA, sentMessage(preview), post!.data!);
    const card = await posted;
    expect(card.plain).toMatch(/^همکاری در زمینه گاز طبیعی\n/);
    expectRightToLeft(card.plain!);
    expect((await edited).plain).toBe(fa.tgPostDone('@partnership_news'));
  });

  it('inline mode answers in the query’s language, or the app’s for an empty query; deep links keep it', async () => {
    const query = async (from: typeof IVAN, text: string) => {
      const answered = tg.fake.waitFor('answerInlineQuery');
      tg.fake.pushUpdate(inlineQuery(from, text));
      return (await answered).params;
    };
    const russian = await query(EMMA, 'газ');
    expect(russian.is_personal).toBe(true);
    expect(russian.results[0]).toMatchObject({ id: 'gas', title: 'Партнёрство в сфере природного газа' });
    expect(russian.results[0].input_message_content.message_text).toContain('55 млрд');
    const persian = await query(SARA, '');
    expect(persian.results.length).toBeGreaterThan(0);
    for (const r of persian.results) expect(r.title).toMatch(/\p{Script=Arabic}/u);
    const link = persian.results[0].reply_markup.inline_keyboard.at(-1)[0];
    expect(link.text).toBe(fa.tgOpenInBot);
    expect(link.url).toMatch(/\?start=topic_[a-z0-9-]+_fa$/);
    // Emma opens the Persian card's link: the topic comes in Persian.
    const payload = new URL(link.url).searchParams.get('start')!;
    expect((await tg.say(privateChat(EMMA), EMMA, `/start ${payload}`)).plain!.startsWith(`${persian.results[0].title}\n`)).toBe(true);
  });

  it('registers the command menus in English (default), Russian and Persian, moderators’ ones with /reload and /unanswered', async () => {
    await tg.fake.waitForPoll();
    const menus = tg.fake.callsOf('setMyCommands');
    const menu = (scope: string, lang?: string) =>
      menus.find((c) => c.params.scope.type === scope && c.params.language_code === lang)!.params.commands as Array<{ command: string; description: string }>;
    expect(menu('default').map((c) => c.command)).toEqual(['start', 'help', 'topics', 'ask', 'topic']);
    expect(menu('default', 'ru').find((c) => c.command === 'help')!.description).toBe(ru.tgCommandHelp);
    expect(menu('default', 'fa').find((c) => c.command === 'topics')!.description).toBe(fa.tgCommandTopics);
    for (const scope of ['all_chat_administrators', 'chat']) {
      for (const lang of [undefined, 'ru', 'fa']) {
        expect(menu(scope, lang).map((c) => c.command)).toEqual(['start', 'help', 'topics', 'ask', 'topic', 'post', 'reload', 'unanswered']);
      }
    }
    expect(menu('chat', 'ru').find((c) => c.command === 'reload')!.description).toBe(ru.tgCommandReload);
    expect(menu('chat', 'fa').find((c) => c.command === 'unanswered')!.description).toBe(fa.tgCommandUnanswered);
  });
});

/**
 * Did-you-mean depends on where a question falls between the matcher's
 * thresholds, which calibration moves; a core told to be sure of nothing
 * (the answer threshold above 1) makes every on-topic question a did-you-mean,
 * so these transcripts test the adapter, not the calibration of the day.
 */
describe('Telegram did-you-mean in Russian and Persian', () => {
  let tg: TelegramTest;
  beforeAll(async () => {
    tg = await startTelegram({ core: createCore(await realKnowledgeBase(), { ...DEFAULT_TUNING, answer: 1.01 }) });
  });
  afterAll(() => tg.stop());

  for (const [from, question, c, expected] of [
    [IVAN, 'Сколько газа Россия поставит Ирану?', ru, 'Партнёрство в сфере природного газа'],
    [SARA, 'روسیه چقدر گاز به ایران می‌فروشد؟', fa, 'همکاری در زمینه گاز طبیعی'],
  ] as const) {
    it(`${from.language_code}: offers topics in the question’s language; a suggestion opens in it`, async () => {
      const chat = privateChat(from);
      const problems = await runTranscript(
        `
        user> ${question}
        bot~ ${c.suggestText}
        `,
        async (text) => (await tg.say(chat, from, text)).plain ?? '',
      );
      expect(problems).toEqual([]);
      const unsure = tg.fake.callsOf('sendMessage').filter((m) => m.params.chat_id === chat.id).at(-1)!;
      if (from === SARA) expectRightToLeft(unsure.plain!);
      const suggestions = topicButtons(unsure);
      expect(suggestions.map((b) => b.text)).toContain(expected);
      for (const b of suggestions) expect(parseCallback(b.data)).toMatchObject({ lang: from.language_code });
      const picked = tg.fake.waitFor('sendMessage', { where: (p) => p.chat_id === chat.id });
      tg.press(from, sentMessage(unsure), suggestions.find((b) => b.text === expected)!.data!);
      expect((await picked).plain!.startsWith(`${expected}\n`)).toBe(true);
    });
  }
});
