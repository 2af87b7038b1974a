import type { InlineKeyboardButton, InlineKeyboardMarkup, InlineQueryResultArticle } from 'grammy/types';
import { encodeAction } from '../../core/conversation/actions.js';
import { startPayload } from '../../core/conversation/features/help.js';
import { t } from '../../core/i18n/index.js';
import { pageAction } from '../../core/reply-actions.js';
import { type ActionGroup, type AnswerReply, type CardReply, cardLead, type Reply, type ReplyAction, type SourceRef } from '../../core/reply.js';
import { clip, ELLIPSIS, isBlank, oneLine, sanitize } from '../kit/text.js';
import { fitHtml, rtlLines, type Line, type Span } from './html.js';

/** Telegram's limits that rendering enforces (characters; callback_data in bytes). */
export const TELEGRAM_LIMITS = { text: 4096, caption: 1024, callbackData: 64, inlineResults: 50, inlineDescription: 256, buttonText: 64 } as const;
/** Topics per page of a paged list (the `choices` group). */
export const CHOICES_PER_PAGE = 8;

/** Per-field caps so one absurdly long field cannot crowd out the rest of a reply. */
const CAPS = { title: 256, lead: 1024, details: 2048, fact: 256, text: 3072, note: 256, source: 512 } as const;

/** A sendMessage / editMessageText payload. */
export interface TelegramMessage {
  text: string;
  parse_mode: 'HTML';
  reply_markup?: InlineKeyboardMarkup;
  link_preview_options: { is_disabled: true };
}

const cap = (text: string, max: number) => clip(sanitize(text), max);
const plain = (text: string, max: number = CAPS.text): Span => ({ text: cap(text, max) });
const bold = (text: string, max: number = CAPS.title): Span => ({ text: cap(text, max), style: 'b' });
const italic = (text: string, max: number = CAPS.note): Span => ({ text: cap(text, max), style: 'i' });

/** The source line in italics, its title linked when the source has a URL. */
function sourceLine(source: SourceRef): Line {
  const line = cap(source.line, CAPS.source);
  const at = source.url ? line.indexOf(source.title) : -1;
  if (!source.url || !source.title || at < 0) return [{ text: line, style: 'i' }];
  const parts: Span[] = [
    { text: line.slice(0, at), style: 'i' },
    { text: source.title, href: source.url },
    { text: line.slice(at + source.title.length), style: 'i' },
  ];
  return parts.filter((s) => s.text);
}

/** The reply's lines: `head` may be cut to fit, `tail` (the source) is kept. */
function lines(reply: Exclude<Reply, { kind: 'report' }>): { head: Line[]; tail: Line[] } {
  switch (reply.kind) {
    case 'answer': {
      // A short answer leads with its answer; the whole topic comes under its title.
      const head: Line[] = [...(reply.form === 'full' ? [[bold(reply.title)]] : []), [plain(reply.lead, CAPS.lead)]];
      if (reply.details) head.push([], [plain(reply.details, CAPS.details)]);
      if (reply.facts.length) head.push([], [bold(t(reply.lang).keyFacts)]);
      for (const f of reply.facts) head.push([plain(`• ${cap(f.label, CAPS.fact)}: `), bold(f.value, CAPS.fact)]);
      return { head, tail: [[], sourceLine(reply.source)] };
    }
    case 'card': {
      const preface: Line[] = reply.preview ? [[italic(t(reply.lang).postPreview(reply.preview.target))], []] : [];
      const head: Line[] = [...preface, [bold(reply.title)], [plain(cardLead(reply), CAPS.lead)]];
      if (reply.figures.length) head.push([]);
      for (const f of reply.figures) head.push([plain('• '), bold(f.value, CAPS.fact), plain(` — ${cap(f.label, CAPS.fact)}`)]);
      return { head, tail: [[], sourceLine(reply.source)] };
    }
    case 'help':
      return { head: [[bold(reply.title)], [plain(reply.text)], ...(reply.hint ? [[], [italic(reply.hint)]] : [])], tail: [] };
    case 'suggest':
    case 'decline':
    case 'notice':
      return { head: [[plain(reply.text)]], tail: [] };
  }
}

/** Groups in the order they are laid out; these get one row per button. */
const GROUPS: readonly ActionGroup[] = ['more', 'suggest', 'related', 'choices', 'vote', 'post', 'inbox', 'nav'];
const ROW_EACH = new Set<ActionGroup>(['more', 'suggest', 'related', 'choices']);

function button(a: ReplyAction): InlineKeyboardButton[] {
  const data = encodeAction(a.action);
  const text = clip(oneLine(a.label), TELEGRAM_LIMITS.buttonText);
  return data && text ? [{ text, callback_data: data }] : [];
}

