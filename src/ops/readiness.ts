import type { Readiness } from './ops-server.js';

/** One thing readiness depends on: a surface or the store. */
export interface ReadinessCheck {
  readonly name: string;
  /** true, or why it is not ready now. */
  check(): true | string;
}

/** Ready when every check passes; otherwise each failing check's reason, prefixed with its name. */
export function readinessOf(checks: readonly ReadinessCheck[]): Readiness {
  const reasons: string[] = [];
  for (const { name, check } of checks) {
    let verdict: true | string;
    try {
      verdict = check();
    } catch (err) {
      verdict = `check failed: ${err instanceof Error ? err.message : String(err)}`;
    }
    if (verdict !== true) reasons.push(`${name}: ${verdict}`);
  }
  return reasons.length ? { ready: false, reasons } : { ready: true };
}
