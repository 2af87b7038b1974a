import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, expect, it } from 'vitest';
import { FAKE_APP_ID, FAKE_TOKEN, startFakeDiscord } from '../fakes/discord-gateway.js';
import { OPTION } from './harness.js';

/** The entry points as `npm start` and `npm run start:sharded` run them, in child processes against the fake. */
let child: ChildProcess | undefined;
afterEach(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
});

const envFor = (apiBase: string, level: string) => ({
  PATH: process.env.PATH,
  ENV_FILE: '',
  DISCORD_TOKEN: FAKE_TOKEN,
  DISCORD_APPLICATION_ID: FAKE_APP_ID,
  DISCORD_API_BASE: apiBase,
  LOG_LEVEL: level,
  DB_PATH: '',
  WATCH_DATA: 'false',
});

it('`npm start` with DISCORD_TOKEN runs the Discord adapter against DISCORD_API_BASE and shuts down cleanly on SIGTERM', async () => {
  const fake = await startFakeDiscord();
  child = spawn(process.execPath, ['--import', 'tsx', 'src/entry/main.ts'], { env: envFor(fake.apiBase, 'info'), stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stderr!.on('data', (chunk) => (log += String(chunk)));
  child.stdout!.on('data', (chunk) => (log += String(chunk)));
  const exited = once(child, 'exit');
  try {
    await fake.waitForIdentify(1, 30_000);
    const { data } = await fake.waitForResponse(fake.slash('ask', [{ name: 'question', type: OPTION.string, value: 'how much gas' }]), 10_000);
    expect(data.embeds[0].description).toContain('55');

    const closed = once(fake, 'socket-closed');
    child.kill('SIGTERM');
    expect((await exited)[0]).toBe(0);
    await closed;
    expect(log).toContain('discord ready');
    expect(log).not.toContain(FAKE_TOKEN);
    expect(log).not.toContain(fake.interactions[0]!.token);
  } finally {
    await fake.close();
  }
}, 60_000);

it('`npm run start:sharded` spawns one TypeScript process per recommended shard; each answers its guilds and stops on SIGTERM', async () => {
  const fake = await startFakeDiscord({ shards: 2, maxConcurrency: 16 });
  try {
    child = spawn(process.execPath, ['--import', 'tsx', 'src/entry/sharding.ts'], { env: envFor(fake.apiBase, 'warn'), stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (chunk) => (stderr += String(chunk)));
    const exited = once(child, 'exit');

    await fake.waitForIdentify(2, 30_000);
    expect(fake.identifies.map((i) => i.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(fake.calls.filter((c) => c.path === '/gateway/bot').length).toBeGreaterThanOrEqual(3); // the manager's count, then each shard

    const { data } = await fake.waitForResponse(fake.slash('ask', [{ name: 'question', type: OPTION.string, value: 'how much gas' }]), 10_000);
    expect(data.embeds[0].description).toContain('55');

    let closed = 0;
    const allClosed = new Promise<void>((resolve) => fake.on('socket-closed', () => ++closed === 2 && resolve()));
    child.kill('SIGTERM');
    const [code] = await exited;
    expect(code).toBe(0);
    await allClosed;
    expect(stderr).not.toContain(FAKE_TOKEN);
  } finally {
    await fake.close();
  }
}, 60_000);
