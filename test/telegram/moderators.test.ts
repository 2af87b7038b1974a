import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { decodeAction, encodeAction } from '../../src/core/conversation/actions.js';
import { en } from '../../src/core/i18n/en/index.js';
import { fa } from '../../src/core/i18n/fa/index.js';
import { ru } from '../../src/core/i18n/ru/index.js';
import { FAKE_BOT, pngSize, type ApiCall } from '../fakes/telegram-bot-api.js';
import { groupChat, privateChat, user } from '../fakes/telegram-updates.js';
import { buttons, CHANNEL, CHANNEL_ADMIN, MODERATOR, rows, sentMessage, STRANGER, startTelegram, type StartOptions, type TelegramTest } from './harness.js';

/**
 * Moderators on Telegram: who they are (TELEGRAM_MODERATOR_IDS, the channel's
 * administrators), where (private chats), and /card: a preview, then the card
 * posted to the channel as text or as a PNG through the fake Bot API, once.
 */
const CHANNEL_ID = `@${CHANNEL.username}`;
const toChannel = (p: Record<string, any>) => p.chat_id === CHANNEL_ID;
const MOD_RU = { ...MODERATOR, language_code: 'ru' };
const MOD_FA = { ...MODERATOR, language_code: 'fa' };
const RLM = '\u200F';

/** The bot's status in the channel; Ada is a channel admin, Sam a member. */
async function start(bot: 'administrator' | 'member' | 'unreachable' = 'administrator', opts: StartOptions = {}): Promise<TelegramTest> {
  const tg = await startTelegram(opts);
  if (bot === 'unreachable') tg.fake.setChatMember(CHANNEL.id, FAKE_BOT.id, { error_code: 400, description: 'Bad Request: member list is inaccessible' });
  else tg.fake.setChatMember(CHANNEL.id, FAKE_BOT.id, bot);
  tg.fake.setChatMember(CHANNEL.id, CHANNEL_ADMIN.id, 'administrator');
  tg.fake.setChatMember(CHANNEL.id, STRANGER.id, 'member');
  return tg;
}

