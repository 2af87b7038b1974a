import { t } from '../../i18n/index.js';
import type { Command } from '../command.js';
import { notice } from '../notices.js';

/** Report length asked of the curator; each surface fits it to its message limit. */
export const REPORT_CHARS = 3500;

/**
 * /unanswered (moderators): the top unanswered questions and helpfulness by
 * topic. Operators see every question; a server's moderators only the ones
 * asked in their server (the permission port says which).
 */
export const unanswered: Command = {
  name: 'unanswered',
  description: 'cmdUnanswered',
  privilege: 'moderator',
  args: [],
  async run(turn) {
    const { curator, permissions } = turn.deps;
    if (!curator) return notice(turn.lang, 'error', t(turn.lang).reportOff, { private: true });
    const scope = await permissions.inbox(turn.req);
    if (typeof scope === 'string') return turn.refuse('unanswered', scope);
    return { kind: 'report', lang: turn.lang, text: await curator.report(REPORT_CHARS, scope), actions: [], private: true };
  },
};
