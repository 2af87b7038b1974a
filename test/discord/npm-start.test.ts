import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { expect, it } from 'vitest';
import { FAKE_APP_ID, FAKE_TOKEN, startFakeDiscord } from '../fakes/discord-gateway.js';
import { OPTION } from './harness.js';

it('`npm start` with DISCORD_TOKEN runs the Discord adapter against DISCORD_API_BASE and shuts down cleanly on SIGTERM', async () => {
  const fake = await startFakeDiscord();
  const env = { PATH: process.env.PATH, DISCORD_TOKEN: FAKE_TOKEN, DISCORD_APPLICATION_ID: FAKE_APP_ID, DISCORD_API_BASE: fake.apiBase, LOG_LEVEL: 'info', DB_PATH: '', WATCH_DATA: 'false' };
  const bot = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  bot.stderr!.on('data', (chunk) => (log += String(chunk)));
  bot.stdout!.on('data', (chunk) => (log += String(chunk)));
  const exited = once(bot, 'exit');
  try {
    await fake.waitForIdentify(1, 30_000);
    const { data } = await fake.waitForResponse(fake.slash('ask', [{ name: 'question', type: OPTION.string, value: 'how much gas' }]), 10_000);
    expect(data.embeds[0].description).toContain('55');

    const closed = once(fake, 'socket-closed');
    bot.kill('SIGTERM');
    expect((await exited)[0]).toBe(0);
    await closed;
    expect(log).toContain('discord ready');
    expect(log).not.toContain(FAKE_TOKEN);
    expect(log).not.toContain(fake.interactions[0]!.token);
  } finally {
    if (bot.exitCode === null) bot.kill('SIGKILL');
    await fake.close();
  }
}, 60_000);
