import type { Core } from '../core/core.js';
import type { KnowledgeSync } from '../curator/kb-sync.js';
import type { BotStore } from '../store/resilient.js';

/**
 * What operations endpoints (readiness, metrics) read about this process's
 * store and knowledge base: small functions, no HTTP here, so any server can
 * serve them.
 */
export interface OpsStatus {
  /** The knowledge-base version this process answers from. */
  kbVersion(): string;
  /** The store's part of readiness: ok, or why not ("database lost since …"). An 'off' store is ready (nothing to write). */
  storeReadiness(): { ok: true } | { ok: false; reason: string };
  /** Prometheus text lines: the knowledge-base version as an info metric, the store's state, and the process census when known. */
  metrics(): Promise<string>;
}

export function createOpsStatus(deps: { core: Core; store?: BotStore | undefined; sync?: KnowledgeSync | undefined }): OpsStatus {
  const { core, store, sync } = deps;
  const label = (v: string) => v.replace(/["\\\n]/g, '_');
  return {
    kbVersion: () => core.version,
    storeReadiness() {
      const status = store?.status();
      if (status?.state !== 'lost') return { ok: true };
      return { ok: false, reason: `${status.kind} database lost since ${new Date(status.since).toISOString()} (${status.reason})` };
    },
    async metrics() {
      const status = store?.status() ?? { state: 'off' as const };
      const lines = [
        '# HELP partnership_kb_info The knowledge-base version this process answers from.',
        '# TYPE partnership_kb_info gauge',
        `partnership_kb_info{version="${label(core.version)}"} 1`,
        '# HELP partnership_store_up Whether the store is reachable (1), lost (0); absent when recording is off.',
        '# TYPE partnership_store_up gauge',
        ...(status.state === 'off' ? [] : [`partnership_store_up{backend="${status.kind}"} ${status.state === 'up' ? 1 : 0}`]),
      ];
      if (sync) {
        lines.push(
          '# HELP partnership_kb_processes Processes sharing the store, by the knowledge-base version they answer from.',
          '# TYPE partnership_kb_processes gauge',
        );
        for (const c of await sync.census()) lines.push(`partnership_kb_processes{version="${label(c.version)}"} ${c.processes}`);
      }
      return `${lines.join('\n')}\n`;
    },
  };
}
