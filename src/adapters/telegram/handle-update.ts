import { type Bot, BotError } from 'grammy';
import type { Update } from 'grammy/types';

/**
 * Runs one update through the bot to the end. A failure inside the bot goes to
 * its error boundary (`bot.catch`: logged once, the user told) and counts as
 * handled; the promise rejects only when the boundary itself fails, i.e. the
 * update was not handled and should be delivered again.
 */
export async function handleUpdate(bot: Bot, update: Update): Promise<void> {
  try {
    await bot.handleUpdate(update);
  } catch (err) {
    if (!(err instanceof BotError)) throw err;
    await bot.errorHandler(err);
  }
}
