import { ApplicationIntegrationType, type ChatInputCommandInteraction, InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import type { Lang } from '../../../core/data/schema.js';
import { t } from '../../../core/i18n/index.js';
import type { DiscordContext } from '../context.js';
import { uiLang } from '../locale.js';
import { moderatorCommandsAllowedIn } from '../moderator-guilds.js';
import { notice, replyWith } from '../respond.js';
import { describe, type TextKey } from './localize.js';

/**
 * A moderators' command: registered with Manage Messages as the default permission and
 * for servers only (Discord hides it from everyone else; a server admin can change who
 * may use it under Server Settings → Integrations).
 */
export function moderatorCommand(name: string, descriptionKey: TextKey): SlashCommandBuilder {
  return describe(new SlashCommandBuilder().setName(name), descriptionKey)
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageMessages)
    .setContexts(InteractionContextType.Guild)
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall);
}

/** What a moderator command did, for its one log line. */
export type Outcome = { result: string } & Record<string, unknown>;

/**
 * Runs a moderator command in the moderator's language and logs it once: the command,
 * who, where, and the outcome. Outside a server (a stale registration) it refuses, and in
 * a server not in DISCORD_MODERATOR_GUILD_IDS (when set) it refuses saying why.
 */
export async function runModeratorCommand(
  interaction: ChatInputCommandInteraction,
  { logger, moderatorGuilds }: DiscordContext,
  run: (lang: Lang) => Promise<Outcome>,
): Promise<void> {
  const lang = uiLang(interaction.locale);
  const command = `/${interaction.commandName}`;
  const log = (outcome: Outcome) =>
    logger.info({ command, user: interaction.user.id, guild: interaction.guildId, channel: interaction.channelId, ...outcome }, 'moderator command');
  if (!interaction.inGuild()) {
    log({ result: 'not-in-guild' });
    return replyWith(interaction, notice(lang, t(lang).discordGuildOnly(command), 'error'));
  }
  if (!moderatorCommandsAllowedIn(moderatorGuilds, interaction.guildId)) {
    log({ result: 'not-moderator-guild' });
    return replyWith(interaction, notice(lang, t(lang).discordModeratorGuildOnly(command), 'error'));
  }
  log(await run(lang));
}
