import { REST } from 'discord.js';
import type { Config } from '../../config.js';

/** A REST client for scripts (deploy-commands, sharding), honouring DISCORD_API_BASE. */
export function scriptRest(config: Config): REST {
  if (!config.DISCORD_TOKEN) throw new Error('DISCORD_TOKEN is not set');
  return new REST(config.DISCORD_API_BASE ? { api: config.DISCORD_API_BASE } : {}).setToken(config.DISCORD_TOKEN);
}
