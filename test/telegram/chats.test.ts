import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeAction, encodeAction } from '../../src/core/conversation/actions.js';
import { en } from '../../src/core/i18n/en/index.js';
import { fa } from '../../src/core/i18n/fa/index.js';
import { ru } from '../../src/core/i18n/ru/index.js';
import { FAKE_BOT } from '../fakes/telegram-bot-api.js';
import { groupChat, messageUpdate, privateChat, user } from '../fakes/telegram-updates.js';
import { buttons, privateUser, rows, sentMessage, startTelegram, type TelegramTest } from './harness.js';

/**
 * Telegram's own ways of talking: who is addressed in groups, threads, deep
 * links, buttons under messages (answered, paged in place, stale), media and
 * Persian laid out line by line. What every surface answers is the contract suite's.
 */
const GROUP = groupChat(-100777, 'Partnership fans');
const alice = user(2001, 'Alice');
const bob = user(2002, 'Bob');
const IVAN = user(9101, 'Иван', { language_code: 'ru' });
const SARA = user(9102, 'سارا', { language_code: 'fa' });
const EMMA = user(9103, 'Emma', { language_code: 'en-GB' });

let tg: TelegramTest;
beforeAll(async () => {
  tg = await startTelegram({ env: { RATE_LIMIT_PER_MINUTE: '10000' } });
});
afterAll(() => tg.stop());

const action = (data: string | undefined) => decodeAction(data);
/** Replies in a chat; messages of one chat are handled in order, so a reply to a later message proves the earlier ones were seen and skipped. */
const repliesIn = (chatId: number) => tg.fake.callsOf('sendMessage').filter((c) => c.params.chat_id === chatId);

describe('Telegram groups: answers only when addressed', () => {
  it('ignores ordinary messages, another bot’s commands, unknown /commands and mentions of others; answers /ask and addressed unknown commands', async () => {
    const before = repliesIn(GROUP.id).length;
    const ignored = [
      tg.send(GROUP, alice, 'how much gas will russia send iran?'),
      tg.send(GROUP, bob, '@some_other_bot how much gas?'),
      tg.send(GROUP, bob, '/ask@some_other_bot how much gas?'),
      tg.send(GROUP, bob, '/frobnicate'),
    ];
    const reply = await tg.say(GROUP, alice, '/ask where was the treaty signed?');
    expect(reply.plain).toContain('Moscow');
    expect(repliesIn(GROUP.id)).toHaveLength(before + 1);
    expect(ignored.map((m) => m.message_id)).not.toContain(reply.params.reply_parameters.message_id);
    expect((await tg.say(GROUP, bob, `/frobnicate@${FAKE_BOT.username}`)).plain).toBe(en.unknownCommand('/frobnicate'));
  });

  it('answers a mention of the bot, with the mention removed from the question, as a reply to the asker', async () => {
    const reply = await tg.say(GROUP, alice, `@${FAKE_BOT.username} how much gas will russia send iran?`);
    expect(reply.plain).toContain('55');
    expect(reply.params.reply_parameters).toMatchObject({ message_id: expect.any(Number), allow_sending_without_reply: true });
    expect((await tg.say(GROUP, alice, '/ask how much gas will russia send iran?')).plain).toBe(reply.plain);
  });

  it('answers /ask@bot, and /ask alone in reply to someone’s message asks that message', async () => {
    expect((await tg.say(GROUP, alice, `/ask@${FAKE_BOT.username} where was it signed?`)).plain).toContain('Moscow');
    const question = tg.send(GROUP, bob, 'where was the agreement signed?');
    expect((await tg.say(GROUP, alice, '/ask', { reply_to_message: question } as never)).plain).toContain('Moscow');
  });

  it('answers a reply to one of its own messages (also in a channel’s discussion group thread), not replies to others', async () => {
    const first = await tg.say(GROUP, alice, '/ask how much gas?');
    const follow = await tg.say(GROUP, bob, 'and where was the treaty signed?', {
      reply_to_message: sentMessage(first),
      message_thread_id: 42,
      is_topic_message: true,
    } as never);
    expect(follow.plain).toContain('Moscow');
    expect(follow.params.message_thread_id).toBe(42);
    const replyToSomeoneElse = tg.send(GROUP, bob, 'where was it signed?', { reply_to_message: tg.send(GROUP, alice, 'hi') } as never);
    expect((await tg.say(GROUP, alice, '/help')).plain).toBeTruthy();
    expect(repliesIn(GROUP.id).map((c) => c.params.reply_parameters?.message_id)).not.toContain(replyToSomeoneElse.message_id);
  });

  it('a bare mention gets a prompt to ask; a privileged command is refused in the group in the user’s language', async () => {
    expect((await tg.say(GROUP, alice, `@${FAKE_BOT.username}`)).plain).toBe(en.declineEmpty);
    expect((await tg.say(GROUP, SARA, '/card gas')).plain).toBe(fa.privateOnly('/card'));
  });
});

