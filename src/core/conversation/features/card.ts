import { supportedLang } from '../../text/lang.js';
import { t } from '../../i18n/index.js';
import { postActions } from '../../reply-actions.js';
import type { CardReply, Reply } from '../../reply.js';
import type { ActionHandler, Command, Turn } from '../command.js';
import { expired, notice, publishRefusal, unknownTopic } from '../notices.js';

async function publish(turn: Turn, card: CardReply, image: boolean, target?: string): Promise<Reply> {
  const { publisher, log } = turn.deps;
  if (!publisher) return notice(turn.lang, 'error', t(turn.lang).postNothingHere, { private: true });
  const result = await publisher.publish(turn.req, { card, image, ...(target ? { target } : {}) });
  log.info(
    {
      surface: turn.req.surface,
      user: turn.req.user,
      card: card.topicId,
      lang: card.lang,
      image,
      ok: result.ok,
      ...(result.ok ? {} : { reason: result.reason }),
    },
    'summary card post',
  );
  if (!result.ok) return publishRefusal(turn.lang, result);
  const c = t(card.lang);
  return notice(card.lang, 'info', result.link ? c.postedLink(result.where, result.link) : c.posted(result.where), { private: true, replaces: true });
}

/**
 * /card <topic|overview> [language] [image] [channel] (moderators): with a
 * channel named, posts the card there at once; otherwise shows a preview for
 * the surface's default place with [Post with image] [Post as text] [Cancel].
 * Where nothing can be posted (the console), the card itself. The card is in
 * the language named, else the moderator's.
 */
export const card: Command = {
  name: 'card',
  aliases: ['post'],
  description: 'cmdCard',
  privilege: 'moderator',
  args: [
    { name: 'argTopic', info: 'argTopicInfo', kind: 'card', required: true, positional: true, maxLength: 100 },
    { name: 'argLanguage', info: 'argLanguageInfo', kind: 'lang', positional: true },
    { name: 'argImage', info: 'argImageInfo', kind: 'boolean' },
    { name: 'argChannel', info: 'argChannelInfo', kind: 'channel' },
  ],
  async run(turn, args) {
    const { core, publisher } = turn.deps;
    const usage = notice(turn.lang, 'error', t(turn.lang).postUsage, { private: true });
    const id = typeof args.topic === 'string' ? args.topic.trim().toLowerCase() : '';
    const langArg = typeof args.language === 'string' && args.language.trim() ? args.language.trim() : undefined;
    const lang = langArg ? supportedLang(langArg) : turn.lang;
    if (!id || !lang || /\s/.test(id)) return usage;
    const card = core.card(id, lang);
    if (card.kind !== 'card') return unknownTopic(turn.lang, id);
    if (!publisher) return card;
    const image = args.image === true;
    const named = typeof args.channel === 'string' && args.channel ? args.channel : undefined;
    if (named) return publish(turn, card, image, named);
    const checked = await publisher.preflight?.(turn.req);
    if (checked && !checked.ok) return publishRefusal(turn.lang, checked);
    const target = publisher.defaultTarget(turn.req);
    if (!target) return notice(turn.lang, 'error', t(turn.lang).postNoTarget, { private: true });
    return { ...card, preview: { target }, actions: postActions(card.topicId, lang), private: true };
  },
};

/** [Post with image] / [Post as text] under a preview: posted once however often it is pressed. */
export const post: ActionHandler<'post'> = async (turn, action) => {
  const { core, claims } = turn.deps;
  const card = core.card(action.cardId, action.lang);
  if (card.kind !== 'card') return expired(action.lang);
  const key = `post:${turn.req.surface}:${turn.req.conversation}:${turn.req.input.kind === 'action' ? (turn.req.input.message ?? '') : ''}`;
  if (!(await claims.claim(key))) {
    const where = turn.deps.publisher?.defaultTarget(turn.req) ?? '';
    return notice(action.lang, 'info', t(action.lang).posted(where), { private: true });
  }
  let reply: Reply;
  try {
    reply = await publish({ ...turn, lang: action.lang }, card, action.image);
  } catch (err) {
    // A publisher that throws posted nothing we know of: the next press may try again.
    await claims.release(key);
    throw err;
  }
  if (reply.kind === 'notice' && reply.level === 'error') await claims.release(key);
  else await claims.confirm(key);
  return reply;
};

/** [Cancel] under a preview. */
export const cancel: ActionHandler<'cancel'> = (_turn, action) => notice(action.lang, 'info', t(action.lang).postCancelled, { private: true, replaces: true });
