import { LANGS, type Lang } from '../data/schema.js';

/**
 * What a button or menu does, as data. Every surface carries an action in the
 * string `encodeAction` writes (Telegram callback_data: ≤ 64 bytes; Discord
 * custom_id: ≤ 100 characters), so buttons keep working after a restart and on
 * any process. Actions carry the language of the message they are on, so a
 * press answers in it whoever presses.
 */
export type Action =
  /** Open a topic (related topics, did-you-mean, topic lists). */
  | { kind: 'topic'; topicId: string; lang: Lang }
  /** The whole topic after a short answer. */
  | { kind: 'more'; topicId: string; lang: Lang }
  /** The topic list, as a new message. */
  | { kind: 'topics'; lang: Lang }
  /** Another page of the topic list, in place of the one shown. */
  | { kind: 'page'; page: number; lang: Lang }
  /** A menu of topics: the chosen topic id comes with the press (`Input.value`). */
  | { kind: 'pick'; menu: number; lang: Lang }
  /** 👍 / 👎 under an answer. */
  | { kind: 'vote'; topicId: string; vote: 1 | -1; lang: Lang }
  /** A moderator confirms posting a previewed card (a topic id or 'overview'), as an image or as text. */
  | { kind: 'post'; cardId: string; image: boolean; lang: Lang }
  /** A moderator cancels a card preview. */
  | { kind: 'cancel'; lang: Lang }
  /** An operator resolves or ignores a question of the curator's inbox (its id), from /unanswered. */
  | { kind: 'decide'; id: number; decision: 'resolved' | 'ignored'; lang: Lang };

/**
 * The wire format, version 2: `2<kind letter>.<lang>[.<arg>…]`, e.g. `2t.en.gas`,
 * `2v.fa.gas.u`, `2p.ru.overview.i`, `2q.en.42.r`. Topic ids are lower-case words joined by
 * hyphens, so "." never occurs inside an argument. A new kind adds a letter; an
 * incompatible change bumps the version, and older buttons then answer "expired".
 */
export const ACTION_VERSION = '2';
/** Telegram's callback_data limit (Discord allows 100 characters: this is the stricter one). */
export const MAX_ACTION_BYTES = 64;

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const COUNT = /^\d{1,3}$/;
const ROW_ID = /^[1-9]\d{0,14}$/;

export const isTopicId = (id: string): boolean => ID.test(id) && id.length <= 48;

/** The action's wire string, or undefined when it cannot be one (a malformed id, too long). */
export function encodeAction(action: Action): string | undefined {
  const args: string[] = [];
  let kind: string;
  switch (action.kind) {
    case 'topic':
    case 'more':
      if (!isTopicId(action.topicId)) return undefined;
      kind = action.kind === 'topic' ? 't' : 'm';
      args.push(action.topicId);
      break;
    case 'topics':
      kind = 'l';
      break;
    case 'page':
      kind = 'n';
      args.push(String(Math.min(999, Math.max(0, Math.trunc(action.page) || 0))));
      break;
    case 'pick':
      kind = 'k';
      args.push(String(Math.min(999, Math.max(0, Math.trunc(action.menu) || 0))));
      break;
    case 'vote':
      if (!isTopicId(action.topicId)) return undefined;
      kind = 'v';
      args.push(action.topicId, action.vote === 1 ? 'u' : 'd');
      break;
    case 'post':
      if (!isTopicId(action.cardId)) return undefined;
      kind = 'p';
      args.push(action.cardId, action.image ? 'i' : 'x');
      break;
    case 'cancel':
      kind = 'c';
      break;
    case 'decide':
      if (!Number.isSafeInteger(action.id) || !ROW_ID.test(String(action.id))) return undefined;
      kind = 'q';
      args.push(String(action.id), action.decision === 'resolved' ? 'r' : 'i');
      break;
  }
  const data = [`${ACTION_VERSION}${kind}`, action.lang, ...args].join('.');
  return Buffer.byteLength(data, 'utf8') <= MAX_ACTION_BYTES ? data : undefined;
}

/** The action a wire string stands for; undefined when stale, forged or from another version. Never throws. */
export function decodeAction(data: string | undefined): Action | undefined {
  if (typeof data !== 'string' || data.length > MAX_ACTION_BYTES || !data.startsWith(ACTION_VERSION)) return undefined;
  const [head, langArg, ...args] = data.split('.');
  const lang = LANGS.find((l) => l === langArg);
  if (!lang || head?.length !== 2) return undefined;
  const [a, b] = args;
  switch (head[1]) {
    case 't':
    case 'm':
      return args.length === 1 && isTopicId(a!) ? { kind: head[1] === 't' ? 'topic' : 'more', topicId: a!, lang } : undefined;
    case 'l':
      return args.length === 0 ? { kind: 'topics', lang } : undefined;
    case 'n':
      return args.length === 1 && COUNT.test(a!) ? { kind: 'page', page: Number(a), lang } : undefined;
    case 'k':
      return args.length === 1 && COUNT.test(a!) ? { kind: 'pick', menu: Number(a), lang } : undefined;
    case 'v':
      return args.length === 2 && isTopicId(a!) && (b === 'u' || b === 'd') ? { kind: 'vote', topicId: a!, vote: b === 'u' ? 1 : -1, lang } : undefined;
    case 'p':
      return args.length === 2 && isTopicId(a!) && (b === 'i' || b === 'x') ? { kind: 'post', cardId: a!, image: b === 'i', lang } : undefined;
    case 'c':
      return args.length === 0 ? { kind: 'cancel', lang } : undefined;
    case 'q':
      return args.length === 2 && ROW_ID.test(a!) && (b === 'r' || b === 'i')
        ? { kind: 'decide', id: Number(a), decision: b === 'r' ? 'resolved' : 'ignored', lang }
        : undefined;
    default:
      return undefined;
  }
}
