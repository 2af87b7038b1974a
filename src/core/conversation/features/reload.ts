import type { DataIssue } from '../../data/load.js';
import type { Lang } from '../../data/schema.js';
import { t } from '../../i18n/index.js';
import type { Command } from '../command.js';
import type { ReloadOutcome } from '../ports.js';
import { notice } from '../notices.js';

const SHOWN_ISSUES = 5;

/**
 * What a reload did, for the moderator who asked: applied (and how many
 * processes run which version, where the curator knows), rejected or timed
 * out, with file, path and reason of each problem.
 */
export function reloadText(result: ReloadOutcome, lang: Lang): string {
  const c = t(lang);
  if (result.ok) {
    const done = result.changed ? c.reloadDone(result.topics, result.version) : c.reloadUnchanged(result.topics, result.version);
    return result.processes?.length ? `${done}\n${c.reloadProcesses(result.processes)}` : done;
  }
  const shown = result.issues.slice(0, SHOWN_ISSUES).map((i: DataIssue) => `• ${i.file}: ${i.path || c.reloadWholeFile}: ${i.message}`);
  const more = result.issues.length > SHOWN_ISSUES ? [c.reloadMoreIssues(result.issues.length - SHOWN_ISSUES)] : [];
  return [result.timedOut ? c.reloadTimedOut : c.reloadRejected, ...shown, ...more].join('\n');
}

/**
 * /reload (operators): reloads data/ now. Invalid data is rejected with the
 * file, path and reason of each problem, and the bot keeps the data it had.
 */
export const reload: Command = {
  name: 'reload',
  description: 'cmdReload',
  privilege: 'operator',
  slow: true,
  args: [],
  async run(turn) {
    const { curator } = turn.deps;
    if (!curator) return notice(turn.lang, 'error', t(turn.lang).reportOff, { private: true });
    const result = await curator.reload(`${turn.req.surface} /reload`);
    return notice(turn.lang, result.ok ? 'info' : 'error', reloadText(result, turn.lang), { private: true });
  },
};
