import type { APIEmbed, APIEmbedField, MessageMentionTypes } from 'discord.js';
import type { Lang } from '../../core/data/schema.js';
import { t } from '../../core/i18n/index.js';
import { type CardReply, cardLead, type Reply } from '../../core/reply.js';
import { renderText } from '../kit/plain-text.js';
import { clip, isBlank, RLM, rtl, rtlLine, sanitize } from '../kit/text.js';
import { type ActionRow, actionRows } from './components.js';
import { DISCORD_LIMITS as L, escapeMarkdown, fitEmbed } from './limits.js';

export type { ActionRow };

/** A message body for interaction replies and channel messages; flags are the sender's business. */
export interface DiscordMessage {
  content?: string;
  embeds: APIEmbed[];
  components: ActionRow[];
  /** Always `{ parse: [] }`: nothing the bot sends pings anyone, whatever the text says. */
  allowedMentions: { parse: MessageMentionTypes[] };
}

const COLORS = { answer: 0x2b6cb0, suggest: 0xd69e2e, decline: 0x718096, help: 0x2f855a, card: 0x9b2c2c } as const;
const noMentions = () => ({ parse: [] as MessageMentionTypes[] });
const directed = (lang: Lang, text: string) => (lang === 'fa' ? rtl(text) : text);

/** Data text, sanitised and markdown-escaped, cut to `max` first (escaping only lengthens it). */
const md = (text: string, max: number) => escapeMarkdown(clip(sanitize(text), max));
const field = (name: string, value: string): APIEmbedField => ({ name: md(name, L.fieldName), value: md(value, L.fieldValue), inline: true });
const webUrl = (url: string | undefined) => (url && /^https?:\/\/\S+$/.test(url) && url.length <= 2048 ? { url } : {});

/**
 * Right to left for embed text, which `fitEmbed` cuts afterwards: unlike kit's `rtl`, a line of invisible
 * characters only gets a mark too, since the "…" of a cut may follow them.
 */
const rtlEmbed = (text: string) =>
  text
    .split('\n')
    .map((line) => (isBlank(line) && !/^\s*$/.test(line) ? `${RLM}${line}` : rtlLine(line)))
    .join('\n');

/** Every text of an embed in the reply's direction, then fitted to Discord's limits. */
function finish(lang: Lang, embed: APIEmbed): APIEmbed {
  if (lang !== 'fa') return fitEmbed(embed);
  return fitEmbed({
    ...embed,
    ...(embed.title !== undefined ? { title: rtlEmbed(embed.title) } : {}),
    ...(embed.description !== undefined ? { description: rtlEmbed(embed.description) } : {}),
    ...(embed.fields ? { fields: embed.fields.map((f) => ({ ...f, name: rtlEmbed(f.name), value: rtlEmbed(f.value) })) } : {}),
    ...(embed.footer ? { footer: { ...embed.footer, text: rtlEmbed(embed.footer.text) } } : {}),
    ...(embed.author ? { author: { ...embed.author, name: rtlEmbed(embed.author.name) } } : {}),
  });
}

function embedOf(reply: Exclude<Reply, { kind: 'notice' | 'report' }>): APIEmbed {
  const c = t(reply.lang);
  switch (reply.kind) {
    case 'answer': {
      const details = reply.details ? md(reply.details, L.description) : '';
      return {
        color: COLORS.answer,
        // A short answer leads with its answer; the whole topic comes under its title.
        ...(reply.form === 'full' ? { title: md(reply.title, L.title) } : {}),
        ...webUrl(reply.source.url),
        description: [`**${md(reply.lead, L.description)}**`, details].filter(Boolean).join('\n\n'),
        fields: reply.facts.slice(0, L.fields).map((f) => field(f.label, f.value)),
        footer: { text: sanitize(reply.source.line) },
      };
    }
    case 'suggest':
    case 'decline':
      return { color: COLORS[reply.kind], description: md(reply.text, L.description) };
    case 'help':
      return {
        color: COLORS.help,
        title: md(reply.title, L.title),
        description: md(reply.text, L.description),
        ...(reply.hint ? { footer: { text: sanitize(reply.hint) } } : {}),
      };
    case 'card':
      return {
        color: COLORS.card,
        author: { name: c.cardFooter },
        title: md(reply.title, L.title),
        ...webUrl(reply.source.url),
        description: md(cardLead(reply), L.description),
        fields: reply.figures.slice(0, L.fields).map((f) => field(f.value, f.label)),
        footer: { text: sanitize(reply.source.line) },
      };
  }
}