describe('Telegram /card: moderators post summary cards to the channel', () => {
  let tg: TelegramTest;
  beforeAll(async () => {
    tg = await start();
  });
  afterAll(() => tg.stop());

  /** Previews `command` and presses the button labelled `label`; resolves with what reached the channel and the edited preview. */
  async function post(who: typeof MODERATOR, command: string, label: string): Promise<{ preview: ApiCall; posted: ApiCall; edited: ApiCall }> {
    const preview = await tg.say(privateChat(who), who, command);
    const method = label === en.postImageButton || label === fa.postImageButton ? 'sendPhoto' : 'sendMessage';
    const posted = tg.fake.waitFor(method, { where: toChannel });
    const edited = tg.fake.waitFor('editMessageText', { where: (p) => p.chat_id === who.id && p.message_id === sentMessage(preview).message_id });
    const id = tg.press(who, sentMessage(preview), buttons(preview).find((b) => b.text === label)!.data!);
    expect((await tg.answered(id)).params.text).toBeUndefined();
    return { preview, posted: await posted, edited: await edited };
  }

  it('a channel administrator (getChatMember, each time) previews /card gas and posts it as text', async () => {
    const { preview, posted, edited } = await post(CHANNEL_ADMIN, '/card gas', en.postTextButton);
    expect(preview.params.text).toMatch(/^<i>Preview of the card for @partnership_news:<\/i>\n\n<b>Natural gas partnership<\/b>/);
    expect(preview.plain).toContain('55');
    expect(rows(preview)).toEqual([[en.postImageButton, en.postTextButton], [en.cancelButton]]);
    expect(buttons(preview).map((b) => decodeAction(b.data))).toEqual([
      { kind: 'post', cardId: 'gas', image: true, lang: 'en' },
      { kind: 'post', cardId: 'gas', image: false, lang: 'en' },
      { kind: 'cancel', lang: 'en' },
    ]);
    expect(posted.plain).toMatch(/^Natural gas partnership\n[\s\S]*55[\s\S]*Source: /);
    expect(posted.params.reply_markup).toBeUndefined();
    expect(edited.plain).toBe(en.posted(CHANNEL_ID));
    expect(edited.params.reply_markup).toBeUndefined();
    const checked = tg.fake.callsOf('getChatMember').map((c) => c.params.user_id);
    expect(checked).toContain(CHANNEL_ADMIN.id);
    expect(checked).toContain(FAKE_BOT.id);
    expect(
      await tg.waitForLog((l) => l.msg === 'card posted to channel' && l.message_id === (posted.result as { message_id: number }).message_id),
    ).toMatchObject({
      card: 'gas',
      image: false,
      channel: CHANNEL_ID,
    });
    expect(await tg.waitForLog((l) => l.msg === 'summary card post')).toMatchObject({
      surface: 'telegram',
      user: tg.deps.ids.hash('tg-user', CHANNEL_ADMIN.id),
      ok: true,
    });
  });

  it('an id in TELEGRAM_MODERATOR_IDS posts without being a channel admin, with /post as well; a PNG of 1200×675 with an HTML caption', async () => {
    const { posted, edited } = await post(MODERATOR, '/post gas', en.postImageButton);
    const bytes = posted.photo!.bytes;
    expect(pngSize(bytes)).toEqual({ width: 1200, height: 675 });
    expect(posted.photo!.filename).toBe('card-gas.png');
    expect(posted.params.parse_mode).toBe('HTML');
    expect(String(posted.params.caption).length).toBeLessThanOrEqual(1024);
    expect(posted.params.caption).toMatch(/^<b>Natural gas partnership<\/b>/);
    expect(posted.plain).toMatch(/55[\s\S]*Source: /);
    expect(edited.plain).toBe(en.posted(CHANNEL_ID));
  });

  it('/card overview as an image; a Persian card keeps its caption within 1024', async () => {
    const overview = await post(CHANNEL_ADMIN, '/card overview', en.postImageButton);
    expect(overview.posted.photo!.filename).toBe('card-overview.png');
    const persian = await post(MODERATOR, '/card bilateral-trade fa', fa.postImageButton);
    expect(String(persian.posted.params.caption).length).toBeLessThanOrEqual(1024);
    expect(pngSize(persian.posted.photo!.bytes)).toEqual({ width: 1200, height: 675 });
  });

  it('in the moderator’s language, or the one named; posting sends that card', async () => {
    const ruPreview = await tg.say(privateChat(MOD_RU), MOD_RU, '/card gas');
    expect(ruPreview.plain).toMatch(new RegExp(`^${ru.postPreview(CHANNEL_ID)}\n\nПартнёрство в сфере природного газа\n[\\s\\S]*55 млрд`));
    expect(rows(ruPreview)).toEqual([[ru.postImageButton, ru.postTextButton], [ru.cancelButton]]);
    expect((await tg.say(privateChat(MOD_RU), MOD_RU, '/card gas en')).plain).toMatch(/^Preview of the card for @partnership_news:\n\nNatural gas partnership/);
    expect((await tg.say(privateChat(MOD_RU), MOD_RU, '/card gas xx')).plain).toBe(ru.postUsage);

    const { preview, posted, edited } = await post(MOD_FA, '/card gas', fa.postTextButton);
    expect(preview.plain).toContain('۵۵');
    for (const line of [preview.plain!, posted.plain!].flatMap((p) => p.split('\n')).filter((l) => l.trim())) {
      expect(/^(?=\p{L})\p{Script=Arabic}/u.test(line) || line.startsWith(RLM), JSON.stringify(line.slice(0, 40))).toBe(true);
    }
    expect(posted.plain).toMatch(/^همکاری در زمینه گاز طبیعی\n/);
    expect(edited.plain).toBe(fa.posted(CHANNEL_ID));
  });

  it('a double press posts once; the second press is told it is posted', async () => {
    const preview = await tg.say(privateChat(MODERATOR), MODERATOR, '/card nuclear');
    const data = buttons(preview)[1]!.data!;
    const before = tg.fake.callsOf('sendMessage').filter((c) => toChannel(c.params)).length;
    const first = tg.press(MODERATOR, sentMessage(preview), data);
    const second = tg.press(MODERATOR, sentMessage(preview), data);
    expect((await tg.answered(first)).params.text).toBeUndefined();
    expect((await tg.answered(second)).params).toMatchObject({ text: en.posted(CHANNEL_ID), show_alert: false });
    expect(tg.fake.callsOf('sendMessage').filter((c) => toChannel(c.params))).toHaveLength(before + 1);
  });

  it('Cancel posts nothing; /card needs a known topic and a private chat; others are refused, at /card and at a forged button', async () => {
    const chat = privateChat(MODERATOR);
    const posts = () => [...tg.fake.callsOf('sendMessage'), ...tg.fake.callsOf('sendPhoto')].filter((c) => toChannel(c.params)).length;
    const before = posts();
    const preview = await tg.say(chat, MODERATOR, '/card gas');
    const edited = tg.fake.waitFor('editMessageText', { where: (p) => p.chat_id === chat.id && p.message_id === sentMessage(preview).message_id });
    tg.press(MODERATOR, sentMessage(preview), buttons(preview).find((b) => b.text === en.cancelButton)!.data!);
    expect((await edited).plain).toBe(en.postCancelled);
    expect((await tg.say(chat, MODERATOR, '/card')).plain).toBe(en.postUsage);
    expect((await tg.say(chat, MODERATOR, '/card no-such-topic')).plain).toBe(en.unknownTopic('no-such-topic'));
    expect((await tg.say(groupChat(-100555), MODERATOR, '/card gas')).plain).toBe(en.privateOnly('/card'));

    const refusal = await tg.say(privateChat(STRANGER), STRANGER, '/card gas');
    expect(refusal.plain).toBe(en.moderatorsOnly('/card'));
    for (const image of [false, true]) {
      const forged = encodeAction({ kind: 'post', cardId: 'gas', image, lang: 'en' })!;
      expect((await tg.answered(tg.press(STRANGER, sentMessage(refusal), forged))).params).toMatchObject({
        show_alert: true,
        text: en.moderatorsOnly('/card'),
      });
    }
    expect(posts()).toBe(before);
  });
});

