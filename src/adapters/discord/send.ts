import { type Message, MessageFlags, PermissionFlagsBits, type RepliableInteraction } from 'discord.js';
import type { Reply } from '../../core/reply.js';
import { renderDiscordReply, renderDiscordText } from './render.js';

/** Component interactions acknowledged with a deferred update (the message they are on may then be edited). */
const updating = new WeakSet<RepliableInteraction>();
const EPHEMERAL = { flags: MessageFlags.Ephemeral } as const;

/**
 * Acknowledges an interaction before slow work (Discord waits 3 s for a first
 * response): a command with a deferred reply, private or not; a button or menu
 * with a deferred update of its message. Does nothing if already acknowledged.
 */
export async function acknowledge(interaction: RepliableInteraction, privately: boolean): Promise<void> {
  if (interaction.deferred || interaction.replied) return;
  if (interaction.isMessageComponent()) {
    await interaction.deferUpdate();
    updating.add(interaction);
  } else {
    await interaction.deferReply(privately ? EPHEMERAL : {});
  }
}

/**
 * Answers an interaction with a reply: the first response, the edit of a
 * deferred one, or a follow-up once answered. A reply to a button or menu goes
 * only to whoever pressed it (ephemeral), or, when it `replaces`, updates the
 * message the component is on. `private` replies are ephemeral.
 */
export async function sendReply(interaction: RepliableInteraction, reply: Reply): Promise<void> {
  const body = renderDiscordReply(reply);
  const component = interaction.isMessageComponent();
  if (interaction.replied) {
    await interaction.followUp({ ...body, ...EPHEMERAL });
  } else if (interaction.deferred) {
    if (updating.has(interaction) && !reply.replaces) await interaction.followUp({ ...body, ...EPHEMERAL });
    else await interaction.editReply(body);
  } else if (component && reply.replaces) {
    await interaction.update(body);
  } else {
    await interaction.reply({ ...body, ...(component || reply.private ? EPHEMERAL : {}) });
  }
}

/** Ends a deferred interaction the bot chose not to answer (a flooding user), so no "thinking…" stays behind. */
export async function dropDeferred(interaction: RepliableInteraction): Promise<void> {
  if (interaction.deferred && !interaction.replied && !updating.has(interaction)) await interaction.deleteReply();
}

/** What the bot may do where a message was written (DMs: everything; unknown permissions count as granted). */
export interface MessageRights {
  send: boolean;
  embed: boolean;
  /** Replies (message_reference) need Read Message History. */
  reference: boolean;
}

export function messageRights(message: Message): MessageRights {
  if (!message.inGuild()) return { send: true, embed: true, reference: true };
  const permissions = message.channel.permissionsFor(message.client.user);
  if (!permissions) return { send: true, embed: true, reference: true };
  const send = message.channel.isThread() ? PermissionFlagsBits.SendMessagesInThreads : PermissionFlagsBits.SendMessages;
  return {
    send: permissions.has(send),
    embed: permissions.has(PermissionFlagsBits.EmbedLinks),
    reference: permissions.has(PermissionFlagsBits.ReadMessageHistory),
  };
}

/**
 * Answers a message: as a reply (message_reference), or as a plain message
 * where the bot may not read the history; plain text where it may not embed
 * links. The question's id is the nonce, enforced: a reply retried after its
 * connection dropped, but which Discord had created, comes back instead of
 * being posted twice.
 */
export async function sendToMessage(message: Message, reply: Reply, rights: MessageRights): Promise<void> {
  const body = rights.embed ? renderDiscordReply(reply) : renderDiscordText(reply);
  const once = { nonce: message.id, enforceNonce: true };
  if (rights.reference || !message.channel.isSendable()) await message.reply({ ...body, ...once, failIfNotExists: false });
  else await message.channel.send({ ...body, ...once });
}
