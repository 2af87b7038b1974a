/**
 * One discord-hybrid-sharding cluster (forked by bench/hybrid-shards.ts): the
 * bot as `npm start` builds it, with the cluster's shard list as
 * DISCORD_SHARDS. Only for the comparison bench; the bot does not use the package.
 */
import { ClusterClient } from 'discord-hybrid-sharding';
import { createDiscordAdapter } from '../src/adapters/discord/create-discord-adapter.js';
import { boot } from '../src/boot/boot.js';
import { runAdapters } from '../src/boot/run.js';
import { readEnvironment } from '../src/config.js';

const info = ClusterClient.getInfo();
const environment = readEnvironment();
const booted = await boot({
  environment: { ...environment, env: { ...environment.env, DISCORD_SHARDS: info.SHARD_LIST.join(','), DISCORD_SHARD_COUNT: String(info.TOTAL_SHARDS) } },
});
// shard: also stops when the cluster manager goes away (no operations side: the bench reads no readiness).
await runAdapters(booted, [createDiscordAdapter(booted.config, booted.deps)], { shard: true });
