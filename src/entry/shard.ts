import { createDiscordAdapter } from '../adapters/discord/create-discord-adapter.js';
import { boot } from '../boot/boot.js';
import { runAdapters } from '../boot/run.js';

/**
 * One shard's process, forked by `sharding.ts`: what `npm start` runs, but the Discord
 * adapter alone (Telegram runs once, under `npm start`). Each shard records unanswered
 * questions into the shared SQLite file (WAL) and reloads data/ on its own.
 * discord.js reads SHARDS and SHARD_COUNT from the environment the ShardingManager
 * sets and reports readiness over IPC.
 */
const booted = await boot(process.env);
if (!booted.config.DISCORD_TOKEN) {
  process.stderr.write('Cannot start a shard: DISCORD_TOKEN is not set.\n');
  process.exit(1);
}
await runAdapters(booted, [createDiscordAdapter(booted.config, booted.deps, { managed: true })], { onDisconnect: true });
