import { MessageFlags } from 'discord.js';
import type { Lang } from '../../../core/data/schema.js';
import { t } from '../../../core/i18n/index.js';
import type { ReloadResult } from '../../../curator/reload.js';
import { notice, replyWith } from '../respond.js';
import { moderatorCommand, runModeratorCommand } from './moderator.js';
import type { SlashCommand } from './types.js';

const SHOWN_ISSUES = 5;

/** The outcome of a reload for the moderator who asked, in their language (in English, the curator's own summary). */
export function reloadText(result: ReloadResult, lang: Lang): string {
  const c = t(lang);
  if (result.ok) return result.changed ? c.discordReloadDone(result.topics, result.version) : c.discordReloadUnchanged(result.topics, result.version);
  const shown = result.issues.slice(0, SHOWN_ISSUES).map((i) => `• ${i.file}: ${i.path || c.discordReloadWholeFile}: ${i.message}`);
  const more = result.issues.length > SHOWN_ISSUES ? [c.discordReloadMoreIssues(result.issues.length - SHOWN_ISSUES)] : [];
  return [c.discordReloadRejected, ...shown, ...more].join('\n');
}

/**
 * `/reload` (moderators): reloads data/ now. Invalid data is rejected with the file, path
 * and reason of each problem, and the bot keeps answering from the data it had. Sharded,
 * it reloads the process of the shard it reached; the others pick file changes up by
 * watching data/ (or on SIGHUP). Deferred first: validating and training may take longer
 * than Discord's 3 s.
 */
export const reload: SlashCommand = {
  moderatorGuildsOnly: true,
  data: moderatorCommand('reload', 'discordReloadDescription').toJSON(),
  execute(interaction, ctx) {
    return runModeratorCommand(interaction, ctx, async (lang) => {
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      const { result } = await ctx.curator.reload(`discord /reload by ${interaction.user.id}`);
      await replyWith(interaction, notice(lang, reloadText(result, lang), result.ok ? 'info' : 'error'), { ephemeral: true });
      return result.ok
        ? { result: 'reloaded', topics: result.topics, version: result.version, changed: result.changed }
        : { result: 'rejected', issues: result.issues.length };
    });
  },
};
