import { LANGS, type Lang } from '../../core/data/schema.js';

/**
 * The versioned callback_data scheme of our inline buttons: `v1:<kind>[:<arg>…]`,
 * always within Telegram's 64 bytes. Buttons carry the language of the message
 * they are on, so a press answers in that language whoever presses it; data
 * from before languages (`v1:t:gas`) still works and means English. Parsing
 * returns undefined for anything stale or forged; it never throws.
 */
export type CallbackAction =
  /** Open a topic (related, did-you-mean, topic lists): `v1:t:<id>:<lang>`. */
  | { kind: 'topic'; topicId: string; lang: Lang }
  /** Show another page of the topic list in place: `v1:tp:<page>:<lang>`. */
  | { kind: 'topics-page'; page: number; lang: Lang }
  /** Moderator confirms posting a topic's summary card to the channel: `v1:pc:<id>:<lang>`. */
  | { kind: 'post'; topicId: string; lang: Lang }
  /** Moderator confirms posting a topic's (or the overview's) summary card as an image: `v1:pi:<id>:<lang>`. */
  | { kind: 'post-image'; topicId: string; lang: Lang }
  /** Moderator cancels a card preview: `v1:px:<lang>`. */
  | { kind: 'post-cancel'; lang: Lang }
  /** 👍 / 👎 under an answer: `v1:fb:<id>:u|d:<lang>`. */
  | { kind: 'feedback'; topicId: string; vote: 1 | -1; lang: Lang };

export const CALLBACK_VERSION = 'v1';
export const MAX_CALLBACK_BYTES = 64;
const TOPIC_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const PAGE = /^\d{1,4}$/;

/** The callback_data for an action, or undefined if it would not fit in 64 bytes or would not parse back (a malformed topic id). */
export function encodeCallback(action: CallbackAction): string | undefined {
  if ('topicId' in action && !TOPIC_ID.test(action.topicId)) return undefined;
  let parts: string[];
  switch (action.kind) {
    case 'topic':
      parts = ['t', action.topicId, action.lang];
      break;
    case 'topics-page':
      parts = ['tp', String(Math.max(0, Math.trunc(action.page))), action.lang];
      break;
    case 'post':
      parts = ['pc', action.topicId, action.lang];
      break;
    case 'post-image':
      parts = ['pi', action.topicId, action.lang];
      break;
    case 'post-cancel':
      parts = ['px', action.lang];
      break;
    case 'feedback':
      parts = ['fb', action.topicId, action.vote === 1 ? 'u' : 'd', action.lang];
      break;
  }
  const data = [CALLBACK_VERSION, ...parts].join(':');
  return Buffer.byteLength(data, 'utf8') <= MAX_CALLBACK_BYTES ? data : undefined;
}

/** A language argument: absent means English (data from before languages), anything unknown is forged. */
function langOf(arg: string | undefined): Lang | undefined {
  if (arg === undefined) return 'en';
  return LANGS.find((l) => l === arg);
}

/** The action a button's callback_data stands for; undefined when stale, forged or from another version. */
export function parseCallback(data: string | undefined): CallbackAction | undefined {
  if (!data || Buffer.byteLength(data, 'utf8') > MAX_CALLBACK_BYTES) return undefined;
  const [version, kind, ...args] = data.split(':');
  if (version !== CALLBACK_VERSION) return undefined;
  const topicId = (arg: string | undefined) => (arg !== undefined && TOPIC_ID.test(arg) ? arg : undefined);
  switch (kind) {
    case 't':
    case 'pc':
    case 'pi': {
      if (args.length < 1 || args.length > 2) return undefined;
      const id = topicId(args[0]);
      const lang = langOf(args[1]);
      if (!id || !lang) return undefined;
      return { kind: kind === 't' ? 'topic' : kind === 'pc' ? 'post' : 'post-image', topicId: id, lang };
    }
    case 'tp': {
      if (args.length < 1 || args.length > 2 || !PAGE.test(args[0]!)) return undefined;
      const lang = langOf(args[1]);
      return lang ? { kind: 'topics-page', page: Number(args[0]), lang } : undefined;
    }
    case 'px': {
      if (args.length > 1) return undefined;
      const lang = langOf(args[0]);
      return lang ? { kind: 'post-cancel', lang } : undefined;
    }
    case 'fb': {
      if (args.length < 2 || args.length > 3) return undefined;
      const id = topicId(args[0]);
      const vote = args[1] === 'u' ? 1 : args[1] === 'd' ? -1 : undefined;
      const lang = langOf(args[2]);
      return id && vote && lang ? { kind: 'feedback', topicId: id, vote, lang } : undefined;
    }
    default:
      return undefined;
  }
}
