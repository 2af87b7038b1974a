/** One part of the process that must work for the bot to serve: a surface, the store. */
export interface ComponentState {
  ready: boolean;
  /** Why it is not ready (or what it is doing), for operators; never a secret. */
  reason?: string;
}

/**
 * Whether the process serves, part by part: what boot and runAdapters record
 * as the store opens and surfaces start, fail for good or shut down. Not
 * ready while any component is not. /readyz (src/boot/ops.ts) reads it
 * together with each part's live state; it is the one readiness model.
 */
export interface Readiness {
  set(component: string, state: ComponentState): void;
  readonly ready: boolean;
  snapshot(): { ready: boolean; components: Record<string, ComponentState> };
}

export function createReadiness(): Readiness {
  const components = new Map<string, ComponentState>();
  const ready = () => components.size > 0 && [...components.values()].every((c) => c.ready);
  return {
    set(component, state) {
      components.set(component, { ...state });
    },
    get ready() {
      return ready();
    },
    snapshot: () => ({ ready: ready(), components: Object.fromEntries([...components].map(([k, v]) => [k, { ...v }])) }),
  };
}