/** Message content from text: sanitised, markdown-escaped, in its direction, within 2000; "…" when nothing would show (Discord refuses an empty message). */
function visibleContent(lang: Lang, text: string): string {
  const clean = sanitize(text);
  if (isBlank(clean)) return '…';
  return clip(directed(lang, escapeMarkdown(clip(clean, L.content))), L.content);
}

/** What goes above the embed: the reply's note, and where a previewed card would be posted. */
function lines(reply: Reply): string[] {
  const preview = reply.kind === 'card' && reply.preview ? t(reply.lang).postPreview(reply.preview.target) : undefined;
  return [reply.note, preview].filter((s): s is string => Boolean(s));
}

/**
 * A neutral reply as a Discord message: an embed (notices as plain content, the
 * report as a code block), a note or preview line above it, components from the
 * reply's actions; within every limit, nothing that pings. Pure.
 */
export function renderDiscordReply(reply: Reply): DiscordMessage {
  if (reply.kind === 'report') return { ...renderCodeBlock(reply.text), components: actionRows(reply) };
  const above = lines(reply);
  const components = actionRows(reply);
  if (reply.kind === 'notice')
    return { content: visibleContent(reply.lang, [...above, reply.text].join('\n')), embeds: [], components, allowedMentions: noMentions() };
  return {
    ...(above.length ? { content: visibleContent(reply.lang, above.join('\n')) } : {}),
    embeds: [finish(reply.lang, embedOf(reply))],
    components,
    allowedMentions: noMentions(),
  };
}

/** Plain text (no embeds; 👍 / 👎 under answers) where the bot may not embed links. Pure. */
export function renderDiscordText(reply: Reply): DiscordMessage {
  return { content: visibleContent(reply.lang, renderText(reply)), embeds: [], components: actionRows(reply, ['vote']), allowedMentions: noMentions() };
}

/** A message with the PNG of a summary card attached, shown in its embed (`attachment://`). */
export interface DiscordPost extends DiscordMessage {
  files: Array<{ attachment: Buffer; name: string }>;
}

/** The file name of a card's image: `card-<id>.png`. */
export function cardImageName(topicId: string): string {
  return `card-${topicId.replace(/[^a-z0-9-]/gi, '_').slice(0, 80) || 'image'}.png`;
}

/** A summary card as posted in a channel: the card alone (no preview line, no buttons), its image attached when given. Pure. */
export function renderPost(card: CardReply, png?: Buffer): DiscordMessage | DiscordPost {
  const message = renderDiscordReply({ ...card, actions: [], preview: undefined, note: undefined });
  if (!png) return message;
  const name = cardImageName(card.topicId);
  const [embed, ...rest] = message.embeds;
  return { ...message, embeds: embed ? [{ ...embed, image: { url: `attachment://${name}` } }, ...rest] : rest, files: [{ attachment: png, name }] };
}

/**
 * Plain text (the curator's report) as one code block within a message: sanitised,
 * every backtick followed by a zero-width space so that nothing in the text can close
 * the block, cut to fit with "…". Pure.
 */
export function renderCodeBlock(text: string): DiscordMessage {
  const fence = '```';
  // A cut between a backtick and its zero-width space ends in "…", never in a bare backtick.
  const body = clip(sanitize(text).replace(/`/g, '`\u200b'), L.content - 2 * fence.length - 2);
  return { content: `${fence}\n${body.trim() ? body : '…'}\n${fence}`, embeds: [], components: [], allowedMentions: noMentions() };
}