describe('Telegram private chats', () => {
  it('an answer: HTML, the answer first and the source, not quoted; More, related topics one per row, then 👍 👎 in one row', async () => {
    const { user: u, chat } = privateUser(1001);
    const reply = await tg.say(chat, u, 'How much gas will Russia send to Iran?');
    expect(reply.params.parse_mode).toBe('HTML');
    expect(reply.plain).toMatch(/^Russia will supply up to 55 billion cubic meters/);
    expect(reply.plain).toMatch(/Source: .+, published \d{1,2} \w{3} 20\d\d/);
    expect(buttons(reply)[0]!.text).toBe('More: Natural gas partnership');
    expect(reply.params.reply_parameters).toBeUndefined();
    const layout = rows(reply);
    expect(layout.at(-1)).toEqual(['👍', '👎']);
    expect(layout.slice(0, -1).every((row) => row.length === 1)).toBe(true);
    expect(
      buttons(reply)
        .slice(0, -2)
        .map((b) => action(b.data)),
    ).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'topic', lang: 'en' })]));
  });

  it('More and topic buttons: the callback query is answered first, then the whole topic comes as a new message under its title', async () => {
    const { user: u, chat } = privateUser(1003);
    const first = await tg.say(chat, u, 'how much gas');
    for (const button of buttons(first).slice(0, 2)) {
      const next = tg.fake.waitFor('sendMessage', { where: (p) => p.chat_id === chat.id });
      const answered = await tg.answered(tg.press(u, sentMessage(first), button.data!));
      expect(answered.params.text).toBeUndefined();
      const reply = await next;
      expect(reply.seq).toBeGreaterThan(answered.seq);
      expect(reply.params.text).toMatch(/^<b>[^<]+<\/b>\n/);
      expect(reply.plain!.startsWith(button.text.replace(/^More: /, ''))).toBe(true);
      expect(reply.plain).toContain('Key facts');
    }
  });

  it('a sticker gets the prompt to ask; a photo’s caption is the question; markup in a question stays text', async () => {
    const { user: u, chat } = privateUser(6004);
    const sticker = tg.fake.waitFor('sendMessage', { where: (p) => p.chat_id === chat.id });
    tg.fake.pushUpdate(
      messageUpdate({
        message_id: 1,
        date: 0,
        chat,
        from: u,
        sticker: { file_id: 'f', file_unique_id: 'u', type: 'regular', width: 1, height: 1, is_animated: false, is_video: false },
      } as never),
    );
    expect((await sticker).plain).toBe(en.declineEmpty);
    const photo = tg.fake.waitFor('sendMessage', { where: (p) => p.chat_id === chat.id });
    tg.fake.pushUpdate(
      messageUpdate({
        message_id: 2,
        date: 0,
        chat,
        from: u,
        photo: [{ file_id: 'p', file_unique_id: 'q', width: 1, height: 1 }],
        caption: 'how much gas will russia send iran?',
      } as never),
    );
    expect((await photo).plain).toContain('55');
    const injection = await tg.say(chat, u, '/topic <script>alert(1)</script> & <b>x</b>');
    expect(injection.params.text).not.toContain('<script>');
    expect(injection.params.text).toContain('&lt;script&gt;');
  });

  it('/start welcomes; deep links open a topic, in the link’s language when it names one', async () => {
    const { user: u, chat } = privateUser(3001);
    const welcome = await tg.say(chat, u, '/start');
    expect(welcome.params.text).toMatch(/^<b>Welcome<\/b>/);
    expect((await tg.say(chat, u, '/start topic_gas')).plain).toMatch(/^Natural gas partnership\n[\s\S]*55/);
    expect((await tg.say(chat, u, '/start topic_gas_ru')).plain).toMatch(/^Партнёрство в сфере природного газа\n/);
    expect((await tg.say(chat, u, '/start topic_no-such-topic')).plain).toBe(en.unknownTopic('no-such-topic'));
  });

  it('pages through all topics in place (editMessageText), eight a page, every topic once; a double press changes nothing and fails nothing', async () => {
    const { user: u, chat } = privateUser(3003);
    const list = await tg.say(chat, u, '/topics');
    const seen: string[] = [];
    let shown: { params: Record<string, any> } = list;
    for (;;) {
      const keyboard = buttons(shown);
      const topics = keyboard.filter((b) => action(b.data)?.kind === 'topic');
      expect(topics.length).toBeLessThanOrEqual(8);
      seen.push(...topics.map((b) => b.text));
      const next = keyboard.find((b) => b.text === `${en.nextButton} ›`);
      if (!next) break;
      const edited = tg.fake.waitFor('editMessageText', { where: (p) => p.chat_id === chat.id });
      await tg.answered(tg.press(u, sentMessage(list), next.data!));
      shown = await edited;
      expect(shown.params).toMatchObject({ message_id: sentMessage(list).message_id });
      expect(buttons(shown).some((b) => b.text === `‹ ${en.previousButton}`)).toBe(true);
    }
    expect(seen).toEqual(tg.core.topics().map((x) => x.title));
    expect(seen.length).toBeGreaterThan(8);
    const again = buttons(list).find((b) => b.text === `${en.nextButton} ›`)!;
    await tg.answered(tg.press(u, sentMessage(list), again.data!));
    await tg.answered(tg.press(u, sentMessage(list), again.data!));
    expect(tg.logs().filter((l) => l.msg === 'Telegram update failed')).toEqual([]);
  });

  it('a stale, forged or old-format button gets the expired alert, not an exception; the bot keeps answering', async () => {
    const { user: u, chat } = privateUser(3006);
    const list = await tg.say(chat, u, '/topics');
    for (const data of ['v1:t:gas', 'v1:fb:gas:u:en', '2t.en.<script>', '2t.de.gas', '9t.en.gas', 'garbage']) {
      expect((await tg.answered(tg.press(u, sentMessage(list), data))).params).toMatchObject({ text: en.expired, show_alert: true });
    }
    expect((await tg.say(chat, u, 'how much gas')).plain).toContain('55');
    expect(tg.logs().filter((l) => l.msg === 'Telegram update failed')).toEqual([]);
  });
});