/**
 * The reply's actions as an inline keyboard, by group: one row per topic, the
 * 👍 / 👎 row, the post row, the report's Resolve / Ignore rows, then navigation. A long `choices` group is paged
 * (Previous / Next in the navigation row). Actions that cannot be encoded are left out.
 */
export function keyboard(reply: Reply): InlineKeyboardMarkup | undefined {
  const of = (group: ActionGroup) => reply.actions.filter((a) => a.group === group);
  const choices = of('choices');
  const pages = Math.max(1, Math.ceil(choices.length / CHOICES_PER_PAGE));
  const page = Math.min(Math.max(0, Math.trunc(reply.kind === 'help' ? (reply.page ?? 0) : 0) || 0), pages - 1);
  const paging = [...(page > 0 ? [pageAction(page - 1, reply.lang, 'previous')] : []), ...(page < pages - 1 ? [pageAction(page + 1, reply.lang, 'next')] : [])];
  const rows: InlineKeyboardButton[][] = [];
  for (const group of GROUPS) {
    const actions =
      group === 'choices' ? choices.slice(page * CHOICES_PER_PAGE, (page + 1) * CHOICES_PER_PAGE) : group === 'nav' ? [...paging, ...of('nav')] : of(group);
    const buttons = actions.flatMap(button);
    if (!buttons.length) continue;
    if (ROW_EACH.has(group)) rows.push(...buttons.map((b) => [b]));
    // Resolve / Ignore: one question a row.
    else if (group === 'inbox') for (let i = 0; i < buttons.length; i += 2) rows.push(buttons.slice(i, i + 2));
    else rows.push(buttons);
  }
  return rows.length ? { inline_keyboard: rows } : undefined;
}

/** Renders a reply as a Telegram HTML message (with its keyboard) within `maxLength` (default 4096). Pure. */
export function renderMessage(reply: Reply, maxLength: number = TELEGRAM_LIMITS.text): TelegramMessage {
  const max = Math.min(maxLength, TELEGRAM_LIMITS.text);
  const note: Line[] = reply.note ? [[italic(reply.note)], []] : [];
  let html: string;
  if (reply.kind === 'report') {
    html = fitHtml([...note, [{ text: isBlank(sanitize(reply.text)) ? ELLIPSIS : reply.text, style: 'pre' }]], [], max);
  } else {
    const { head, tail } = lines(reply);
    const rtl = reply.lang === 'fa';
    html = rtl ? fitHtml(rtlLines([...note, ...head]), rtlLines(tail), max) : fitHtml([...note, ...head], tail, max);
  }
  // Telegram refuses a message with nothing visible; escaped text has no '<', so stripping tags leaves what shows.
  const text = isBlank(html.replace(/<[^>]*>/g, '')) ? ELLIPSIS : html;
  const reply_markup = keyboard(reply);
  return { text, parse_mode: 'HTML', ...(reply_markup ? { reply_markup } : {}), link_preview_options: { is_disabled: true } };
}

/** A summary card as a photo caption (≤ 1024), without buttons. */
export function renderCaption(card: CardReply): { caption: string; parse_mode: 'HTML' } {
  return { caption: renderMessage({ ...card, actions: [] }, TELEGRAM_LIMITS.caption).text, parse_mode: 'HTML' };
}

/**
 * An inline-mode result for an answer: the answer as the message, with only its
 * 👍 / 👎 row and an "Open in the bot" deep link (`t.me/<bot>?start=…`) in its language.
 */
export function renderInlineResult(reply: AnswerReply, botUsername: string): InlineQueryResultArticle {
  const { text, parse_mode, link_preview_options, reply_markup } = renderMessage({ ...reply, actions: reply.actions.filter((a) => a.group === 'vote') });
  const payload = startPayload(reply.topicId, reply.lang);
  const label = clip(oneLine(t(reply.lang).openInBot), TELEGRAM_LIMITS.buttonText);
  const link = payload ? [[{ text: label, url: `https://t.me/${botUsername}?start=${payload}` }]] : [];
  const rows = [...(reply_markup?.inline_keyboard ?? []), ...link];
  return {
    type: 'article',
    id: reply.topicId.slice(0, 64),
    title: cap(oneLine(reply.title), CAPS.title) || ELLIPSIS,
    description: cap(reply.lead, TELEGRAM_LIMITS.inlineDescription),
    input_message_content: { message_text: text, parse_mode, link_preview_options },
    ...(rows.length ? { reply_markup: { inline_keyboard: rows } } : {}),
  };
}
