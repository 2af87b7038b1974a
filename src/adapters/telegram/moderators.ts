import { GrammyError, type Api } from 'grammy';
import type { ChatMember } from 'grammy/types';
import type { Config } from '../../config.js';

/** A member of a chat, or undefined when Telegram will not say (chat not found, member list inaccessible, …). */
export async function chatMember(api: Api, chat: string, userId: number): Promise<ChatMember | undefined> {
  try {
    return await api.getChatMember(chat, userId);
  } catch (err) {
    if (err instanceof GrammyError) return undefined;
    throw err;
  }
}

export function isAdmin(member: ChatMember | undefined): boolean {
  return member?.status === 'creator' || member?.status === 'administrator';
}

/**
 * The bot's moderators: the ids in TELEGRAM_MODERATOR_IDS and the
 * administrators of TELEGRAM_CHANNEL_ID (asked with getChatMember each time,
 * since roles change). Used by /post, /reload and /unanswered.
 */
export async function isModerator(api: Api, config: Config, userId: number): Promise<boolean> {
  if (config.TELEGRAM_MODERATOR_IDS.includes(String(userId))) return true;
  const channel = config.TELEGRAM_CHANNEL_ID;
  return channel ? isAdmin(await chatMember(api, channel, userId)) : false;
}
