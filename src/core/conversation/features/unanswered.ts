import type { Lang } from '../../data/schema.js';
import { t } from '../../i18n/index.js';
import type { ReplyAction } from '../../reply.js';
import type { ActionHandler, Command } from '../command.js';
import { notice } from '../notices.js';
import type { InboxEntry } from '../ports.js';

/** Report length asked of the curator; each surface fits it to its message limit. */
export const REPORT_CHARS = 3500;
/** Open questions that get Resolve / Ignore buttons under the report (a row each; Discord allows five rows). */
export const DECIDE_BUTTONS = 5;

const decideActions = (lang: Lang, entries: readonly InboxEntry[]): ReplyAction[] => {
  const c = t(lang);
  return entries.flatMap(({ id }) => [
    { action: { kind: 'decide', id, decision: 'resolved', lang }, label: c.inboxResolve(id), group: 'inbox' },
    { action: { kind: 'decide', id, decision: 'ignored', lang }, label: c.inboxIgnore(id), group: 'inbox' },
  ]);
};

/**
 * /unanswered (moderators): the answer rate, the open inbox with Resolve /
 * Ignore buttons, and helpfulness by topic. Operators see every question; a
 * server's moderators only the ones asked in their server (the permission port
 * says which), and their buttons decide only on those.
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
    const [text, open] = await Promise.all([curator.report(REPORT_CHARS, scope), curator.openInbox(DECIDE_BUTTONS, scope)]);
    return { kind: 'report', lang: turn.lang, text, actions: decideActions(turn.lang, open), private: true };
  },
};

/**
 * A Resolve / Ignore button under /unanswered: the presser needs /unanswered's
 * right (checked before, by the conversation) and the question must be in
 * their inbox scope (checked here, as /unanswered's list is); the state changes
 * in the store, with who pressed it (hashed by the adapter).
 */
export const decideButton: ActionHandler<'decide'> = async (turn, action) => {
  const c = t(action.lang);
  const { curator, log, permissions } = turn.deps;
  if (!curator) return notice(action.lang, 'error', c.reportOff, { private: true });
  const scope = await permissions.inbox(turn.req);
  if (typeof scope === 'string') return turn.refuse('unanswered', scope);
  let done: boolean;
  try {
    done = await curator.decide(action.id, action.decision, { surface: turn.req.surface, user: turn.req.user }, scope);
  } catch (err) {
    log.warn({ err, surface: turn.req.surface, inbox: action.id }, 'inbox decision could not be recorded');
    return notice(action.lang, 'error', c.inboxUnavailable(action.id), { private: true });
  }
  if (!done) return notice(action.lang, 'error', c.inboxUnknown(action.id), { private: true });
  log.info({ surface: turn.req.surface, user: turn.req.user, inbox: action.id, decision: action.decision }, 'inbox question decided');
  return notice(action.lang, 'info', action.decision === 'resolved' ? c.inboxResolved(action.id) : c.inboxIgnored(action.id), { private: true });
};
