import { LANGS, type Lang } from '../../core/data/schema.js';

/**
 * `t.me/<bot>?start=topic_<id>_<lang>` links that open a topic in a private
 * chat with the bot, in the language of the message the link was on. Old
 * links without a language (`topic_<id>`) open in the user's language.
 */
const PREFIX = 'topic_';
const MAX_START_PAYLOAD = 64;
const TOPIC_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The deep link for a topic, or undefined if its id cannot be a start payload. */
export function topicDeepLink(botUsername: string, topicId: string, lang?: Lang): string | undefined {
  const payload = `${PREFIX}${topicId}${lang ? `_${lang}` : ''}`;
  if (!TOPIC_ID.test(topicId) || payload.length > MAX_START_PAYLOAD) return undefined;
  return `https://t.me/${botUsername}?start=${payload}`;
}

/** The topic id (and language, if the link names one) in a /start payload, or undefined. */
export function topicFromStartPayload(payload: string): { topicId: string; lang?: Lang } | undefined {
  const text = payload.trim();
  if (!text.startsWith(PREFIX) || text.length > MAX_START_PAYLOAD) return undefined;
  const [id = '', langArg, ...rest] = text.slice(PREFIX.length).split('_');
  if (!TOPIC_ID.test(id) || rest.length) return undefined;
  if (langArg === undefined) return { topicId: id };
  const lang = LANGS.find((l) => l === langArg);
  return lang ? { topicId: id, lang } : undefined;
}
