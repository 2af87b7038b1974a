import type { Lang, Topic } from './data/schema.js';
import { t } from './i18n/index.js';
import type { ActionGroup, ReplyAction, TopicRef } from './reply.js';
import { text } from './source.js';

/** Builders of the actions replies carry: the one place that decides what a button says and does. */

export function topicRef(topic: Topic, lang: Lang): TopicRef {
  return { id: topic.id, title: text(topic.title, lang) };
}

/** Open a topic. */
export function openTopic(ref: TopicRef, lang: Lang, group: ActionGroup): ReplyAction {
  return { action: { kind: 'topic', topicId: ref.id, lang }, label: ref.title, group, command: `/topic ${ref.id}` };
}

/** The topic list. */
export function topicsButton(lang: Lang): ReplyAction {
  return { action: { kind: 'topics', lang }, label: t(lang).topicsButton, group: 'nav', command: '/topics' };
}

export const VOTE_UP = '👍';
export const VOTE_DOWN = '👎';

/** Previous / Next under a paged topic list (surfaces that page it build these). */
export function pageAction(page: number, lang: Lang, direction: 'previous' | 'next'): ReplyAction {
  const c = t(lang);
  const label = direction === 'previous' ? `‹ ${c.previousButton}` : `${c.nextButton} ›`;
  return { action: { kind: 'page', page, lang }, label, group: 'nav' };
}

/** 👍 / 👎 under an answer. */
export function voteActions(topicId: string, lang: Lang): ReplyAction[] {
  return [
    { action: { kind: 'vote', topicId, vote: 1, lang }, label: VOTE_UP, group: 'vote', command: '/vote up' },
    { action: { kind: 'vote', topicId, vote: -1, lang }, label: VOTE_DOWN, group: 'vote', command: '/vote down' },
  ];
}

/** [Post with image] [Post as text] [Cancel] under a moderator's card preview. */
export function postActions(cardId: string, lang: Lang): ReplyAction[] {
  const c = t(lang);
  return [
    { action: { kind: 'post', cardId, image: true, lang }, label: c.postImageButton, group: 'post' },
    { action: { kind: 'post', cardId, image: false, lang }, label: c.postTextButton, group: 'post' },
    { action: { kind: 'cancel', lang }, label: c.cancelButton, group: 'nav' },
  ];
}
