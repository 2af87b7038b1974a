import { AggregatorRegistry, Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { PlatformTelemetry } from '../adapters/types.js';
import type { ReloadOutcome } from '../core/conversation/ports.js';
import type { Core } from '../core/core.js';
import type { Reply } from '../core/reply.js';
import type { VersionCount } from '../core/conversation/ports.js';
import type { BotStore } from '../store/resilient.js';

/** What the metrics read besides the core: the store's state and the census of processes sharing it (issue 15). */
export interface MetricsSources {
  store?: BotStore | undefined;
  /** Processes sharing the store, by the knowledge-base version they answer from; undefined when there is no census (no store). */
  census?: () => Promise<VersionCount[]> | undefined;
}

/** The metric families in Prometheus's JSON form, as one process hands them to another (a shard to its manager). */
export type MetricsSnapshot = Awaited<ReturnType<Registry['getMetricsAsJSON']>>;

/**
 * The process's metrics (prom-client), fed through the ports the bot already has:
 * the conversation's and the platform clients' telemetry, the core's question
 * observer, the reloader's and the card renderer's results. Installed once by boot.
 */
export interface Metrics extends PlatformTelemetry {
  reloaded(result: ReloadOutcome): void;
  cardRendered(result: 'rendered' | 'cached' | 'failed', seconds: number): void;
  /** The exposition text of this process's metrics. */
  text(): Promise<string>;
  snapshot(): Promise<MetricsSnapshot>;
  readonly contentType: string;
  /** Stops observing the core. */
  close(): void;
}

const PREFIX = 'partnership_';

/** What a question came to: answered, answered with what the source lacks or predates, did-you-mean, or declined (and why). */
export function outcomeOf(reply: Reply): string {
  switch (reply.kind) {
    case 'answer':
      return reply.grounding;
    case 'decline':
      return `declined-${reply.reason}`;
    case 'suggest':
      return 'suggested';
    default:
      return reply.kind;
  }
}

export function createMetrics(core: Core, sources: MetricsSources = {}): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: '' });
  const questions = new Counter({
    name: `${PREFIX}questions_total`,
    help: 'Questions asked, by outcome, topic answered (or "none"), language of the answer and surface.',
    labelNames: ['outcome', 'topic', 'lang', 'surface'],
    registers: [registry],
  });
  const latency = new Histogram({
    name: `${PREFIX}reply_seconds`,
    help: 'Time from a request reaching the conversation to its reply being composed, by surface and kind of request (question, command, action).',
    labelNames: ['surface', 'request'],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const limited = new Counter({
    name: `${PREFIX}rate_limited_total`,
    help: 'Requests refused by the per-user flood limit: decision "notice" counts users told to slow down, "silent" the requests dropped after that.',
    labelNames: ['surface', 'decision'],
    registers: [registry],
  });
  const apiErrors = new Counter({
    name: `${PREFIX}platform_api_errors_total`,
    help: 'Failed platform API calls (every attempt), by surface and HTTP status or "network".',
    labelNames: ['surface', 'code'],
    registers: [registry],
  });
  const apiRetries = new Counter({
    name: `${PREFIX}platform_api_retries_total`,
    help: 'Platform API calls sent again after a failure, by surface and reason (429, 5xx, network).',
    labelNames: ['surface', 'reason'],
    registers: [registry],
  });
  const reloads = new Counter({
    name: `${PREFIX}reloads_total`,
    help: 'Data reloads by result: applied (valid data swapped in) or rejected (the old data kept).',
    labelNames: ['result'],
    registers: [registry],
  });
  new Gauge({
    name: `${PREFIX}knowledge_base_info`,
    help: 'The knowledge-base version answered from (1 for the version in use; summed over shards it counts the processes on each version).',
    labelNames: ['version'],
    registers: [registry],
    collect() {
      this.reset();
      this.set({ version: core.version }, 1);
    },
  });
  new Gauge({
    name: `${PREFIX}knowledge_base_topics`,
    help: 'Topics in the knowledge base answered from.',
    registers: [registry],
    aggregator: 'max',
    collect() {
      this.set(core.kb.topics.length);
    },
  });
  const { store, census } = sources;
  new Gauge({
    name: `${PREFIX}store_up`,
    help: 'Whether the store is reachable (1) or lost (0), by backend; absent when recording is off. The bot answers on while it is lost.',
    labelNames: ['backend'],
    registers: [registry],
    aggregator: 'min',
    collect() {
      this.reset();
      const status = store?.status();
      if (status && status.state !== 'off') this.set({ backend: status.kind }, status.state === 'up' ? 1 : 0);
    },
  });
  new Gauge({
    name: `${PREFIX}knowledge_base_processes`,
    help: 'Processes sharing the store (every instance and shard), by the knowledge-base version they answer from, as the census in the store counts them.',
    labelNames: ['version'],
    registers: [registry],
    aggregator: 'max',
    async collect() {
      this.reset();
      let counts: VersionCount[] | undefined;
      try {
        counts = await census?.();
      } catch {
        // The census lives in the store: while it is lost there is none to read (partnership_store_up says so).
        counts = undefined;
      }
      for (const c of counts ?? []) this.set({ version: c.version }, c.processes);
    },
  });
  const cards = new Counter({
    name: `${PREFIX}card_renders_total`,
    help: 'Summary card images asked for, by result: rendered, cached or failed.',
    labelNames: ['result'],
    registers: [registry],
  });
  const cardSeconds = new Histogram({
    name: `${PREFIX}card_render_seconds`,
    help: 'Time to rasterise a summary card image (renders only, not cache hits).',
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });

  const stopObserving = core.onAsk(({ platform, result: { reply, match } }) => {
    questions.inc({ outcome: outcomeOf(reply), topic: reply.kind === 'answer' ? reply.topicId : 'none', lang: reply.lang ?? match.lang, surface: platform });
  });

  return {
    limited: (surface, decision) => limited.inc({ surface, decision }),
    handled: (surface, request, seconds) => latency.observe({ surface, request }, seconds),
    apiError: (surface, code) => apiErrors.inc({ surface, code }),
    apiRetry: (surface, reason) => apiRetries.inc({ surface, reason }),
    reloaded: (result) => reloads.inc({ result: result.ok ? 'applied' : 'rejected' }),
    cardRendered(result, seconds) {
      cards.inc({ result });
      if (result === 'rendered') cardSeconds.observe(seconds);
    },
    text: () => registry.metrics(),
    snapshot: () => registry.getMetricsAsJSON(),
    contentType: registry.contentType,
    close: () => void stopObserving(),
  };
}

/** The exposition text of several processes' metrics added up (counters and histograms summed), as the sharding manager serves them. */
export async function aggregateText(snapshots: MetricsSnapshot[]): Promise<string> {
  return AggregatorRegistry.aggregate(snapshots).metrics();
}
