import { deployCommands } from '../adapters/discord/deploy-commands.js';
import { settingsOrExit } from '../boot/settings.js';

/**
 * `npm run deploy-commands`: registers the Discord slash commands through REST, in
 * DISCORD_GUILD_ID when set (instant), globally otherwise. Exits 1 with the reason.
 */
const { config } = settingsOrExit();
const missing = (['DISCORD_TOKEN', 'DISCORD_APPLICATION_ID'] as const).filter((name) => !config[name]);
if (missing.length) {
  process.stderr.write(`Cannot deploy commands: ${missing.join(' and ')} must be set. See .env.example.\n`);
  process.exit(1);
}
try {
  const { scope, commands, moderatorGuilds } = await deployCommands(config);
  const where = scope === 'guild' ? `in guild ${config.DISCORD_GUILD_ID} (available now)` : 'globally (every server the bot is in)';
  const names = (list: { name: string }[]) => list.map((c) => `/${c.name}`).join(' ');
  process.stdout.write(`Registered ${commands.length} commands ${where}: ${names(commands)}\n`);
  for (const guild of moderatorGuilds)
    process.stdout.write(`Registered ${guild.commands.length} operator commands in guild ${guild.guildId}: ${names(guild.commands)}\n`);
} catch (err) {
  process.stderr.write(`Cannot deploy commands: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
