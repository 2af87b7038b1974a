import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Adapter } from '../../src/adapters/types.js';
import { type Booted, boot } from '../../src/boot/boot.js';
import { platformAdapters } from '../../src/boot/surfaces.js';
import { encodeAction } from '../../src/core/conversation/actions.js';
import { en } from '../../src/core/i18n/en/index.js';
import {
  DEFAULT_EVERYONE_PERMISSIONS,
  FAKE_APP_ID,
  FAKE_TOKEN as DISCORD_TOKEN,
  type FakeDiscord,
  type FakeUser,
  startFakeDiscord,
} from '../fakes/discord-gateway.js';
import { FAKE_BOT, FakeBotApi } from '../fakes/telegram-bot-api.js';
import { callbackQuery, channelChat, groupChat, inlineQuery, messageUpdate, privateChat, textMessage, user } from '../fakes/telegram-updates.js';
import type { Chat } from 'grammy/types';
import postgres from 'postgres';
import { OPTION } from '../discord/harness.js';
import { freshDatabase } from '../support/postgres.js';

/**
 * Findings 3 and 4 of issue 16, against both fakes with the bot wired as
 * `npm start` wires it (boot, a database on disk): /unanswered in one Discord
 * server showed every server's and Telegram's questions (one held a user's
 * e-mail address), members without Manage Messages got moderator commands,
 * and platform ids were stored in clear. After a day of simulated use the
 * database holds no platform id and no contact detail: a SQLite file (as it
 * lies on disk) and PostgreSQL (every row of every table) alike.
 */
