import { GrammyError, type Context } from 'grammy';
import type { AnswerReply, Reply } from '../../core/reply.js';
import { clip, sanitize } from '../kit/text.js';
import { renderInlineResult, renderMessage, type TelegramMessage } from './render.js';

/** Telegram's limit on a callback query's answer text. */
const MAX_ALERT = 200;
/** Inline results depend on the query, the data and the user's language, so they are cached per user. */
export const INLINE_CACHE_SECONDS = 300;

/**
 * A reply to a message, in its chat (`private` means nothing here). In groups
 * it quotes the asking message, so the answer lands in the same thread (also
 * in a channel's discussion group).
 */
export async function replyToMessage(ctx: Context, reply: Reply): Promise<void> {
  const { text, ...other } = renderMessage(reply);
  const quote = ctx.message && ctx.chat?.type !== 'private';
  await ctx.reply(text, {
    ...other,
    ...(quote ? { reply_parameters: { message_id: ctx.message.message_id, allow_sending_without_reply: true } } : {}),
  });
}

/** Edits the pressed message (in a chat, or an inline message); pressing twice for the same content is fine. */
async function editPressed(ctx: Context, { text, ...other }: TelegramMessage): Promise<void> {
  try {
    await ctx.editMessageText(text, other);
  } catch (err) {
    if (!(err instanceof GrammyError && /message is not modified/i.test(err.description))) throw err;
  }
}

/**
 * A reply to a button press; the callback query is always answered. A notice
 * is the answer itself (an alert for errors); a reply that `replaces` edits the
 * pressed message; any other reply comes as a new message in that chat (inline
 * messages have no chat: they are edited in place).
 */
export async function replyToPress(ctx: Context, reply: Reply | undefined): Promise<void> {
  if (!reply) {
    await ctx.answerCallbackQuery();
    return;
  }
  if (reply.kind === 'notice' && !reply.replaces) {
    await ctx.answerCallbackQuery({ text: clip(sanitize(reply.text), MAX_ALERT), show_alert: reply.level === 'error' });
    return;
  }
  const message = renderMessage(reply);
  if (reply.replaces || !ctx.chat) {
    try {
      await editPressed(ctx, message);
    } finally {
      await ctx.answerCallbackQuery();
    }
    return;
  }
  await ctx.answerCallbackQuery();
  const { text, ...other } = message;
  await ctx.reply(text, other);
}

/** Answers an inline query with the topics found, as articles; a notice (slow down) shows as the button above the results, not cached. */
export async function sendInlineResults(ctx: Context, results: readonly AnswerReply[], notice?: string): Promise<void> {
  await ctx.answerInlineQuery(
    results.map((r) => renderInlineResult(r, ctx.me.username)),
    notice
      ? { cache_time: 0, is_personal: true, button: { text: clip(sanitize(notice), 64), start_parameter: 'help' } }
      : { cache_time: INLINE_CACHE_SECONDS, is_personal: true },
  );
}
