import type { Config } from '../config.js';
import type { Adapter, AdapterDeps } from '../adapters/types.js';

/** The platform adapters whose tokens are configured, in start order. Empty → console chat. */
export async function platformAdapters(config: Config, deps: AdapterDeps): Promise<Adapter[]> {
  const adapters: Adapter[] = [];
  if (config.DISCORD_TOKEN) {
    const { createDiscordAdapter } = await import('../adapters/discord/create-discord-adapter.js');
    adapters.push(createDiscordAdapter(config, deps));
  }
  if (config.TELEGRAM_BOT_TOKEN) {
    const { createTelegramAdapter } = await import('../adapters/telegram/create-telegram-adapter.js');
    adapters.push(createTelegramAdapter(config, deps));
  }
  return adapters;
}
