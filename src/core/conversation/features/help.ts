import { LANGS, type Lang } from '../../data/schema.js';
import { t } from '../../i18n/index.js';
import type { Reply } from '../../reply.js';
import { isTopicId } from '../actions.js';
import type { Command, Turn } from '../command.js';
import { unknownTopic } from '../notices.js';

/** Help or welcome, with this surface's hint on how to ask. */
export function helpFor(turn: Turn, mode: 'help' | 'welcome'): Reply {
  const reply = turn.deps.core.help(mode, turn.lang);
  return reply.kind === 'help' ? { ...reply, hint: t(turn.lang).helpHint(turn.req.surface) } : reply;
}

const PAYLOAD = /^topic_([a-z0-9-]+?)(?:_([a-z]{2}))?$/;
const MAX_PAYLOAD = 64;

/** The start payload that opens a topic (a deep link): `topic_<id>_<lang>`; undefined when it would not fit. */
export function startPayload(topicId: string, lang?: Lang): string | undefined {
  const payload = `topic_${topicId}${lang ? `_${lang}` : ''}`;
  return isTopicId(topicId) && payload.length <= MAX_PAYLOAD ? payload : undefined;
}

/** /start [payload]: the welcome, or the topic a deep link names (in the link's language, else the user's). */
export const start: Command = {
  name: 'start',
  description: 'cmdStart',
  listed: ['telegram'],
  args: [{ name: 'argTopic', info: 'argTopicInfo', kind: 'text', positional: true, maxLength: MAX_PAYLOAD }],
  run(turn, args) {
    const payload = typeof args.topic === 'string' ? args.topic.trim() : '';
    const link = payload.length <= MAX_PAYLOAD ? PAYLOAD.exec(payload) : null;
    if (!link) return helpFor(turn, 'welcome');
    const lang = LANGS.find((l) => l === link[2]) ?? turn.lang;
    if (link[2] && !LANGS.some((l) => l === link[2])) return helpFor(turn, 'welcome');
    const reply = turn.deps.core.topic(link[1]!, lang);
    return reply.kind === 'answer' ? reply : unknownTopic(turn.lang, link[1]!);
  },
};

/** /help: what the bot answers and how to ask. */
export const help: Command = {
  name: 'help',
  description: 'cmdHelp',
  args: [],
  run: (turn) => ({ ...helpFor(turn, 'help'), private: true }),
};
