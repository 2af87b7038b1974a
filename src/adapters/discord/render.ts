import {
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIComponentInMessageActionRow,
  type APIEmbed,
  type APIEmbedField,
  ButtonStyle,
  ComponentType,
} from 'discord.js';
import { t } from '../../core/i18n/index.js';
import { renderText } from '../../core/render/text.js';
import type { Reply, TopicRef } from '../../core/reply.js';
import type { Lang } from '../../core/data/schema.js';
import { type ComponentAction, encodeCustomId, MAX_CUSTOM_ID } from './custom-id.js';

/** Discord's limits, all in UTF-16 code units (never more than Discord's own count). */
export const DISCORD_LIMITS = {
  content: 2000,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  embedTotal: 6000,
  rows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  customId: MAX_CUSTOM_ID,
  selectOptions: 25,
  optionLabel: 100,
  optionValue: 100,
  placeholder: 150,
} as const;

export type ActionRow = APIActionRowComponent<APIComponentInMessageActionRow>;

/** A message body for interaction replies and channel messages; flags are the caller's business. */
export interface DiscordMessage {
  content?: string;
  embeds: APIEmbed[];
  components: ActionRow[];
}

const COLORS = { answer: 0x2b6cb0, suggest: 0xd69e2e, decline: 0x718096, help: 0x2f855a, card: 0x9b2c2c } as const;
/** Rows for related-topic buttons; the rest stay free for later rows (feedback). */
const RELATED_ROWS = 1;
const EMPTY = '\u200b';
/** A field value shorter than this after shortening is dropped instead. */
const MIN_SHORTENED_VALUE = 20;

