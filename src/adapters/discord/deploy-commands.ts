import { type APIApplicationCommand, DiscordAPIError, type RESTPostAPIChatInputApplicationCommandsJSONBody, Routes } from 'discord.js';
import type { Config } from '../../config.js';
import { commandsJSON } from './commands-json.js';
import { scriptRest } from './script-rest.js';

export interface Deployment {
  scope: 'guild' | 'global';
  route: string;
  commands: APIApplicationCommand[];
}

/** The main deployment, and one per moderator server that is not DISCORD_GUILD_ID (empty without DISCORD_MODERATOR_GUILD_IDS). */
export type Deployments = Deployment & { moderatorGuilds: Array<Deployment & { guildId: string }> };

/**
 * Registers the slash commands, one bulk overwrite per place (commands no longer defined
 * there are removed): in DISCORD_GUILD_ID when set (instant, for development), globally
 * otherwise. The operator commands (/reload, which acts on the bot as a whole) are left out
 * of that set and registered in each server of DISCORD_MODERATOR_GUILD_IDS instead, so no
 * other server even sees them (none at all when it is unset); a moderator server's guild set
 * then holds only those (plus the rest when it is also DISCORD_GUILD_ID).
 */
export async function deployCommands(config: Config): Promise<Deployments> {
  const app = config.DISCORD_APPLICATION_ID;
  if (!app) throw new Error('DISCORD_APPLICATION_ID is not set');
  const rest = scriptRest(config);
  const main = config.DISCORD_GUILD_ID;
  const moderatorGuilds = config.DISCORD_MODERATOR_GUILD_IDS;

  const put = async (guild: string | undefined, body: RESTPostAPIChatInputApplicationCommandsJSONBody[], setting: string): Promise<Deployment> => {
    const route = guild ? Routes.applicationGuildCommands(app, guild) : Routes.applicationCommands(app);
    try {
      const commands = (await rest.put(route, { body })) as APIApplicationCommand[];
      return { scope: guild ? 'guild' : 'global', route, commands };
    } catch (err) {
      if (err instanceof DiscordAPIError && err.status === 401) throw new Error('DISCORD_TOKEN was rejected by Discord (401 Unauthorized)', { cause: err });
      if (err instanceof DiscordAPIError && guild && (err.status === 403 || err.status === 404)) {
        throw new Error(`cannot register commands in ${setting} ${guild}: ${err.message}. Invite the application there with the applications.commands scope.`, {
          cause: err,
        });
      }
      throw err;
    }
  };

  const mainBody = main && moderatorGuilds.includes(main) ? commandsJSON() : commandsJSON({ moderatorGuildsOnly: false });
  const deployment = await put(main, mainBody, 'DISCORD_GUILD_ID');
  const others: Deployments['moderatorGuilds'] = [];
  for (const guildId of moderatorGuilds) {
    if (guildId === main) continue;
    others.push({ guildId, ...(await put(guildId, commandsJSON({ moderatorGuildsOnly: true }), 'DISCORD_MODERATOR_GUILD_IDS server')) });
  }
  return { ...deployment, moderatorGuilds: others };
}
