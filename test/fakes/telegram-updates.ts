import type { CallbackQuery, Chat, InlineQuery, Message, MessageEntity, Update, User } from 'grammy/types';

/**
 * Builders of the updates Telegram sends, with the entities Telegram's
 * clients produce (bot_command for /commands, mention for @usernames).
 */
let nextMessageId = 100_000;
let nextQueryId = 1;

export function user(id: number, first_name = `User${id}`, extra: Partial<User> = {}): User {
  return { id, is_bot: false, first_name, language_code: 'en', ...extra };
}

export function privateChat(of: User): Chat.PrivateChat {
  return { id: of.id, type: 'private', first_name: of.first_name, ...(of.username ? { username: of.username } : {}) };
}

export function groupChat(id: number, title = 'Partnership fans', type: 'group' | 'supergroup' = 'supergroup'): Chat.GroupChat | Chat.SupergroupChat {
  return { id, type, title } as Chat.GroupChat | Chat.SupergroupChat;
}

export function channelChat(id: number, username: string, title = 'Partnership news'): Chat.ChannelChat {
  return { id, type: 'channel', title, username };
}

/** Entities as Telegram's clients mark them: /commands (with @bot) and @mentions. */
export function entitiesOf(text: string): MessageEntity[] {
  const entities: MessageEntity[] = [];
  for (const m of text.matchAll(/(?<![\w/])\/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?/g)) {
    entities.push({ type: 'bot_command', offset: m.index, length: m[0].length });
  }
  for (const m of text.matchAll(/(?<![\w@/])@[A-Za-z0-9_]{5,32}/g)) {
    entities.push({ type: 'mention', offset: m.index, length: m[0].length });
  }
  return entities.sort((a, b) => a.offset - b.offset);
}

export function textMessage(chat: Chat, from: User, text: string, extra: Partial<Message> = {}): Message.TextMessage {
  const entities = entitiesOf(text);
  return {
    message_id: nextMessageId++,
    date: Math.floor(Date.now() / 1000),
    chat,
    from,
    text,
    ...(entities.length ? { entities } : {}),
    ...extra,
  } as Message.TextMessage;
}

export function messageUpdate(message: Message): Omit<Update, 'update_id'> {
  return { message } as Omit<Update, 'update_id'>;
}

export function callbackQuery(from: User, message: Message, data: string): Omit<Update, 'update_id'> {
  const query: CallbackQuery = { id: `cq${nextQueryId++}`, from, chat_instance: `ci${message.chat.id}`, message, data } as CallbackQuery;
  return { callback_query: query };
}

/** A button press under a message sent in inline mode: Telegram sends the inline_message_id and no message. */
export function inlineCallbackQuery(from: User, inlineMessageId: string, data: string): Omit<Update, 'update_id'> {
  const query: CallbackQuery = { id: `cq${nextQueryId++}`, from, chat_instance: `ci-inline-${inlineMessageId}`, inline_message_id: inlineMessageId, data };
  return { callback_query: query };
}

export function inlineQuery(from: User, query: string): Omit<Update, 'update_id'> {
  const inline: InlineQuery = { id: `iq${nextQueryId++}`, from, query, offset: '' };
  return { inline_query: inline };
}
