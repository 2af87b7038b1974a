import { createDiscordAdapter } from '../adapters/discord/create-discord-adapter.js';
import { boot } from '../boot/boot.js';
import { startOps } from '../boot/ops.js';
import { runAdapters } from '../boot/run.js';

/**
 * One shard's process, forked by `sharding.ts`: what `npm start` runs, but the Discord
 * adapter alone (Telegram runs once, under `npm start`). Each shard records unanswered
 * questions into the shared SQLite file (WAL) and reloads data/ on its own (SIGHUP is
 * forwarded to it by the manager). It serves no HTTP: the manager's operations server
 * asks it for its readiness and metrics over IPC. discord.js reads SHARDS and
 * SHARD_COUNT from the environment the ShardingManager sets.
 */
const booted = await boot();
if (!booted.config.DISCORD_TOKEN) {
  process.stderr.write('Cannot start a shard: DISCORD_TOKEN is not set.\n');
  process.exit(1);
}
const ops = await startOps(booted, { serve: false });
await runAdapters(booted, [createDiscordAdapter(booted.config, booted.deps, { managed: true })], { ops, shard: true });
