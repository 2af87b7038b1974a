import type { Lang } from '../data/schema.js';
import { t } from '../i18n/index.js';
import type { NoticeReply } from '../reply.js';
import type { PublishResult, Refusal } from './ports.js';

/** Every notice the conversation gives, built here. */
export function notice(lang: Lang, level: NoticeReply['level'], text: string, extra: Partial<Pick<NoticeReply, 'private' | 'replaces'>> = {}): NoticeReply {
  return { kind: 'notice', lang, level, text, actions: [], ...extra };
}

export const expired = (lang: Lang) => notice(lang, 'error', t(lang).expired, { private: true });
export const slowDown = (lang: Lang) => notice(lang, 'info', t(lang).slowDown, { private: true });
export const unknownCommand = (lang: Lang, name: string) => notice(lang, 'error', t(lang).unknownCommand(`/${name.slice(0, 32)}`), { private: true });
export const unknownTopic = (lang: Lang, id: string) => notice(lang, 'error', t(lang).unknownTopic(id.slice(0, 64)), { private: true });

/** Why a privileged command is refused here. */
export function refusal(lang: Lang, command: string, why: Refusal): NoticeReply {
  const c = t(lang);
  const name = `/${command}`;
  const text =
    why === 'private-only'
      ? c.privateOnly(name)
      : why === 'guild-only'
        ? c.guildOnly(name)
        : why === 'operators-only'
          ? c.operatorsOnly(name)
          : why === 'not-operator'
            ? c.notOperator(name)
            : c.moderatorsOnly(name);
  return notice(lang, 'error', text, { private: true });
}

/** Why a card was not posted, naming the missing permission where the surface says which. */
export function publishRefusal(lang: Lang, result: Extract<PublishResult, { ok: false }>): NoticeReply {
  const c = t(lang);
  const names = { ViewChannel: c.permViewChannel, SendMessages: c.permSendMessages, EmbedLinks: c.permEmbedLinks, AttachFiles: c.permAttachFiles };
  const where = result.where;
  const text = (() => {
    switch (result.reason) {
      case 'no-target':
        return c.postNoTarget;
      case 'not-member':
        return c.postNotMember;
      case 'bot-not-admin':
        return c.postBotNotAdmin(where);
      case 'unknown-target':
        return c.postUnknownChannel(where);
      case 'missing-permissions':
        return c.postMissingPermissions(where, (result.missing ?? []).map((p) => names[p]).join(', '));
      case 'refused':
        return c.postRefused(where, `${result.access ? c.permMissingAccess : c.permMissing}${result.code ? ` (${result.code})` : ''}`);
      case 'image-failed':
        return c.postImageFailed;
      case 'failed':
        return c.postFailed(where);
    }
  })();
  return notice(lang, 'error', text, { private: true });
}
