import { t } from '../../i18n/index.js';
import type { Reply } from '../../reply.js';
import type { Command, Turn } from '../command.js';

/** Longest question read, on every surface; longer ones are cut and the reply says so. */
export const MAX_QUESTION = 1000;

/** Cuts at a grapheme boundary at or before `max` UTF-16 units (never inside an emoji or a combining sequence). */
function cut(text: string, max: number): string {
  let end = 0;
  for (const { index, segment } of new Intl.Segmenter().segment(text)) {
    if (index + segment.length > max) break;
    end = index + segment.length;
  }
  return text.slice(0, end);
}

/**
 * A question: answered in its language (the user's platform language breaks
 * ties), remembered as the conversation's last topic for follow-ups and votes.
 */
export async function askQuestion(turn: Turn, question: string): Promise<Reply> {
  const text = question.trim();
  const long = text.length > MAX_QUESTION;
  const context = await turn.deps.contexts.get(turn.req.conversation);
  const { req } = turn;
  const origin = { ...(req.place ? { place: req.place } : {}), ...(req.event ? { event: req.event } : {}) };
  const followUp = context?.topicId ? { topicId: context.topicId, ...(context.lang ? { lang: context.lang } : {}) } : {};
  const { reply } = turn.deps.core.ask(long ? cut(text, MAX_QUESTION) : text, req.langHint, followUp, origin);
  // (A summary of an area spans several topics: the conversation is on none of them in particular.)
  if (reply.kind === 'answer')
    await turn.deps.contexts.set(turn.req.conversation, { ...(reply.area ? {} : { topicId: reply.topicId }), lang: reply.lang, at: Date.now() });
  return long ? { ...reply, note: t(reply.lang).tooLong(MAX_QUESTION) } : reply;
}

/** /ask <question> [private]: also where the bot is not otherwise addressed. */
export const ask: Command = {
  name: 'ask',
  description: 'cmdAsk',
  args: [
    { name: 'argQuestion', info: 'argQuestionInfo', kind: 'text', required: true, positional: true, maxLength: MAX_QUESTION },
    { name: 'argPrivate', info: 'argPrivateInfo', kind: 'boolean' },
  ],
  async run(turn, args) {
    const reply = await askQuestion(turn, typeof args.question === 'string' ? args.question : '');
    return args.private === true ? { ...reply, private: true } : reply;
  },
};
