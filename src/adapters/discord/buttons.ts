import type { Interaction, MessageComponentInteraction } from 'discord.js';
import { t } from '../../core/i18n/index.js';
import type { DiscordContext } from './context.js';
import { parseCustomId } from './custom-id.js';
import { recordVote } from './feedback.js';
import { uiLang } from './locale.js';
import { notice, replyWith } from './respond.js';

/**
 * Buttons and topic menus (related topics, did-you-mean, Topics, /topics, 👍/👎). The
 * answer goes only to whoever clicked, so nobody's click floods the channel, in the
 * language of the message clicked. A custom_id we cannot parse, or a topic that no
 * longer exists, gets "this button has expired".
 */
export type ComponentInteraction = Extract<Interaction, MessageComponentInteraction>;

export async function answerComponent(interaction: ComponentInteraction, ctx: DiscordContext): Promise<void> {
  const { core } = ctx;
  const action = parseCustomId(interaction.customId);
  const lang = action?.lang ?? uiLang(interaction.locale);
  const expired = () => replyWith(interaction, notice(lang, t(lang).expired), { ephemeral: true });
  switch (action?.kind) {
    case 'topics':
      return replyWith(interaction, core.help('topics', lang), { ephemeral: true });
    case 'topic':
    case 'pick': {
      const id = action.kind === 'topic' ? action.topicId : interaction.isStringSelectMenu() ? interaction.values[0] : undefined;
      const reply = id ? core.topic(id, lang) : undefined;
      return reply?.kind === 'answer' ? replyWith(interaction, reply, { ephemeral: true }) : expired();
    }
    case 'feedback':
      return recordVote(interaction, ctx, action.topicId, action.vote, lang);
    default:
      return expired();
  }
}
