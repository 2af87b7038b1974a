import type { Adapter } from '../adapters/types.js';
import { startOpsServer, type OpsServer, type Readiness } from '../ops/ops-server.js';
import { type ReadinessCheck, readinessOf } from '../ops/readiness.js';
import type { Booted } from './boot.js';

/**
 * The operations side of a bot process: its readiness (the surfaces it runs and
 * the store) and its metrics, served over HTTP when OPS_PORT is set, and the
 * curator's desk at /desk when DESK_TOKEN is set too. Started
 * before the surfaces, so /readyz says 503 while they connect.
 */
export interface Ops {
  readonly server: OpsServer | undefined;
  /** The surfaces readiness waits for (set once they are made). */
  watch(adapters: readonly Adapter[]): void;
  readiness(): Readiness;
  close(): Promise<void>;
}

export async function startOps(booted: Booted, options: { serve: boolean } = { serve: true }): Promise<Ops> {
  const { config, curator, metrics, logger } = booted;
  let surfaces: readonly Adapter[] = [];
  // What boot recorded wins once a surface failed for good or is shutting down; otherwise the surface says how it is.
  const surfaceReadiness = (a: Adapter): true | string => {
    const recorded = booted.readiness.snapshot().components[a.name];
    return recorded && !recorded.ready && recorded.reason !== 'starting' ? (recorded.reason ?? 'not ready') : a.readiness();
  };
  const checks = (): ReadinessCheck[] => [
    ...(surfaces.length ? surfaces.map((a) => ({ name: a.name, check: () => surfaceReadiness(a) })) : [{ name: 'surfaces', check: () => 'none started yet' }]),
    ...(curator ? [{ name: 'store', check: () => curator.writable() }] : []),
  ];
  const readiness = () => readinessOf(checks());
  // Boot makes the metrics exactly when OPS_PORT is set.
  const server =
    options.serve && config.OPS_PORT !== undefined && metrics
      ? await startOpsServer({
          host: config.OPS_HOST,
          port: config.OPS_PORT,
          logger,
          readiness: async () => readiness(),
          metrics: async () => ({ contentType: metrics.contentType, body: await metrics.text() }),
        })
      : undefined;
  if (server && config.DESK_TOKEN) {
    if (curator) {
      // Loaded only when asked for: the desk renders replies as every surface would, so it brings discord.js and grammY's renderers.
      const { mountDesk } = await import('../desk/desk.js');
      mountDesk(server, { token: config.DESK_TOKEN, core: booted.core, store: curator.store, logger });
      logger.info({ path: '/desk' }, 'curator desk served');
    } else logger.warn('DESK_TOKEN is set but this process has no curator: the desk is not served here');
  }
  return {
    server,
    watch(adapters) {
      surfaces = adapters;
    },
    readiness,
    async close() {
      await server?.close();
      metrics?.close();
    },
  };
}
