import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { type APIGatewayBotInfo, DiscordAPIError, Routes, ShardingManager } from 'discord.js';
import { scriptRest } from '../adapters/discord/script-rest.js';
import { settingsOrExit } from '../boot/settings.js';
import { type ShardHandle, shardingOps } from '../boot/sharding-ops.js';
import { startOpsServer } from '../ops/ops-server.js';

/**
 * `npm run start:sharded` (`start:sharded:prod` compiled): discord.js's ShardingManager,
 * one process per shard (`shard.ts` under tsx, or the compiled `shard.js` on plain
 * node). The shard count is 'auto' — Discord's recommendation from /gateway/bot —
 * asked through DISCORD_API_BASE (discord.js's own 'auto' always asks discord.com
 * directly). Shards are spawned 5.5 s / max_concurrency apart to respect the
 * identify limit. The manager serves the operations endpoints for all its shards
 * (asking each over IPC), forwards SIGHUP to them (each reloads its data) and on
 * SIGTERM stops them within SHUTDOWN_TIMEOUT_SECONDS.
 */
const { config, logger } = settingsOrExit();
// SIGHUP's default action ends the process: until the shards exist, a reload has nothing to reload (each shard loads the data as it starts).
let shardProcesses: () => Array<{ id: number; process: { kill(signal: NodeJS.Signals): boolean } | null }> = () => [];
process.on('SIGHUP', () => {
  const alive = shardProcesses();
  logger.info({ shards: alive.map((s) => s.id) }, 'SIGHUP: asking every shard to reload its data');
  for (const shard of alive) shard.process?.kill('SIGHUP');
});
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

const compiled = import.meta.url.endsWith('.js');
const manager = new ShardingManager(fileURLToPath(new URL(compiled ? './shard.js' : './shard.ts', import.meta.url)), {
  token: config.DISCORD_TOKEN,
  totalShards: gateway.shards,
  mode: 'process',
  respawn: true,
  execArgv: compiled ? process.execArgv : ['--import', import.meta.resolve('tsx')],
});
const shards = () => manager.shards as unknown as ReadonlyMap<number, ShardHandle>;
shardProcesses = () => [...manager.shards.values()].filter((shard) => shard.process && shard.process.exitCode === null);
const ops =
  config.OPS_PORT === undefined
    ? undefined
    : await startOpsServer({ host: config.OPS_HOST, port: config.OPS_PORT, logger, ...shardingOps(shards, () => manager.totalShards as number) });
if (config.DESK_TOKEN) logger.warn('DESK_TOKEN is set, but the sharding manager serves no desk (it has no store)');

let stopping = false;
manager.on('shardCreate', (shard) => {
  logger.info({ shard: shard.id, of: manager.totalShards }, 'shard spawned');
  shard.on('ready', () => logger.info({ shard: shard.id }, 'shard ready'));
  shard.on('death', () => {
    if (!stopping) logger.warn({ shard: shard.id, respawn: manager.respawn }, 'shard process exited');
  });
});

/** Stops every shard process (SIGTERM; SIGKILL for any still running at the deadline), then the server, then exits. */
async function stopAll(signal: string, code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  manager.respawn = false;
  logger.info({ signal }, 'shutting down the shards');
  const running = [...manager.shards.values()].flatMap((shard) => (shard.process && shard.process.exitCode === null ? [shard.process] : []));
  const exited = Promise.all(running.map((child) => (child.exitCode === null ? once(child, 'exit') : undefined)));
  for (const child of running) child.kill('SIGTERM');
  const deadline = config.SHUTDOWN_TIMEOUT_SECONDS * 1000;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), deadline)));
  if ((await Promise.race([exited, late])) === 'late') {
    logger.warn({ deadlineMs: deadline }, 'shards did not stop in time; killing them');
    for (const child of running) if (child.exitCode === null) child.kill('SIGKILL');
  }
  clearTimeout(timer);
  await ops?.close();
  process.exit(code);
}
process.once('SIGINT', () => void stopAll('SIGINT', 0));
process.once('SIGTERM', () => void stopAll('SIGTERM', 0));

try {
  const delay = Math.ceil(5500 / Math.max(1, gateway.session_start_limit.max_concurrency));
  await manager.spawn({ amount: gateway.shards, delay, timeout: 60_000 });
  logger.info({ shards: manager.totalShards }, 'all shards ready');
} catch (err) {
  logger.fatal({ err }, 'sharding failed');
  await stopAll('sharding failed', 1);
}
