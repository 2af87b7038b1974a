import type { AutocompleteInteraction } from 'discord.js';
import { argKey, findCommand } from '../../core/conversation/commands.js';
import type { Core } from '../../core/core.js';
import { t } from '../../core/i18n/index.js';
import { OVERVIEW_ID } from '../../core/summary-card.js';
import { detectLanguage } from '../../core/text/lang.js';
import { clip, oneLine } from '../kit/text.js';

/** Discord shows at most 25 choices and waits 3 s (autocomplete cannot be deferred). */
export const MAX_CHOICES = 25;

/**
 * Topic and card arguments autocomplete: up to 25 topics ranked for what the
 * user has typed so far (all topics, in order, while it is blank), titled in
 * the language of what was typed (the client's locale while it is blank or
 * Latin); values are topic ids. Card arguments offer the overview first while
 * what was typed fits it. Not rate limited: it fires at every keystroke.
 */
export async function answerAutocomplete(interaction: AutocompleteInteraction, core: Core): Promise<void> {
  const focused = interaction.options.getFocused(true);
  const arg = findCommand(interaction.commandName)?.args.find((a) => argKey(a.name) === focused.name);
  if (arg?.kind !== 'topic' && arg?.kind !== 'card') return interaction.respond([]);
  const typed = oneLine(String(focused.value)).slice(0, 100);
  const lang = detectLanguage(typed, interaction.locale);
  const choices: Array<{ name: string; value: string }> = [];
  if (arg.kind === 'card') {
    const overview = t(lang).overviewChoice;
    const query = typed.toLowerCase();
    if (!query || OVERVIEW_ID.startsWith(query) || overview.toLowerCase().includes(query)) choices.push({ name: clip(overview, 100), value: OVERVIEW_ID });
  }
  for (const x of core.searchTopics(typed, MAX_CHOICES - choices.length, lang)) choices.push({ name: clip(oneLine(x.title), 100) || x.id, value: x.id });
  await interaction.respond(choices.slice(0, MAX_CHOICES));
}
