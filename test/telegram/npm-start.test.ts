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
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: {
        PATH: process.env.PATH ?? '',
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
});
