import type { Interaction } from 'discord.js';
import { t } from '../../core/i18n/index.js';
import { answerAutocomplete } from './autocomplete.js';
import { answerComponent } from './buttons.js';
import { findCommand } from './commands/index.js';
import type { DiscordContext } from './context.js';
import { uiLang } from './locale.js';
import { notice, replyWith } from './respond.js';

/**
 * Routes one interaction: autocomplete (never rate limited: it fires per keystroke),
 * slash commands and components (buttons, menus) after the per-user rate limit.
 */
export async function routeInteraction(interaction: Interaction, ctx: DiscordContext): Promise<void> {
  if (interaction.isAutocomplete()) return findCommand(interaction.commandName) ? answerAutocomplete(interaction, ctx) : interaction.respond([]);
  if (!interaction.isChatInputCommand() && !interaction.isMessageComponent()) return;

  const lang = uiLang(interaction.locale);
  if (!ctx.limiter.take(interaction.user.id).ok) return replyWith(interaction, notice(lang, t(lang).slowDown), { ephemeral: true });

  if (interaction.isMessageComponent()) return answerComponent(interaction, ctx);
  const command = findCommand(interaction.commandName);
  if (!command) return replyWith(interaction, notice(lang, t(lang).unknownCommand(`/${interaction.commandName}`), 'error'));
  await command.execute(interaction, ctx);
}
