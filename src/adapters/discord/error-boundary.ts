import { type Interaction, type Message, MessageFlags } from 'discord.js';
import { t } from '../../core/i18n/index.js';
import type { Logger } from '../../logger.js';
import { detectLanguage } from '../../core/text/lang.js';
import { uiLang } from './locale.js';

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
  const content = t(uiLang(interaction.locale)).discordError;
  const allowedMentions = { parse: [] };
  if (interaction.deferred && !interaction.replied) await interaction.editReply({ content, embeds: [], components: [], allowedMentions });
  else if (interaction.replied) await interaction.followUp({ content, flags: MessageFlags.Ephemeral, allowedMentions });
  else await interaction.reply({ content, flags: MessageFlags.Ephemeral, allowedMentions });
}

export async function apologizeMessage(message: Message): Promise<void> {
  if (message.author.bot) return;
  // A message carries no locale: the apology is in the language the message was written in.
  await message.reply({ content: t(detectLanguage(message.content)).discordError, failIfNotExists: false, allowedMentions: { parse: [] } });
}
