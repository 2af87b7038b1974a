import {
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIComponentInMessageActionRow,
  type APISelectMenuOption,
  ButtonStyle,
  ComponentType,
} from 'discord.js';
import { encodeAction } from '../../core/conversation/actions.js';
import type { Lang } from '../../core/data/schema.js';
import { t } from '../../core/i18n/index.js';
import type { ActionGroup, Reply, ReplyAction } from '../../core/reply.js';
import { clip, oneLine, rtl } from '../kit/text.js';
import { DISCORD_LIMITS as L, EMPTY } from './limits.js';

export type ActionRow = APIActionRowComponent<APIComponentInMessageActionRow>;
type Button = APIButtonComponentWithCustomId;

const STYLE: Record<ActionGroup, ButtonStyle.Primary | ButtonStyle.Secondary> = {
  more: ButtonStyle.Primary,
  suggest: ButtonStyle.Primary,
  related: ButtonStyle.Secondary,
  choices: ButtonStyle.Secondary,
  vote: ButtonStyle.Secondary,
  post: ButtonStyle.Primary,
  inbox: ButtonStyle.Secondary,
  nav: ButtonStyle.Secondary,
};

/** Emoji alone (👍 / 👎) belong to no language: they get no direction mark. */
const EMOJI_ONLY = /^(?:\p{Extended_Pictographic}|\p{Emoji_Modifier}|\u200d|\ufe0f)+$/u;

/** One line of at most `max` characters; Persian right to left (the mark counted in `max`). */
function line(lang: Lang, text: string, max: number): string {
  const cut = clip(oneLine(text), max - 1);
  return clip(lang === 'fa' && !EMOJI_ONLY.test(cut) ? rtl(cut) : cut, max);
}

function button(lang: Lang, a: ReplyAction): Button | undefined {
  const custom_id = encodeAction(a.action);
  if (!custom_id) return undefined;
  return { type: ComponentType.Button, style: STYLE[a.group], label: line(lang, a.label, L.buttonLabel) || EMPTY, custom_id };
}

function rows(buttons: Button[], maxRows: number, perRow: number = L.buttonsPerRow): ActionRow[] {
  const out: ActionRow[] = [];
  for (let i = 0; i < buttons.length && out.length < maxRows; i += perRow) {
    out.push({ type: ComponentType.ActionRow, components: buttons.slice(i, i + perRow) });
  }
  return out;
}

/** Topic select menus of 25 options each (values: topic ids; a choice answers in the menu's language, the reply's), at most `maxRows`. */
function topicMenus(reply: Reply, maxRows: number): ActionRow[] {
  const { lang } = reply;
  const options = new Map<string, APISelectMenuOption>();
  for (const a of reply.actions) {
    if (a.group !== 'choices' || a.action.kind !== 'topic' || a.action.lang !== lang || !encodeAction(a.action) || options.has(a.action.topicId)) continue;
    options.set(a.action.topicId, { label: line(lang, a.label, L.optionLabel) || a.action.topicId, value: a.action.topicId });
  }
  const all = [...options.values()];
  const count = Math.max(0, Math.min(maxRows, Math.ceil(all.length / L.selectOptions)));
  const pick = t(lang).pickTopic;
  return Array.from({ length: count }, (_, menu) => ({
    type: ComponentType.ActionRow,
    components: [
      {
        type: ComponentType.StringSelect,
        custom_id: encodeAction({ kind: 'pick', menu, lang })!,
        placeholder: line(lang, count > 1 ? `${pick} (${menu + 1}/${count})` : pick, L.placeholder),
        options: all.slice(menu * L.selectOptions, (menu + 1) * L.selectOptions),
      },
    ],
  }));
}

/**
 * A reply's actions as Discord components, laid out by group: topic buttons
 * (more, suggest, related; two rows at most), topic menus (choices), the vote
 * row, then posting and navigation; the report's Resolve / Ignore buttons one question
 * (two buttons) a row. Within five rows of five; an action that
 * does not encode is left out, a duplicate shown once.
 */
export function actionRows(reply: Reply, groups?: readonly ActionGroup[]): ActionRow[] {
  const seen = new Set<string>();
  const buttons = (wanted: readonly ActionGroup[]) =>
    reply.actions.flatMap((a) => {
      if (!wanted.includes(a.group) || (groups && !groups.includes(a.group))) return [];
      const b = button(reply.lang, a);
      if (!b || seen.has(b.custom_id)) return [];
      seen.add(b.custom_id);
      return [b];
    });
  const lead = buttons(['more', 'suggest', 'related']);
  const vote = rows(buttons(['vote']), 1);
  const tail = rows(buttons(['post', 'nav']), 1);
  const inbox = rows(buttons(['inbox']), L.rows - vote.length - tail.length, 2);
  const leadRows = rows(lead, Math.min(2, L.rows - vote.length - tail.length - inbox.length));
  const menus = !groups || groups.includes('choices') ? topicMenus(reply, L.rows - vote.length - tail.length - inbox.length - leadRows.length) : [];
  return [...leadRows, ...menus, ...vote, ...inbox, ...tail];
}
