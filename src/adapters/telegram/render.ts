import type { InlineKeyboardMarkup, InlineQueryResultArticle } from 'grammy/types';
import { t } from '../../core/i18n/index.js';
import type { AnswerReply, CardReply, Reply, SourceRef } from '../../core/reply.js';
import { cap, fitHtml, rtlLines, sanitizeText, type Line, type Span } from './html.js';
import { feedbackRow, MAX_BUTTON_TEXT, postKeyboard, topicRows, topicsKeyboard } from './keyboards.js';

/** Telegram's limits that rendering enforces (characters; callback_data in bytes). */
export const TELEGRAM_LIMITS = { text: 4096, caption: 1024, callbackData: 64, inlineResults: 50, inlineDescription: 256 } as const;

/** Per-field caps so one absurdly long field cannot crowd out the rest of a reply. */
const CAPS = { title: 256, lead: 1024, details: 2048, fact: 256, text: 3072, preface: 256 } as const;

/** A sendMessage / editMessageText payload. */
export interface TelegramMessage {
  text: string;
  parse_mode: 'HTML';
  reply_markup?: InlineKeyboardMarkup;
  link_preview_options: { is_disabled: true };
}

export interface RenderOptions {
  /** Longest HTML: `TELEGRAM_LIMITS.text` for messages (default), `.caption` for photo captions. */
  maxLength?: number;
  /** Page of the topic keyboard under help and decline replies. */
  page?: number;
  /** An italic line above the reply, e.g. "Preview of the card for @channel:". */
  preface?: string;
  /** 👍 / 👎 under answers (default true). */
  feedback?: boolean;
}

const ELLIPSIS = '…';
/** Nothing a reader would see: white space and invisible format characters (RLM, ZWJ, BOM, …). */
const isBlank = (s: string) => /^[\s\p{Cf}]*$/u.test(s);
const plain = (text: string, max: number = CAPS.text): Span => ({ text: cap(text, max) });
const bold = (text: string, max: number = CAPS.title): Span => ({ text: cap(text, max), style: 'b' });

/** The source line in italics, its title linked when the source has a URL. */
function sourceLine(source: SourceRef): Line {
  const line = cap(source.line, 512);
  const at = source.url ? line.indexOf(source.title) : -1;
  if (!source.url || at < 0) return [{ text: line, style: 'i' }];
  return [
    { text: line.slice(0, at), style: 'i' },
    { text: source.title, href: source.url },
    { text: line.slice(at + source.title.length), style: 'i' },
  ].filter((s) => s.text) as Line;
}

function answerLines(reply: AnswerReply): Line[] {
  const c = t(reply.lang);
  const lines: Line[] = [[bold(reply.title)], [plain(reply.lead, CAPS.lead)]];
  if (reply.details) lines.push([], [plain(reply.details, CAPS.details)]);
  if (reply.facts.length) {
    lines.push([], [bold(c.keyFacts)]);
    for (const f of reply.facts) lines.push([plain(`• ${cap(f.label, CAPS.fact)}: `), bold(f.value, CAPS.fact)]);
  }
  return lines;
}

function cardLines(reply: CardReply): Line[] {
  const lines: Line[] = [[bold(reply.title)], [plain(reply.lead, CAPS.lead)]];
  if (reply.figures.length) lines.push([]);
  for (const f of reply.figures) lines.push([plain('• '), bold(f.value, CAPS.fact), plain(` — ${cap(f.label, CAPS.fact)}`)]);
  return lines;
}

/** Renders a neutral reply as a Telegram HTML message within Telegram's limits. Pure. */
export function renderTelegram(reply: Reply, opts: RenderOptions = {}): TelegramMessage {
  const max = Math.min(opts.maxLength ?? TELEGRAM_LIMITS.text, TELEGRAM_LIMITS.text);
  const preface: Line[] = opts.preface ? [[{ text: cap(opts.preface, CAPS.preface), style: 'i' }], []] : [];
  const page = opts.page ?? 0;
  let head: Line[];
  let tail: Line[] = [];
  let reply_markup: InlineKeyboardMarkup | undefined;
  switch (reply.kind) {
    case 'answer': {
      head = answerLines(reply);
      tail = [[], sourceLine(reply.source)];
      const feedback = opts.feedback === false ? [] : feedbackRow(reply.topicId, reply.lang);
      reply_markup = { inline_keyboard: [...topicRows(reply.related, reply.lang), ...(feedback.length ? [feedback] : [])] };
      break;
    }
    case 'suggest':
      head = [[plain(reply.text)]];
      reply_markup = { inline_keyboard: topicRows(reply.suggestions, reply.lang) };
      break;
    case 'decline':
      head = [[plain(reply.text)]];
      reply_markup = topicsKeyboard(reply.topics, page, reply.lang);
      break;
    case 'help':
      head = [[bold(reply.title)], [plain(reply.text)]];
      reply_markup = topicsKeyboard(reply.topics, page, reply.lang);
      break;
    case 'card':
      head = cardLines(reply);
      tail = [[], sourceLine(reply.source)];
      break;
    case 'notice':
      head = [[plain(reply.text)]];
      break;
  }
  const rtl = reply.lang === 'fa';
  const html = rtl ? fitHtml(rtlLines([...preface, ...head]), rtlLines(tail), max) : fitHtml([...preface, ...head], tail, max);
  // Telegram refuses a message with nothing visible; escaped text has no '<', so stripping tags leaves what shows.
  const text = isBlank(html.replace(/<[^>]*>/g, '')) ? ELLIPSIS : html;
  const keyboard = reply_markup && reply_markup.inline_keyboard.length ? { reply_markup } : {};
  return { text, parse_mode: 'HTML', ...keyboard, link_preview_options: { is_disabled: true } };
}

/** A moderator's preview of a summary card with [Post with image] [Post as text] [Cancel]. */
export function renderPostPreview(card: CardReply, channel: string): TelegramMessage {
  const message = renderTelegram(card, { preface: t(card.lang).tgPostPreview(channel) });
  return { ...message, reply_markup: postKeyboard(card.topicId, card.lang) };
}

/**
 * An inline-mode result for an answer: the full answer as the message, with
 * 👍 / 👎 (unless `feedback` is false) and a deep link back to the bot.
 */
export function renderInlineResult(reply: AnswerReply, deepLink?: string, opts: { feedback?: boolean } = {}): InlineQueryResultArticle {
  const { text, parse_mode, link_preview_options, reply_markup } = renderTelegram({ ...reply, related: [] }, { feedback: opts.feedback ?? true });
  const rows = [...(reply_markup?.inline_keyboard ?? []), ...(deepLink ? [[{ text: cap(t(reply.lang).tgOpenInBot, MAX_BUTTON_TEXT), url: deepLink }]] : [])];
  return {
    type: 'article',
    id: reply.topicId.slice(0, 64),
    title: cap(reply.title, CAPS.title),
    description: cap(reply.lead, TELEGRAM_LIMITS.inlineDescription),
    input_message_content: { message_text: text, parse_mode, link_preview_options },
    ...(rows.length ? { reply_markup: { inline_keyboard: rows } } : {}),
  };
}

/** Plain text (e.g. the curator's report) as one `<pre>` block, escaped and cut to Telegram's limit. */
export function renderPreformatted(text: string, maxLength: number = TELEGRAM_LIMITS.text): TelegramMessage {
  const body = isBlank(sanitizeText(text)) ? ELLIPSIS : text;
  return { text: fitHtml([[{ text: body, style: 'pre' }]], [], Math.min(maxLength, TELEGRAM_LIMITS.text)), parse_mode: 'HTML', link_preview_options: { is_disabled: true } };
}
