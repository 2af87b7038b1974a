import { GrammyError, InputFile, type Api, type Context } from 'grammy';
import type { Config } from '../../config.js';
import type { Lang } from '../../core/data/schema.js';
import { t } from '../../core/i18n/index.js';
import { supportedLang } from '../../core/text/lang.js';
import type { TelegramDeps } from './deps.js';
import { cap } from './html.js';
import { userLang } from './lang.js';
import { chatMember, isModerator } from './moderators.js';
import { passRateLimit } from './rate-limit.js';
import { renderPostPreview, renderTelegram, TELEGRAM_LIMITS } from './render.js';
import { sendReply } from './send-reply.js';

/**
 * Moderators post summary cards to the channel: /post <topic|overview> [en|ru|fa]
 * in a private chat shows a preview with [Post with image] [Post as text]
 * [Cancel]; confirming posts it, as a 1200×675 PNG with an HTML caption
 * (sendPhoto) or as a text message. The card is in the moderator's language
 * unless one is named. The permission is checked again on confirmation, since
 * buttons outlive roles.
 */
export type PostMode = 'text' | 'image';
export type PostPermission = 'allowed' | 'not-allowed' | 'bot-not-admin' | 'no-channel';

const MAX_ALERT = 200;

/** Channel administrators and TELEGRAM_MODERATOR_IDS may post, provided the bot can post there. */
export async function postPermission(api: Api, config: Config, botId: number, userId: number): Promise<PostPermission> {
  const channel = config.TELEGRAM_CHANNEL_ID;
  if (!channel) return 'no-channel';
  const self = await chatMember(api, channel, botId);
  const botCanPost = self?.status === 'creator' || (self?.status === 'administrator' && self.can_post_messages !== false);
  if (!botCanPost) return 'bot-not-admin';
  return (await isModerator(api, config, userId)) ? 'allowed' : 'not-allowed';
}

function refusal(permission: Exclude<PostPermission, 'allowed'>, channel: string, lang: Lang): string {
  const c = t(lang);
  if (permission === 'no-channel') return c.tgPostNoChannel;
  return permission === 'bot-not-admin' ? c.tgPostBotNotAdmin(channel) : c.tgPostNotAllowed;
}

const notice = (lang: Lang, text: string) => ({ kind: 'notice', lang, level: 'error', text }) as const;

/** "gas", "gas fa" → the topic and the card's language (the moderator's own when not named); undefined when malformed. */
export function parsePostArgs(arg: string, fallback: Lang): { topicId: string; lang: Lang } | undefined {
  const [topicId, langArg, ...rest] = arg.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (!topicId || rest.length) return undefined;
  const lang = langArg === undefined ? fallback : supportedLang(langArg);
  return lang ? { topicId, lang } : undefined;
}

/** /post <topic id> [lang]: checks, then shows the preview. */
export async function requestPost(ctx: Context, deps: TelegramDeps, arg: string): Promise<void> {
  if (!ctx.from || !(await passRateLimit(ctx, deps.limiter))) return;
  const lang = userLang(ctx);
  const c = t(lang);
  const channel = deps.config.TELEGRAM_CHANNEL_ID ?? '';
  if (ctx.chat?.type !== 'private') return sendReply(ctx, notice(lang, c.tgPrivateOnly('/post')));
  const args = parsePostArgs(arg, lang);
  if (!args) return sendReply(ctx, notice(lang, c.tgPostUsage));
  const permission = await postPermission(ctx.api, deps.config, ctx.me.id, ctx.from.id);
  if (permission !== 'allowed') return sendReply(ctx, notice(lang, refusal(permission, channel, lang)));
  const card = deps.cards.reply(args.topicId, args.lang);
  if (card.kind !== 'card') return sendReply(ctx, card);
  const { text, ...other } = renderPostPreview(card, channel);
  await ctx.reply(text, other);
}

/** [Post with image] / [Post as text]: posts the card in the preview's language and logs who posted which topic where. */
export async function confirmPost(ctx: Context, deps: TelegramDeps, topicId: string, lang: Lang, posted: Set<string>, mode: PostMode = 'text'): Promise<void> {
  if (!ctx.from || !(await passRateLimit(ctx, deps.limiter))) return;
  const c = t(lang);
  const channel = deps.config.TELEGRAM_CHANNEL_ID ?? '';
  const permission = await postPermission(ctx.api, deps.config, ctx.me.id, ctx.from.id);
  if (permission !== 'allowed') {
    await ctx.answerCallbackQuery({ text: cap(refusal(permission, channel, userLang(ctx)), MAX_ALERT), show_alert: true });
    return;
  }
  const card = deps.cards.reply(topicId, lang);
  if (card.kind !== 'card') {
    await ctx.answerCallbackQuery({ text: c.expired, show_alert: true });
    return;
  }
  const previewKey = `${ctx.chat?.id}:${ctx.callbackQuery?.message?.message_id}`;
  if (posted.has(previewKey)) {
    await ctx.answerCallbackQuery({ text: cap(c.tgPostDone(channel), MAX_ALERT) });
    return;
  }
  let png: Buffer | undefined;
  if (mode === 'image') {
    try {
      png = await deps.cards.png(card);
    } catch (err) {
      deps.logger.error({ err, moderator: ctx.from.id, topic: topicId, lang }, 'card image rendering failed');
      await ctx.answerCallbackQuery({ text: cap(c.tgPostImageFailed, MAX_ALERT), show_alert: true });
      return;
    }
    // The render awaited: a second press may have posted meanwhile.
    if (posted.has(previewKey)) {
      await ctx.answerCallbackQuery({ text: cap(c.tgPostDone(channel), MAX_ALERT) });
      return;
    }
  }
  let messageId: number;
  try {
    if (png) {
      const caption = renderTelegram(card, { maxLength: TELEGRAM_LIMITS.caption });
      const photo = new InputFile(png, `card-${topicId}.png`);
      messageId = (await ctx.api.sendPhoto(channel, photo, { caption: caption.text, parse_mode: caption.parse_mode })).message_id;
    } else {
      const { text, ...other } = renderTelegram(card);
      messageId = (await ctx.api.sendMessage(channel, text, other)).message_id;
    }
  } catch (err) {
    if (!(err instanceof GrammyError)) throw err;
    deps.logger.warn({ err, moderator: ctx.from.id, topic: topicId, format: mode, channel }, 'card post failed');
    await ctx.answerCallbackQuery({ text: cap(c.tgPostFailed(channel), MAX_ALERT), show_alert: true });
    return;
  }
  posted.add(previewKey);
  if (posted.size > 1000) posted.delete(posted.values().next().value!);
  deps.logger.info(
    { moderator: { id: ctx.from.id, username: ctx.from.username }, topic: topicId, lang, format: mode, channel, message_id: messageId },
    'card posted to channel',
  );
  await ctx.answerCallbackQuery({ text: cap(c.tgPostDone(channel), MAX_ALERT) });
  const done = renderTelegram(notice(lang, c.tgPostDone(channel)));
  await ctx.editMessageText(done.text, { parse_mode: done.parse_mode, link_preview_options: done.link_preview_options });
}

/** [Cancel]: the preview says nothing was posted. */
export async function cancelPost(ctx: Context, lang: Lang): Promise<void> {
  await ctx.answerCallbackQuery();
  const done = renderTelegram(notice(lang, t(lang).tgPostCancelled));
  await ctx.editMessageText(done.text, { parse_mode: done.parse_mode, link_preview_options: done.link_preview_options });
}