describe('Telegram in Russian and Persian', () => {
  const RLM = '\u200F';
  /** Every visible line of a Persian reply reads right to left: it starts with a Persian letter or with an RLM. */
  const expectRightToLeft = (plain: string) => {
    for (const line of plain.split('\n').filter((l) => l.trim())) {
      expect(/^(?=\p{L})\p{Script=Arabic}/u.test(line) || line.startsWith(RLM), `line does not start right to left: ${JSON.stringify(line.slice(0, 60))}`).toBe(
        true,
      );
    }
  };

  it('a Persian answer reads right to left line by line; in the whole topic, key-fact lines start with an RLM', async () => {
    const reply = await tg.say(privateChat(SARA), SARA, 'روسیه هر سال چند میلیارد متر مکعب گاز به ایران می‌فرستد؟');
    expect(reply.plain).toContain('۵۵');
    expectRightToLeft(reply.plain!);
    const topic = tg.fake.waitFor('sendMessage', { where: (p) => p.chat_id === SARA.id });
    tg.press(SARA, sentMessage(reply), buttons(reply)[0]!.data!);
    const full = (await topic).plain!;
    expectRightToLeft(full);
    expect(full).toMatch(new RegExp(`\\n${RLM}• `));
    expectRightToLeft((await tg.say(privateChat(SARA), SARA, '/help')).plain!);
  });

  it('buttons speak the message’s language whoever presses them: a related topic opens in it, the vote thanks in it', async () => {
    const chat = privateChat(IVAN);
    const answer = await tg.say(chat, IVAN, 'Сколько газа Иран получит от России?');
    expect(answer.plain).toContain('55 млрд');
    const related = buttons(answer).filter((b) => action(b.data)?.kind === 'topic');
    expect(related.length).toBeGreaterThan(0);
    for (const b of related) expect(action(b.data)).toMatchObject({ lang: 'ru' });
    const opened = tg.fake.waitFor('sendMessage', { where: (p) => p.chat_id === chat.id });
    tg.press(EMMA, sentMessage(answer), related[0]!.data!);
    const relatedId = (action(related[0]!.data) as { topicId: string }).topicId;
    expect((await opened).plain!.startsWith(`${(tg.core.topic(relatedId, 'ru') as { title: string }).title}\n`)).toBe(true);
    const up = buttons(answer).find((b) => b.text === '👍')!;
    expect((await tg.answered(tg.press(EMMA, sentMessage(answer), up.data!))).params).toMatchObject({ text: ru.voteThanks, show_alert: false });
  });

  it('the topic list pages in its language', async () => {
    const chat = privateChat(SARA);
    const list = await tg.say(chat, SARA, '/topics');
    expect(list.plain).toMatch(new RegExp(`^${fa.topicsTitle}`));
    const next = buttons(list).find((b) => action(b.data)?.kind === 'page')!;
    expect(next.text).toContain(fa.nextButton);
    const edited = tg.fake.waitFor('editMessageText', { where: (p) => p.chat_id === chat.id });
    tg.press(SARA, sentMessage(list), next.data!);
    const page = buttons(await edited);
    for (const b of page) expect(action(b.data)).toMatchObject({ lang: 'fa' });
    expect(page.some((b) => b.text.includes(fa.previousButton))).toBe(true);
  });

  it('registers the command menus from the core’s commands in English (default), Russian and Persian; the privileged ones only for moderators', async () => {
    const menus = tg.fake.callsOf('setMyCommands');
    const menu = (scope: string, lang?: string) =>
      menus.find((c) => c.params.scope.type === scope && c.params.language_code === lang)!.params.commands as Array<{ command: string; description: string }>;
    expect(menu('default').map((c) => c.command)).toEqual(['start', 'help', 'topics', 'topic', 'ask']);
    expect(menu('default').find((c) => c.command === 'ask')!.description).toBe(en.cmdAsk);
    expect(menu('default', 'ru').find((c) => c.command === 'help')!.description).toBe(ru.cmdHelp);
    expect(menu('default', 'fa').find((c) => c.command === 'topics')!.description).toBe(fa.cmdTopics);
    for (const scope of ['all_chat_administrators', 'chat']) {
      for (const lang of [undefined, 'ru', 'fa']) {
        expect(menu(scope, lang).map((c) => c.command)).toEqual(['start', 'help', 'topics', 'topic', 'ask', 'card', 'reload', 'unanswered']);
      }
    }
    expect(menu('chat', 'ru').find((c) => c.command === 'reload')!.description).toBe(ru.cmdReload);
    expect(menus.find((c) => c.params.scope.type === 'chat')!.params.scope.chat_id).toBe(Number(tg.config.TELEGRAM_MODERATOR_IDS[0]));
  });
});

describe('Telegram presses while a user is over their flood budget', () => {
  it('are still answered (without text), and nothing else is sent', async () => {
    const quiet = await startTelegram({ deps: (d) => ({ ...d, limiter: { take: (u) => (u === d.ids.hash('tg-user', 4242) ? 'silent' : 'ok') } }) });
    try {
      const { user: u, chat } = privateUser(4242);
      const { user: other } = privateUser(4243);
      const shown = await quiet.say(privateChat(other), other, 'how much gas');
      const data = encodeAction({ kind: 'topic', topicId: 'gas', lang: 'en' })!;
      const on = { ...sentMessage(shown), chat };
      expect((await quiet.answered(quiet.press(u, on, data))).params.text).toBeUndefined();
      quiet.send(chat, u, 'how much gas');
      // A press in the same chat is handled after that message (a chat's updates are handled in order).
      expect((await quiet.answered(quiet.press(u, on, data))).params.text).toBeUndefined();
      expect(quiet.fake.callsOf('sendMessage').filter((c) => c.params.chat_id === chat.id)).toEqual([]);
      expect((await quiet.say(privateChat(other), other, 'how much gas')).plain).toContain('55');
    } finally {
      await quiet.stop();
    }
  });
});
