import {
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIComponentInMessageActionRow,
  type APIEmbed,
  type APIEmbedField,
  ButtonStyle,
  ComponentType,
  type MessageMentionTypes,
} from 'discord.js';
import { t } from '../../core/i18n/index.js';
import { renderText } from '../../core/render/text.js';
import type { Reply, TopicRef } from '../../core/reply.js';
import type { Lang } from '../../core/data/schema.js';
import { type ComponentAction, encodeCustomId, isTopicId } from './custom-id.js';
import { clip, DISCORD_LIMITS, EMPTY, escapeMarkdown, fitEmbed } from './limits.js';
import { oneLine, rtl, sanitize } from './text.js';

export type ActionRow = APIActionRowComponent<APIComponentInMessageActionRow>;

/** A message body for interaction replies and channel messages; flags are the caller's business. */
export interface DiscordMessage {
  content?: string;
  embeds: APIEmbed[];
  components: ActionRow[];
  /** Always `{ parse: [] }`: nothing the bot sends pings anyone, whatever the text says. */
  allowedMentions: { parse: MessageMentionTypes[] };
}

const COLORS = { answer: 0x2b6cb0, suggest: 0xd69e2e, decline: 0x718096, help: 0x2f855a, card: 0x9b2c2c } as const;
/** Rows for related-topic buttons; the feedback row comes after them. */
const RELATED_ROWS = 1;
export const FEEDBACK_UP = '👍';
export const FEEDBACK_DOWN = '👎';

const noMentions = () => ({ parse: [] as MessageMentionTypes[] });

/** Text of a reply in its direction: Persian lines right to left. */
const directed = (lang: Lang, text: string) => (lang === 'fa' ? rtl(text) : text);

/** A button; `labelLang` is the language its label is written in (Persian labels read right to left). */
function button(labelLang: Lang, label: string, action: ComponentAction, style: ButtonStyle.Primary | ButtonStyle.Secondary): APIButtonComponentWithCustomId | undefined {
  const custom_id = encodeCustomId(action);
  if (!custom_id) return undefined;
  const max = DISCORD_LIMITS.buttonLabel;
  return { type: ComponentType.Button, style, label: clip(directed(labelLang, clip(oneLine(label), max - 1)), max) || EMPTY, custom_id };
}

/** Buttons in rows of five, at most `maxRows` rows; duplicates (same custom_id) dropped. */
function rows(buttons: Array<APIButtonComponentWithCustomId | undefined>, maxRows: number): ActionRow[] {
  const unique = [...new Map(buttons.filter((b) => b !== undefined).map((b) => [b.custom_id, b])).values()];
  const out: ActionRow[] = [];
  const per = DISCORD_LIMITS.buttonsPerRow;
  for (let i = 0; i < unique.length && out.length < Math.min(maxRows, DISCORD_LIMITS.rows); i += per) {
    out.push({ type: ComponentType.ActionRow, components: unique.slice(i, i + per) });
  }
  return out;
}

const topicButtons = (topics: readonly TopicRef[], lang: Lang, style: ButtonStyle.Primary | ButtonStyle.Secondary) =>
  topics.map((x) => button(lang, x.title, { kind: 'topic', lang, topicId: x.id }, style));

/** [👍] [👎] under an answer; none when the topic id cannot be carried in a custom_id. */
export function feedbackRow(topicId: string, lang: Lang): ActionRow[] {
  // The emoji belong to no language: no direction mark.
  const up = button('en', FEEDBACK_UP, { kind: 'feedback', lang, topicId, vote: 1 }, ButtonStyle.Secondary);
  const down = button('en', FEEDBACK_DOWN, { kind: 'feedback', lang, topicId, vote: -1 }, ButtonStyle.Secondary);
  return up && down ? [{ type: ComponentType.ActionRow, components: [up, down] }] : [];
}

/** Topic select menus of 25 options each, at most five; only topic ids a pick can be answered with, each once. */
function topicMenus(topics: readonly TopicRef[], lang: Lang): ActionRow[] {
  const L = DISCORD_LIMITS;
  const usable = [...new Map(topics.filter((x) => isTopicId(x.id) && x.id.length <= L.optionValue).map((x) => [x.id, x])).values()];
  const count = Math.min(L.rows, Math.ceil(usable.length / L.selectOptions));
  return Array.from({ length: count }, (_, menu) => ({
    type: ComponentType.ActionRow,
    components: [
      {
        type: ComponentType.StringSelect,
        custom_id: encodeCustomId({ kind: 'pick', lang, menu })!,
        placeholder: clip(directed(lang, count > 1 ? `${t(lang).discordPickTopic} (${menu + 1}/${count})` : t(lang).discordPickTopic), L.placeholder),
        options: usable
          .slice(menu * L.selectOptions, (menu + 1) * L.selectOptions)
          .map((x) => ({ label: clip(directed(lang, clip(oneLine(x.title), L.optionLabel - 1)), L.optionLabel) || x.id, value: x.id })),
      },
    ],
  }));
}

/** Data text, sanitised and markdown-escaped, cut to `max` first (escaping only lengthens it). */
const md = (text: string, max: number) => escapeMarkdown(clip(sanitize(text), max));
const field = (name: string, value: string, inline = true): APIEmbedField => ({
  name: md(name, DISCORD_LIMITS.fieldName),
  value: md(value, DISCORD_LIMITS.fieldValue),
  inline,
});
const webUrl = (url: string | undefined) => (url && /^https?:\/\/\S+$/.test(url) && url.length <= 2048 ? { url } : {});

