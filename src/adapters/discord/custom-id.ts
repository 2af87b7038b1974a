import { LANGS, type Lang } from '../../core/data/schema.js';

/**
 * What a button or select menu does, carried entirely in its `custom_id` so that
 * components keep working after a restart and on any shard. Format, version 1:
 *   v1:topic:<lang>:<topic id>      a topic button (related, did-you-mean)
 *   v1:topics:<lang>                the "Topics" button
 *   v1:pick:<lang>:<n>              the n-th topic select menu; the chosen value is a topic id
 *   v1:fb:<lang>:<topic id>:<u|d>   👍 / 👎 under an answer (the answer is the message the button is on)
 * The language is the message's, so a click answers in it whoever clicks. New kinds add
 * a case; an incompatible change bumps the version. Anything unparsable is `undefined`:
 * the caller answers "this button has expired".
 */
export type ComponentAction =
  | { kind: 'topic'; lang: Lang; topicId: string }
  | { kind: 'topics'; lang: Lang }
  | { kind: 'pick'; lang: Lang; menu: number }
  | { kind: 'feedback'; lang: Lang; topicId: string; vote: 1 | -1 };

export const CUSTOM_ID_VERSION = 'v1';
export const MAX_CUSTOM_ID = 100;

const TOPIC_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A topic id as the data spells them (lower-case words joined by hyphens): the only ones components carry. */
export function isTopicId(id: string): boolean {
  return TOPIC_ID.test(id);
}

/** The custom_id of an action, or undefined when it would not parse back (a malformed topic id) or passes 100 characters. */
export function encodeCustomId(action: ComponentAction): string | undefined {
  if ('topicId' in action && !TOPIC_ID.test(action.topicId)) return undefined;
  let id: string;
  switch (action.kind) {
    case 'topic':
      id = `${CUSTOM_ID_VERSION}:topic:${action.lang}:${action.topicId}`;
      break;
    case 'topics':
      id = `${CUSTOM_ID_VERSION}:topics:${action.lang}`;
      break;
    case 'pick':
      id = `${CUSTOM_ID_VERSION}:pick:${action.lang}:${action.menu}`;
      break;
    case 'feedback':
      id = `${CUSTOM_ID_VERSION}:fb:${action.lang}:${action.topicId}:${action.vote === 1 ? 'u' : 'd'}`;
      break;
  }
  return id.length <= MAX_CUSTOM_ID ? id : undefined;
}

/** The action of a custom_id made by `encodeCustomId`, or undefined for anything else. */
export function parseCustomId(customId: string): ComponentAction | undefined {
  if (customId.length > MAX_CUSTOM_ID) return undefined;
  const [version, kind, lang, ...args] = customId.split(':');
  if (version !== CUSTOM_ID_VERSION || !isLang(lang)) return undefined;
  const [arg] = args;
  switch (kind) {
    case 'topic':
      return args.length === 1 && TOPIC_ID.test(arg!) ? { kind, lang, topicId: arg! } : undefined;
    case 'topics':
      return args.length === 0 ? { kind, lang } : undefined;
    case 'pick':
      return args.length === 1 && /^[0-4]$/.test(arg!) ? { kind, lang, menu: Number(arg) } : undefined;
    case 'fb': {
      const vote = args[1] === 'u' ? 1 : args[1] === 'd' ? -1 : undefined;
      return args.length === 2 && TOPIC_ID.test(arg!) && vote ? { kind: 'feedback', lang, topicId: arg!, vote } : undefined;
    }
    default:
      return undefined;
  }
}

function isLang(value: string | undefined): value is Lang {
  return (LANGS as readonly string[]).includes(value ?? '');
}
