import { Composer, type Context } from 'grammy';
import type { TelegramDeps } from '../deps.js';
import { answerQuestion } from '../questions.js';

/**
 * /ask <question>: works in every chat, also where the bot is not otherwise
 * addressed. `/ask` alone in reply to someone's message asks that message.
 */
export function askCommand(deps: TelegramDeps): Composer<Context> {
  const composer = new Composer();
  composer.command('ask', async (ctx) => {
    const replied = ctx.message?.reply_to_message;
    const question = ctx.match.trim() || replied?.text || replied?.caption || '';
    await answerQuestion(ctx, deps, question);
  });
  return composer;
}