/** Every text of an embed in the reply's direction, then fitted to Discord's limits. */
function finish(lang: Lang, embed: APIEmbed): APIEmbed {
  if (lang !== 'fa') return fitEmbed(embed);
  return fitEmbed({
    ...embed,
    ...(embed.title !== undefined ? { title: rtl(embed.title) } : {}),
    ...(embed.description !== undefined ? { description: rtl(embed.description) } : {}),
    ...(embed.fields ? { fields: embed.fields.map((f) => ({ ...f, name: rtl(f.name), value: rtl(f.value) })) } : {}),
    ...(embed.footer ? { footer: { ...embed.footer, text: rtl(embed.footer.text) } } : {}),
    ...(embed.author ? { author: { ...embed.author, name: rtl(embed.author.name) } } : {}),
  });
}

/** A neutral reply as a Discord message: embeds and components within every limit, nothing that pings. Pure. */
export function renderDiscordReply(reply: Reply): DiscordMessage {
  const c = t(reply.lang);
  const L = DISCORD_LIMITS;
  const { lang } = reply;
  const message = (embed: APIEmbed, components: ActionRow[]): DiscordMessage => ({ embeds: [finish(lang, embed)], components, allowedMentions: noMentions() });
  switch (reply.kind) {
    case 'answer': {
      const details = reply.details ? md(reply.details, L.description) : '';
      const description = [`**${md(reply.lead, L.description)}**`, details].filter(Boolean).join('\n\n');
      const embed: APIEmbed = {
        color: COLORS.answer,
        title: md(reply.title, L.title),
        ...webUrl(reply.source.url),
        description,
        fields: reply.facts.slice(0, L.fields).map((f) => field(f.label, f.value)),
        footer: { text: sanitize(reply.source.line) },
      };
      return message(embed, [...rows(topicButtons(reply.related, lang, ButtonStyle.Secondary), RELATED_ROWS), ...feedbackRow(reply.topicId, lang)]);
    }
    case 'suggest': {
      const buttons = [...topicButtons(reply.suggestions, lang, ButtonStyle.Primary), button(lang, c.topicsButton, { kind: 'topics', lang }, ButtonStyle.Secondary)];
      return message({ color: COLORS.suggest, description: md(reply.text, L.description) }, rows(buttons, 2));
    }
    case 'decline':
      return message(
        { color: COLORS.decline, description: md(reply.text, L.description) },
        rows([button(lang, c.topicsButton, { kind: 'topics', lang }, ButtonStyle.Primary)], 1),
      );
    case 'help':
      return message(
        { color: COLORS.help, title: md(reply.title, L.title), description: md(reply.text, L.description), ...(reply.mode === 'topics' ? {} : { footer: { text: c.discordHelpHint } }) },
        topicMenus(reply.topics, lang),
      );
    case 'card': {
      const embed: APIEmbed = {
        color: COLORS.card,
        author: { name: c.cardFooter },
        title: md(reply.title, L.title),
        ...webUrl(reply.source.url),
        description: md(reply.lead, L.description),
        fields: reply.figures.slice(0, L.fields).map((f) => field(f.value, f.label)),
        footer: { text: sanitize(reply.source.line) },
      };
      return message(embed, []);
    }
    case 'notice':
      return { content: visibleContent(lang, reply.text), embeds: [], components: [], allowedMentions: noMentions() };
  }
}

/** Message content from text: sanitised, markdown-escaped, in its direction, within 2000; "…" when nothing would show (Discord refuses an empty message). */
function visibleContent(lang: Lang, text: string): string {
  const clean = sanitize(text);
  if (/^[\s\p{Cf}]*$/u.test(clean)) return '…';
  return clip(directed(lang, escapeMarkdown(clip(clean, DISCORD_LIMITS.content))), DISCORD_LIMITS.content);
}

/** Plain-text fallback (no embeds; 👍/👎 under answers) where the bot may not embed links. Pure. */
export function renderDiscordText(reply: Reply): DiscordMessage {
  return { content: visibleContent(reply.lang, renderText(reply)), embeds: [], components: reply.kind === 'answer' ? feedbackRow(reply.topicId, reply.lang) : [], allowedMentions: noMentions() };
}

/** A message with the PNG of a summary card attached, shown in its embed (`attachment://`). */
export interface DiscordPost extends DiscordMessage {
  files: Array<{ attachment: Buffer; name: string }>;
}

/** The file name of a card's image: `card-<id>.png`. */
export function cardImageName(topicId: string): string {
  return `card-${topicId.replace(/[^a-z0-9-]/gi, '_').slice(0, 80) || 'image'}.png`;
}

/** A rendered summary card with its image attached and referenced from the embed. Pure. */
export function withCardImage(message: DiscordMessage, topicId: string, png: Buffer): DiscordPost {
  const name = cardImageName(topicId);
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
  const body = clip(sanitize(text).replace(/`/g, '`\u200b'), DISCORD_LIMITS.content - 2 * fence.length - 2);
  return { content: `${fence}\n${body.trim() ? body : '…'}\n${fence}`, embeds: [], components: [], allowedMentions: noMentions() };
}
