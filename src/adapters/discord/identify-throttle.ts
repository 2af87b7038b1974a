import { setTimeout as wait } from 'node:timers/promises';
import type { BotStore } from '../../store/resilient.js';

/** Discord allows one IDENTIFY per rate-limit bucket every 5 s; half a second of margin for clocks and latency. */
export const IDENTIFY_INTERVAL_MS = 5_500;

/** What discord.js's gateway manager offers a throttler (a subset of @discordjs/ws's WebSocketManager). */
interface GatewayInfoSource {
  fetchGatewayInformation(): Promise<{ session_start_limit: { max_concurrency: number } }>;
}

/**
 * An identify throttler shared by every process on the store (discord.js
 * `ws.buildIdentifyThrottler`): shard ranges started on several hosts at once
 * take turns per bucket (shard id % max_concurrency) through one reservation
 * in the database, as Discord requires of the whole bot, not of one process.
 * While the store is away, turns are kept in this process only.
 */
export function sharedIdentifyThrottler(store: BotStore, intervalMs = IDENTIFY_INTERVAL_MS) {
  const local = new Map<string, number>();
  const reserveLocally = (key: string, now: number) => {
    const at = Math.max(local.get(key) ?? 0, now);
    local.set(key, at + intervalMs);
    return at;
  };
  return async (manager: GatewayInfoSource) => {
    const concurrency = Math.max(1, (await manager.fetchGatewayInformation()).session_start_limit.max_concurrency);
    return {
      async waitForIdentify(shardId: number, signal: AbortSignal): Promise<void> {
        const key = `discord-identify:${shardId % concurrency}`;
        const now = Date.now();
        const at = await store.attempt(
          'reserve identify',
          (b) => b.reserve(key, intervalMs, now),
          () => reserveLocally(key, now),
          30_000,
        );
        const delay = at - Date.now();
        if (delay > 0) await wait(delay, undefined, { signal });
      },
    };
  };
}
