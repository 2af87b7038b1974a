import { expect, it } from 'vitest';
import { sharedIdentifyThrottler } from '../../src/adapters/discord/identify-throttle.js';
import { loadConfig } from '../../src/config.js';
import { openStore } from '../../src/store/open-store.js';
import { capturingLogger } from '../support/log.js';
import { freshDatabase } from '../support/postgres.js';

it('shard processes on two hosts identify in turns per rate-limit bucket through the shared store', async () => {
  const config = loadConfig({ DATABASE_URL: await freshDatabase('identify'), ID_HASH_SECRET: 'shared-secret-for-every-host-0123', LOG_LEVEL: 'silent' });
  const hosts = [
    await openStore(config, capturingLogger().logger, { secret: config.ID_HASH_SECRET! }),
    await openStore(config, capturingLogger().logger, { secret: config.ID_HASH_SECRET! }),
  ];
  const gateway = (maxConcurrency: number) => ({ fetchGatewayInformation: async () => ({ session_start_limit: { max_concurrency: maxConcurrency } }) });
  const interval = 400;
  try {
    // max_concurrency 1: shards 0 (host A) and 2 (host B) share bucket 0 and must identify at least an interval apart.
    const [a, b] = await Promise.all(hosts.map((store) => sharedIdentifyThrottler(store, interval)(gateway(1))));
    const signal = new AbortController().signal;
    const went: number[] = [];
    await Promise.all([a!.waitForIdentify(0, signal).then(() => went.push(Date.now())), b!.waitForIdentify(2, signal).then(() => went.push(Date.now()))]);
    expect(went[1]! - went[0]!).toBeGreaterThanOrEqual(interval - 5);
    // max_concurrency 16: shards 0 and 1 are in different buckets and do not wait for each other.
    const [c, d] = await Promise.all(hosts.map((store) => sharedIdentifyThrottler(store, 60_000)(gateway(16))));
    await Promise.all([c!.waitForIdentify(0, signal), d!.waitForIdentify(1, signal)]);
    // A shard that would have to wait is released by its abort signal.
    const abort = new AbortController();
    const waiting = c!.waitForIdentify(16, abort.signal);
    abort.abort();
    await expect(waiting).rejects.toThrow(/abort/i);
  } finally {
    await Promise.all(hosts.map((s) => s.close()));
  }
});
