import { renderDiscordReply } from '../adapters/discord/render.js';
import { renderText } from '../adapters/kit/plain-text.js';
import { renderMessage } from '../adapters/telegram/render.js';
import type { Core } from '../core/core.js';
import { askOutcome, unansweredOutcome } from '../curator/record.js';

/** What the "try a question" box shows: the reply as each surface renders it, its confidence, and how it would be counted. */
export interface TryResult {
  question: string;
  lang: string;
  confidence: number;
  topic: string | null;
  /** How the analytics count it, and whether the inbox would file it (and why). */
  counted: string;
  filed: string | null;
  surfaces: Array<{ name: string; text: string }>;
}

/** Asks without recording (nothing counted, nothing filed) and renders the reply with each surface's own renderer. */
export function tryQuestion(core: Core, question: string): TryResult {
  const { reply, match } = core.preview(question);
  const telegram = renderMessage(reply);
  const discord = renderDiscordReply(reply);
  const buttons = (labels: string[]) => (labels.length ? `\n\n[${labels.join('] [')}]` : '');
  const embed = discord.embeds[0];
  const discordText = [
    discord.content ?? '',
    embed?.title ? `**${embed.title}**` : '',
    embed?.description ?? '',
    ...(embed?.fields ?? []).map((f) => `${f.name}: ${f.value}`),
    embed?.footer?.text ?? '',
  ]
    .filter(Boolean)
    .join('\n');
  return {
    question,
    lang: match.lang,
    confidence: match.confidence,
    topic: reply.kind === 'answer' ? reply.topicId : match.topicId,
    counted: askOutcome(reply) ?? 'not counted',
    filed: unansweredOutcome(reply, match.confidence) ?? null,
    surfaces: [
      { name: 'Console', text: renderText(reply, { actions: true }) },
      { name: 'Telegram (HTML sent)', text: telegram.text + buttons((telegram.reply_markup?.inline_keyboard ?? []).flat().map((b) => b.text)) },
      {
        name: 'Discord',
        text:
          discordText +
          buttons(
            discord.components.flatMap((row) =>
              row.components.map((c) => ('label' in c && c.label ? c.label : 'placeholder' in c && c.placeholder ? `▾ ${c.placeholder}` : '')),
            ),
          ),
      },
    ],
  };
}