describe('Telegram /card when posting cannot work', () => {
  let tg: TelegramTest;
  afterEach(() => tg.stop());

  for (const status of ['member', 'unreachable'] as const) {
    it(`tells the moderator exactly that the bot is not a channel admin (${status})`, async () => {
      tg = await start(status);
      expect((await tg.say(privateChat(MODERATOR), MODERATOR, '/card gas')).plain).toBe(en.postBotNotAdmin(CHANNEL_ID));
    });
  }

  it('says so when no channel is configured', async () => {
    tg = await start('administrator', { env: { TELEGRAM_CHANNEL_ID: '' } });
    expect((await tg.say(privateChat(MODERATOR), MODERATOR, '/card gas')).plain).toBe(en.postNoTarget);
  });

  it('when the image cannot be drawn, tells the moderator and posts nothing; the card can still be posted as text', async () => {
    tg = await start('administrator', { deps: (d) => ({ ...d, cards: { ...d.cards, png: () => Promise.reject(new Error('resvg: out of memory')) } }) });
    const preview = await tg.say(privateChat(MODERATOR), MODERATOR, '/card gas');
    const image = tg.press(MODERATOR, sentMessage(preview), buttons(preview)[0]!.data!);
    expect((await tg.answered(image)).params).toMatchObject({ show_alert: true, text: en.postImageFailed });
    expect(tg.fake.callsOf('sendPhoto')).toEqual([]);
    expect(tg.fake.callsOf('sendMessage').filter((c) => toChannel(c.params))).toEqual([]);
    expect(await tg.waitForLog((l) => l.msg === 'card image rendering failed')).toMatchObject({ card: 'gas', err: { message: 'resvg: out of memory' } });
    const posted = tg.fake.waitFor('sendMessage', { where: toChannel });
    tg.press(MODERATOR, sentMessage(preview), buttons(preview)[1]!.data!);
    expect((await posted).plain).toContain('55');
  });

  it('a channel that refuses the post (an API error) is reported to the moderator and logged once; pressing again posts', async () => {
    tg = await start();
    const preview = await tg.say(privateChat(MODERATOR), MODERATOR, '/card gas');
    tg.fake.failNext('sendMessage', { error_code: 403, description: 'Forbidden: bot is not a member of the channel chat' });
    const id = tg.press(MODERATOR, sentMessage(preview), buttons(preview)[1]!.data!);
    expect((await tg.answered(id)).params).toMatchObject({ show_alert: true, text: en.postFailed(CHANNEL_ID) });
    expect(tg.logs().filter((l) => l.msg === 'card post failed')).toEqual([
      expect.objectContaining({ card: 'gas', channel: CHANNEL_ID, error_code: 403, error: expect.stringContaining("'sendMessage'") }),
    ]);
    // Nothing was posted, so the button still works.
    const posted = tg.fake.waitFor('sendMessage', { where: toChannel });
    tg.press(MODERATOR, sentMessage(preview), buttons(preview)[1]!.data!);
    expect((await posted).plain).toContain('55');
  });
});

