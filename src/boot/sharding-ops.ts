import type { EventEmitter } from 'node:events';
import type { OpsServerOptions, Readiness } from '../ops/ops-server.js';
import { aggregateText, type MetricsSnapshot } from '../ops/metrics.js';
import { isShardAnswer, type ShardAnswer, type ShardQuestion } from './shard-ipc.js';

/** What the manager needs of a discord.js Shard: its id, whether its process runs, and its IPC channel. */
export interface ShardHandle extends EventEmitter {
  readonly id: number;
  readonly process: unknown;
  send(message: unknown): Promise<unknown>;
}

/** How long the manager waits for a shard's answer before counting it as not ready. */
const ANSWER_MS = 2_000;
let nextId = 1;

/** Asks one shard process a question over IPC; undefined when it does not answer in time. */
export function askShard<K extends ShardQuestion['pb']>(
  shard: ShardHandle,
  pb: K,
  timeoutMs = ANSWER_MS,
): Promise<Extract<ShardAnswer, { pb: K }> | undefined> {
  const id = nextId++;
  return new Promise((resolve) => {
    const done = (answer: Extract<ShardAnswer, { pb: K }> | undefined) => {
      clearTimeout(timer);
      shard.off('message', onMessage);
      resolve(answer);
    };
    const onMessage = (message: unknown) => {
      if (isShardAnswer(message) && message.id === id && message.pb === pb) done(message as Extract<ShardAnswer, { pb: K }>);
    };
    const timer = setTimeout(() => done(undefined), timeoutMs);
    shard.on('message', onMessage);
    shard.send({ pb, id } satisfies ShardQuestion).catch(() => done(undefined));
  });
}

/**
 * The sharding manager's readiness and metrics: ready when every one of `total`
 * shards has a running process that says it is ready (its gateway shard READY,
 * its store writable); metrics are the shards' own, added up.
 */
export function shardingOps(shards: () => ReadonlyMap<number, ShardHandle>, total: () => number): Pick<OpsServerOptions, 'readiness' | 'metrics'> {
  return {
    async readiness(): Promise<Readiness> {
      const reasons: string[] = [];
      const count = total();
      if (!Number.isFinite(count) || count < 1) return { ready: false, reasons: ['shards: not spawned yet'] };
      const answers = await Promise.all(
        Array.from({ length: count }, async (_, id): Promise<string[]> => {
          const shard = shards().get(id);
          if (!shard?.process) return [`shard ${id}: no process`];
          const answer = await askShard(shard, 'readyz');
          if (!answer) return [`shard ${id}: no answer`];
          return answer.readiness.ready ? [] : answer.readiness.reasons.map((r) => `shard ${id}: ${r}`);
        }),
      );
      for (const list of answers) reasons.push(...list);
      return reasons.length ? { ready: false, reasons } : { ready: true };
    },
    async metrics() {
      const snapshots = await Promise.all(
        [...shards().values()].map(async (shard) => (shard.process ? (await askShard(shard, 'metrics'))?.snapshot : undefined)),
      );
      const present = snapshots.filter((s): s is MetricsSnapshot => !!s);
      return { contentType: 'text/plain; version=0.0.4; charset=utf-8', body: await aggregateText(present) };
    },
  };
}
