import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { openStore } from '../../src/store/open-store.js';
import { type BotProcess, spawnBot } from '../support/bot-process.js';
import { capturingLogger } from '../support/log.js';

const TOKEN = 'console-desk-token-abcdefghijklmnop';
let dir: string;
let bot: BotProcess | undefined;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pb-console-record-'));
});
afterEach(() => bot?.kill('SIGKILL'));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('the console chat records when asked (npm start -- --record)', { timeout: 60_000 }, () => {
  it('records into DB_PATH like the other surfaces, and the desk (DESK_TOKEN) shows it to the token only', async () => {
    const dbPath = join(dir, 'recorded.db');
    bot = spawnBot('src/entry/main.ts', {
      args: ['--record'],
      env: { OPS_PORT: '0', DESK_TOKEN: TOKEN, DB_PATH: dbPath, LOG_LEVEL: 'info', WATCH_DATA: 'false' },
      stdin: 'pipe',
    });
    await bot.waitForGet('/readyz', (r) => r.status === 200);
    bot.child.stdin!.write("what's the weather like?\nhow much gas will russia send iran?\n");
    await bot.waitForOutput(/outside it[\s\S]*55 billion/);
    const port = await bot.opsPort();
    expect((await fetch(`http://127.0.0.1:${port}/desk`)).status).toBe(401);
    const desk = await fetch(`http://127.0.0.1:${port}/desk`, { headers: { 'x-desk-token': TOKEN } });
    expect(desk.status).toBe(200);
    const html = await desk.text();
    expect(html).toContain('id="questions">2<');
    expect(html).toMatch(/what&#39;s the weather like\?/);
    bot.child.stdin!.end();
    expect((await bot.exited)[0]).toBe(0);
    expect(bot.output()).not.toContain(TOKEN);

    const store = await openStore(loadConfig({ DB_PATH: dbPath, LOG_LEVEL: 'silent' }), capturingLogger().logger, { secret: 'test-id-secret-0123456789' });
    expect((await store.analytics()).map((r) => [r.surface, r.lang, r.topic, r.asked, r.answered, r.declined])).toEqual([
      ['console', 'en', '', 1, 0, 1],
      ['console', 'en', 'gas', 1, 1, 0],
    ]);
    expect((await store.inbox()).map((i) => [i.example, i.surfaces])).toEqual([["what's the weather like?", ['console']]]);
    await store.close();
  });

  it('without the flag records nothing on disk', async () => {
    const dbPath = join(dir, 'not-recorded.db');
    bot = spawnBot('src/entry/main.ts', { env: { DB_PATH: dbPath, LOG_LEVEL: 'info', WATCH_DATA: 'false' }, stdin: 'pipe' });
    bot.child.stdin!.end("what's the weather like?\n");
    expect((await bot.exited)[0]).toBe(0);
    expect(bot.output()).toMatch(/outside it/);
    expect(existsSync(dbPath)).toBe(false);
  });
});
