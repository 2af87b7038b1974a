import { type Client, Events } from 'discord.js';

/**
 * The client's gateway shards as readiness sees them: ready once the client is
 * READY (every shard it runs identified and had its guilds), then not ready while
 * any shard is disconnected or reconnecting, until it is READY or RESUMED again.
 */
export function trackShards(client: Client): { readiness(): true | string; stopping(): void } {
  const down = new Map<number, string>();
  let destroyed = false;
  client.on(Events.ShardReady, (shard) => down.delete(shard));
  client.on(Events.ShardResume, (shard) => down.delete(shard));
  client.on(Events.ShardDisconnect, (event, shard) => down.set(shard, `disconnected (close code ${event.code})`));
  client.on(Events.ShardReconnecting, (shard) => down.set(shard, 'reconnecting'));
  client.on(Events.ShardError, (_err, shard) => down.set(shard, 'connection error'));
  return {
    stopping() {
      destroyed = true;
    },
    readiness() {
      if (destroyed) return 'stopped';
      if (!client.isReady()) return 'connecting to the gateway (not READY yet)';
      if (down.size === 0) return true;
      return [...down].map(([shard, why]) => `shard ${shard} ${why}`).join('; ');
    },
  };
}