describe('Telegram /reload and /unanswered: operators (TELEGRAM_MODERATOR_IDS) only, in a private chat', () => {
  let tg: TelegramTest;
  beforeAll(async () => {
    tg = await start();
  });
  afterAll(() => tg.stop());

  it('listed ids are served; channel admins (moderators, not operators) and everyone else are refused in their language; each request logged once, without Telegram ids', async () => {
    const operator = await tg.say(privateChat(MODERATOR), MODERATOR, '/unanswered');
    expect(operator.params.text).toMatch(/^<pre>[\s\S]*<\/pre>$/);
    for (const command of ['/reload', '/unanswered']) {
      expect((await tg.say(privateChat(CHANNEL_ADMIN), CHANNEL_ADMIN, command)).plain).toBe(en.notOperator(command));
      expect((await tg.say(privateChat(STRANGER), STRANGER, command)).plain).toBe(en.moderatorsOnly(command));
      expect((await tg.say(groupChat(-100_5151), MODERATOR, command)).plain).toBe(en.privateOnly(command));
    }
    const newcomer = user(5_550_999, 'Nina', { language_code: 'fa' });
    expect((await tg.say(privateChat(newcomer), newcomer, '/unanswered')).plain).toBe(fa.moderatorsOnly('/unanswered'));

    const hash = (u: { id: number }) => tg.deps.ids.hash('tg-user', u.id);
    const logged = (command: string) =>
      tg
        .logs()
        .filter((l) => l.command === command && /^privileged (command|request refused)$/.test(l.msg))
        .map((l) => [l.user, l.result]);
    expect(logged('unanswered')).toEqual([
      [hash(MODERATOR), 'report'],
      [hash(CHANNEL_ADMIN), 'not-operator'],
      [hash(STRANGER), 'not-moderator'],
      [hash(MODERATOR), 'private-only'],
      [hash(newcomer), 'not-moderator'],
    ]);
    expect(logged('reload')).toEqual([
      [hash(CHANNEL_ADMIN), 'not-operator'],
      [hash(STRANGER), 'not-moderator'],
      [hash(MODERATOR), 'private-only'],
    ]);
    const text = tg.lines.filter((l) => /privileged/.test(l)).join('\n');
    for (const u of [CHANNEL_ADMIN, STRANGER, MODERATOR, newcomer]) expect(text).not.toContain(String(u.id));
  });

  it('/unanswered shows the report preformatted, with what users wrote escaped, and votes', async () => {
    const asker = user(5_551_001, 'Asker');
    const chat = privateChat(asker);
    for (let i = 0; i < 2; i += 1) await tg.say(chat, asker, 'Who makes the <b>best</b> pizza & pasta in Naples?');
    const answer = await tg.say(chat, asker, 'how much gas will russia send iran?');
    await tg.answered(tg.press(asker, sentMessage(answer), buttons(answer).find((b) => b.text === '👎')!.data!));

    const report = await tg.say(privateChat(MODERATOR), MODERATOR, '/unanswered');
    expect(report.params.text).toMatch(/^<pre>[\s\S]*<\/pre>$/);
    expect(report.params.text).toContain('×2 &quot;Who makes the &lt;b&gt;best&lt;/b&gt; pizza &amp; pasta in Naples?&quot;');
    expect(report.plain).toContain('Top unanswered questions');
    expect(report.plain).toContain('×2 "Who makes the <b>best</b> pizza & pasta in Naples?"');
    expect(report.plain).toContain('Natural gas partnership: 0 / 1 (0% helpful)');
  });

  it('/unanswered has Resolve / Ignore buttons, one question a row; a press by an operator changes the state in the store, a stranger’s does not', async () => {
    const asker = user(5_551_003, 'Asker');
    await tg.say(privateChat(asker), asker, 'Which team won the chess olympiad in Chennai?');
    await tg.curator.store.flush();
    const [item] = (await tg.curator.store.inbox({ state: 'open' })).filter((i) => /chess olympiad in chennai/i.test(i.example));
    const report = await tg.say(privateChat(MODERATOR), MODERATOR, '/unanswered');
    expect(rows(report)).toContainEqual([en.inboxResolve(item!.id), en.inboxIgnore(item!.id)]);
    const resolve = buttons(report).find((b) => b.text === en.inboxResolve(item!.id))!.data!;
    expect(decodeAction(resolve)).toEqual({ kind: 'decide', id: item!.id, decision: 'resolved', lang: 'en' });

    const refused = await tg.answered(tg.press(STRANGER, sentMessage(report), resolve));
    expect(refused.params.text).toBe(en.moderatorsOnly('/unanswered'));
    expect((await tg.curator.store.inboxItem(item!.id))?.state).toBe('open');

    const done = await tg.answered(tg.press(MODERATOR, sentMessage(report), resolve));
    expect(done.params.text).toBe(en.inboxResolved(item!.id));
    const stored = (await tg.curator.store.inboxItem(item!.id))!;
    expect(stored.state).toBe('resolved');
    expect(stored.changedBy).not.toContain(String(MODERATOR.id));
    const again = await tg.say(privateChat(MODERATOR), MODERATOR, '/unanswered');
    expect(buttons(again).map((b) => b.text)).not.toContain(en.inboxResolve(item!.id));
  });

  it('/unanswered stays within 4,096 characters when escaping makes the report longer', async () => {
    const asker = user(5_551_002, 'Asker', { language_code: 'ru' });
    const places = ['Naples', 'Rome', 'Milan', 'Turin', 'Genoa', 'Bari', 'Palermo', 'Venice', 'Verona', 'Padua', 'Trieste', 'Parma', 'Modena', 'Siena', 'Pisa'];
    for (const place of places) await tg.say(privateChat(asker), asker, `pizza&&&&&&&&&&&&<<<<<<<<<<>>>>>>>>>> in ${place} &&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&`);
    const report = await tg.say(privateChat(MODERATOR), MODERATOR, '/unanswered');
    expect(report.params.text.length).toBeLessThanOrEqual(4096);
    expect(report.params.text.endsWith('…</pre>')).toBe(true);
    expect(report.plain).toContain('pizza&&&&');
  });
});
