import { MessageFlags, type RepliableInteraction } from 'discord.js';
import type { Lang } from '../../core/data/schema.js';
import type { NoticeReply, Reply } from '../../core/reply.js';
import { renderDiscordReply } from './render.js';

export function notice(lang: Lang, text: string, level: NoticeReply['level'] = 'info'): NoticeReply {
  return { kind: 'notice', lang, level, text };
}

/**
 * Answers an interaction with a rendered reply: the first response, the edit of a
 * deferred one, or a follow-up. Notices are always ephemeral.
 */
export async function replyWith(interaction: RepliableInteraction, reply: Reply, opts: { ephemeral?: boolean } = {}): Promise<void> {
  const payload = renderDiscordReply(reply);
  const ephemeral = opts.ephemeral === true || reply.kind === 'notice';
  const flags = ephemeral ? { flags: MessageFlags.Ephemeral as const } : {};
  if (interaction.deferred && !interaction.replied) await interaction.editReply(payload);
  else if (interaction.replied) await interaction.followUp({ ...payload, ...flags });
  else await interaction.reply({ ...payload, ...flags });
}
