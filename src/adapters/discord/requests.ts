import type { ChatInputCommandInteraction, Message, MessageComponentInteraction } from 'discord.js';
import { argKey, findCommand } from '../../core/conversation/commands.js';
import type { Input, Request } from '../../core/conversation/request.js';
import type { IdHasher } from '../kit/ids.js';

/** The one place Discord events become the core's requests; every id is hashed here. */

interface Origin {
  channelId: string;
  userId: string;
  /** The server; null in a direct message. */
  guildId: string | null;
  /** The event: an interaction's or a message's id, with its kind. */
  event: ['dc-interaction' | 'dc-message', string];
}

function request(ids: IdHasher, origin: Origin, input: Input, raw: unknown, langHint?: string): Request {
  const { channelId, userId, guildId } = origin;
  return {
    surface: 'discord',
    conversation: ids.hash('dc-conv', `${channelId}:${userId}`),
    user: ids.hash('dc-user', userId),
    // A server's questions are its moderators' to read; a direct message's belong to no server.
    place: guildId ? ids.hash('dc-guild', guildId) : ids.hash('dc-dm', userId),
    event: ids.hash(...origin.event),
    ...(langHint ? { langHint } : {}),
    capabilities: { buttons: true, publish: true },
    input,
    raw,
  };
}

/** A slash command, its options read by the English names of the core command's arguments (channels as their ids). */
export function commandRequest(interaction: ChatInputCommandInteraction, ids: IdHasher): Request {
  const args: Record<string, string | boolean> = {};
  for (const arg of findCommand(interaction.commandName)?.args ?? []) {
    const name = argKey(arg.name);
    const value = interaction.options.get(name)?.value;
    if (value !== undefined && value !== null) args[name] = typeof value === 'boolean' ? value : String(value);
  }
  const input: Input = { kind: 'command', name: interaction.commandName, args };
  return request(ids, interactionOrigin(interaction), input, interaction, interaction.locale);
}

function interactionOrigin(interaction: ChatInputCommandInteraction | MessageComponentInteraction): Origin {
  return { channelId: interaction.channelId, userId: interaction.user.id, guildId: interaction.guildId, event: ['dc-interaction', interaction.id] };
}

/** A button or select menu: its custom_id is the core's action; a menu's choice comes as the value. */
export function componentRequest(interaction: MessageComponentInteraction, ids: IdHasher): Request {
  const value = interaction.isStringSelectMenu() ? interaction.values[0] : undefined;
  const input: Input = {
    kind: 'action',
    data: interaction.customId,
    ...(value !== undefined ? { value } : {}),
    message: ids.hash('dc-msg', interaction.message.id),
  };
  return request(ids, interactionOrigin(interaction), input, interaction, interaction.locale);
}

/**
 * A direct message, or a message in a server that mentions the bot, as a
 * question (the bot's own mention removed); undefined for anything else. A
 * message carries no locale: the question's script decides the language.
 */
export function mentionRequest(message: Message, ids: IdHasher): Request | undefined {
  if (message.author.bot || message.system || message.webhookId) return undefined;
  const me = message.client.user.id;
  if (message.inGuild() && !message.mentions.users.has(me)) return undefined;
  const text = message.content.replace(new RegExp(`<@!?${me}>`, 'g'), ' ').trim();
  const origin: Origin = { channelId: message.channelId, userId: message.author.id, guildId: message.guildId, event: ['dc-message', message.id] };
  return request(ids, origin, { kind: 'question', text }, message);
}

/**
 * How a command must be acknowledged before it runs: commands the core marks
 * slow are deferred (privately when their reply will be: privileged commands,
 * /help, /topics, a private /ask); undefined for the rest.
 */
export function deferral(req: Request): 'private' | 'public' | undefined {
  if (req.input.kind !== 'command') return undefined;
  const spec = findCommand(req.input.name);
  if (!spec?.slow) return undefined;
  const quiet = spec.privilege !== undefined || spec.name === 'help' || spec.name === 'topics' || req.input.args.private === true;
  return quiet ? 'private' : 'public';
}
