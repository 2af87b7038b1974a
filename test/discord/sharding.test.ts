import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, expect, it } from 'vitest';
import { FAKE_APP_ID, FAKE_TOKEN, startFakeDiscord } from '../fakes/discord-gateway.js';
import { OPTION } from './harness.js';

let manager: ChildProcess | undefined;
afterAll(() => {
  if (manager && manager.exitCode === null) manager.kill('SIGKILL');
});

it('`npm run start:sharded` spawns one TypeScript process per recommended shard; each answers its guilds and stops on SIGTERM', async () => {
  const fake = await startFakeDiscord({ shards: 2, maxConcurrency: 16 });
  try {
    const env = { PATH: process.env.PATH, DISCORD_TOKEN: FAKE_TOKEN, DISCORD_APPLICATION_ID: FAKE_APP_ID, DISCORD_API_BASE: fake.apiBase, LOG_LEVEL: 'warn', DB_PATH: '', WATCH_DATA: 'false' };
    manager = spawn(process.execPath, ['--import', 'tsx', 'src/adapters/discord/sharding.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    manager.stderr!.on('data', (chunk) => (stderr += String(chunk)));
    const exited = once(manager, 'exit');

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
    manager.kill('SIGTERM');
    const [code] = await exited;
    expect(code).toBe(0);
    await allClosed;
    expect(stderr).not.toContain(FAKE_TOKEN);
  } finally {
    await fake.close();
  }
}, 60_000);
