import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { FAKE_APP_ID, FAKE_TOKEN, startFakeDiscord } from '../test/fakes/discord-gateway.js';
import { FakeBotApi } from '../test/fakes/telegram-bot-api.js';
import { spawnBot } from '../test/support/bot-process.js';

/**
 * `npm run bench:startup [-- --runs N]`: start-up time and resident memory per process,
 * TypeScript under tsx (`npm start`) against the compiled JavaScript on plain node
 * (`npm run start:prod`; run `npm run build` first), side by side in one run,
 * alternating so that both see the same machine load.
 *  - one process, Telegram long polling against a local fake Bot API: milliseconds from
 *    spawn to the first 200 from /readyz, and RSS then and after answering 50 questions;
 *  - sharded Discord (two shards) against the fake gateway: RSS of the manager and of
 *    each shard process once /readyz is 200.
 * RSS is VmRSS from /proc (Linux). Prints a Markdown table.
 */
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 5;
const VARIANTS = [
  { name: 'tsx (npm start)', main: 'src/entry/main.ts', sharding: 'src/entry/sharding.ts', nodeArgs: [] as string[] },
  { name: 'compiled (start:prod)', main: 'dist/entry/main.js', sharding: 'dist/entry/sharding.js', nodeArgs: ['--enable-source-maps'] },
];

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? Number.NaN) / 1024;
const childrenOf = (pid: number) =>
  execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
    .split('\n')
    .map((s) => Number(s.trim()))
    .filter((n) => n > 0);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const range = (xs: number[], digits = 0) => `${median(xs).toFixed(digits)} (${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)})`;

async function telegramRun(variant: (typeof VARIANTS)[number]) {
  const fake = await FakeBotApi.start();
  const started = performance.now();
  const bot = spawnBot(variant.main, {
    nodeArgs: variant.nodeArgs,
    env: { TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, OPS_PORT: '0', LOG_LEVEL: 'info', DB_PATH: '', WATCH_DATA: 'false' },
  });
  try {
    await bot.opsPort(120_000);
    await bot.waitForGet('/readyz', (r) => r.status === 200, 120_000);
    const readyMs = performance.now() - started;
    const rssReady = rssMb(bot.child.pid!);
    for (let i = 0; i < 50; i += 1) {
      const from = { id: 10_000 + i, is_bot: false, first_name: 'U' };
      const reply = fake.waitFor('sendMessage', { where: (p) => p.chat_id === from.id, timeoutMs: 20_000 });
      fake.pushUpdate({
        message: {
          message_id: i + 1,
          date: 0,
          chat: { id: from.id, type: 'private', first_name: 'U' },
          from,
          text: i % 2 ? 'how much gas will russia send iran?' : 'where was it signed?',
        },
      });
      await reply;
    }
    const rssAnswered = rssMb(bot.child.pid!);
    return { readyMs, rssReady, rssAnswered };
  } finally {
    bot.kill('SIGTERM');
    await bot.exited;
    await fake.close();
  }
}

async function shardedRun(variant: (typeof VARIANTS)[number]) {
  const fake = await startFakeDiscord({ shards: 2, maxConcurrency: 16 });
  const started = performance.now();
  const bot = spawnBot(variant.sharding, {
    nodeArgs: variant.nodeArgs,
    env: {
      DISCORD_TOKEN: FAKE_TOKEN,
      DISCORD_APPLICATION_ID: FAKE_APP_ID,
      DISCORD_API_BASE: fake.apiBase,
      OPS_PORT: '0',
      LOG_LEVEL: 'info',
      DB_PATH: '',
      WATCH_DATA: 'false',
    },
  });
  try {
    await bot.waitForGet('/readyz', (r) => r.status === 200, 180_000);
    const readyMs = performance.now() - started;
    const shards = childrenOf(bot.child.pid!).map(rssMb);
    return { readyMs, manager: rssMb(bot.child.pid!), shards };
  } finally {
    bot.kill('SIGTERM');
    await bot.exited;
    await fake.close();
  }
}

const load = [loadavg()[0]!];
const tg = new Map(VARIANTS.map((v) => [v.name, [] as Awaited<ReturnType<typeof telegramRun>>[]]));
const sh = new Map(VARIANTS.map((v) => [v.name, [] as Awaited<ReturnType<typeof shardedRun>>[]]));
for (let i = 0; i < runs; i += 1) {
  for (const v of i % 2 ? [...VARIANTS].reverse() : VARIANTS) tg.get(v.name)!.push(await telegramRun(v));
  for (const v of i % 2 ? [...VARIANTS].reverse() : VARIANTS) sh.get(v.name)!.push(await shardedRun(v));
  load.push(loadavg()[0]!);
}

const cpu = cpus()[0]?.model ?? 'unknown CPU';
process.stdout.write(
  `Node ${process.version}, ${cpus().length} × ${cpu}, ${runs} runs of each, alternating; 1-minute load average ${Math.min(...load).toFixed(1)}–${Math.max(...load).toFixed(1)}\n\n`,
);
process.stdout.write('| process | variant | to /readyz 200, ms | RSS at ready, MB | RSS after 50 answers, MB |\n|:--|:--|--:|--:|--:|\n');
for (const v of VARIANTS) {
  const r = tg.get(v.name)!;
  process.stdout.write(
    `| one process, Telegram polling | ${v.name} | ${range(r.map((x) => x.readyMs))} | ${range(r.map((x) => x.rssReady))} | ${range(r.map((x) => x.rssAnswered))} |\n`,
  );
}
for (const v of VARIANTS) {
  const r = sh.get(v.name)!;
  process.stdout.write(`| sharding manager (2 shards) | ${v.name} | ${range(r.map((x) => x.readyMs))} | ${range(r.map((x) => x.manager))} | |\n`);
  process.stdout.write(`| each shard process | ${v.name} | | ${range(r.flatMap((x) => x.shards))} | |\n`);
}
