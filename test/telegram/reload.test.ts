import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ru } from '../../src/core/i18n/ru.js';
import { privateChat } from '../fakes/telegram-updates.js';
import { MODERATOR, startTelegram, type TelegramTest } from './harness.js';

const MOD_RU = { ...MODERATOR, language_code: 'ru' };

/** In a file of its own: a successful reload swaps the data of the core this file's tests share. */
describe('Telegram /reload', () => {
  let tg: TelegramTest;
  let dir: string;
  afterEach(async () => {
    await tg.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  // A reload trains in a fresh worker thread: seconds on a busy machine, so its reply may take longer than a question's.
  const RELOAD_REPLY_MS = 30_000;
  const commandLogs = (command: string) => tg.logs().filter((l) => l.msg === 'moderator command' && l.command === command);

  it('/reload picks up an edit; an invalid edit is rejected with file, path and reason, and the bot keeps the last good data', async () => {
    dir = mkdtempSync(join(tmpdir(), 'tg-reload-'));
    cpSync('data', dir, { recursive: true });
    tg = await startTelegram({ env: { DATA_DIR: dir } });
    const chat = privateChat(MODERATOR);
    const gasFile = join(dir, 'topics', 'gas.yaml');
    const original = readFileSync(gasFile, 'utf8');

    // A curator's valid edit, picked up without a restart.
    writeFileSync(gasFile, original.replace('Natural gas partnership', 'Natural gas deal'));
    const reloaded = await tg.say(chat, MODERATOR, '/reload', undefined, RELOAD_REPLY_MS);
    expect(reloaded.plain).toMatch(/^Data reloaded: \d+ topics \(version [0-9a-f]+\)\.$/);
    expect((await tg.say(chat, MODERATOR, 'how much gas will russia send iran?')).plain).toMatch(/^Natural gas deal\n/);

    // An invalid edit: rejected, told in the moderator's language with file + path + reason.
    writeFileSync(gasFile, original.replace(/^order: \d+$/m, 'order: sixty'));
    const rejected = await tg.say(privateChat(MOD_RU), MOD_RU, '/reload', undefined, RELOAD_REPLY_MS);
    const [head, ...issues] = rejected.plain!.split('\n');
    expect(head).toBe(ru.tgReloadRejected);
    expect(issues[0]).toMatch(/^• .*topics\/gas\.yaml: order: .*expected number/);
    expect((await tg.say(chat, MODERATOR, 'how much gas will russia send iran?')).plain).toMatch(/^Natural gas deal\n.*55/s);

    const logs = commandLogs('/reload');
    expect(logs).toHaveLength(2);
    expect(logs[0]).toMatchObject({ user: { id: MODERATOR.id, username: MODERATOR.username }, result: 'reloaded', changed: true });
    expect(logs[1]).toMatchObject({ user: { id: MODERATOR.id }, result: 'rejected', issues: expect.any(Number) });
    // The curator logged the reason it was given, naming who asked.
    expect(tg.logs().some((l) => l.reason === `telegram /reload by ${MODERATOR.id}` && Array.isArray(l.issues))).toBe(true);
  }, 3 * RELOAD_REPLY_MS);
});
