/**
 * Shards per process: `npm run bench:shards -- [--shards 1,2,4,8,16] [--of 16]`.
 *
 * Runs the bot as `npm start` does (its own process, tsx) against the local
 * fake Discord gateway with DISCORD_SHARDS=0-(k-1) of DISCORD_SHARD_COUNT and
 * a SQLite store holding a pre-built model (built once by a first process, as
 * a deployment's first start does), and measures for each k: start to every
 * shard READY, READY to the first answer (an /ask sent the moment READY is
 * logged), and resident memory once 50 questions spread over the shards were
 * answered (the smallest of 16 samples over 4 s). Memory per additional shard
 * is the slope against k = 1 (which is
 * also what one ShardingManager process per shard costs, each).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { FAKE_APP_ID, FAKE_TOKEN, startFakeDiscord } from '../test/fakes/discord-gateway.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => (args.includes(name) ? args[args.indexOf(name) + 1]! : fallback);
const counts = option('--shards', '1,2,4,8,16').split(',').map(Number);
const of = Number(option('--of', '16'));
/** Guilds each shard holds (each with 10 text channels), so a shard's cost includes a cache, not only its connection. */
const GUILDS_PER_SHARD = Number(option('--guilds', '100'));
const STRING = 3;

const guildOn = (shard: number, k: number) => ((BigInt(40_000_000_000 + k) * BigInt(of) + BigInt(shard)) << 22n).toString();
const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

function bot(env: Record<string, string>): {
  child: ChildProcess;
  lines: Array<Record<string, any>>;
  waitFor(msg: string, n?: number): Promise<Record<string, any>>;
} {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/entry/main.ts'], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const lines: Array<Record<string, any>> = [];
  const waiters: Array<{ msg: string; n: number; resolve: (e: Record<string, any>) => void }> = [];
  let partial = '';
  child.stderr!.on('data', (chunk) => {
    const parts = (partial + String(chunk)).split('\n');
    partial = parts.pop() ?? '';
    for (const line of parts.filter((l) => l.startsWith('{'))) {
      const entry = JSON.parse(line) as Record<string, any>;
      entry.seen = performance.now();
      lines.push(entry);
      for (const w of [...waiters]) if (lines.filter((l) => l.msg === w.msg).length >= w.n) waiters.splice(waiters.indexOf(w), 1) && w.resolve(entry);
    }
  });
  return {
    child,
    lines,
    waitFor: (msg, n = 1) =>
      new Promise((resolve) => {
        if (lines.filter((l) => l.msg === msg).length >= n) resolve(lines.filter((l) => l.msg === msg)[n - 1]!);
        else waiters.push({ msg, n, resolve });
      }),
  };
}

const dir = mkdtempSync(join(tmpdir(), 'bench-shards-'));
const DB_PATH = join(dir, 'bot.db');
const base = {
  DISCORD_TOKEN: FAKE_TOKEN,
  DISCORD_APPLICATION_ID: FAKE_APP_ID,
  DB_PATH,
  WATCH_DATA: 'false',
  LOG_LEVEL: 'info',
  RATE_LIMIT_PER_MINUTE: '10000',
};
let trainedStartMs = 0;
const rows: Array<{ shards: number; startToReadyMs: number; importMs: number; readyToFirstAnswerMs: number; rssMb: number }> = [];
try {
  // A first start builds and stores the model, as a deployment's first process does.
  {
    const fake = await startFakeDiscord({ shards: 1, maxConcurrency: 16 });
    const started = performance.now();
    const first = bot({ ...base, DISCORD_API_BASE: fake.apiBase });
    const ready = await first.waitFor('discord ready');
    trainedStartMs = Math.round(ready.seen - started);
    first.child.kill('SIGTERM');
    await new Promise((r) => first.child.once('exit', r));
    await fake.close();
  }
  for (const k of counts) {
    const guilds = Array.from({ length: k * GUILDS_PER_SHARD }, (_, i) => ({
      id: guildOn(i % k, i),
      name: `g${i}`,
      channels: Array.from({ length: 10 }, (_, c) => ({ id: `4${String(c)}${String(i).padStart(16, '0')}`, name: c === 0 ? 'general' : `channel-${c}` })),
    }));
    const fake = await startFakeDiscord({ shards: of, maxConcurrency: 16, guilds });
    const started = performance.now();
    const b = bot({ ...base, DISCORD_API_BASE: fake.apiBase, DISCORD_SHARDS: k === 1 ? '0' : `0-${k - 1}`, DISCORD_SHARD_COUNT: String(of) });
    const ready = await b.waitFor('discord ready');
    const first = fake.slash('ask', [{ name: 'question', type: STRING, value: 'how much gas will russia send?' }], {
      guildId: guilds.at(-1)!.id,
      channelId: guilds.at(-1)!.channels[0]!.id,
    });
    await fake.waitForResponse(first, 10_000);
    const answered = performance.now();
    for (let i = 0; i < 50; i += 1) {
      const g = guilds[i % guilds.length]!;
      await fake.waitForResponse(
        fake.slash('ask', [{ name: 'question', type: STRING, value: `what does the treaty say about nuclear energy ${i}?` }], {
          guildId: g.id,
          channelId: g.channels[0]!.id,
        }),
        10_000,
      );
    }
    // The smallest of 16 samples over 4 s: resident memory between collections, not at a garbage peak (a bench, not a test).
    const samples: number[] = [];
    for (let i = 0; i < 16; i += 1) {
      await new Promise((r) => setTimeout(r, 250));
      samples.push(rssMb(b.child.pid!));
    }
    const rss = Math.min(...samples);
    const at = (msg: string) => b.lines.find((l) => l.msg === msg)?.time as number;
    rows.push({
      shards: k,
      startToReadyMs: Math.round(ready.seen - started),
      importMs: at('knowledge base imported from the store (not trained)') - at('store opened'),
      readyToFirstAnswerMs: Math.round(answered - ready.seen),
      rssMb: Math.round(rss),
    });
    b.child.kill('SIGTERM');
    await new Promise((r) => b.child.once('exit', r));
    await fake.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const one = rows.find((r) => r.shards === 1);
console.log(
  `Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}; shards of ${of}, ${GUILDS_PER_SHARD} guilds of 10 channels each`,
);
console.log(`First start (no stored model: trains, stores the build): start → READY ${trainedStartMs} ms. Every row below imports the stored build.`);
console.log(
  '| shards in the process | start → all READY ms | of which: load data + import model ms | READY → first answer ms | RSS MB | MB per shard beyond the first |',
);
console.log('|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  const per = one && r.shards > 1 ? ((r.rssMb - one.rssMb) / (r.shards - 1)).toFixed(1) : '—';
  console.log(`| ${r.shards} | ${r.startToReadyMs} | ${r.importMs} | ${r.readyToFirstAnswerMs} | ${r.rssMb} | ${per} |`);
}
