import {
  BaseInteraction,
  ChannelType,
  channelMention,
  DiscordAPIError,
  type Interaction,
  type NewsChannel,
  PermissionFlagsBits,
  RESTJSONErrorCodes,
  type TextChannel,
} from 'discord.js';
import type { CardRenderer } from '../../cards/index.js';
import type { Permission, PermissionPort, PublisherPort, PublishResult } from '../../core/conversation/ports.js';
import type { Request } from '../../core/conversation/request.js';
import type { Logger } from '../../logger.js';
import { renderPost } from './render.js';
import type { IdHasher } from '../kit/ids.js';
import { placeContext } from './error-boundary.js';
import { acknowledge } from './send.js';

const interactionOf = (req: Request): Interaction | undefined => (req.raw instanceof BaseInteraction ? (req.raw as Interaction) : undefined);

/** The roles of an interaction's member, cached (GuildMember) or not (the API's role id list). */
function rolesOf(interaction: Interaction): readonly string[] {
  const member = interaction.member;
  if (!member) return [];
  return Array.isArray(member.roles) ? member.roles : [...member.roles.cache.keys()];
}

export interface DiscordPermissionOptions {
  /** DISCORD_MODERATOR_GUILD_IDS: the operators' servers. Empty: no server is (operator commands answer nowhere on Discord). */
  operatorGuilds: ReadonlySet<string>;
  /** DISCORD_MODERATOR_ROLE_IDS: members with one of these roles are moderators besides those with Manage Messages. */
  moderatorRoles: ReadonlySet<string>;
}

/**
 * Who may run privileged commands on Discord, checked by the bot itself on
 * every request from the member's own permissions in the interaction
 * (Discord computes them per channel; server admins can change who sees a
 * command, not what the member holds): only in servers; moderators hold
 * Manage Messages (or Administrator) or one of DISCORD_MODERATOR_ROLE_IDS.
 * 'operator' commands (acting on the bot everywhere) and the whole inbox only
 * in DISCORD_MODERATOR_GUILD_IDS: private by default, none when unset. A
 * server's moderators read the questions asked in their server.
 */
export function discordPermissions(opts: DiscordPermissionOptions): PermissionPort {
  const isModerator = (interaction: Interaction & { guildId: string }) =>
    interaction.memberPermissions?.has(PermissionFlagsBits.ManageMessages) === true || rolesOf(interaction).some((r) => opts.moderatorRoles.has(r));
  const where = (req: Request) => {
    const interaction = interactionOf(req);
    return interaction?.inGuild() ? interaction : undefined;
  };
  return {
    async check(req, privilege) {
      const interaction = where(req);
      if (!interaction) return 'guild-only';
      if (privilege === 'operator' && !opts.operatorGuilds.has(interaction.guildId)) return 'operators-only';
      return isModerator(interaction) ? true : 'not-moderator';
    },
    async inbox(req) {
      const interaction = where(req);
      if (!interaction) return 'guild-only';
      if (!isModerator(interaction)) return 'not-moderator';
      if (opts.operatorGuilds.has(interaction.guildId)) return { all: true };
      return req.place ? { place: req.place } : 'operators-only';
    },
  };
}

const NEEDED: Permission[] = ['ViewChannel', 'SendMessages', 'EmbedLinks'];
const SNOWFLAKE = /^\d{17,20}$/;
type Postable = TextChannel | NewsChannel;
type Refused = Extract<PublishResult, { ok: false }>;

/** The text or announcement channel `channelId` of the interaction's server, if the bot holds `needed` there. */
async function postable(
  interaction: Interaction | undefined,
  channelId: string | null | undefined,
  needed: Permission[],
): Promise<{ ok: true; channel: Postable } | Refused> {
  const where = channelId ? channelMention(channelId) : '';
  if (!interaction?.inCachedGuild()) return { ok: false, where, reason: 'not-member' };
  const { guild } = interaction;
  const channel =
    channelId && SNOWFLAKE.test(channelId) ? (guild.channels.cache.get(channelId) ?? (await guild.channels.fetch(channelId).catch(() => null))) : null;
  if (!channel || (channel.type !== ChannelType.GuildText && channel.type !== ChannelType.GuildAnnouncement))
    return { ok: false, where, reason: 'unknown-target' };
  const me = guild.members.me ?? (await guild.members.fetchMe());
  const missing = channel.permissionsFor(me).missing(needed) as Permission[];
  return missing.length ? { ok: false, where, reason: 'missing-permissions', missing } : { ok: true, channel };
}

/**
 * Posting summary cards: by default into the channel the moderator asked in;
 * with a channel named, there. The bot checks its own permissions first and
 * says which one is missing; Discord's own refusals (50013, 50001) are passed on.
 */
export function discordPublisher(cards: CardRenderer, log: Logger, ids: IdHasher): PublisherPort {
  return {
    defaultTarget(req) {
      const channelId = interactionOf(req)?.channelId;
      return channelId ? channelMention(channelId) : undefined;
    },
    async preflight(req) {
      const interaction = interactionOf(req);
      const checked = await postable(interaction, interaction?.channelId, NEEDED);
      return checked.ok ? { ok: true, where: channelMention(checked.channel.id) } : checked;
    },
    async publish(req, { card, image, target }) {
      const interaction = interactionOf(req);
      // Before anything slow (fetching the channel, drawing the image): Discord waits 3 s for a first response.
      if (interaction?.isRepliable()) await acknowledge(interaction, true);
      const channelId = target ?? interaction?.channelId;
      const where = channelId ? channelMention(channelId) : '';
      const found = await postable(interaction, channelId, image ? [...NEEDED, 'AttachFiles'] : NEEDED);
      if (!found.ok) return found;
      const { channel } = found;
      let png: Buffer | undefined;
      try {
        png = image ? await cards.png(card) : undefined;
      } catch (err) {
        log.warn({ err, card: card.topicId, lang: card.lang }, 'summary card image failed');
        return { ok: false, where, reason: 'image-failed' };
      }
      try {
        const post = await channel.send(renderPost(card, png));
        log.info(
          { card: card.topicId, lang: card.lang, image, ...placeContext(ids, { guildId: channel.guildId, channelId: channel.id }) },
          'summary card posted',
        );
        return { ok: true, where, link: post.url };
      } catch (err) {
        const code = err instanceof DiscordAPIError && typeof err.code === 'number' ? err.code : undefined;
        if (code === RESTJSONErrorCodes.MissingPermissions || code === RESTJSONErrorCodes.MissingAccess) {
          return { ok: false, where, reason: 'refused', code, access: code === RESTJSONErrorCodes.MissingAccess };
        }
        log.warn({ err, card: card.topicId, ...placeContext(ids, { guildId: channel.guildId, channelId: channel.id }) }, 'summary card post failed');
        return { ok: false, where, reason: 'failed' };
      }
    },
  };
}
