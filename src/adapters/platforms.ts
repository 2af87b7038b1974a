import type { Config } from '../config.js';
import type { Core } from '../core/core.js';
import type { Curator } from '../curator/curator.js';
import type { Logger } from '../logger.js';
import type { Adapter } from './types.js';

/** The platform adapters whose tokens are configured, in start order. Empty → console chat. */
export async function platformAdapters(config: Config, core: Core, logger: Logger, curator: Curator): Promise<Adapter[]> {
  const adapters: Adapter[] = [];
  if (config.DISCORD_TOKEN) {
    const { createDiscordAdapter } = await import('./discord/create-discord-adapter.js');
    adapters.push(createDiscordAdapter(config, core.forPlatform('discord'), logger, curator));
  }
  if (config.TELEGRAM_BOT_TOKEN) {
    const { createTelegramAdapter } = await import('./telegram/create-telegram-adapter.js');
    adapters.push(createTelegramAdapter(config, core.forPlatform('telegram'), logger, curator));
  }
  return adapters;
}
