import { LANGS, type Lang } from '../../core/data/schema.js';

/**
 * What a button or select menu does, carried entirely in its `custom_id` so that
 * components keep working after a restart and on any shard. Format, version 1:
 *   v1:topic:<lang>:<topic id>   a topic button (related, did-you-mean)
 *   v1:topics:<lang>             the "Topics" button
 *   v1:pick:<lang>:<n>           the n-th topic select menu; the chosen value is a topic id
 * New kinds (feedback 👍/👎…) add a case; an incompatible change bumps the version.
 * Anything unparsable is `undefined`: the caller answers "this button has expired".
 */
export type ComponentAction =
  | { kind: 'topic'; lang: Lang; topicId: string }
  | { kind: 'topics'; lang: Lang }
  | { kind: 'pick'; lang: Lang; menu: number };

export const CUSTOM_ID_VERSION = 'v1';
export const MAX_CUSTOM_ID = 100;

const TOPIC_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function encodeCustomId(action: ComponentAction): string {
  switch (action.kind) {
    case 'topic':
      return `${CUSTOM_ID_VERSION}:topic:${action.lang}:${action.topicId}`;
    case 'topics':
      return `${CUSTOM_ID_VERSION}:topics:${action.lang}`;
    case 'pick':
      return `${CUSTOM_ID_VERSION}:pick:${action.lang}:${action.menu}`;
  }
}

/** The action of a custom_id made by `encodeCustomId`, or undefined for anything else. */
export function parseCustomId(customId: string): ComponentAction | undefined {
  if (customId.length > MAX_CUSTOM_ID) return undefined;
  const [version, kind, lang, arg, ...rest] = customId.split(':');
  if (version !== CUSTOM_ID_VERSION || !isLang(lang) || rest.length) return undefined;
  switch (kind) {
    case 'topic':
      return arg && TOPIC_ID.test(arg) ? { kind, lang, topicId: arg } : undefined;
    case 'topics':
      return arg === undefined ? { kind, lang } : undefined;
    case 'pick':
      return arg && /^[0-4]$/.test(arg) ? { kind, lang, menu: Number(arg) } : undefined;
    default:
      return undefined;
  }
}

function isLang(value: string | undefined): value is Lang {
  return (LANGS as readonly string[]).includes(value ?? '');
}
