import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandsJSON } from '../../src/adapters/discord/commands-json.js';
import { deployCommands } from '../../src/adapters/discord/deploy-commands.js';
import { t } from '../../src/core/i18n/index.js';
import { FAKE_APP_ID, FAKE_GUILD_ID, FAKE_TOKEN, type FakeDiscord, startFakeDiscord } from '../fakes/discord-gateway.js';
import { testConfig } from './harness.js';

/** Runs a script with tsx in a child process; async, so the fake in this process keeps answering. */
function run(script: string, env: Record<string, string | undefined>): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', script], { env, encoding: 'utf8' }, (err, stdout, stderr) => {
      resolve({ status: err ? Number(err.code ?? 1) : 0, stdout, stderr });
    });
  });
}

const ru = t('ru');
const ALL = ['help', 'topics', 'topic', 'ask', 'card', 'reload', 'unanswered'];
/** Without an operators' server, /reload (it acts on the bot everywhere) is registered nowhere. */
const EVERYWHERE = ['help', 'topics', 'topic', 'ask', 'card', 'unanswered'];
const MANAGE_MESSAGES = String(1n << 13n);
const GUILD_CONTEXT = 0;
const BOT_DM_CONTEXT = 1;

describe('deploy-commands against the fake REST', () => {
  let fake: FakeDiscord;
  beforeAll(async () => {
    fake = await startFakeDiscord();
  });
  afterAll(() => fake?.close());

  it('registers the core’s commands listed on Discord in one guild when DISCORD_GUILD_ID is set', async () => {
    const result = await deployCommands(testConfig(fake, { DISCORD_GUILD_ID: FAKE_GUILD_ID }));
    const call = fake.calls.at(-1)!;
    expect(call.method).toBe('PUT');
    expect(call.path).toBe(`/applications/${FAKE_APP_ID}/guilds/${FAKE_GUILD_ID}/commands`);
    expect(call.authorization).toBe(`Bot ${FAKE_TOKEN}`);
    expect(call.body).toEqual(commandsJSON({ moderatorGuildsOnly: false }));
    expect(result.scope).toBe('guild');
    expect(result.commands.map((c) => c.name)).toEqual(EVERYWHERE);
  });

  it('registers globally without DISCORD_GUILD_ID', async () => {
    const result = await deployCommands(testConfig(fake));
    expect(fake.calls.at(-1)!.path).toBe(`/applications/${FAKE_APP_ID}/commands`);
    expect(result.scope).toBe('global');
  });

  it('describes each command from its spec: option types by argument kind, permissions and contexts by privilege', () => {
    const byName = Object.fromEntries(commandsJSON().map((c: any) => [c.name, c]));
    const option = (command: string, name: string) => byName[command].options.find((o: any) => o.name === name);
    expect(option('ask', 'question')).toMatchObject({ type: 3, required: true, max_length: 1000 });
    expect(option('ask', 'private')).toMatchObject({ type: 5, required: false });
    expect(option('topic', 'topic')).toMatchObject({ type: 3, required: true, autocomplete: true, max_length: 100 });
    expect(byName.card.options.map((o: any) => [o.name, o.type, o.required])).toEqual([
      ['topic', 3, true],
      ['language', 3, false],
      ['image', 5, false],
      ['channel', 7, false], // without it, a preview for the channel the moderator is in
    ]);
    expect(option('card', 'topic')).toMatchObject({ autocomplete: true });
    expect(option('card', 'channel').channel_types).toEqual([0, 5]);
    expect(option('card', 'language').choices.map((c: any) => [c.name, c.value])).toEqual([
      ['English', 'en'],
      ['Russian', 'ru'],
      ['Persian', 'fa'],
    ]);
    expect(option('card', 'language').autocomplete).toBeUndefined();
    for (const name of ['card', 'reload', 'unanswered']) {
      expect(byName[name].default_member_permissions, name).toBe(MANAGE_MESSAGES);
      expect(byName[name].contexts, name).toEqual([GUILD_CONTEXT]);
    }
    expect(byName.reload.options ?? []).toEqual([]);
    expect(byName.unanswered.options ?? []).toEqual([]);
    for (const name of ['help', 'topics', 'topic', 'ask']) {
      expect(byName[name].default_member_permissions ?? null).toBeNull();
      expect(byName[name].contexts).toEqual([GUILD_CONTEXT, BOT_DM_CONTEXT]);
    }
    for (const command of Object.values<any>(byName)) {
      expect(command.name).toMatch(/^[a-z]{1,32}$/);
      expect(command.description.length).toBeGreaterThan(0);
      expect(command.description.length).toBeLessThanOrEqual(100);
      for (const o of command.options ?? []) expect(o.description.length).toBeLessThanOrEqual(100);
    }
  });

  it('`npm run deploy-commands` registers through DISCORD_API_BASE and reports; a missing token is named', async () => {
    const env = {
      PATH: process.env.PATH,
      ENV_FILE: '',
      DISCORD_TOKEN: FAKE_TOKEN,
      DISCORD_APPLICATION_ID: FAKE_APP_ID,
      DISCORD_GUILD_ID: FAKE_GUILD_ID,
      DISCORD_API_BASE: fake.apiBase,
    };
    const before = fake.calls.length;
    const [ok, missing] = await Promise.all([
      run('src/entry/deploy-commands.ts', env),
      run('src/entry/deploy-commands.ts', { PATH: process.env.PATH, ENV_FILE: '', DISCORD_API_BASE: fake.apiBase }),
    ]);
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('Registered 6 commands');
    expect(fake.calls.slice(before).map((c) => `${c.method} ${c.path}`)).toEqual([`PUT /applications/${FAKE_APP_ID}/guilds/${FAKE_GUILD_ID}/commands`]);

    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/DISCORD_TOKEN and DISCORD_APPLICATION_ID must be set/);
  });

  it('carries Russian localizations: every description, option names and descriptions, choice names (Discord has no Persian locale)', () => {
    const commands: any[] = commandsJSON();
    const name = /^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
    for (const command of commands) {
      expect(Object.keys(command.description_localizations), command.name).toEqual(['ru']);
      const localized = command.description_localizations.ru as string;
      expect(localized).toMatch(/\p{Script=Cyrillic}/u);
      expect(localized.length).toBeLessThanOrEqual(100);
      expect(command.name_localizations ?? null).toBeNull(); // command names stay English
      for (const o of command.options ?? []) {
        expect(o.name_localizations.ru, `${command.name} ${o.name}`).toMatch(name);
        expect(o.name_localizations.ru).toBe(o.name_localizations.ru.toLowerCase());
        expect(o.name_localizations.ru).toMatch(/\p{Script=Cyrillic}/u);
        expect(o.description_localizations.ru.length).toBeGreaterThan(0);
        expect(o.description_localizations.ru.length).toBeLessThanOrEqual(100);
        for (const c of o.choices ?? []) expect(c.name_localizations.ru).toMatch(/\p{Script=Cyrillic}/u);
      }
    }
    const byName = Object.fromEntries(commands.map((c) => [c.name, c]));
    expect(byName.ask.description_localizations.ru).toBe(ru.cmdAsk);
    expect(byName.reload.description_localizations.ru).toBe(ru.cmdReload);
    expect(byName.unanswered.description_localizations.ru).toBe(ru.cmdUnanswered);
    const question = byName.ask.options.find((o: any) => o.name === 'question');
    expect(question).toMatchObject({ name_localizations: { ru: ru.argQuestion }, description_localizations: { ru: ru.argQuestionInfo } });
    const language = byName.card.options.find((o: any) => o.name === 'language');
    expect(language.choices.map((c: any) => c.name_localizations.ru)).toEqual([ru.langEnglish, ru.langRussian, ru.langPersian]);
  });

  it('with DISCORD_MODERATOR_GUILD_IDS: the operator command (/reload) is registered only in those servers, the rest as before', async () => {
    const [a, b] = ['200000000000000101', '200000000000000102'];
    const before = fake.calls.length;
    const result = await deployCommands(testConfig(fake, { DISCORD_MODERATOR_GUILD_IDS: `${a},${b}` }));
    const calls = fake.calls.slice(before);
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      `PUT /applications/${FAKE_APP_ID}/commands`,
      `PUT /applications/${FAKE_APP_ID}/guilds/${a}/commands`,
      `PUT /applications/${FAKE_APP_ID}/guilds/${b}/commands`,
    ]);
    const names = (body: any[]) => body.map((c) => c.name);
    expect(names(calls[0]!.body)).toEqual(EVERYWHERE);
    for (const call of calls.slice(1)) {
      expect(names(call.body)).toEqual(['reload']);
      for (const command of call.body) {
        expect(command.default_member_permissions).toBe(MANAGE_MESSAGES);
        expect(command.contexts).toEqual([GUILD_CONTEXT]);
      }
    }
    expect(result.scope).toBe('global');
    expect(result.commands.map((c) => c.name)).toEqual(EVERYWHERE);
    expect(result.moderatorGuilds.map((d) => [d.guildId, d.scope, d.commands.map((c) => c.name)])).toEqual([
      [a, 'guild', ['reload']],
      [b, 'guild', ['reload']],
    ]);
  });

  it('with DISCORD_GUILD_ID among the moderator servers, that server gets every command and the others /reload', async () => {
    const other = '200000000000000103';
    const before = fake.calls.length;
    const result = await deployCommands(testConfig(fake, { DISCORD_GUILD_ID: FAKE_GUILD_ID, DISCORD_MODERATOR_GUILD_IDS: `${FAKE_GUILD_ID},${other}` }));
    const calls = fake.calls.slice(before);
    expect(calls.map((c) => [c.path, c.body.map((x: any) => x.name)])).toEqual([
      [`/applications/${FAKE_APP_ID}/guilds/${FAKE_GUILD_ID}/commands`, ALL],
      [`/applications/${FAKE_APP_ID}/guilds/${other}/commands`, ['reload']],
    ]);
    expect(result.scope).toBe('guild');
    expect(result.moderatorGuilds.map((d) => d.guildId)).toEqual([other]);

    // A development server that is not a moderator server gets everything but /reload.
    const next = fake.calls.length;
    await deployCommands(testConfig(fake, { DISCORD_GUILD_ID: FAKE_GUILD_ID, DISCORD_MODERATOR_GUILD_IDS: other }));
    expect(fake.calls.slice(next).map((c) => [c.path, c.body.length])).toEqual([
      [`/applications/${FAKE_APP_ID}/guilds/${FAKE_GUILD_ID}/commands`, 6],
      [`/applications/${FAKE_APP_ID}/guilds/${other}/commands`, 1],
    ]);
  });

  it('names DISCORD_MODERATOR_GUILD_IDS and the server when the application cannot register there', async () => {
    const missing = '200000000000000104';
    fake.fail({ method: 'PUT', path: new RegExp(`/guilds/${missing}/commands$`), status: 403, code: 50001, message: 'Missing Access' });
    await expect(deployCommands(testConfig(fake, { DISCORD_MODERATOR_GUILD_IDS: missing }))).rejects.toThrow(
      new RegExp(`cannot register commands in DISCORD_MODERATOR_GUILD_IDS server ${missing}: .*Missing Access.*applications\\.commands`),
    );
  });

  it('names DISCORD_TOKEN when Discord rejects it', async () => {
    const strict = await startFakeDiscord({ token: 'MTAwMDAwMDAwMDAwMDAwMDAy.OtHeR1.the-token-the-fake-expects_0123456789' });
    try {
      await expect(deployCommands(testConfig(strict))).rejects.toThrow(/DISCORD_TOKEN was rejected/);
    } finally {
      await strict.close();
    }
  });

  it('`npm run deploy-commands` also reports the operators’ servers it registered /reload in', async () => {
    const moderatorGuild = '900000000000000077';
    const env = {
      PATH: process.env.PATH,
      ENV_FILE: '',
      DISCORD_TOKEN: FAKE_TOKEN,
      DISCORD_APPLICATION_ID: FAKE_APP_ID,
      DISCORD_MODERATOR_GUILD_IDS: moderatorGuild,
      DISCORD_API_BASE: fake.apiBase,
    };
    const ok = await run('src/entry/deploy-commands.ts', env);
    expect(ok.stderr).toBe('');
    expect(ok.stdout).toMatch(/^Registered \d+ commands globally/m);
    expect(ok.stdout).not.toMatch(/^Registered \d+ commands globally.*\/reload/m);
    expect(ok.stdout).toMatch(new RegExp(`^Registered 1 operator commands in guild ${moderatorGuild}: /reload$`, 'm'));
  });
});
