import type { ActionHandler, Command } from '../command.js';
import { expired } from '../notices.js';
import { topicList } from './topics.js';

/** /topic <id>: one topic; without an id, the topic list. */
export const topic: Command = {
  name: 'topic',
  description: 'cmdTopic',
  args: [{ name: 'argTopic', info: 'argTopicInfo', kind: 'topic', required: true, positional: true, maxLength: 100 }],
  async run(turn, args) {
    const id = typeof args.topic === 'string' ? args.topic.trim().toLowerCase() : '';
    if (!id) return topicList(turn);
    const reply = turn.deps.core.topic(id, turn.lang);
    if (reply.kind === 'answer') await turn.deps.contexts.set(turn.req.conversation, { topicId: reply.topicId, lang: reply.lang, at: Date.now() });
    return reply;
  },
};

/** A topic button (related, did-you-mean, a list) or "More": the topic, to the one who pressed. */
export const openTopic: ActionHandler<'topic' | 'more'> = async (turn, action) => {
  const reply = turn.deps.core.topic(action.topicId, action.lang);
  if (reply.kind !== 'answer') return expired(action.lang);
  await turn.deps.contexts.set(turn.req.conversation, { topicId: reply.topicId, lang: reply.lang, at: Date.now() });
  return { ...reply, private: true };
};