interface Backend {
  name: string;
  env(dir: string): Promise<Record<string, string>>;
  /** Everything the database holds, as text. */
  contents(booted: Booted): Promise<string>;
}
const BACKENDS: Backend[] = [
  {
    name: 'a SQLite file',
    env: async (dir) => ({ DB_PATH: join(dir, 'bot.db') }),
    // As it lies on disk: freed pages and the write-ahead log included.
    contents: async (b) =>
      [b.config.DB_PATH, `${b.config.DB_PATH}-wal`]
        .filter(existsSync)
        .map((f) => readFileSync(f).toString('latin1'))
        .join('\n'),
  },
  {
    name: 'PostgreSQL',
    env: async (dir) => ({
      DATABASE_URL: await freshDatabase('privacy'),
      ID_HASH_SECRET: 'privacy-secret-every-host-shares-0123',
      STORE_SPOOL_DIR: join(dir, 'spool'),
    }),
    async contents(b) {
      const sql = postgres(b.config.DATABASE_URL!, { max: 1, onnotice: () => {} });
      try {
        const tables = await sql<{ name: string }[]>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()`;
        const dumps: string[] = [];
        for (const { name } of tables) dumps.push(...(await sql.unsafe(`SELECT t::text AS row FROM "${name}" t`)).map((r) => String(r.row)));
        return dumps.join('\n');
      } finally {
        await sql.end();
      }
    },
  },
];

const OPERATORS = '200000000000000301';
const SERVER_A = '200000000000000302';
const SERVER_B = '200000000000000303';
const ROLE = '500000000000000302';
const channelOf = (guild: string) => `4${guild.slice(1)}`;
const TG_CHANNEL = channelChat(-1_009_100_000_777, 'partnership_news');
const TG_OPERATOR = user(9_100_000_500, 'Oleg');
const TG_USERS = [1, 2, 3, 4, 5].map((i) => user(9_100_000_000 + i, `U${i}`));
const TG_GROUP = groupChat(-1_009_100_000_999, 'Fans');
const dcUser = (n: number): FakeUser => ({
  id: `31000000000000${String(n).padStart(4, '0')}`,
  username: `u${n}`,
  global_name: null,
  discriminator: '0',
  avatar: null,
});
const DC_USERS = [1, 2, 3, 4].map(dcUser);

let dir: string;
let discord: FakeDiscord;
let telegram: FakeBotApi;
let booted: Booted;
let adapters: Adapter[];
const lines: string[] = [];

const ask = (guildId: string, who: FakeUser, question: string, extra: { memberPermissions?: bigint } = {}) =>
  discord.waitForResponse(
    discord.slash('ask', [{ name: 'question', type: OPTION.string, value: question }], { guildId, channelId: channelOf(guildId), user: who, ...extra }),
  );
const slash = (name: string, guildId: string, who: FakeUser, extra: { memberPermissions?: bigint; memberRoles?: string[] } = {}) =>
  discord
    .waitForResponse(discord.slash(name, [], { guildId, channelId: channelOf(guildId), user: who, ...extra }), 30_000)
    .then((r) => String(r.data.content ?? ''));
const tgSay = async (from: ReturnType<typeof user>, text: string, chat: Chat = privateChat(from)) => {
  const reply = telegram.waitFor('sendMessage', { where: (p) => p.chat_id === chat.id });
  const message = textMessage(chat, from, text);
  telegram.pushUpdate(messageUpdate(message));
  return reply;
};

describe.each(BACKENDS)('attack: private by default, on $name', { timeout: 60_000 }, (backend) => {
  beforeAll(async () => {
    lines.length = 0;
    dir = mkdtempSync(join(tmpdir(), 'attack-privacy-'));
    discord = await startFakeDiscord({
      guilds: [OPERATORS, SERVER_A, SERVER_B].map((id) => ({
        id,
        name: id,
        channels: [{ id: channelOf(id), name: 'general' }],
        ...(id === SERVER_A ? { roles: [{ id: ROLE, name: 'Curators' }] } : {}),
      })),
    });
    telegram = await FakeBotApi.start();
    telegram.addChat(TG_CHANNEL);
    telegram.setChatMember(TG_CHANNEL.id, FAKE_BOT.id, 'administrator');
    booted = await boot({
      environment: {
        file: undefined,
        env: {
          DISCORD_TOKEN,
          DISCORD_APPLICATION_ID: FAKE_APP_ID,
          DISCORD_API_BASE: discord.apiBase,
          DISCORD_MODERATOR_GUILD_IDS: OPERATORS,
          DISCORD_MODERATOR_ROLE_IDS: ROLE,
          TELEGRAM_BOT_TOKEN: telegram.token,
          TELEGRAM_API_ROOT: telegram.apiRoot,
          TELEGRAM_CHANNEL_ID: `@${TG_CHANNEL.username}`,
          TELEGRAM_MODERATOR_IDS: String(TG_OPERATOR.id),
          ...(await backend.env(dir)),
          WATCH_DATA: 'false',
          LOG_LEVEL: 'debug',
          RATE_LIMIT_PER_MINUTE: '1000',
          // The day's group questions come faster than Telegram's ~20 a minute per group (the group budget has its own tests).
          TELEGRAM_GROUP_MESSAGES_PER_MINUTE: '1000',
        },
      },
      logDestination: new Writable({
        write(chunk, _e, done) {
          lines.push(...String(chunk).split('\n').filter(Boolean));
          done();
        },
      }),
    });
    adapters = await platformAdapters(booted.config, booted.deps);
    for (const a of adapters) await a.start();
  }, 60_000);
  afterAll(async () => {
    for (const a of adapters ?? []) await a.stop();
    await booted?.curator?.close();
    await booted?.store?.close();
    await discord?.close();
    await telegram?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('members without Manage Messages or a moderator role are refused every moderator command, whatever Discord lets them see', async () => {
    const member = { memberPermissions: DEFAULT_EVERYONE_PERMISSIONS };
    for (const command of ['unanswered', 'reload']) expect(await slash(command, OPERATORS, DC_USERS[0]!, member)).toBe(en.moderatorsOnly(`/${command}`));
    const card = await discord.waitForResponse(
      discord.slash('card', [{ name: 'topic', type: OPTION.string, value: 'gas' }], { guildId: SERVER_A, channelId: channelOf(SERVER_A), ...member }),
    );
    expect(card.data.content).toBe(en.moderatorsOnly('/card'));
    // A member with the configured role is a moderator of their server.
    expect(await slash('unanswered', SERVER_A, DC_USERS[1]!, { ...member, memberRoles: [ROLE] })).toContain('Top unanswered questions asked here');
  });

  it('a server’s moderators read only their server’s questions; the operators’ server reads all, redacted', async () => {
    await ask(SERVER_A, DC_USERS[0]!, 'who won the chess olympiad? write me: anna.k@mail.example');
    await ask(SERVER_B, DC_USERS[1]!, 'what is the best pizza in town, call +7 912 345 67 89');
    await tgSay(TG_USERS[0]!, 'where can I buy cheap flights? ask @cheap_flights_bot or see https://flights.example/x');
    const a = await slash('unanswered', SERVER_A, DC_USERS[2]!);
    expect(a).toContain('chess olympiad');
    expect(a).not.toMatch(/pizza|flights/);
    const b = await slash('unanswered', SERVER_B, DC_USERS[2]!);
    expect(b).toContain('pizza');
    expect(b).not.toMatch(/chess|flights/);
    const all = await slash('unanswered', OPERATORS, DC_USERS[2]!);
    for (const q of ['chess olympiad', 'pizza', 'flights']) expect(all).toContain(q);
    expect(all).toContain('[email]');
    expect(all).toContain('[phone]');
    expect(all).toMatch(/\[handle\].*\[link\]/);
    expect(all).not.toMatch(/anna\.k|912 345|cheap_flights_bot|flights\.example/);
    // Telegram: the operators' ids read the whole inbox; nobody else does.
    const tgAll = await tgSay(TG_OPERATOR, '/unanswered');
    expect(tgAll.plain).toContain('chess olympiad');
    expect((await tgSay(TG_USERS[1]!, '/unanswered')).plain).toBe(en.moderatorsOnly('/unanswered'));
  });

  it('after a day of simulated use the database holds no platform id and no contact detail, and logs at info and above carry neither ids nor message text', async () => {
    // Telegram: questions in private and in a group, votes, an inline query, a card posted by an operator; one user blocked the bot.
    const blocked = telegram.waitFor('sendMessage', { failed: true });
    telegram.failNext('sendMessage', { error_code: 403, description: 'Forbidden: bot was blocked by the user' });
    telegram.pushUpdate(messageUpdate(textMessage(privateChat(TG_USERS[4]!), TG_USERS[4]!, 'how much gas will russia send iran?')));
    await blocked;
    for (const [i, u] of TG_USERS.entries()) {
      const answer = await tgSay(u, 'how much gas will russia send iran?');
      const press = callbackQuery(u, answer.result as never, encodeAction({ kind: 'vote', topicId: 'gas', vote: i % 2 ? 1 : -1, lang: 'en' })!);
      const answered = telegram.waitFor('answerCallbackQuery', { where: (p) => p.callback_query_id === press.callback_query!.id });
      telegram.pushUpdate(press);
      await answered;
      await tgSay(u, `what is the weather in Tehran? my mail is user${i}@mail.example, phone 8 912 000 00 0${i}`);
      await tgSay(u, `@${FAKE_BOT.username} who won the chess olympiad?`, TG_GROUP);
    }
    const inline = telegram.waitFor('answerInlineQuery');
    telegram.pushUpdate(inlineQuery(TG_USERS[0]!, 'gas'));
    await inline;
    const preview = await tgSay(TG_OPERATOR, '/card gas');
    const posted = telegram.waitFor('sendMessage', { where: (p) => p.chat_id === `@${TG_CHANNEL.username}` });
    telegram.pushUpdate(callbackQuery(TG_OPERATOR, preview.result as never, encodeAction({ kind: 'post', cardId: 'gas', image: false, lang: 'en' })!));
    await posted;
    // Discord: slash questions, votes and mentions in three servers, a direct message; one reply refused by Discord.
    discord.fail({ method: 'POST', path: new RegExp(`^/channels/${channelOf(SERVER_B)}/messages$`), status: 403, code: 50013, message: 'Missing Permissions' });
    const refused = discord.userMessage(`<@${discord.bot.id}> how much gas?`, {
      guildId: SERVER_B,
      channelId: channelOf(SERVER_B),
      user: DC_USERS[3]!,
      mentions: [discord.bot],
    });
    await discord.waitForCall((c) => c.method === 'POST' && c.status === 403 && c.body?.message_reference?.message_id === refused.id);
    const messageIds: string[] = [refused.id];
    for (const [i, u] of DC_USERS.entries()) {
      const guild = [OPERATORS, SERVER_A, SERVER_B][i % 3]!;
      await ask(guild, u, `tell me a joke, my handle is <@${u.id}>`);
      const answer = await ask(guild, u, 'how much gas will russia send iran?');
      const up = answer.data.components
        .flatMap((r: { components: Array<{ custom_id?: string; label?: string }> }) => r.components)
        .find((c: { label?: string }) => c.label === '👍');
      await discord.waitForResponse(discord.component(up.custom_id, { guildId: guild, channelId: channelOf(guild), user: u }));
      const mention = discord.userMessage(`<@${discord.bot.id}> where was the treaty signed?`, {
        guildId: guild,
        channelId: channelOf(guild),
        user: u,
        mentions: [discord.bot],
      });
      messageIds.push(mention.id);
      await discord.waitForCall((c) => c.method === 'POST' && c.body?.message_reference?.message_id === mention.id);
    }
    const dm = discord.userMessage('what about football?', { dm: true, user: DC_USERS[0]! });
    await discord.waitForCall((c) => c.method === 'POST' && c.body?.message_reference?.message_id === dm.id);

    // Everything written.
    await booted.store!.enforceRetention();
    await booted.store!.flush();
    const bytes = await backend.contents(booted);
    const platformIds = [
      ...[...TG_USERS, TG_OPERATOR].map((u) => String(u.id)),
      String(TG_GROUP.id),
      String(TG_CHANNEL.id),
      ...DC_USERS.map((u) => u.id),
      OPERATORS,
      SERVER_A,
      SERVER_B,
      ...[OPERATORS, SERVER_A, SERVER_B].map(channelOf),
      dm.channel_id,
      dm.id,
      ...messageIds,
      ...discord.interactions.map((i) => i.id),
    ];
    // (The file does hold the day: redacted questions.)
    expect(bytes).toContain('[email]');
    const leaked = platformIds.filter((id) => bytes.includes(id));
    expect(leaked).toEqual([]);
    for (const clear of ['@mail.example', '912 000', 'cheap_flights_bot', 'flights.example']) expect(bytes).not.toContain(clear);

    const loud = lines.filter((l) => JSON.parse(l).level >= 30).join('\n');
    // (The failures were logged.)
    expect(loud).toMatch(/Telegram update failed/);
    expect(loud).toMatch(/discord messageCreate handler failed/);
    expect(platformIds.filter((id) => loud.includes(id))).toEqual([]);
    for (const text of ['how much gas will russia send iran', 'weather in Tehran', 'tell me a joke']) expect(loud).not.toContain(text);
  });
});
