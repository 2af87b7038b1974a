/**
 * Shards per process, ours against discord-hybrid-sharding:
 * `npm run bench:hybrid -- [--of 16] [--layouts 1,4,16]`.
 *
 * For each layout (16 shards in 1, 4 or 16 processes) it starts, against the
 * local fake gateway (100 guilds of 10 channels per shard) and a SQLite store
 * holding a pre-built model:
 *  - ours: that many `npm start` processes, each with its DISCORD_SHARDS range;
 *  - hybrid: discord-hybrid-sharding's ClusterManager forking that many clusters
 *    (bench/hybrid-cluster.ts: the same bot, the cluster's shard list as range);
 * waits until every shard answers an /ask, then sums the resident memory of the
 * bot processes (the smallest of 16 samples over 4 s each; hybrid's manager is
 * this bench's own process and is not counted).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ClusterManager } from 'discord-hybrid-sharding';
import { FAKE_APP_ID, FAKE_TOKEN, type FakeDiscord, startFakeDiscord } from '../test/fakes/discord-gateway.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => (args.includes(name) ? args[args.indexOf(name) + 1]! : fallback);
const of = Number(option('--of', '16'));
const layouts = option('--layouts', '1,4,16').split(',').map(Number);
const GUILDS_PER_SHARD = 100;
const STRING = 3;

const guildOn = (shard: number, i: number) => ((BigInt(40_000_000_000 + i) * BigInt(of) + BigInt(shard)) << 22n).toString();
const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

const dir = mkdtempSync(join(tmpdir(), 'bench-hybrid-'));
const env = {
  PATH: process.env.PATH ?? '',
  DISCORD_TOKEN: FAKE_TOKEN,
  DISCORD_APPLICATION_ID: FAKE_APP_ID,
  DB_PATH: join(dir, 'bot.db'),
  WATCH_DATA: 'false',
  LOG_LEVEL: 'warn',
  RATE_LIMIT_PER_MINUTE: '10000',
};

async function fakeWithGuilds(): Promise<{ fake: FakeDiscord; firstGuildOf: string[] }> {
  const guilds = Array.from({ length: of * GUILDS_PER_SHARD }, (_, i) => ({
    id: guildOn(i % of, i),
    name: `g${i}`,
    channels: Array.from({ length: 10 }, (_, c) => ({ id: `4${String(c)}${String(i).padStart(16, '0')}`, name: c === 0 ? 'general' : `channel-${c}` })),
  }));
  return { fake: await startFakeDiscord({ shards: of, maxConcurrency: of, guilds }), firstGuildOf: guilds.slice(0, of).map((g) => g.id) };
}

/** Every shard answers one /ask (each shard's first guild). */
async function everyShardAnswers(fake: FakeDiscord, firstGuildOf: string[]): Promise<void> {
  await fake.waitForIdentify(of, 180_000);
  for (const [i, guildId] of firstGuildOf.entries()) {
    const channelId = `40${String(i).padStart(16, '0')}`;
    await fake.waitForResponse(
      fake.slash('ask', [{ name: 'question', type: STRING, value: 'how much gas will russia send?' }], { guildId, channelId }),
      30_000,
    );
  }
}

async function settledRss(pids: number[]): Promise<number> {
  const lowest = new Map<number, number>();
  for (let i = 0; i < 16; i += 1) {
    await pause(250);
    for (const pid of pids) lowest.set(pid, Math.min(lowest.get(pid) ?? Infinity, rssMb(pid)));
  }
  return [...lowest.values()].reduce((a, b) => a + b, 0);
}

const ranges = (processes: number) => Array.from({ length: processes }, (_, p) => [(p * of) / processes, ((p + 1) * of) / processes - 1] as const);

async function ours(processes: number): Promise<number> {
  const { fake, firstGuildOf } = await fakeWithGuilds();
  const children: ChildProcess[] = ranges(processes).map(([from, to]) =>
    spawn(process.execPath, ['--import', 'tsx', 'src/entry/main.ts'], {
      env: { ...env, DISCORD_API_BASE: fake.apiBase, DISCORD_SHARDS: from === to ? String(from) : `${from}-${to}`, DISCORD_SHARD_COUNT: String(of) },
      stdio: 'ignore',
    }),
  );
  await everyShardAnswers(fake, firstGuildOf);
  const rss = await settledRss(children.map((c) => c.pid!));
  for (const c of children) c.kill('SIGTERM');
  await Promise.all(children.map((c) => new Promise((r) => (c.exitCode === null ? c.once('exit', r) : r(null)))));
  await fake.close();
  return rss;
}

async function hybrid(processes: number): Promise<number> {
  const { fake, firstGuildOf } = await fakeWithGuilds();
  Object.assign(process.env, { ...env, DISCORD_API_BASE: fake.apiBase });
  const manager = new ClusterManager(fileURLToPath(new URL('./hybrid-cluster.ts', import.meta.url)), {
    totalShards: of,
    totalClusters: processes,
    mode: 'process',
    respawn: false,
    token: FAKE_TOKEN,
    execArgv: ['--import', 'tsx'],
    clusterOptions: { stdio: ['ignore', 'ignore', 'ignore', 'ipc'] } as never,
  });
  process.removeAllListeners('warning'); // its "delay < 7 s" warning: the fake has no identify limit to respect
  await manager.spawn({ delay: 100, timeout: -1 });
  await everyShardAnswers(fake, firstGuildOf);
  const pids = [...manager.clusters.values()].map((c) => (c.thread as unknown as { process: ChildProcess }).process.pid!);
  const rss = await settledRss(pids);
  for (const c of manager.clusters.values()) c.kill({ force: true });
  await pause(500);
  await fake.close();
  return rss;
}

try {
  // A first start builds and stores the model, as a deployment's first process does.
  const first = await fakeWithGuilds();
  const builder = spawn(process.execPath, ['--import', 'tsx', 'src/entry/main.ts'], { env: { ...env, DISCORD_API_BASE: first.fake.apiBase }, stdio: 'ignore' });
  await first.fake.waitForIdentify(1, 120_000);
  builder.kill('SIGTERM');
  await new Promise((r) => builder.once('exit', r));
  await first.fake.close();

  console.log(
    `Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}; ${of} shards of ${GUILDS_PER_SHARD} guilds (10 channels each)`,
  );
  console.log('| processes | shards each | ours: total RSS MB | discord-hybrid-sharding: total RSS MB (clusters) |');
  console.log('|---:|---:|---:|---:|');
  for (const processes of layouts) {
    const a = await ours(processes);
    const b = await hybrid(processes);
    console.log(`| ${processes} | ${of / processes} | ${Math.round(a)} | ${Math.round(b)} |`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
