/**
 * The versioned callback_data scheme of our inline buttons: `v1:<kind>[:<arg>]`,
 * always within Telegram's 64 bytes. Parsing returns undefined for anything
 * stale or forged; it never throws. New kinds (e.g. feedback `v1:f:u:<topicId>`)
 * are added as new union members without touching the existing ones.
 */
export type CallbackAction =
  /** Open a topic (related topics, did-you-mean, topic lists). */
  | { kind: 'topic'; topicId: string }
  /** Show another page of the topic list in place. */
  | { kind: 'topics-page'; page: number }
  /** Moderator confirms posting a topic's summary card to the channel. */
  | { kind: 'post'; topicId: string }
  /** Moderator cancels a card preview. */
  | { kind: 'post-cancel' };

export const CALLBACK_VERSION = 'v1';
export const MAX_CALLBACK_BYTES = 64;
const TOPIC_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const PAGE = /^\d{1,4}$/;

/** The callback_data for an action, or undefined if it would not fit in 64 bytes. */
export function encodeCallback(action: CallbackAction): string | undefined {
  const parts = [CALLBACK_VERSION];
  switch (action.kind) {
    case 'topic':
      parts.push('t', action.topicId);
      break;
    case 'topics-page':
      parts.push('tp', String(Math.max(0, Math.trunc(action.page))));
      break;
    case 'post':
      parts.push('pc', action.topicId);
      break;
    case 'post-cancel':
      parts.push('px');
      break;
  }
  const data = parts.join(':');
  return Buffer.byteLength(data, 'utf8') <= MAX_CALLBACK_BYTES ? data : undefined;
}

/** The action a button's callback_data stands for; undefined when stale, forged or from another version. */
export function parseCallback(data: string | undefined): CallbackAction | undefined {
  if (!data || Buffer.byteLength(data, 'utf8') > MAX_CALLBACK_BYTES) return undefined;
  const [version, kind, arg, ...rest] = data.split(':');
  if (version !== CALLBACK_VERSION || rest.length > 0) return undefined;
  const topicId = arg !== undefined && TOPIC_ID.test(arg) ? arg : undefined;
  switch (kind) {
    case 't':
      return topicId ? { kind: 'topic', topicId } : undefined;
    case 'tp':
      return arg !== undefined && PAGE.test(arg) ? { kind: 'topics-page', page: Number(arg) } : undefined;
    case 'pc':
      return topicId ? { kind: 'post', topicId } : undefined;
    case 'px':
      return arg === undefined ? { kind: 'post-cancel' } : undefined;
    default:
      return undefined;
  }
}
