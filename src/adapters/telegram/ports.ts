import { GrammyError, HttpError, InputFile, type Bot, type Context } from 'grammy';
import type { ChatMember } from 'grammy/types';
import type { CardRenderer } from '../../cards/index.js';
import type { Config } from '../../config.js';
import type { PermissionPort, PublisherPort, PublishResult } from '../../core/conversation/ports.js';
import type { CardReply } from '../../core/reply.js';
import type { Request } from '../../core/conversation/request.js';
import type { Logger } from '../../logger.js';
import { renderCaption, renderMessage } from './render.js';

/** A member of a chat, or undefined when Telegram will not say (chat not found, member list inaccessible, …). */
async function chatMember(bot: Bot, chat: string, userId: number): Promise<ChatMember | undefined> {
  try {
    return await bot.api.getChatMember(chat, userId);
  } catch (err) {
    if (err instanceof GrammyError) return undefined;
    throw err;
  }
}

const isAdmin = (member: ChatMember | undefined) => member?.status === 'creator' || member?.status === 'administrator';
const contextOf = (req: Request) => req.raw as Context | undefined;

/**
 * Who may run privileged commands, checked by the bot itself on every
 * request: only in a private chat with the bot. Operators are the ids in
 * TELEGRAM_MODERATOR_IDS: they run 'operator' commands (/reload) and read the
 * whole inbox. Moderators are operators and the administrators of
 * TELEGRAM_CHANNEL_ID (asked each time: roles change): they post cards.
 */
export function telegramPermissions(bot: Bot, config: Config): PermissionPort {
  const operators = new Set(config.TELEGRAM_MODERATOR_IDS);
  const privately = (req: Request) => {
    const ctx = contextOf(req);
    return ctx?.chat?.type === 'private' && ctx.from ? ctx.from : undefined;
  };
  const isChannelAdmin = async (userId: number) => {
    const channel = config.TELEGRAM_CHANNEL_ID;
    return Boolean(channel) && isAdmin(await chatMember(bot, channel!, userId));
  };
  return {
    async check(req, privilege) {
      const from = privately(req);
      if (!from) return 'private-only';
      if (operators.has(String(from.id))) return true;
      if (privilege === 'operator') return (await isChannelAdmin(from.id)) ? 'not-operator' : 'not-moderator';
      return (await isChannelAdmin(from.id)) ? true : 'not-moderator';
    },
    async inbox(req) {
      const from = privately(req);
      if (!from) return 'private-only';
      if (operators.has(String(from.id))) return { all: true };
      return (await isChannelAdmin(from.id)) ? 'not-operator' : 'not-moderator';
    },
  };
}

/**
 * Posting summary cards to TELEGRAM_CHANNEL_ID: as a PNG with an HTML caption
 * (sendPhoto) or as a text message. The bot must be an administrator there
 * allowed to post; that is checked before the preview and again before posting.
 */
export function telegramPublisher(bot: Bot, config: Config, cards: CardRenderer, logger: Logger): PublisherPort {
  const channel = config.TELEGRAM_CHANNEL_ID;

  async function canPost(where: string): Promise<PublishResult> {
    if (!where) return { ok: false, where, reason: 'no-target' };
    const self = await chatMember(bot, where, bot.botInfo.id);
    const allowed = self?.status === 'creator' || (self?.status === 'administrator' && self.can_post_messages !== false);
    return allowed ? { ok: true, where } : { ok: false, where, reason: 'bot-not-admin' };
  }

  return {
    defaultTarget: () => channel,
    preflight: () => canPost(channel ?? ''),
    async publish(_req, { card, image, target }) {
      const where = target ?? channel ?? '';
      const checked = await canPost(where);
      if (!checked.ok) return checked;
      let png: Buffer | undefined;
      if (image) {
        try {
          png = await cards.png(card);
        } catch (err) {
          logger.error({ err, card: card.topicId, lang: card.lang }, 'card image rendering failed');
          return { ok: false, where, reason: 'image-failed' };
        }
      }
      const about = { card: card.topicId, lang: card.lang, image, channel: where };
      try {
        const sent = png
          ? await bot.api.sendPhoto(where, new InputFile(png, `card-${card.topicId}.png`), renderCaption(card))
          : await sendText(bot, where, card);
        logger.info({ ...about, message_id: sent.message_id }, 'card posted to channel');
        return { ok: true, where };
      } catch (err) {
        // Telegram refused, or the network failed after its retries: the moderator is told; a later press may try again.
        if (!(err instanceof GrammyError || err instanceof HttpError)) throw err;
        const code = err instanceof GrammyError ? err.error_code : undefined;
        // The message, not the error: a GrammyError's payload holds the whole card, image bytes included.
        logger.warn({ ...about, error: err.message, ...(code ? { error_code: code } : {}) }, 'card post failed');
        return { ok: false, where, reason: 'failed', ...(code ? { code } : {}) };
      }
    },
  };
}

function sendText(bot: Bot, where: string, card: CardReply) {
  const { text, ...other } = renderMessage({ ...card, actions: [] });
  return bot.api.sendMessage(where, text, other);
}
