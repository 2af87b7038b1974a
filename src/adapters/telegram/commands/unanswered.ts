import type { Composer, Context } from 'grammy';
import type { TelegramDeps } from '../deps.js';
import { moderatorCommand } from '../moderator-command.js';
import { renderPreformatted } from '../render.js';

/** Report length asked of the curator; escaping may lengthen it, and the renderer cuts to 4096. */
export const REPORT_CHARS = 3500;

/** /unanswered (moderators): the top unanswered questions and helpfulness by topic, as a preformatted block. */
export function unansweredCommand(deps: TelegramDeps): Composer<Context> {
  return moderatorCommand(deps, 'unanswered', async (ctx) => {
    const report = deps.curator.report(REPORT_CHARS);
    const { text, ...other } = renderPreformatted(report);
    await ctx.reply(text, other);
    return { result: 'sent', chars: report.length };
  });
}
