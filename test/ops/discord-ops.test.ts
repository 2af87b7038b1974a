import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FAKE_APP_ID, FAKE_TOKEN, type FakeDiscord, startFakeDiscord } from '../fakes/discord-gateway.js';
import { OPTION } from '../discord/harness.js';
import { type BotProcess, sample, spawnBot } from '../support/bot-process.js';
import { whileStoreLocked } from '../support/store-lock.js';

let bot: BotProcess | undefined;
let fake: FakeDiscord | undefined;
let dir: string | undefined;
afterEach(async () => {
  bot?.kill('SIGKILL');
  await fake?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const env = (apiBase: string, extra: Record<string, string> = {}) => ({
  DISCORD_TOKEN: FAKE_TOKEN,
  DISCORD_APPLICATION_ID: FAKE_APP_ID,
  DISCORD_API_BASE: apiBase,
  OPS_PORT: '0',
  LOG_LEVEL: 'info',
  DB_PATH: '',
  WATCH_DATA: 'false',
  ...extra,
});
const ask = (f: FakeDiscord, question: string, guildId?: string) =>
  f.waitForResponse(f.slash('ask', [{ name: 'question', type: OPTION.string, value: question }], guildId ? { guildId } : {}), 15_000);

describe('operations server with Discord (OPS_PORT set)', () => {
  it('one process: /readyz is 503 until the shard is READY, 503 while it reconnects or the store is locked, 200 once resumed; /metrics counts the questions', async () => {
    fake = await startFakeDiscord();
    dir = await mkdtemp(join(tmpdir(), 'pb-ops-discord-'));
    const dbPath = join(dir, 'bot.db');
    const ready = fake.holdReady();
    bot = spawnBot('src/entry/main.ts', { env: env(fake.apiBase, { DB_PATH: dbPath }) });
    await ready.waitForPending(1, 30_000);
    const connecting = await bot.get('/readyz');
    expect(connecting.status).toBe(503);
    expect(connecting.json().reasons).toEqual(['discord: connecting to the gateway (not READY yet)']);

    ready.stop();
    await bot.waitForGet('/readyz', (r) => r.status === 200);
    const { data } = await ask(fake, 'how much gas');
    expect(data.embeds[0].description).toContain('55');

    const locked = await whileStoreLocked(dbPath, () => bot!.get('/readyz'));
    expect(locked.status).toBe(503);
    expect(locked.json().reasons).toEqual([expect.stringMatching(/^store: database not writable: database is locked/)]);
    expect((await bot.get('/readyz')).status).toBe(200);

    // The gateway drops the connection, and holds the RESUME: the shard is not ready until it has resumed.
    const resume = fake.holdResume();
    fake.disconnect(4000);
    await resume.waitForPending(1, 20_000);
    const down = await bot.get('/readyz');
    expect(down.status).toBe(503);
    expect(down.json().reasons).toEqual([expect.stringMatching(/^discord: shard 0 (disconnected|reconnecting)/)]);
    const resumed = fake.waitForResume(20_000);
    resume.stop();
    await resumed;
    await bot.waitForGet('/readyz', (r) => r.status === 200);

    const { body } = await bot.get('/metrics');
    expect(sample(body, 'partnership_questions_total', { outcome: 'answered', topic: 'gas', surface: 'discord' })).toBe(1);
    expect(sample(body, 'partnership_reply_seconds_count', { surface: 'discord', request: 'command' })).toBe(1);
    bot.kill('SIGTERM');
    expect((await bot.exited)[0]).toBe(0);
  }, 90_000);

  it('sharded: the manager’s /readyz waits for every shard process to be READY, /metrics adds up the shards, SIGHUP reloads every shard and SIGTERM stops them all (exit 0)', async () => {
    // Two guilds that fall on different shards of two.
    fake = await startFakeDiscord({
      shards: 2,
      maxConcurrency: 16,
      guilds: [
        { id: '200000000000000000', name: 'Shard zero', channels: [{ id: '400000000000000010', name: 'general' }] },
        { id: '200000000004194304', name: 'Shard one', channels: [{ id: '400000000000000011', name: 'general' }] },
      ],
    });
    dir = await mkdtemp(join(tmpdir(), 'pb-ops-shards-'));
    await cp('data', join(dir, 'data'), { recursive: true });
    const ready = fake.holdReady();
    const gatewayInfo = fake.hold({ method: 'GET', path: /^\/gateway\/bot$/ });
    bot = spawnBot('src/entry/sharding.ts', { env: env(fake.apiBase, { DATA_DIR: join(dir, 'data'), DB_PATH: join(dir, 'bot.db') }) });
    // A SIGHUP before any shard exists (the manager still asking how many): nothing to reload, and the manager lives on.
    await gatewayInfo.waitForPending(1, 30_000);
    bot.kill('SIGHUP');
    expect(await bot.waitForLog((l) => l.msg === 'SIGHUP: asking every shard to reload its data')).toMatchObject({ shards: [] });
    gatewayInfo.stop();
    // The manager spawns a shard once the one before is READY: 503 for both, then for the second only, then 200.
    await ready.waitForPending(1, 60_000);
    const waiting = await bot.get('/readyz');
    expect(waiting.status).toBe(503);
    expect(waiting.json().reasons).toEqual(['shard 0: discord: connecting to the gateway (not READY yet)', 'shard 1: no process']);
    ready.release(1);
    await ready.waitForPending(1, 60_000);
    const half = await bot.waitForGet('/readyz', (r) => r.status === 503 && JSON.parse(r.body).reasons.length === 1, 30_000);
    expect(half.json().reasons).toEqual(['shard 1: discord: connecting to the gateway (not READY yet)']);
    ready.stop();
    await bot.waitForGet('/readyz', (r) => r.status === 200, 60_000);
    expect(fake.identifies.map((i) => i.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);

    expect((await ask(fake, 'how much gas', '200000000000000000')).data.embeds[0].description).toContain('55');
    expect((await ask(fake, 'where was it signed', '200000000004194304')).data.embeds[0].description).toContain('Moscow');
    const { body } = await bot.get('/metrics');
    expect(sample(body, 'partnership_questions_total', { outcome: 'answered', topic: 'gas', surface: 'discord' })).toBe(1);
    expect(sample(body, 'partnership_reply_seconds_count', { surface: 'discord', request: 'command' })).toBe(2);
    expect(body).toMatch(/^partnership_knowledge_base_info\{version="[^"]+"\} 2$/m);

    // The shared database locked by another writer: every shard says its store is not writable.
    const locked = await whileStoreLocked(join(dir, 'bot.db'), () => bot!.get('/readyz'));
    expect(locked.status).toBe(503);
    expect(locked.json().reasons).toEqual([
      expect.stringMatching(/^shard 0: store: database not writable: database is locked/),
      expect.stringMatching(/^shard 1: store: database not writable: database is locked/),
    ]);
    expect((await bot.get('/readyz')).status).toBe(200);

    // SIGHUP on the manager: it stays up and every shard reloads the edited data.
    const gas = join(dir, 'data/topics/gas.yaml');
    await writeFile(gas, (await readFile(gas, 'utf8')).replace('of natural gas to Iran a year.', 'of natural gas to Iran a year (edited for the shards).'));
    const before = bot.logs().filter((l) => l.msg === 'data reloaded').length;
    bot.kill('SIGHUP');
    await bot.waitForLog(() => bot!.logs().filter((l) => l.msg === 'data reloaded').length >= before + 2, 60_000);
    expect(bot.child.exitCode).toBeNull();
    expect((await ask(fake, 'how much gas', '200000000004194304')).data.embeds[0].description).toContain('(edited for the shards)');
    expect((await bot.get('/readyz')).status).toBe(200);

    let closed = 0;
    const allClosed = new Promise<void>((resolve) => fake!.on('socket-closed', () => ++closed === 2 && resolve()));
    bot.kill('SIGTERM');
    expect((await bot.exited)[0]).toBe(0);
    await allClosed;
    expect(bot.output()).not.toContain(FAKE_TOKEN);
  }, 150_000);
});
