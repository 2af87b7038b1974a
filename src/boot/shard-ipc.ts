import type { Readiness } from '../ops/ops-server.js';
import type { MetricsSnapshot } from '../ops/metrics.js';

/**
 * The questions a sharding manager asks its shard processes over their IPC channel
 * (discord.js passes messages it does not know through as `message` events):
 * whether the shard is ready (its Discord connection and its store) and its metrics.
 */
export type ShardQuestion = { pb: 'readyz'; id: number } | { pb: 'metrics'; id: number };
export type ShardAnswer = { pb: 'readyz'; id: number; readiness: Readiness } | { pb: 'metrics'; id: number; snapshot: MetricsSnapshot | null };

export const isShardQuestion = (m: unknown): m is ShardQuestion =>
  typeof m === 'object' &&
  m !== null &&
  ((m as ShardQuestion).pb === 'readyz' || (m as ShardQuestion).pb === 'metrics') &&
  typeof (m as ShardQuestion).id === 'number';

export const isShardAnswer = (m: unknown): m is ShardAnswer => isShardQuestion(m) && ('readiness' in m || 'snapshot' in m);

/** In a shard process: answers the manager's questions; returns a function that stops answering. */
export function answerManager(readiness: () => Readiness, snapshot: (() => Promise<MetricsSnapshot>) | undefined): () => void {
  const send = process.send?.bind(process);
  if (!send) return () => {};
  const onMessage = async (message: unknown) => {
    if (!isShardQuestion(message) || isShardAnswer(message)) return;
    const answer: ShardAnswer =
      message.pb === 'readyz'
        ? { pb: 'readyz', id: message.id, readiness: readiness() }
        : { pb: 'metrics', id: message.id, snapshot: snapshot ? await snapshot() : null };
    if (process.connected) send(answer);
  };
  process.on('message', onMessage);
  return () => process.off('message', onMessage);
}
