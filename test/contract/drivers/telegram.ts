import type { Chat, Message, User } from 'grammy/types';
import { decodeAction } from '../../../src/core/conversation/actions.js';
import { argKey, findCommand } from '../../../src/core/conversation/commands.js';
import { createCore } from '../../../src/core/core.js';
import { DEFAULT_TUNING } from '../../../src/core/match/matcher.js';
import { FAKE_BOT, type ApiCall } from '../../fakes/telegram-bot-api.js';
import { callbackQuery, messageUpdate, privateChat, textMessage, user } from '../../fakes/telegram-updates.js';
import { realCore, realKnowledgeBase } from '../../support/core.js';
import { buttons, CHANNEL, sentMessage, startTelegram } from '../../telegram/harness.js';
import { type DriverFactory, hasRtl, type Shown, type SurfaceDriver, type TestUser } from '../driver.js';

/** A safety net for every wait (a /reload trains a matcher on the test's thread), not synchronisation. */
const WAIT_MS = 20_000;
/** Telegram ids of moderators (TELEGRAM_MODERATOR_IDS): each test user who is one gets the next. */
const MODERATOR_IDS = Array.from({ length: 8 }, (_, i) => 880_001 + i);

type Button = { text: string; data?: string };
/** A bot message the user was shown, with its keyboard page by page (a long topic list is paged). */
interface Seen {
  chat: Chat;
  message: Message;
  pages: Button[][];
  /** The page the message shows now. */
  page: number;
}

const pageOf = (b: Button) => {
  const action = decodeAction(b.data);
  return action?.kind === 'page' ? action.page : undefined;
};

/**
 * Telegram through the real adapter and real grammY against the fake Bot API:
 * every user in a private chat with the bot, moderators by TELEGRAM_MODERATOR_IDS,
 * the bot an administrator of the configured channel. A paged keyboard is read
 * page by page (pressing Next, as a user would), so `buttons` lists every option.
 */
