import type { Lang } from '../../data/schema.js';
import { t } from '../../i18n/index.js';
import type { Reply } from '../../reply.js';
import type { ActionHandler, Command, Turn } from '../command.js';
import type { VoteOutcome } from '../ports.js';
import { expired, notice } from '../notices.js';

/**
 * One vote per user per answer (a second press changes it), stored by the
 * curator. Always answered, only to the voter; a store that fails gets a polite
 * apology and answering goes on.
 */
async function recordVote(turn: Turn, topicId: string, vote: 1 | -1, lang: Lang, answerKey: string | undefined): Promise<Reply> {
  const { core, curator, log } = turn.deps;
  const c = t(lang);
  if (!answerKey || !core.hasTopic(topicId)) return expired(lang);
  let outcome: VoteOutcome | false = false;
  try {
    const event = turn.req.event ? { event: turn.req.event } : {};
    outcome = curator ? await curator.vote({ surface: turn.req.surface, answerKey, user: turn.req.user, topicId, vote, lang, ...event }) : false;
  } catch (err) {
    log.warn({ err, surface: turn.req.surface, topic: topicId }, 'vote could not be recorded');
  }
  if (!outcome) return notice(lang, 'error', c.voteFailed, { private: true });
  return notice(lang, 'info', outcome === 'new' ? c.voteThanks : outcome === 'same' ? c.voteSame : c.voteChanged, { private: true });
}

/** 👍 / 👎 under an answer: the answer is the message the button is on. */
export const voteButton: ActionHandler<'vote'> = (turn, action) =>
  recordVote(turn, action.topicId, action.vote, action.lang, turn.req.input.kind === 'action' ? turn.req.input.message : undefined);

/** /vote up|down: rates the conversation's last answer (for surfaces without buttons). */
export const vote: Command = {
  name: 'vote',
  description: 'cmdVote',
  listed: ['console'],
  args: [{ name: 'argVote', info: 'argVoteInfo', kind: 'vote', required: true, positional: true, maxLength: 8 }],
  async run(turn, args) {
    const value = typeof args.vote === 'string' ? args.vote.trim().toLowerCase() : '';
    const direction = value === 'up' || value === '+' || value === '👍' ? 1 : value === 'down' || value === '-' || value === '👎' ? -1 : 0;
    if (!direction) return notice(turn.lang, 'error', t(turn.lang).voteUsage, { private: true });
    const last = await turn.deps.contexts.get(turn.req.conversation);
    if (!last?.topicId) return notice(turn.lang, 'error', t(turn.lang).voteNothing, { private: true });
    return recordVote(turn, last.topicId, direction, last.lang ?? turn.lang, `${turn.req.conversation}:${last.at}`);
  },
};
