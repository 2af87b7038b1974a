import { HttpError, type Transformer } from 'grammy';

/**
 * Whether long polling is getting through: an API transformer that watches the
 * outcome of every `getUpdates` attempt. After a failed attempt (a network error or an
 * error answer) polling is "failing" until an attempt succeeds again; the runner keeps
 * retrying meanwhile, so "running" alone would say ready while nothing arrives. A long
 * poll counts once it returns, so readiness comes back at most one poll (30 s) late.
 */
export function pollHealth(): { transformer: Transformer; failure(): string | undefined } {
  let failure: string | undefined;
  const transformer: Transformer = async (prev, method, payload, signal) => {
    if (method !== 'getUpdates') return prev(method, payload, signal);
    try {
      const result = await prev(method, payload, signal);
      failure = result.ok ? undefined : `getUpdates answered ${result.error_code}`;
      return result;
    } catch (err) {
      if (err instanceof HttpError) failure = 'getUpdates failed at the network level';
      throw err;
    }
  };
  return { transformer, failure: () => failure };
}
