import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeBotApi } from '../fakes/telegram-bot-api.js';
import { messageUpdate, privateChat, textMessage, user } from '../fakes/telegram-updates.js';

let fake: FakeBotApi | undefined;
let dir: string | undefined;
afterEach(async () => {
  await fake?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('npm start: SIGHUP reload in a build thread', () => {
  it('reloads edited data through a worker thread under tsx, answers from it, and still exits cleanly on SIGTERM during a reload', {
    timeout: 90_000,
  }, async () => {
    dir = await mkdtemp(join(tmpdir(), 'pb-start-'));
    await cp('data', dir, { recursive: true });
    fake = await FakeBotApi.start();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/entry/main.ts'], {
      env: {
        PATH: process.env.PATH ?? '',
        ENV_FILE: '',
        TELEGRAM_BOT_TOKEN: fake.token,
        TELEGRAM_API_ROOT: fake.apiRoot,
        LOG_LEVEL: 'debug',
        DB_PATH: '',
        WATCH_DATA: 'false',
        DATA_DIR: dir,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c) => (stderr += String(c)));
    /** Resolves once the log so far matches `re` (checked after each chunk is appended above). */
    const logged = (re: RegExp) =>
      new Promise<void>((resolve) => {
        const check = () => {
          if (!re.test(stderr)) return;
          child.stderr.off('data', check);
          resolve();
        };
        child.stderr.on('data', check);
        check();
      });
    const exited = once(child, 'exit');
    try {
      await fake.waitForPoll();
      const gas = join(dir, 'topics/gas.yaml');
      await writeFile(gas, (await readFile(gas, 'utf8')).replace('of natural gas to Iran a year.', 'of natural gas to Iran a year (curated edit).'));
      const reloaded = logged(/"msg":"data reloaded"/);
      child.kill('SIGHUP');
      await reloaded;
      expect(stderr).toMatch(/data built in a worker thread/);
      expect(stderr).not.toMatch(/no build thread/);

      const alice = user(7101, 'Alice');
      const reply = fake.waitFor('sendMessage', { timeoutMs: 15_000 });
      fake.pushUpdate(messageUpdate(textMessage(privateChat(alice), alice, 'how much gas will russia send iran?')));
      expect((await reply).plain).toContain('(curated edit)');

      child.kill('SIGHUP');
      child.kill('SIGTERM');
      const [code] = await exited;
      expect(code).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
