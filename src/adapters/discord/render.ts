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
import { type ComponentAction, encodeCustomId } from './custom-id.js';
import { clip, DISCORD_LIMITS, EMPTY, escapeMarkdown, fitEmbed } from './limits.js';

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
