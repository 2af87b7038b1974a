import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeBotApi } from '../fakes/telegram-bot-api.js';
import { messageUpdate, privateChat, textMessage, user } from '../fakes/telegram-updates.js';

describe('npm start with TELEGRAM_BOT_TOKEN', () => {
  let fake: FakeBotApi | undefined;
  afterEach(() => fake?.close());

  it('runs the Telegram adapter against TELEGRAM_API_ROOT, answers, and shuts down cleanly on SIGTERM', async () => {
    fake = await FakeBotApi.start();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/entry/main.ts'], {
      env: {
        PATH: process.env.PATH ?? '',
        ENV_FILE: '',
        TELEGRAM_BOT_TOKEN: fake.token,
        TELEGRAM_API_ROOT: fake.apiRoot,
        LOG_LEVEL: 'info',
        DB_PATH: '',
        WATCH_DATA: 'false',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c) => (stderr += String(c)));
    const exited = once(child, 'exit');
    try {
      await fake.waitForPoll();
      const alice = user(7001, 'Alice');
      const message = textMessage(privateChat(alice), alice, 'how much gas will russia send iran?');
      const reply = fake.waitFor('sendMessage', { timeoutMs: 15_000 });
      const { update_id } = fake.pushUpdate(messageUpdate(message));
      expect((await reply).plain).toContain('55');
      child.kill('SIGTERM');
      const [code] = await exited;
      expect(code).toBe(0);
      // The handled update was confirmed on the way out, so a restart will not answer it again.
      expect(fake.calls.some((c) => c.method === 'getUpdates' && c.params.offset === update_id + 1 && !c.params.timeout)).toBe(true);
      expect(stderr).not.toContain(fake.token);
      expect(stderr).toContain('Telegram bot receiving updates');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  it('keeps running through API faults mid-run (429, dropped connections on sends and polls): every question answered, clean exit', async () => {
    fake = await FakeBotApi.start();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/entry/main.ts'], {
      env: {
        PATH: process.env.PATH ?? '',
        ENV_FILE: '',
        TELEGRAM_BOT_TOKEN: fake.token,
        TELEGRAM_API_ROOT: fake.apiRoot,
        LOG_LEVEL: 'info',
        DB_PATH: '',
        WATCH_DATA: 'false',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (c) => (stderr += String(c)));
    child.stdout.on('data', (c) => (stdout += String(c)));
    const exited = once(child, 'exit');
    try {
      await fake.waitForPoll();
      fake.failNext('sendMessage', { error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } });
      fake.failNext('sendMessage', 'network');
      fake.failNext('getUpdates', 'network');
      const users = [user(7301, 'Ann'), user(7302, 'Ben', { language_code: 'fa' }), user(7303, 'Cy')];
      const questions = ['how much gas will russia send iran?', 'روسیه هر سال چند میلیارد متر مکعب گاز به ایران می‌فرستد؟', 'where was the treaty signed?'];
      const replies = users.map((u) => fake!.waitFor('sendMessage', { where: (p) => p.chat_id === u.id, timeoutMs: 15_000 }));
      users.forEach((u, i) => fake!.pushUpdate(messageUpdate(textMessage(privateChat(u), u, questions[i]!))));
      const texts = await Promise.all(replies.map(async (r) => (await r).plain ?? ''));
      expect(texts[0]).toContain('55');
      expect(texts[1]).toContain('۵۵');
      expect(texts[2]).toContain('Moscow');
      expect(
        fake.calls
          .filter((c) => !c.ok)
          .map((c) => `${c.method}:${c.status}`)
          .sort(),
      ).toEqual(['getUpdates:0', 'sendMessage:0', 'sendMessage:429']);
      expect(fake.callsOf('sendMessage')).toHaveLength(3);
      child.kill('SIGTERM');
      const [code] = await exited;
      expect(code).toBe(0);
      expect(`${stdout}${stderr}`).not.toMatch(/"level":(50|60)|Unhandled|uncaught/i);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
