import { afterEach, expect, it } from 'vitest';
import { FAKE_APP_ID, FAKE_TOKEN, startFakeDiscord } from '../fakes/discord-gateway.js';
import { OPTION } from '../discord/harness.js';
import { type StartedBot as BotProcess, startBotProcess } from '../support/bot-process.js';
import { freshDatabase } from '../support/postgres.js';

/** A guild id that Discord's formula ((id >> 22) % count) puts on `shard`. */
const guildOn = (shard: number, count: number) => ((BigInt(40_000_000_000) * BigInt(count) + BigInt(shard)) << 22n).toString();
const channelOf = (shard: number) => `4100000000000000${10 + shard}`;

let bots: BotProcess[] = [];
afterEach(() => {
  for (const b of bots) if (b.child.exitCode === null) b.child.kill('SIGKILL');
  bots = [];
});

it('two processes run shards 0–1 and 2–3 of 4 against one gateway: every shard READY and answering, the model trained once', async () => {
  const guilds = [0, 1, 2, 3].map((shard) => ({
    id: guildOn(shard, 4),
    name: `Guild on shard ${shard}`,
    channels: [{ id: channelOf(shard), name: 'general' }],
  }));
  const fake = await startFakeDiscord({ shards: 4, maxConcurrency: 16, guilds });
  const database = await freshDatabase('shards');
  const env = (shards: string) => ({
    DISCORD_TOKEN: FAKE_TOKEN,
    DISCORD_APPLICATION_ID: FAKE_APP_ID,
    DISCORD_API_BASE: fake.apiBase,
    DISCORD_SHARDS: shards,
    DISCORD_SHARD_COUNT: '4',
    DATABASE_URL: database,
    ID_HASH_SECRET: 'shared-secret-for-every-host-0123',
    WATCH_DATA: 'false',
  });
  try {
    bots = [startBotProcess(env('0-1'), 'shards 0-1'), startBotProcess(env('2-3'), 'shards 2-3')];
    await fake.waitForIdentify(4, 90_000);
    expect(fake.identifies.map((i) => i.shard).sort((a, b) => a[0] - b[0])).toEqual([
      [0, 4],
      [1, 4],
      [2, 4],
      [3, 4],
    ]);
    for (const bot of bots) await bot.waitForLog((e) => e.msg === 'discord ready');
    for (const [shard, guild] of guilds.entries()) {
      const { data } = await fake.waitForResponse(
        fake.slash('ask', [{ name: 'question', type: OPTION.string, value: 'how much gas will russia send?' }], {
          guildId: guild.id,
          channelId: channelOf(shard),
        }),
        10_000,
      );
      expect(data.embeds[0].description, `shard ${shard}`).toContain('55');
    }
    const shardsReady = bots.map((b) =>
      b
        .logs()
        .filter((e) => e.msg === 'discord shard ready')
        .map((e) => e.shard)
        .sort(),
    );
    expect(shardsReady).toEqual([
      [0, 1],
      [2, 3],
    ]);
    // One of the two trained and stored the model; the other imported it.
    const imported = bots.filter((b) => b.logs().some((e) => e.msg === 'knowledge base imported from the store (not trained)'));
    expect(imported).toHaveLength(1);

    for (const bot of bots) bot.child.kill('SIGTERM');
    expect(await Promise.all(bots.map((b) => b.exited))).toEqual([0, 0]);
    for (const bot of bots) {
      expect(bot.stderr()).not.toContain(FAKE_TOKEN);
      expect(bot.stderr()).not.toContain(database);
    }
  } finally {
    await fake.close();
  }
}, 150_000);