export const telegramDriver: DriverFactory = async (options = {}) => {
  const core = options.unsure ? createCore(await realKnowledgeBase(), { ...DEFAULT_TUNING, answer: 1.01 }) : await realCore();
  const tg = await startTelegram({
    core,
    env: { RATE_LIMIT_PER_MINUTE: String(options.ratePerMinute ?? 1000), TELEGRAM_MODERATOR_IDS: MODERATOR_IDS.join(',') },
  });
  tg.fake.setChatMember(CHANNEL.id, FAKE_BOT.id, 'administrator');
  const users = new Map<number, User>();
  const seen = new WeakMap<Shown, Seen>();
  const moderators = [...MODERATOR_IDS];

  const tgUser = (u: TestUser): User => {
    let known = users.get(u.id);
    if (!known) users.set(u.id, (known = user(u.moderator ? moderators.shift()! : u.id, `User${u.id}`, { language_code: u.lang ?? 'en' })));
    return known;
  };

  /** The first `method` call after call number `after` that passes `where`. */
  async function callAfter(method: string, after: number, where: (p: Record<string, any>) => boolean): Promise<ApiCall> {
    for (;;) {
      const call = await tg.fake.waitFor(method, { where, timeoutMs: WAIT_MS });
      if (call.seq > after) return call;
    }
  }
  const lastSeq = () => tg.fake.calls.at(-1)?.seq ?? 0;
  const isEditOf = (m: Message) => (p: Record<string, any>) => p.chat_id === m.chat.id && p.message_id === m.message_id;

  /** Presses `data` under a message; resolves with the answer to the callback query. */
  async function pushPress(from: User, message: Message, data: string): Promise<{ before: number; answer: ApiCall }> {
    const before = lastSeq();
    const id = tg.fake.pushUpdate(callbackQuery(from, message, data)).callback_query!.id;
    return { before, answer: await callAfter('answerCallbackQuery', before, (p) => p.callback_query_id === id) };
  }

  /** Pages the message to `page` with its Previous / Next buttons; resolves with the keyboard shown then. */
  async function turnTo(from: User, s: Seen, page: number): Promise<Button[]> {
    while (s.page !== page) {
      const step = s.pages[s.page]!.find((b) => pageOf(b) === s.page + Math.sign(page - s.page));
      if (!step) throw new Error(`no way from page ${s.page} to page ${page}`);
      const { before } = await pushPress(from, s.message, step.data!);
      const edit = await callAfter('editMessageText', before, isEditOf(s.message));
      s.page += Math.sign(page - s.page);
      s.pages[s.page] = buttons(edit);
    }
    return s.pages[page]!;
  }

  /** What the user saw of a message the bot sent or edited; a paged keyboard is read to its end. */
  async function show(from: User, call: ApiCall, message: Message): Promise<Shown> {
    const s: Seen = { chat: message.chat, message, pages: [buttons(call)], page: 0 };
    while (s.pages[s.page]!.some((b) => pageOf(b) === s.page + 1)) await turnTo(from, s, s.page + 1);
    const labels = s.pages.flatMap((page) => page.filter((b) => pageOf(b) === undefined).map((b) => b.text));
    const text = call.plain ?? '';
    const shown: Shown = { text, buttons: labels, private: false, rtl: hasRtl(text) };
    seen.set(shown, s);
    return shown;
  }

  const toast = (text: string): Shown => ({ text, buttons: [], private: false, rtl: hasRtl(text) });

  async function say(u: TestUser, text: string): Promise<Shown> {
    const from = tgUser(u);
    const reply = await tg.say(privateChat(from), from, text, undefined, WAIT_MS);
    return show(from, reply, sentMessage(reply));
  }

  const driver: SurfaceDriver = {
    name: 'telegram',
    ask: (u, text) => say(u, text),
    command(u, name, args = {}) {
      const positional = (findCommand(name)?.args ?? []).filter((a) => a.positional).map((a) => args[argKey(a.name)]);
      const words = positional.filter((v): v is string => typeof v === 'string');
      return say(u, [`/${name}`, ...words].join(' '));
    },
    async press(u, shown, label) {
      const from = tgUser(u);
      const s = seen.get(shown);
      if (!s) throw new Error(`"${shown.text.slice(0, 60)}" has no buttons to press`);
      const page = s.pages.findIndex((p) => p.some((b) => b.text === label && pageOf(b) === undefined));
      if (page < 0) throw new Error(`no "${label}" under: ${shown.text.slice(0, 200)}`);
      const button = (await turnTo(from, s, page)).find((b) => b.text === label)!;
      const { before, answer } = await pushPress(from, s.message, button.data!);
      if (typeof answer.params.text === 'string') return toast(answer.params.text);
      // A reply that replaces the message edits it before the answer; any other comes as a new message after it.
      const edit = tg.fake.calls.find((c) => c.ok && c.method === 'editMessageText' && c.seq > before && c.seq < answer.seq && isEditOf(s.message)(c.params));
      if (edit) return show(from, edit, s.message);
      const reply = await callAfter('sendMessage', answer.seq, (p) => p.chat_id === s.chat.id);
      return show(from, reply, sentMessage(reply));
    },
    async flood(u, text, count) {
      const from = tgUser(u);
      const chat = privateChat(from);
      const before = lastSeq();
      for (let i = 0; i < count; i += 1) tg.fake.pushUpdate(messageUpdate(textMessage(chat, from, text)));
      // A chat's updates are handled in order: once a press in the same chat (by someone else) is answered, every message before it was.
      const marker = textMessage(chat, user(1, 'Marker'), 'marker');
      await pushPress(user(1, 'Marker'), marker, 'marker');
      return tg.fake.calls
        .filter((c) => c.ok && c.method === 'sendMessage' && c.seq > before && c.params.chat_id === chat.id)
        .map((c) => ({ ...toast(c.plain ?? ''), buttons: buttons(c).map((b) => b.text) }));
    },
    stop: () => tg.stop(),
  };
  return driver;
};
