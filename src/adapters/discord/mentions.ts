import { type Message, PermissionFlagsBits } from 'discord.js';
import { t } from '../../core/i18n/index.js';
import { detectLanguage } from '../../core/text/lang.js';
import type { DiscordContext } from './context.js';
import { type DiscordMessage, renderDiscordReply, renderDiscordText } from './render.js';
import { MAX_QUESTION_LENGTH, toQuestion } from './question.js';
import { notice } from './respond.js';

/**
 * `@Bot question` in a server channel, or any direct message, is answered as a reply
 * (message_reference). Where the bot may not read the history (which replies need) it
 * posts a plain message; where it may not embed links, plain text. Everything else is
 * ignored: that is also why the privileged MessageContent intent is not needed
 * (Discord sends content for mentions and DMs).
 */
export async function answerMention(message: Message, { core, limiter, logger }: DiscordContext): Promise<void> {
  if (message.author.bot || message.system || message.webhookId) return;
  const me = message.client.user;
  if (message.inGuild() && !message.mentions.users.has(me.id)) return;

  // Unknown permissions (member not cached) count as granted; a refusal then reaches the error boundary.
  let canEmbed = true;
  let canReference = true;
  if (message.inGuild()) {
    const permissions = message.channel.permissionsFor(me);
    const send = message.channel.isThread() ? PermissionFlagsBits.SendMessagesInThreads : PermissionFlagsBits.SendMessages;
    if (permissions && !permissions.has(send)) {
      logger.debug({ guild: message.guildId, channel: message.channelId }, 'mentioned where I may not send messages');
      return;
    }
    canEmbed = !permissions || permissions.has(PermissionFlagsBits.EmbedLinks);
    canReference = !permissions || permissions.has(PermissionFlagsBits.ReadMessageHistory);
  }
  // The question's id as nonce, enforced: if a reply is retried after its connection dropped
  // but Discord had already created it, Discord returns that message instead of posting it twice.
  const once = { nonce: message.id, enforceNonce: true };
  const answer = (body: DiscordMessage) =>
    canReference || !message.channel.isSendable() ? message.reply({ ...body, ...once, failIfNotExists: false }) : message.channel.send({ ...body, ...once });

  // A message carries no locale: the question's script decides the language.
  const question = toQuestion(message.content, me.id);
  const decision = limiter.take(message.author.id);
  if (!decision.ok) {
    const lang = detectLanguage(question.text);
    if (decision.notify) await answer(renderDiscordReply(notice(lang, t(lang).slowDown)));
    return;
  }

  const { reply } = core.ask(question.text);
  const payload: DiscordMessage = canEmbed ? renderDiscordReply(reply) : renderDiscordText(reply);
  const note = question.truncated ? t(reply.lang).tooLong(MAX_QUESTION_LENGTH) : undefined;
  await answer({ ...payload, ...(note && !payload.content ? { content: note } : {}) });
}
