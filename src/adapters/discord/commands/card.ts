import {
  ApplicationIntegrationType,
  ChannelType,
  DiscordAPIError,
  InteractionContextType,
  MessageFlags,
  PermissionFlagsBits,
  type PermissionsString,
  RESTJSONErrorCodes,
  SlashCommandBuilder,
  channelMention,
} from 'discord.js';
import { t } from '../../../core/i18n/index.js';
import { langOf } from '../locale.js';
import { renderDiscordReply } from '../render.js';
import type { SlashCommand } from './types.js';

const c = t('en');
const POSTABLE = [ChannelType.GuildText, ChannelType.GuildAnnouncement] as const;
const NEEDED = ['ViewChannel', 'SendMessages', 'EmbedLinks'] as const satisfies readonly PermissionsString[];

/**
 * `/card topic:<autocomplete> channel:<channel>` (moderators, servers only): posts the
 * topic's summary card publicly in the channel, confirms ephemerally, and logs the post.
 * When the bot may not post there, the moderator is told exactly which permission is missing.
 */
export const card: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('card')
    .setDescription(c.discordCardDescription)
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageMessages)
    .setContexts(InteractionContextType.Guild)
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
    .addStringOption((o) => o.setName('topic').setDescription(c.discordCardTopic).setRequired(true).setAutocomplete(true).setMaxLength(100))
    .addChannelOption((o) => o.setName('channel').setDescription(c.discordCardChannel).setRequired(true).addChannelTypes(...POSTABLE))
    .toJSON(),
  async execute(interaction, { core, logger }) {
    const ui = t(langOf(interaction.locale) ?? 'en');
    const ephemeral = (content: string) =>
      interaction.deferred ? interaction.editReply({ content }) : interaction.reply({ content, flags: MessageFlags.Ephemeral });
    if (!interaction.inGuild()) return void (await ephemeral(ui.discordCardGuildOnly));
    if (!interaction.inCachedGuild()) return void (await ephemeral(ui.discordCardNotInGuild));

    const topicId = interaction.options.getString('topic', true).trim();
    const reply = core.card(topicId, langOf(interaction.guildLocale));
    if (reply.kind !== 'card') return void (await ephemeral(renderDiscordReply(reply).content ?? ui.discordError));

    const channelId = interaction.options.getChannel('channel', true, [...POSTABLE]).id;
    const where = channelMention(channelId);
    const context = { user: interaction.user.id, topic: topicId, guild: interaction.guildId, channel: channelId };
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });

    const { guild } = interaction;
    const channel = guild.channels.cache.get(channelId) ?? (await guild.channels.fetch(channelId).catch(() => null));
    if (!channel || (channel.type !== ChannelType.GuildText && channel.type !== ChannelType.GuildAnnouncement)) {
      logger.info({ ...context, reason: 'unknown channel' }, 'summary card refused');
      return void (await ephemeral(ui.discordCardUnknownChannel(where)));
    }
    const me = guild.members.me ?? (await guild.members.fetchMe());
    const missing = channel.permissionsFor(me).missing([...NEEDED]);
    if (missing.length) {
      const names = missing.map((p) => permissionName(ui, p)).join(', ');
      logger.info({ ...context, reason: 'missing permissions', missing }, 'summary card refused');
      return void (await ephemeral(ui.discordCardMissingPermissions(where, names)));
    }

    try {
      const post = await channel.send(renderDiscordReply(reply));
      logger.info({ ...context, message: post.id }, 'summary card posted');
      await ephemeral(ui.discordCardPosted(where, post.url));
    } catch (err) {
      const code = err instanceof DiscordAPIError ? err.code : undefined;
      if (code !== RESTJSONErrorCodes.MissingPermissions && code !== RESTJSONErrorCodes.MissingAccess) throw err;
      const reason = code === RESTJSONErrorCodes.MissingAccess ? ui.discordPermMissingAccess : ui.discordPermMissing;
      logger.info({ ...context, reason, code }, 'summary card refused');
      await ephemeral(ui.discordCardRefused(where, `${reason} (${code})`));
    }
  },
};

function permissionName(ui: ReturnType<typeof t>, permission: PermissionsString): string {
  switch (permission) {
    case 'ViewChannel':
      return ui.discordPermViewChannel;
    case 'SendMessages':
      return ui.discordPermSendMessages;
    case 'EmbedLinks':
      return ui.discordPermEmbedLinks;
    default:
      return permission;
  }
}
