import type { Composer, Context } from 'grammy';
import type { Lang } from '../../../core/data/schema.js';
import { t } from '../../../core/i18n/index.js';
import type { ReloadResult } from '../../../curator/reload.js';
import type { TelegramDeps } from '../deps.js';
import { moderatorCommand } from '../moderator-command.js';
import { sendReply } from '../send-reply.js';

const SHOWN_ISSUES = 5;

/** The outcome of a reload for the moderator who asked, in their language (English reads as the curator's own summary). */
export function reloadText(result: ReloadResult, lang: Lang): string {
  const c = t(lang);
  if (result.ok) return result.changed ? c.tgReloadDone(result.topics, result.version) : c.tgReloadUnchanged(result.topics, result.version);
  const shown = result.issues.slice(0, SHOWN_ISSUES).map((i) => `• ${i.file}: ${i.path || c.tgReloadWholeFile}: ${i.message}`);
  const more = result.issues.length > SHOWN_ISSUES ? [c.tgReloadMoreIssues(result.issues.length - SHOWN_ISSUES)] : [];
  return [c.tgReloadRejected, ...shown, ...more].join('\n');
}

/**
 * /reload (moderators): reloads data/ now. Invalid data is rejected with the
 * file, path and reason of each problem, and the bot keeps answering from the
 * data it had.
 */
export function reloadCommand(deps: TelegramDeps): Composer<Context> {
  return moderatorCommand(deps, 'reload', async (ctx, lang, userId) => {
    const { result } = await deps.curator.reload(`telegram /reload by ${userId}`);
    await sendReply(ctx, { kind: 'notice', lang, level: result.ok ? 'info' : 'error', text: reloadText(result, lang) });
    return result.ok
      ? { result: 'reloaded', topics: result.topics, version: result.version, changed: result.changed }
      : { result: 'rejected', issues: result.issues.length };
  });
}
