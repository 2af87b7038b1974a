import { fileURLToPath } from 'node:url';
import { type APIGatewayBotInfo, DiscordAPIError, Routes, ShardingManager } from 'discord.js';
import { scriptRest } from '../adapters/discord/script-rest.js';
import { configOrExit } from '../boot/config-or-exit.js';
import { secretsOf } from '../config.js';
import { createLogger } from '../logger.js';

/**
 * `npm run start:sharded`: discord.js's ShardingManager, one process per shard
 * (`shard.ts`, run by Node with tsx as a loader). The shard count is 'auto' —
 * Discord's recommendation from /gateway/bot — asked through DISCORD_API_BASE
 * (discord.js's own 'auto' always asks discord.com directly). Shards are spawned
 * 5.5 s / max_concurrency apart to respect the identify limit.
 */
const config = configOrExit(process.env);
const logger = createLogger({ level: config.LOG_LEVEL, secrets: secretsOf(config) });
if (!config.DISCORD_TOKEN) {
  process.stderr.write('Cannot start: DISCORD_TOKEN is not set. See .env.example.\n');
  process.exit(1);
}

let gateway: APIGatewayBotInfo;
try {
  gateway = (await scriptRest(config).get(Routes.gatewayBot())) as APIGatewayBotInfo;
} catch (err) {
  const reason = err instanceof DiscordAPIError && err.status === 401 ? 'DISCORD_TOKEN was rejected by Discord (401 Unauthorized)' : String(err);
  process.stderr.write(`Cannot start: ${reason}\n`);
  process.exit(1);
}

const manager = new ShardingManager(fileURLToPath(new URL('./shard.ts', import.meta.url)), {
  token: config.DISCORD_TOKEN,
  totalShards: gateway.shards,
  mode: 'process',
  respawn: true,
  execArgv: ['--import', import.meta.resolve('tsx')],
});
manager.on('shardCreate', (shard) => {
  logger.info({ shard: shard.id, of: manager.totalShards }, 'shard spawned');
  shard.on('ready', () => logger.info({ shard: shard.id }, 'shard ready'));
  shard.on('death', () => {
    if (!stopping) logger.warn({ shard: shard.id, respawn: manager.respawn }, 'shard process exited');
  });
});

let stopping = false;
function stopAll(code: number): never {
  stopping = true;
  manager.respawn = false;
  for (const shard of manager.shards.values()) shard.kill();
  process.exit(code);
}
process.once('SIGINT', () => stopAll(0));
process.once('SIGTERM', () => stopAll(0));

try {
  const delay = Math.ceil(5500 / Math.max(1, gateway.session_start_limit.max_concurrency));
  await manager.spawn({ amount: gateway.shards, delay, timeout: 60_000 });
  logger.info({ shards: manager.totalShards }, 'all shards ready');
} catch (err) {
  logger.fatal({ err }, 'sharding failed');
  stopAll(1);
}