/** Shortens to `max` code units with "…", never splitting a surrogate pair. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

/** Characters Discord counts towards the 6000 limit of an embed. */
export function embedLength(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

/**
 * Clips every part of an embed, then fits the 6000 total: title, author and footer
 * (the source) stay; the description (the lead first) takes what is left; fields fill
 * the rest in order, the last one shortened or dropped.
 */
export function fitEmbed(embed: APIEmbed): APIEmbed {
  const L = DISCORD_LIMITS;
  const out: APIEmbed = { ...embed };
  if (out.title !== undefined) out.title = clip(out.title, L.title) || EMPTY;
  if (out.footer) out.footer = { ...out.footer, text: clip(out.footer.text, L.footer) || EMPTY };
  if (out.author) out.author = { ...out.author, name: clip(out.author.name, L.author) || EMPTY };
  let budget = L.embedTotal - embedLength({ ...out, description: undefined, fields: [] });
  if (out.description !== undefined) {
    out.description = clip(out.description, Math.min(L.description, budget)) || EMPTY;
    budget -= out.description.length;
  }
  if (out.fields) {
    const fields: APIEmbedField[] = [];
    for (const f of out.fields.slice(0, L.fields)) {
      const name = clip(f.name, L.fieldName) || EMPTY;
      const value = clip(f.value, L.fieldValue) || EMPTY;
      if (name.length + value.length <= budget) {
        fields.push({ ...f, name, value });
        budget -= name.length + value.length;
        continue;
      }
      if (budget - name.length >= MIN_SHORTENED_VALUE) fields.push({ ...f, name, value: clip(value, budget - name.length) });
      break;
    }
    out.fields = fields;
  }
  return out;
}

function button(label: string, action: ComponentAction, style: ButtonStyle.Primary | ButtonStyle.Secondary): APIButtonComponentWithCustomId | undefined {
  const custom_id = encodeCustomId(action);
  if (custom_id.length > DISCORD_LIMITS.customId) return undefined;
  return { type: ComponentType.Button, style, label: clip(label, DISCORD_LIMITS.buttonLabel) || EMPTY, custom_id };
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
  topics.map((x) => button(x.title, { kind: 'topic', lang, topicId: x.id }, style));

/** Topic select menus of 25 options each, at most five. */
function topicMenus(topics: readonly TopicRef[], lang: Lang): ActionRow[] {
  const L = DISCORD_LIMITS;
  const usable = topics.filter((x) => x.id.length <= L.optionValue);
  const count = Math.min(L.rows, Math.ceil(usable.length / L.selectOptions));
  return Array.from({ length: count }, (_, menu) => ({
    type: ComponentType.ActionRow,
    components: [
      {
        type: ComponentType.StringSelect,
        custom_id: encodeCustomId({ kind: 'pick', lang, menu }),
        placeholder: clip(count > 1 ? `${t(lang).discordPickTopic} (${menu + 1}/${count})` : t(lang).discordPickTopic, L.placeholder),
        options: usable
          .slice(menu * L.selectOptions, (menu + 1) * L.selectOptions)
          .map((x) => ({ label: clip(x.title, L.optionLabel) || x.id, value: x.id })),
      },
    ],
  }));
}

/**
 * Escapes Discord markdown so that data text shows as written: inline markers anywhere,
 * block markers (quote, heading, list) at line starts. Linear, unlike discord.js's escapeMarkdown.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\*_~`|[\]]/g, '\\$&')
    .replace(/^(\s*)(>|#{1,3}\s|-\s)/gm, '$1\\$2')
    .replace(/^(\s*\d+)\.(\s)/gm, '$1\\.$2');
}

/** Markdown-escaped text, cut to `max` first (escaping only lengthens it). */
const md = (text: string, max: number) => escapeMarkdown(clip(text, max));
const field = (name: string, value: string, inline = true): APIEmbedField => ({
  name: md(name, DISCORD_LIMITS.fieldName),
  value: md(value, DISCORD_LIMITS.fieldValue),
  inline,
});
const webUrl = (url: string | undefined) => (url && /^https?:\/\//.test(url) ? { url } : {});

/** A neutral reply as a Discord message: embeds and components within every limit. Pure. */
export function renderDiscordReply(reply: Reply): DiscordMessage {
  const c = t(reply.lang);
  const L = DISCORD_LIMITS;
  switch (reply.kind) {
    case 'answer': {
      const description = [`**${md(reply.lead, L.description)}**`, reply.details ? md(reply.details, L.description) : ''].filter(Boolean).join('\n\n');
      const embed: APIEmbed = {
        color: COLORS.answer,
        title: md(reply.title, L.title),
        ...webUrl(reply.source.url),
        description,
        fields: reply.facts.map((f) => field(f.label, f.value)),
        footer: { text: reply.source.line },
      };
      return { embeds: [fitEmbed(embed)], components: rows(topicButtons(reply.related, reply.lang, ButtonStyle.Secondary), RELATED_ROWS) };
    }
    case 'suggest': {
      const buttons = [...topicButtons(reply.suggestions, reply.lang, ButtonStyle.Primary), button(c.topicsButton, { kind: 'topics', lang: reply.lang }, ButtonStyle.Secondary)];
      return { embeds: [fitEmbed({ color: COLORS.suggest, description: md(reply.text, L.description) })], components: rows(buttons, 2) };
    }
    case 'decline':
      return {
        embeds: [fitEmbed({ color: COLORS.decline, description: md(reply.text, L.description) })],
        components: rows([button(c.topicsButton, { kind: 'topics', lang: reply.lang }, ButtonStyle.Primary)], 1),
      };
    case 'help':
      return {
        embeds: [fitEmbed({ color: COLORS.help, title: md(reply.title, L.title), description: md(reply.text, L.description), ...(reply.mode === 'topics' ? {} : { footer: { text: c.discordHelpHint } }) })],
        components: topicMenus(reply.topics, reply.lang),
      };
    case 'card': {
      const embed: APIEmbed = {
        color: COLORS.card,
        author: { name: c.cardFooter },
        title: md(reply.title, L.title),
        ...webUrl(reply.source.url),
        description: md(reply.lead, L.description),
        fields: reply.figures.map((f) => field(f.value, f.label)),
        footer: { text: reply.source.line },
      };
      return { embeds: [fitEmbed(embed)], components: [] };
    }
    case 'notice':
      return { content: clip(reply.text, DISCORD_LIMITS.content), embeds: [], components: [] };
  }
}

/** Plain-text fallback (no embeds, no components) where the bot may not embed links. Pure. */
export function renderDiscordText(reply: Reply): DiscordMessage {
  return { content: clip(escapeMarkdown(clip(renderText(reply), DISCORD_LIMITS.content)), DISCORD_LIMITS.content), embeds: [], components: [] };
}
