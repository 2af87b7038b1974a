import type { Adapter, HttpRoutes } from '../adapters/types.js';
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
  /** Where the Telegram webhook is mounted; undefined when no server runs. */
  readonly routes: HttpRoutes | undefined;
  readonly server: OpsServer | undefined;
  /** The surfaces readiness waits for (set once they are made). */
  watch(adapters: readonly Adapter[]): void;
  /** Another part the process needs before it is ready (e.g. a web desk's own store), until the returned function is called. */
  addCheck(check: ReadinessCheck): () => void;
  readiness(): Readiness;
  close(): Promise<void>;
}

export async function startOps(booted: Booted, options: { serve: boolean } = { serve: true }): Promise<Ops> {
  const { config, store, curator, metrics, logger } = booted;
  let surfaces: readonly Adapter[] = [];
  const extra = new Set<ReadinessCheck>();
  /**
   * One readiness model: boot's component states (the store as opened, each surface's
   * lifecycle: starting, failed for good with its reason, shutting down) come first;
   * a component that is up (or starting) in that model is then asked how it is right
   * now (a surface connected and receiving, the store taking writes).
   */
  const checks = (): ReadinessCheck[] => {
    const { components } = booted.readiness.snapshot();
    const lifecycle = (name: string, live: () => true | string) => () => {
      const state = components[name];
      if (!state || state.ready) return live();
      // While a part starts, what it is doing now says more ('initialising', 'connecting to the gateway').
      const now = state.reason === 'starting' ? live() : true;
      return now !== true ? now : (state.reason ?? 'not ready');
    };
    const known = new Set(['store', ...surfaces.map((a) => a.name)]);
    return [
      ...(surfaces.length
        ? surfaces.map((a) => ({ name: a.name, check: lifecycle(a.name, () => a.readiness()) }))
        : [{ name: 'surfaces', check: () => 'none started yet' }]),
      ...(store ? [{ name: 'store', check: lifecycle('store', () => store.writable()) }] : []),
      ...Object.entries(components)
        .filter(([name]) => !known.has(name))
        .map(([name, state]) => ({ name, check: () => (state.ready ? true : (state.reason ?? 'not ready')) })),
      ...extra,
    ];
  };
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
    routes: server,
    server,
    watch(adapters) {
      surfaces = adapters;
    },
    addCheck(check) {
      extra.add(check);
      return () => void extra.delete(check);
    },
    readiness,
    async close() {
      await server?.close();
      metrics?.close();
    },
  };
}
