import type { AutocompleteInteraction } from 'discord.js';
import { langOf } from './locale.js';
import { clip } from './limits.js';
import type { DiscordContext } from './context.js';

/** Discord shows at most 25 choices and waits 3 s (autocomplete cannot be deferred). */
export const MAX_CHOICES = 25;

/**
 * Every autocompleted option of our commands names a topic: answer with up to 25
 * topics ranked by the matcher for what the user has typed so far (all topics, in
 * order, while it is blank). Values are topic ids.
 */
export async function answerAutocomplete(interaction: AutocompleteInteraction, { core }: DiscordContext): Promise<void> {
  const typed = String(interaction.options.getFocused()).slice(0, 100);
  const topics = core.searchTopics(typed, MAX_CHOICES, langOf(interaction.locale));
  await interaction.respond(topics.slice(0, MAX_CHOICES).map((x) => ({ name: clip(x.title, 100) || x.id, value: x.id })));
}
