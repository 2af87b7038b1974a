import type { AutocompleteInteraction } from 'discord.js';
import { OVERVIEW_ID } from '../../cards/index.js';
import { t } from '../../core/i18n/index.js';
import { detectLanguage } from '../../core/text/lang.js';
import { clip } from './limits.js';
import type { DiscordContext } from './context.js';
import { oneLine } from './text.js';

/** Discord shows at most 25 choices and waits 3 s (autocomplete cannot be deferred). */
export const MAX_CHOICES = 25;

/**
 * Every autocompleted option of our commands names a topic: answer with up to 25
 * topics ranked by the matcher for what the user has typed so far (all topics, in
 * order, while it is blank), titled in the language of what was typed (the client's
 * locale while it is blank or Latin). Values are topic ids. `/card` also offers the
 * overview card, first, while what was typed fits it.
 */
export async function answerAutocomplete(interaction: AutocompleteInteraction, { core }: DiscordContext): Promise<void> {
  const typed = oneLine(String(interaction.options.getFocused())).slice(0, 100);
  const lang = detectLanguage(typed, interaction.locale);
  const choices: Array<{ name: string; value: string }> = [];
  if (interaction.commandName === 'card') {
    const overview = t(lang).discordCardOverview;
    const query = typed.toLowerCase();
    if (!query || OVERVIEW_ID.startsWith(query) || overview.toLowerCase().includes(query)) choices.push({ name: clip(overview, 100), value: OVERVIEW_ID });
  }
  const topics = core.searchTopics(typed, MAX_CHOICES - choices.length, lang);
  for (const x of topics) choices.push({ name: clip(oneLine(x.title), 100) || x.id, value: x.id });
  await interaction.respond(choices.slice(0, MAX_CHOICES));
}
