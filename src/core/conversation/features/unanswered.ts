import { t } from '../../i18n/index.js';
import type { Command } from '../command.js';
import { notice } from '../notices.js';

/** Report length asked of the curator; each surface fits it to its message limit. */
export const REPORT_CHARS = 3500;

/** /unanswered (operators): the top unanswered questions and helpfulness by topic. */
export const unanswered: Command = {
  name: 'unanswered',
  description: 'cmdUnanswered',
  privilege: 'operator',
  args: [],
  async run(turn) {
    const { curator } = turn.deps;
    if (!curator) return notice(turn.lang, 'error', t(turn.lang).reportOff, { private: true });
    return { kind: 'report', lang: turn.lang, text: await curator.report(REPORT_CHARS), actions: [], private: true };
  },
};
