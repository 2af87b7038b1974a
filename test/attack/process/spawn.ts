import { type BotProcess, startBot } from '../../../bench/load/bot-process.js';
import type { FakeBotApi } from '../../fakes/telegram-bot-api.js';

/** How long a spawned bot may take to load, train and connect on a busy machine. */
export const START_MS = 90_000;

/**
 * The bot as `npm start` runs it (src/entry/main.ts in its own process,
 * configured through the environment only) against a fake Bot API: long
 * polling unless `env` says webhook. Resolves once it receives updates.
 */
export async function telegramBot(fake: FakeBotApi, env: Record<string, string>): Promise<BotProcess> {
  const bot = await startBot({ TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, ...env }, [fake.token], undefined, { keepLogs: true });
  await bot.waitForLog((e) => e.msg === 'Telegram bot receiving updates', START_MS, 'the Telegram adapter started');
  return bot;
}
