import { Composer, type Context } from 'grammy';
import type { CallbackQuery, Message, MessageEntity, UserFromGetMe } from 'grammy/types';
import type { Conversation } from '../../core/conversation/conversation.js';
import { findCommand } from '../../core/conversation/commands.js';
import type { Input, Request } from '../../core/conversation/request.js';
import type { IdHasher } from '../kit/ids.js';
import { sanitize } from '../kit/text.js';
import type { Logger } from '../../logger.js';
import { type GroupBudget, replyInGroup } from './group-budget.js';
import { replyToMessage, replyToPress, sendInlineResults } from './send.js';

export interface EventDeps {
  conversation: Conversation;
  ids: IdHasher;
  /** Whether cards can be posted here (a channel is configured). */
  publish: boolean;
  /** What the bot may still send to each group this minute. */
  groupBudget: GroupBudget;
  log: Logger;
  /**
   * Waits until what handling an update wrote is stored (the store's outbox):
   * an update is confirmed to Telegram (webhook 200, polling offset) only after,
   * so a crash never loses a question Telegram was told was handled.
   */
  settle?: () => Promise<void>;
}

/** Inline results per query; queries longer than this are cut. */
export const INLINE_RESULTS = 10;
const MAX_INLINE_QUERY = 256;

/** Media a private chat treats as a question (its caption, or an empty question that gets help). */
const FILES = ['photo', 'animation', 'audio', 'document', 'video', 'video_note', 'voice', 'sticker'] as const;

/** `/name[@bot] rest` at the start of a message; undefined when it is not for this bot. */
function commandInput(message: Message, text: string, entity: MessageEntity, me: UserFromGetMe): Input | undefined {
  const [typed = '', target] = text.slice(1, entity.length).split('@');
  const name = typed.toLowerCase();
  if (target !== undefined && target.toLowerCase() !== me.username.toLowerCase()) return undefined;
  // "/name" alone in a group: our commands are ours (Telegram's general commands); others may be another bot's.
  if (target === undefined && message.chat.type !== 'private' && !findCommand(name)) return undefined;
  let rest = text.slice(entity.length).trim();
  const replied = message.reply_to_message;
  if (name === 'ask' && !rest && replied) rest = replied.text ?? replied.caption ?? '';
  return { kind: 'command', name, args: {}, text: rest };
}

/** The question in a group message when it mentions the bot or replies to it, mentions removed; undefined otherwise. */
function addressedQuestion(message: Message, text: string, entities: readonly MessageEntity[], me: UserFromGetMe): string | undefined {
  const handle = `@${me.username}`.toLowerCase();
  const mentions = entities.filter(
    (e) => (e.type === 'mention' && text.slice(e.offset, e.offset + e.length).toLowerCase() === handle) || (e.type === 'text_mention' && e.user.id === me.id),
  );
  if (!mentions.length && message.reply_to_message?.from?.id !== me.id) return undefined;
  let question = text;
  for (const e of [...mentions].sort((a, b) => b.offset - a.offset)) question = `${question.slice(0, e.offset)} ${question.slice(e.offset + e.length)}`;
  return question.replace(/\s+/g, ' ').trim();
}

/**
 * What a message says to this bot: in a private chat every text (or a file's
 * caption) is a question; in groups only messages that mention the bot or reply
 * to it. Commands (a bot_command at offset 0) anywhere, unless another bot's.
 */
export function messageInput(message: Message, me: UserFromGetMe): Input | undefined {
  const text = message.text ?? message.caption;
  const entities = message.entities ?? message.caption_entities ?? [];
  const command = entities.find((e) => e.type === 'bot_command' && e.offset === 0);
  if (text !== undefined && command) return commandInput(message, text, command, me);
  if (message.chat.type === 'private') {
    if (text !== undefined) return { kind: 'question', text };
    return FILES.some((key) => key in message) ? { kind: 'question', text: '' } : undefined;
  }
  if ((message.chat.type !== 'group' && message.chat.type !== 'supergroup') || text === undefined) return undefined;
  const question = addressedQuestion(message, text, entities, me);
  return question === undefined ? undefined : { kind: 'question', text: question };
}

/** A button press: the codec's data, and the message it was on (hashed); undefined for presses without data (games). */
function pressInput(query: CallbackQuery, ids: IdHasher): Input | undefined {
  if (!query.data) return undefined;
  const on = query.message;
  const message = on
    ? ids.hash('tg-msg', `${on.chat.id}:${on.message_id}`)
    : query.inline_message_id
      ? ids.hash('tg-inline', query.inline_message_id)
      : undefined;
  return { kind: 'action', data: query.data, ...(message ? { message } : {}) };
}

function request(ctx: Context, input: Input, deps: EventDeps): Request {
  const chat = ctx.chat;
  const from = ctx.from;
  return {
    surface: 'telegram',
    conversation: deps.ids.hash('tg-chat', chat ? `${chat.id}:${ctx.msg?.message_thread_id ?? ''}` : `inline:${from?.id ?? ''}`),
    user: deps.ids.hash('tg-user', from?.id ?? 0),
    place: chat ? deps.ids.hash('tg-place', chat.id) : deps.ids.hash('tg-place-inline', from?.id ?? 0),
    event: deps.ids.hash('tg-update', ctx.update.update_id),
    ...(from?.language_code ? { langHint: from.language_code } : {}),
    capabilities: { buttons: true, publish: deps.publish },
    input,
    raw: ctx,
  };
}

/**
 * Every update the bot handles, as requests to the conversation: inline
 * queries, then one handler for messages and button presses (the catch-all).
 * Every callback query is answered, also when the conversation stays silent.
 */
export function telegramEvents(deps: EventDeps): Composer<Context> {
  const composer = new Composer<Context>();
  composer.on('inline_query', async (ctx) => {
    const query = sanitize(ctx.inlineQuery.query).slice(0, MAX_INLINE_QUERY);
    const { results, slowDown } = await deps.conversation.search(request(ctx, { kind: 'question', text: query }, deps), query, INLINE_RESULTS);
    await sendInlineResults(ctx, results, slowDown);
  });
  composer.use(async (ctx) => {
    if (ctx.callbackQuery) {
      const input = pressInput(ctx.callbackQuery, deps.ids);
      await replyToPress(ctx, input && (await deps.conversation.handle(request(ctx, input, deps))));
      return;
    }
    const input = ctx.message && messageInput(ctx.message, ctx.me);
    if (!input) return;
    const reply = await deps.conversation.handle(request(ctx, input, deps));
    await deps.settle?.();
    if (!reply) return;
    const group = ctx.chat?.type === 'group' || ctx.chat?.type === 'supergroup';
    if (group) await replyInGroup(ctx, reply, input.kind === 'question' ? input.text : (ctx.message?.text ?? ''), deps.groupBudget, deps.log);
    else await replyToMessage(ctx, reply);
  });
  return composer;
}
