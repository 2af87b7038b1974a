import type { Reply } from '../../reply.js';
import type { ActionHandler, Command, Turn } from '../command.js';
import { expired } from '../notices.js';

/** The list of topics (a page of it, where the surface pages it), shown to the one who asked. */
export function topicList(turn: Turn, page = 0): Reply {
  return { ...turn.deps.core.help('topics', turn.lang, page), private: true };
}

/** /topics */
export const topics: Command = {
  name: 'topics',
  description: 'cmdTopics',
  args: [],
  run: (turn) => topicList(turn),
};

/** The "Topics" button: the list, as a new message. */
export const topicsButton: ActionHandler<'topics'> = (turn, action) => topicList({ ...turn, lang: action.lang });

/** Previous / Next under a paged list: that page, in place of the one shown. */
export const topicsPage: ActionHandler<'page'> = (turn, action) => ({ ...topicList({ ...turn, lang: action.lang }, action.page), replaces: true });

/** A topic chosen from a menu: the choice comes with the press. */
export const pick: ActionHandler<'pick'> = (turn, action, value) => {
  const reply = value ? turn.deps.core.topic(value, action.lang) : undefined;
  return reply?.kind === 'answer' ? { ...reply, private: true } : expired(action.lang);
};
