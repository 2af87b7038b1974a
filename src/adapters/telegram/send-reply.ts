import type { Context } from 'grammy';
import type { Reply } from '../../core/reply.js';
import { renderTelegram, type RenderOptions } from './render.js';

/**
 * Sends a neutral reply to the update's chat. In groups it replies to the
 * asking message, so the answer lands in the same thread (also in a channel's
 * discussion group).
 */
export async function sendReply(ctx: Context, reply: Reply, opts?: RenderOptions): Promise<void> {
  const { text, ...other } = renderTelegram(reply, opts);
  const quote = ctx.message && ctx.chat?.type !== 'private';
  await ctx.reply(text, {
    ...other,
    ...(quote ? { reply_parameters: { message_id: ctx.message.message_id, allow_sending_without_reply: true } } : {}),
  });
}
