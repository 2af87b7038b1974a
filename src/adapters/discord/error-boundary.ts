import type { Interaction, Message } from 'discord.js';
import { t } from '../../core/i18n/index.js';
import { detectLanguage, supportedLang } from '../../core/text/lang.js';
import type { Logger } from '../../logger.js';
import type { IdHasher } from '../kit/ids.js';
import { sendReply } from './send.js';

/** What identifies an event in logs: hashed ids (as the core knows them), never a platform id, a token or message text. */
export type EventContext = Record<string, string | number | null | undefined>;

/**
 * The one error boundary per gateway event: runs the handler, and on failure logs
 * once with context and tries a short apology. Nothing escapes, so one bad event
 * never stops the bot.
 */
export async function guard(logger: Logger, event: string, context: EventContext, work: () => Promise<void>, apologize: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (err) {
    logger.error({ err, event, ...context }, `discord ${event} handler failed`);
    await apologize().catch((apologyError: unknown) => logger.debug({ err: apologyError, event, ...context }, 'apology failed'));
  }
}

/** Hashed ids of a place: the user (as the core's requests carry it), the server, the channel. */
export function placeContext(ids: IdHasher, where: { guildId: string | null; channelId: string | null; userId?: string }): EventContext {
  return {
    guild: where.guildId ? ids.hash('dc-guild', where.guildId) : null,
    channel: where.channelId ? ids.hash('dc-channel', where.channelId) : null,
    ...(where.userId ? { user: ids.hash('dc-user', where.userId) } : {}),
  };
}

export function interactionContext(interaction: Interaction, ids: IdHasher): EventContext {
  return {
    interaction: ids.hash('dc-interaction', interaction.id),
    type: interaction.type,
    command: interaction.isCommand() || interaction.isAutocomplete() ? interaction.commandName : undefined,
    customId: interaction.isMessageComponent() ? interaction.customId : undefined,
    ...placeContext(ids, { guildId: interaction.guildId, channelId: interaction.channelId, userId: interaction.user.id }),
  };
}

export function messageContext(message: Message, ids: IdHasher): EventContext {
  return {
    message: ids.hash('dc-message', message.id),
    ...placeContext(ids, { guildId: message.guildId, channelId: message.channelId, userId: message.author.id }),
  };
}

export async function apologizeInteraction(interaction: Interaction): Promise<void> {
  if (interaction.isAutocomplete()) {
    if (!interaction.responded) await interaction.respond([]);
    return;
  }
  if (!interaction.isRepliable()) return;
  const lang = supportedLang(interaction.locale) ?? 'en';
  await sendReply(interaction, { kind: 'notice', lang, level: 'error', text: t(lang).failed, actions: [], private: true });
}

export async function apologizeMessage(message: Message): Promise<void> {
  if (message.author.bot) return;
  // A message carries no locale: the apology is in the language the message was written in.
  await message.reply({ content: t(detectLanguage(message.content)).failed, failIfNotExists: false, allowedMentions: { parse: [] } });
}
