import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { ask } from './ask.js';
import { card } from './card.js';
import { help } from './help.js';
import { reload } from './reload.js';
import { topic } from './topic.js';
import { topics } from './topics.js';
import type { SlashCommand } from './types.js';
import { unanswered } from './unanswered.js';

/** Every slash command, in the order Discord lists them. Used by the router and by deploy-commands. */
export const COMMANDS: readonly SlashCommand[] = [ask, topic, topics, help, card, reload, unanswered];

const byName = new Map(COMMANDS.map((command) => [command.data.name, command]));

export function findCommand(name: string): SlashCommand | undefined {
  return byName.get(name);
}

/**
 * The JSON body of `PUT applications/{id}/commands` (or a guild's route): every command,
 * or only those that are (`moderatorGuildsOnly: true`) or are not (`false`) limited to the moderator servers.
 */
export function commandsJSON(filter: { moderatorGuildsOnly?: boolean } = {}): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  const wanted = filter.moderatorGuildsOnly;
  return COMMANDS.filter((command) => wanted === undefined || (command.moderatorGuildsOnly === true) === wanted).map((command) => command.data);
}

export type { SlashCommand };
