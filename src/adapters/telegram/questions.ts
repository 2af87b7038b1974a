import { Composer, type Context } from 'grammy';
import type { Message, UserFromGetMe } from 'grammy/types';
import type { TelegramDeps } from './deps.js';
import { passRateLimit } from './rate-limit.js';
import { sendReply } from './send-reply.js';

/** Questions are sanitised by the renderer on the way out; this bounds the work on the way in. */
export const MAX_QUESTION = 4096;

/**
 * Answers a question (any text; the core declines what it cannot answer) in
 * the question's language; the user's Telegram language breaks ties for
 * short or mixed questions.
 */
export async function answerQuestion(ctx: Context, deps: TelegramDeps, question: string): Promise<void> {
  if (!(await passRateLimit(ctx, deps.limiter))) return;
  const { reply, match } = deps.core.ask(question.slice(0, MAX_QUESTION), ctx.from?.language_code);
  deps.logger.debug(
    { update_id: ctx.update.update_id, outcome: match.outcome, topic: match.topicId, confidence: match.confidence, lang: reply.lang },
    'question answered',
  );
  await sendReply(ctx, reply);
}

export function startsWithCommand(message: Pick<Message, 'entities'>): boolean {
  const first = message.entities?.[0];
  return first?.type === 'bot_command' && first.offset === 0;
}

/**
 * The question in a group message when it addresses the bot (mentions it, or
 * replies to one of its messages), with the mentions removed; undefined otherwise.
 */
export function addressedQuestion(message: Message.TextMessage, me: UserFromGetMe): string | undefined {
  const handle = `@${me.username}`.toLowerCase();
  const mentions = (message.entities ?? []).filter(
    (e) =>
      (e.type === 'mention' && message.text.slice(e.offset, e.offset + e.length).toLowerCase() === handle) ||
      (e.type === 'text_mention' && e.user.id === me.id),
  );
  const isReply = message.reply_to_message?.from?.id === me.id;
  if (!mentions.length && !isReply) return undefined;
  let text = message.text;
  for (const e of [...mentions].sort((a, b) => b.offset - a.offset)) text = `${text.slice(0, e.offset)} ${text.slice(e.offset + e.length)}`;
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Free text: every message in a private chat is a question; in groups and
 * supergroups only messages that address the bot. Commands pass through.
 */
export function questions(deps: TelegramDeps): Composer<Context> {
  const composer = new Composer();
  composer.chatType('private').on('message:text', async (ctx, next) => {
    if (startsWithCommand(ctx.message)) return next();
    await answerQuestion(ctx, deps, ctx.message.text);
  });
  composer.chatType('private').on('message:file', (ctx) => answerQuestion(ctx, deps, ctx.message.caption ?? ''));
  composer.chatType(['group', 'supergroup']).on('message:text', async (ctx, next) => {
    if (startsWithCommand(ctx.message)) return next();
    const question = addressedQuestion(ctx.message, ctx.me);
    if (question !== undefined) await answerQuestion(ctx, deps, question);
  });
  return composer;
}
