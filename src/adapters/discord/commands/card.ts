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
import type { Catalogue } from '../../../core/i18n/index.js';
import { t } from '../../../core/i18n/index.js';
import { supportedLang } from '../../../core/text/lang.js';
import { uiLang } from '../locale.js';
import { renderDiscordReply, withCardImage } from '../render.js';
import { notice, replyWith } from '../respond.js';
import { choice, describe, en, option } from './localize.js';
import type { SlashCommand } from './types.js';

const POSTABLE = [ChannelType.GuildText, ChannelType.GuildAnnouncement] as const;
const NEEDED = ['ViewChannel', 'SendMessages', 'EmbedLinks'] as const satisfies readonly PermissionsString[];
const NEEDED_FOR_IMAGE = [...NEEDED, 'AttachFiles'] as const satisfies readonly PermissionsString[];

/**
 * `/card topic:<autocomplete> channel:<channel> [image:true] [language:<en|ru|fa>]`
 * (moderators, servers only): posts the summary card of a topic (or the `overview` of the
 * whole partnership) publicly in the channel, confirms ephemerally, and logs the post.
 * With image:true the 1200×675 PNG is attached and shown in the embed. The card is in the
 * language chosen, else the server's. When the bot may not post there, the moderator is
 * told exactly which permission is missing.
 */
export const card: SlashCommand = {
  data: describe(new SlashCommandBuilder().setName('card'), 'discordCardDescription')
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageMessages)
    .setContexts(InteractionContextType.Guild)
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
    .addStringOption((o) => option(o, 'discordOptTopic', 'discordCardTopic').setRequired(true).setAutocomplete(true).setMaxLength(100))
    .addChannelOption((o) => option(o, 'discordOptChannel', 'discordCardChannel').setRequired(true).addChannelTypes(...POSTABLE))
    .addBooleanOption((o) => option(o, 'discordOptImage', 'discordCardImage'))
    .addStringOption((o) =>
      option(o, 'discordOptLanguage', 'discordCardLanguage').addChoices(
        choice('discordLangEnglish', 'en'),
        choice('discordLangRussian', 'ru'),
        choice('discordLangPersian', 'fa'),
      ),
    )
    .toJSON(),
  async execute(interaction, { cards, logger }) {
    const lang = uiLang(interaction.locale);
    const ui = t(lang);
    // Our own text with a channel mention and a message link: sent as is (no markdown escaping), never pinging.
    const ephemeral = async (content: string) => {
      const body = { content, allowedMentions: { parse: [] } };
      await (interaction.deferred ? interaction.editReply(body) : interaction.reply({ ...body, flags: MessageFlags.Ephemeral }));
    };
    if (!interaction.inGuild()) return ephemeral(ui.discordCardGuildOnly);
    if (!interaction.inCachedGuild()) return ephemeral(ui.discordCardNotInGuild);

    const topicId = interaction.options.getString(en.discordOptTopic, true).trim();
    const cardLang = supportedLang(interaction.options.getString(en.discordOptLanguage) ?? interaction.guildLocale ?? undefined) ?? 'en';
    const reply = cards.reply(topicId, cardLang);
    if (reply.kind !== 'card') return replyWith(interaction, notice(lang, ui.unknownTopic(topicId.slice(0, 64)), 'error'));
    const image = interaction.options.getBoolean(en.discordOptImage) ?? false;

    const channelId = interaction.options.getChannel(en.discordOptChannel, true, [...POSTABLE]).id;
    const where = channelMention(channelId);
    const context = { user: interaction.user.id, topic: reply.topicId, lang: cardLang, image, guild: interaction.guildId, channel: channelId };
    // Before anything slow (fetching the channel, rendering the image): Discord waits 3 s for a first response.
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });

    const { guild } = interaction;
    const channel = guild.channels.cache.get(channelId) ?? (await guild.channels.fetch(channelId).catch(() => null));
    if (!channel || (channel.type !== ChannelType.GuildText && channel.type !== ChannelType.GuildAnnouncement)) {
      logger.info({ ...context, reason: 'unknown channel' }, 'summary card refused');
      return ephemeral(ui.discordCardUnknownChannel(where));
    }
    const me = guild.members.me ?? (await guild.members.fetchMe());
    const missing = channel.permissionsFor(me).missing([...(image ? NEEDED_FOR_IMAGE : NEEDED)]);
    if (missing.length) {
      const names = missing.map((p) => permissionName(ui, p)).join(', ');
      logger.info({ ...context, reason: 'missing permissions', missing }, 'summary card refused');
      return ephemeral(ui.discordCardMissingPermissions(where, names));
    }

    const message = renderDiscordReply(reply);
    try {
      const post = await channel.send(image ? withCardImage(message, reply.topicId, await cards.png(reply)) : message);
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

function permissionName(ui: Catalogue, permission: PermissionsString): string {
  switch (permission) {
    case 'ViewChannel':
      return ui.discordPermViewChannel;
    case 'SendMessages':
      return ui.discordPermSendMessages;
    case 'EmbedLinks':
      return ui.discordPermEmbedLinks;
    case 'AttachFiles':
      return ui.discordPermAttachFiles;
    default:
      return permission;
  }
}
