/** `t.me/<bot>?start=topic_<id>` links that open a topic in a private chat with the bot. */
const PREFIX = 'topic_';
const MAX_START_PAYLOAD = 64;
const TOPIC_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The deep link for a topic, or undefined if its id cannot be a start payload. */
export function topicDeepLink(botUsername: string, topicId: string): string | undefined {
  const payload = `${PREFIX}${topicId}`;
  if (!TOPIC_ID.test(topicId) || payload.length > MAX_START_PAYLOAD) return undefined;
  return `https://t.me/${botUsername}?start=${payload}`;
}

/** The topic id in a /start payload (`topic_<id>`), or undefined. */
export function topicFromStartPayload(payload: string): string | undefined {
  const text = payload.trim();
  if (!text.startsWith(PREFIX) || text.length > MAX_START_PAYLOAD) return undefined;
  const id = text.slice(PREFIX.length);
  return TOPIC_ID.test(id) ? id : undefined;
}
