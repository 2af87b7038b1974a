import type { Interaction, Message } from 'discord.js';
import { t } from '../../core/i18n/index.js';
import { detectLanguage, supportedLang } from '../../core/text/lang.js';
import type { Logger } from '../../logger.js';
import { sendReply } from './send.js';

/** Ids that identify an event in logs; never tokens or message text. */
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

export function interactionContext(interaction: Interaction): EventContext {
  return {
    interaction: interaction.id,
    type: interaction.type,
    command: interaction.isCommand() || interaction.isAutocomplete() ? interaction.commandName : undefined,
    customId: interaction.isMessageComponent() ? interaction.customId : undefined,
    guild: interaction.guildId,
    channel: interaction.channelId,
    user: interaction.user.id,
  };
}

export function messageContext(message: Message): EventContext {
  return { message: message.id, guild: message.guildId, channel: message.channelId, user: message.author.id };
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
