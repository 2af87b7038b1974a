import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { reloadText } from '../../src/adapters/discord/commands/reload.js';
import { parseCustomId } from '../../src/adapters/discord/custom-id.js';
import { createCore } from '../../src/core/core.js';
import { t } from '../../src/core/i18n/index.js';
import { describeReload } from '../../src/curator/reload.js';
import { FAKE_GUILD_ID, type FakeGuild } from '../fakes/discord-gateway.js';
import { type Bot, buttonsOf, EPHEMERAL, knowledgeBase, OPTION, startBot } from './harness.js';

const en = t('en');
const ru = t('ru');
const ask = (question: string) => [{ name: 'question', type: OPTION.string, value: question }];

describe('Discord moderator commands: /reload and /unanswered', () => {
  let bot: Bot;
  afterEach(() => bot?.stop());
  const commandLogs = (command: string) => bot.logs().filter((l) => l.msg === 'moderator command' && l.command === command);

  it('/reload picks up an edit; an invalid edit is rejected with file, path and reason in the moderator’s language, and the bot keeps the last good data', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'discord-reload-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    cpSync('data', dir, { recursive: true });
    // A core of its own: a successful reload swaps its data.
    bot = await startBot({ core: createCore(await knowledgeBase()), env: { DATA_DIR: dir, RATE_LIMIT_PER_MINUTE: '1000' } });
    const gasFile = join(dir, 'topics', 'gas.yaml');
    const original = readFileSync(gasFile, 'utf8');
    const gasTitle = async () => (await bot.fake.waitForResponse(bot.fake.slash('ask', ask('how much gas will russia send iran?')))).data.embeds[0].title;

    writeFileSync(gasFile, original.replace('Natural gas partnership', 'Natural gas deal'));
    const sent = bot.fake.slash('reload');
    const reloaded = await bot.fake.waitForResponse(sent);
    expect(reloaded.type).toBe(5); // deferred: validating and training may take a while
    expect((await bot.fake.waitForCall((c) => c.path === `/interactions/${sent.id}/${sent.token}/callback`)).body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(reloaded.data.content).toMatch(/^Data reloaded: \d+ topics \(version [0-9a-f]+\)\.$/);
    expect(await gasTitle()).toBe('Natural gas deal');

    writeFileSync(gasFile, original.replace(/^order: \d+$/m, 'order: sixty'));
    const rejected = await bot.fake.waitForResponse(bot.fake.slash('reload', [], { locale: 'ru' }));
    const [head, ...issues] = rejected.data.content.split('\n');
    expect(head).toBe(ru.discordReloadRejected);
    expect(issues[0]).toMatch(/^• .*topics\/gas\.yaml: order: .*expected number/);
    expect(await gasTitle()).toBe('Natural gas deal');

    await bot.waitForLog((l) => l.msg === 'moderator command' && l.result === 'rejected');
    const logs = commandLogs('/reload');
    expect(logs).toHaveLength(2);
    expect(logs[0]).toMatchObject({ user: bot.fake.user.id, guild: bot.fake.guilds[0]!.id, result: 'reloaded', changed: true });
    expect(logs[1]).toMatchObject({ user: bot.fake.user.id, result: 'rejected', issues: expect.any(Number) });
    // The curator logged the reason it was given, naming who asked.
    expect(bot.logs().some((l) => l.reason === `discord /reload by ${bot.fake.user.id}` && Array.isArray(l.issues))).toBe(true);
  });

  it('the English reload text is the curator’s own summary; other languages translate it', () => {
    const ok = { ok: true as const, version: 'abc123', topics: 18, changed: false };
    const bad = { ok: false as const, issues: Array.from({ length: 7 }, (_, i) => ({ file: `data/topics/t${i}.yaml`, path: i ? 'facts.0.value' : '', message: 'Required' })) };
    expect(reloadText(ok, 'en')).toBe(describeReload(ok));
    expect(reloadText(bad, 'en')).toBe(describeReload(bad));
    expect(reloadText(bad, 'ru')).toContain('• data/topics/t0.yaml: (файл целиком): Required');
    expect(reloadText(bad, 'fa')).toContain('۲ مورد دیگر');
  });

  it('/unanswered shows the report in an ephemeral code block that nothing in a question can break out of', async () => {
    bot = await startBot({ env: { RATE_LIMIT_PER_MINUTE: '1000' } });
    for (const question of ['what is the best pizza recipe?', 'What is the best pizza recipe', 'Как приготовить вкусную пиццу дома?', 'tell me a joke ``` **not code** ```']) {
      await bot.fake.waitForResponse(bot.fake.slash('ask', ask(question)));
    }
    const answer = await bot.fake.waitForResponse(bot.fake.slash('ask', ask('how much gas will russia send iran?')));
    const up = buttonsOf(answer.data).find((b) => parseCustomId(b.custom_id)?.kind === 'feedback');
    await bot.fake.waitForResponse(bot.fake.component(up.custom_id));

    const { type, data } = await bot.fake.waitForResponse(bot.fake.slash('unanswered'));
    expect(type).toBe(4);
    expect(data.flags & EPHEMERAL).toBe(EPHEMERAL);
    const content: string = data.content;
    expect(content.length).toBeLessThanOrEqual(2000);
    expect(content.startsWith('```\n')).toBe(true);
    expect(content.endsWith('\n```')).toBe(true);
    expect(content.match(/```/g)).toHaveLength(2); // the question's fences cannot close the block
    expect(content).toContain('Top unanswered questions');
    expect(content).toMatch(/×2 "What is the best pizza recipe/i);
    expect(content).toContain('Как приготовить вкусную пиццу дома?');
    expect(content).toContain('Natural gas partnership: 1 / 0 (100% helpful)');
    expect(data.allowed_mentions).toEqual({ parse: [] });
    await bot.waitForLog((l) => l.msg === 'moderator command' && l.command === '/unanswered');
    expect(commandLogs('/unanswered')).toEqual([expect.objectContaining({ result: 'sent', user: bot.fake.user.id, guild: bot.fake.guilds[0]!.id })]);
  });

  it('outside a server (a stale registration) both refuse in the user’s language, logged once each', async () => {
    bot = await startBot();
    for (const command of ['reload', 'unanswered']) {
      const { data } = await bot.fake.waitForResponse(bot.fake.slash(command, [], { dm: true, locale: 'ru' }));
      expect(data.content).toBe(ru.discordGuildOnly(`/${command}`));
      expect(data.flags & EPHEMERAL).toBe(EPHEMERAL);
      await bot.waitForLog((l) => l.command === `/${command}`);
      expect(commandLogs(`/${command}`)).toEqual([expect.objectContaining({ result: 'not-in-guild' })]);
    }
    expect(en.discordGuildOnly('/reload')).toBe('/reload works only in a server.');
  });
});

describe('DISCORD_MODERATOR_GUILD_IDS: /reload and /unanswered only in the operators’ servers', () => {
  const OPERATORS = FAKE_GUILD_ID;
  const COMMUNITY = '200000000000000777';
  const guilds: FakeGuild[] = [
    { id: OPERATORS, name: 'Operators', channels: [{ id: '400000000000000001', name: 'general' }] },
    { id: COMMUNITY, name: 'Community', channels: [{ id: '400000000000000777', name: 'general' }] },
  ];
  let bot: Bot;
  afterEach(() => bot?.stop());
  const commandLogs = (command: string) => bot.logs().filter((l) => l.msg === 'moderator command' && l.command === command);
  const openWarnings = () => bot.logs().filter((l) => l.level === 40 && /DISCORD_MODERATOR_GUILD_IDS is not set/.test(l.msg));

  it('set: another server’s moderators are refused, privately and in their language, and nothing is reloaded or shown', async () => {
    bot = await startBot({ env: { DISCORD_MODERATOR_GUILD_IDS: OPERATORS }, fake: { guilds } });
    for (const [command, locale, ui] of [['reload', 'ru', ru], ['unanswered', 'en-US', en]] as const) {
      const { type, data } = await bot.fake.waitForResponse(bot.fake.slash(command, [], { guildId: COMMUNITY, locale }));
      expect(type).toBe(4);
      expect(data.flags & EPHEMERAL).toBe(EPHEMERAL);
      expect(data.content).toBe(ui.discordModeratorGuildOnly(`/${command}`));
      await bot.waitForLog((l) => l.msg === 'moderator command' && l.command === `/${command}`);
      expect(commandLogs(`/${command}`)).toEqual([expect.objectContaining({ result: 'not-moderator-guild', guild: COMMUNITY, user: bot.fake.user.id })]);
    }
    expect(bot.logs().some((l) => typeof l.reason === 'string' && l.reason.startsWith('discord /reload'))).toBe(false);
    expect(en.discordModeratorGuildOnly('/reload')).toMatch(/^\/reload is not available in this server: /);

    // In the operators' server they work.
    const { data } = await bot.fake.waitForResponse(bot.fake.slash('unanswered', [], { guildId: OPERATORS }));
    expect(data.content).toContain('Top unanswered questions');
    await bot.waitForLog((l) => l.msg === 'moderator command' && l.result === 'sent');
    expect(commandLogs('/unanswered').map((l) => [l.guild, l.result])).toEqual([
      [COMMUNITY, 'not-moderator-guild'],
      [OPERATORS, 'sent'],
    ]);
    // Everyone else's commands answer everywhere.
    const answer = await bot.fake.waitForResponse(bot.fake.slash('ask', ask('how much gas will russia send iran?'), { guildId: COMMUNITY }));
    expect(answer.data.embeds[0].description).toContain('55');
    expect(openWarnings()).toEqual([]);
  });

  it('unset: every server’s moderators may use them, and the start-up log warns once', async () => {
    bot = await startBot({ fake: { guilds } });
    expect(openWarnings()).toHaveLength(1);
    expect(openWarnings()[0]).toMatchObject({ adapter: 'discord', setting: 'DISCORD_MODERATOR_GUILD_IDS' });
    const { data } = await bot.fake.waitForResponse(bot.fake.slash('unanswered', [], { guildId: COMMUNITY }));
    expect(data.content).toContain('Top unanswered questions');
    await bot.waitForLog((l) => l.msg === 'moderator command' && l.result === 'sent');
    expect(openWarnings()).toHaveLength(1);
  });
});
