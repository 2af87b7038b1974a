import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../src/core/core.js';
import { ru } from '../../src/core/i18n/ru/index.js';
import { privateChat } from '../fakes/telegram-updates.js';
import { realKnowledgeBase } from '../support/core.js';
import { MODERATOR, startTelegram, type TelegramTest } from './harness.js';

const MOD_RU = { ...MODERATOR, language_code: 'ru' };

/** A core of its own: a successful reload swaps the data of the core it is given. */
describe('Telegram /reload', () => {
  let tg: TelegramTest;
  let dir: string;
  afterEach(async () => {
    await tg.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  // A reload trains a new matcher: seconds on a busy machine, so its reply may take longer than a question's.
  const RELOAD_REPLY_MS = 30_000;

  it(
    '/reload picks up an edit; an invalid edit is rejected with file, path and reason in the moderator’s language, and the bot keeps the last good data',
    async () => {
      dir = mkdtempSync(join(tmpdir(), 'tg-reload-'));
      cpSync('data', dir, { recursive: true });
      tg = await startTelegram({ env: { DATA_DIR: dir }, core: createCore(await realKnowledgeBase()) });
      const chat = privateChat(MODERATOR);
      const gasFile = join(dir, 'topics', 'gas.yaml');
      const original = readFileSync(gasFile, 'utf8');

      // A curator's valid edit, picked up without a restart.
      writeFileSync(gasFile, original.replace('Natural gas partnership', 'Natural gas deal'));
      expect((await tg.say(chat, MODERATOR, '/reload', undefined, RELOAD_REPLY_MS)).plain).toMatch(
        /^Data reloaded: \d+ topics \(version ([0-9a-f]+)\)\.\nRunning: 1 process on version \1\.$/,
      );
      // The topic's title is on the answer's "More" button.
      const more = (call: { params: Record<string, any> }) => call.params.reply_markup.inline_keyboard[0][0].text as string;
      expect(more(await tg.say(chat, MODERATOR, 'how much gas will russia send iran?'))).toBe('More: Natural gas deal');

      // An invalid edit: rejected, told in the moderator's language with file + path + reason.
      writeFileSync(gasFile, original.replace(/^order: \d+$/m, 'order: sixty'));
      const [head, ...issues] = (await tg.say(privateChat(MOD_RU), MOD_RU, '/reload', undefined, RELOAD_REPLY_MS)).plain!.split('\n');
      expect(head).toBe(ru.reloadRejected);
      expect(issues[0]).toMatch(/^• .*topics\/gas\.yaml: order: .*expected number/);
      const kept = await tg.say(chat, MODERATOR, 'how much gas will russia send iran?');
      expect(more(kept)).toBe('More: Natural gas deal');
      expect(kept.plain).toMatch(/55 billion/);

      const logs = tg.logs().filter((l) => l.msg === 'privileged command' && l.command === 'reload');
      expect(logs.map((l) => [l.surface, l.user, l.result])).toEqual([
        ['telegram', tg.deps.ids.hash('tg-user', MODERATOR.id), 'info'],
        ['telegram', tg.deps.ids.hash('tg-user', MODERATOR.id), 'error'],
      ]);
      // The curator logged the reason it was given, naming the surface.
      expect(tg.logs().some((l) => l.reason === 'telegram /reload' && Array.isArray(l.issues))).toBe(true);
    },
    3 * RELOAD_REPLY_MS,
  );
});
