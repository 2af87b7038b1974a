import { type APIApplicationCommand, DiscordAPIError, Routes } from 'discord.js';
import type { Config } from '../../config.js';
import { commandsJSON } from './commands/index.js';
import { scriptRest } from './script-rest.js';

export interface Deployment {
  scope: 'guild' | 'global';
  route: string;
  commands: APIApplicationCommand[];
}

/**
 * Registers every slash command with one bulk overwrite (commands no longer defined are
 * removed): in DISCORD_GUILD_ID when set (instant, for development), globally otherwise.
 */
export async function deployCommands(config: Config): Promise<Deployment> {
  const app = config.DISCORD_APPLICATION_ID;
  if (!app) throw new Error('DISCORD_APPLICATION_ID is not set');
  const guild = config.DISCORD_GUILD_ID;
  const route = guild ? Routes.applicationGuildCommands(app, guild) : Routes.applicationCommands(app);
  try {
    const commands = (await scriptRest(config).put(route, { body: commandsJSON() })) as APIApplicationCommand[];
    return { scope: guild ? 'guild' : 'global', route, commands };
  } catch (err) {
    if (err instanceof DiscordAPIError && err.status === 401) throw new Error('DISCORD_TOKEN was rejected by Discord (401 Unauthorized)', { cause: err });
    if (err instanceof DiscordAPIError && guild && (err.status === 403 || err.status === 404)) {
      throw new Error(`cannot register commands in DISCORD_GUILD_ID ${guild}: ${err.message}. Invite the application there with the applications.commands scope.`, { cause: err });
    }
    throw err;
  }
}
