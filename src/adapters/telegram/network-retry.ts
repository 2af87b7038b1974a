import { HttpError, type Transformer } from 'grammy';
import type { Logger } from '../../logger.js';
import type { PlatformTelemetry } from '../types.js';

export interface NetworkRetryOptions {
  /** Retries after the first failure; 0 disables. */
  attempts: number;
  /** Delay before the first retry; doubles each time. */
  delayMs: number;
}

export const DEFAULT_NETWORK_RETRY: NetworkRetryOptions = { attempts: 3, delayMs: 1000 };

/** The part of an abort signal we use (grammY passes its own AbortSignal shim). */
interface Abortable {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

function pause(ms: number, signal?: Abortable): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(done, ms);
    function done() {
      signal?.removeEventListener('abort', abort);
      resolve();
    }
    function abort() {
      clearTimeout(timer);
      reject(new Error('aborted while waiting to retry'));
    }
    signal?.addEventListener('abort', abort, { once: true });
  });
}

/**
 * API transformer: retries calls that failed at the network level (grammY
 * `HttpError`) a bounded number of times, logging each failure (the logger
 * scrubs the token from the inner error's URL). Rate limits and 5xx answers
 * are left to @grammyjs/auto-retry, which wraps this one.
 */
export function retryNetworkErrors(opts: NetworkRetryOptions, logger: Logger, telemetry?: PlatformTelemetry): Transformer {
  return async (prev, method, payload, signal) => {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await prev(method, payload, signal);
      } catch (err) {
        if (!(err instanceof HttpError) || signal?.aborted) throw err;
        const retrying = attempt < opts.attempts;
        logger.warn({ err, method, attempt: attempt + 1, retrying }, 'Telegram API request failed');
        if (!retrying) throw err;
        telemetry?.apiRetry('telegram', 'network');
        await pause(opts.delayMs * 2 ** attempt, signal);
      }
    }
  };
}
