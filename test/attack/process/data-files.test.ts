import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BotProcess } from '../../../bench/load/bot-process.js';
import { FakeBotApi } from '../../fakes/telegram-bot-api.js';
import { messageUpdate, privateChat, textMessage, user } from '../../fakes/telegram-updates.js';
import { START_MS, telegramBot } from './spawn.js';

/**
 * Findings 1 and 2 of issue 16 in the running bot, with file watching on (the
 * default, so no command is needed): a 10 MB flat list, an alias bomb and a
 * named pipe dropped into data/topics. Each is rejected by itself, naming the
 * file; a moderator's /reload says so too; the bot keeps answering; and the
 * process's peak memory stays far under 1 GB (it reached 1.65 GB, then died).
 */
const MODERATOR = user(8_800_001, 'Mo');
const ALICE = user(8_800_002, 'Alice');
let fake: FakeBotApi;
let bot: BotProcess;
let dir: string;
let startPeak: number | undefined;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'attack-data-process-'));
  cpSync('data', join(dir, 'data'), { recursive: true });
  fake = await FakeBotApi.start();
  bot = await telegramBot(fake, {
    DATA_DIR: join(dir, 'data'),
    WATCH_DATA: 'true',
    TELEGRAM_MODERATOR_IDS: String(MODERATOR.id),
    DB_PATH: join(dir, 'bot.db'),
  });
  startPeak = bot.peakRssMb();
}, START_MS);
afterAll(async () => {
  await bot?.stop();
  await fake?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function say(from: typeof ALICE, text: string): Promise<string> {
  const reply = fake.waitFor('sendMessage', { where: (p) => p.chat_id === from.id, timeoutMs: 60_000 });
  fake.pushUpdate(messageUpdate(textMessage(privateChat(from), from, text)));
  return (await reply).plain ?? '';
}

/** Drops `write`'s file into data/topics, waits for the watcher's reload to reject it, asks /reload and a question, then removes it. */
async function attack(name: string, write: (path: string) => void): Promise<{ logged: Record<string, any>; reload: string; answer: string }> {
  const path = join(dir, 'data', 'topics', name);
  const logged = bot.waitForLog(
    (e) => /^data reload (rejected|timed out)/.test(String(e.msg)) && JSON.stringify(e.issues).includes(name),
    120_000,
    `the watcher rejecting ${name}`,
  );
  write(path);
  const result = { logged: await logged, reload: await say(MODERATOR, '/reload'), answer: await say(ALICE, 'how much gas will russia send iran?') };
  unlinkSync(path);
  return result;
}

describe('attack (process): hostile data files under file watching', { timeout: 300_000 }, () => {
  it('a 10 MB flat list is refused by the watcher’s reload and by /reload, naming the file; the bot answers', async () => {
    const { logged, reload, answer } = await attack('flood.yaml', (p) => writeFileSync(p, '- a\n'.repeat((10 * 1024 * 1024) / 4)));
    expect(JSON.stringify(logged.issues)).toMatch(/flood\.yaml.*over the limit of 512 KB per data file \(DATA_MAX_FILE_KB\)/);
    expect(reload).toMatch(/topics\/flood\.yaml: \(file\): is 10\.0 MB, over the limit/);
    expect(answer).toContain('55');
  });

  it('an alias bomb is refused, naming the file; the bot answers', async () => {
    const anchor = `a: &a [${Array.from({ length: 1000 }, () => '"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"').join(',')}]`;
    const { reload, answer } = await attack('bomb.yaml', (p) => writeFileSync(p, `${anchor}\nb: [${Array.from({ length: 2000 }, () => '*a').join(',')}]\n`));
    expect(reload).toMatch(/topics\/bomb\.yaml: \(file\): its aliases expand it beyond the limit/);
    expect(answer).toContain('55');
  });

  it('a named pipe is refused without hanging, naming the file; the bot answers', async () => {
    const { reload, answer } = await attack('pipe.yaml', (p) => execFileSync('mkfifo', [p]));
    expect(reload).toMatch(/topics\/pipe\.yaml: \(file\): is a named pipe, not a regular file/);
    expect(answer).toContain('55');
  });

  it('through all of it the process stayed far under 1 GB and never crashed', () => {
    const peak = bot.peakRssMb();
    expect(peak).toBeDefined();
    expect(peak!).toBeLessThan(1024);
    expect(bot.crashed()).toBe(false);
    // The figure, for docs/load.md.
    console.log(
      `peak resident memory: ${Math.round(startPeak ?? 0)} MB after start-up, ${Math.round(peak!)} MB through the data-file attacks (six builds in a worker thread)`,
    );
  });
});
