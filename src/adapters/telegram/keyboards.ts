import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'grammy/types';
import type { Lang } from '../../core/data/schema.js';
import { t } from '../../core/i18n/index.js';
import type { TopicRef } from '../../core/reply.js';
import { encodeCallback, type CallbackAction } from './callback-data.js';
import { cap } from './html.js';

/** Pure builders of inline keyboards. Buttons whose callback_data would not fit are left out. */
export const MAX_BUTTON_TEXT = 64;
export const TOPICS_PER_PAGE = 8;

export function callbackButton(text: string, action: CallbackAction): InlineKeyboardButton | undefined {
  const data = encodeCallback(action);
  const label = cap(text, MAX_BUTTON_TEXT).trim();
  return data && label ? { text: label, callback_data: data } : undefined;
}

/** One button per row, one row per topic; pressing one answers in `lang`. */
export function topicRows(topics: readonly TopicRef[], lang: Lang): InlineKeyboardButton[][] {
  return topics.flatMap((topic) => {
    const button = callbackButton(topic.title, { kind: 'topic', topicId: topic.id, lang });
    return button ? [[button]] : [];
  });
}

export const FEEDBACK_UP = '👍';
export const FEEDBACK_DOWN = '👎';

/** [👍] [👎] under an answer; empty when the topic id cannot fit in callback_data. */
export function feedbackRow(topicId: string, lang: Lang): InlineKeyboardButton[] {
  return [callbackButton(FEEDBACK_UP, { kind: 'feedback', topicId, vote: 1, lang }), callbackButton(FEEDBACK_DOWN, { kind: 'feedback', topicId, vote: -1, lang })].filter(
    (b): b is InlineKeyboardButton => b !== undefined,
  );
}

export function pageCount(total: number): number {
  return Math.max(1, Math.ceil(total / TOPICS_PER_PAGE));
}

/** Clamps a requested page (possibly stale or forged) to the pages that exist. */
export function clampPage(page: number, total: number): number {
  return Math.min(Math.max(0, Math.trunc(page) || 0), pageCount(total) - 1);
}

/** A page of the topic list with Previous / Next buttons when there is more than one page. */
export function topicsKeyboard(topics: readonly TopicRef[], page: number, lang: Lang): InlineKeyboardMarkup {
  const c = t(lang);
  const current = clampPage(page, topics.length);
  const rows = topicRows(topics.slice(current * TOPICS_PER_PAGE, (current + 1) * TOPICS_PER_PAGE), lang);
  const nav = [
    current > 0 ? callbackButton(`‹ ${c.previousButton}`, { kind: 'topics-page', page: current - 1, lang }) : undefined,
    current < pageCount(topics.length) - 1 ? callbackButton(`${c.nextButton} ›`, { kind: 'topics-page', page: current + 1, lang }) : undefined,
  ].filter((b): b is InlineKeyboardButton => b !== undefined);
  return { inline_keyboard: nav.length ? [...rows, nav] : rows };
}

/** [Post with image] [Post as text] / [Cancel] under a card preview. */
export function postKeyboard(topicId: string, lang: Lang): InlineKeyboardMarkup {
  const c = t(lang);
  const present = (b: InlineKeyboardButton | undefined): b is InlineKeyboardButton => b !== undefined;
  const post = [callbackButton(c.tgPostImageButton, { kind: 'post-image', topicId, lang }), callbackButton(c.tgPostTextButton, { kind: 'post', topicId, lang })].filter(present);
  const cancel = [callbackButton(c.tgCancelButton, { kind: 'post-cancel', lang })].filter(present);
  return { inline_keyboard: [post, cancel].filter((row) => row.length) };
}
