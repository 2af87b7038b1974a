import { DefaultRestOptions, type RESTOptions } from 'discord.js';

type MakeRequest = RESTOptions['makeRequest'];

/** One failed attempt of a REST request that @discordjs/rest is going to retry (or not: the last attempt). */
export interface ConnectionFailure {
  method: string;
  /** The request's URL: it may hold an interaction token, so never log it as is (see `routeOf`). */
  url: string;
  /** `UND_ERR_SOCKET` (the connection closed under the request), `ECONNRESET`, or `timeout`. */
  reason: string;
  /** 1 for the first attempt of the request. */
  attempt: number;
  /** False on the last attempt: the error then reaches the caller. */
  retried: boolean;
}

const codeOf = (err: unknown): unknown => (err as { code?: unknown } | null)?.code;

/** Whether undici (request or fetch) reports that the connection closed under the request. */
export function isDroppedSocket(err: unknown): boolean {
  return codeOf(err) === 'UND_ERR_SOCKET' || codeOf((err as { cause?: unknown } | null)?.cause) === 'UND_ERR_SOCKET';
}

/**
 * discord.js's own `makeRequest`, except that a connection closed under a request
 * (undici's `UND_ERR_SOCKET`, "other side closed") is rethrown with `code: 'ECONNRESET'`:
 * @discordjs/rest retries only resets (and timeouts), so without this a dropped connection
 * fails the request at once. Retrying is safe for what the bot sends: a retried interaction
 * callback that did reach Discord is refused (40060 already acknowledged), never shown twice.
 *
 * `onFailure` hears of every attempt that fails with a dropped, reset or timed-out
 * connection. @discordjs/rest passes the same `headers` object to every attempt of one
 * request (its retries call this again with the options it built once), which is how the
 * attempts are counted; `maxRetries` must be the REST client's `retries`.
 */
export function makeRequestRetryingDroppedSockets(
  onFailure: (failure: ConnectionFailure) => void = () => undefined,
  maxRetries: number = DefaultRestOptions.retries,
  base: MakeRequest = DefaultRestOptions.makeRequest,
): MakeRequest {
  const attempts = new WeakMap<object, number>();
  return async (url, init) => {
    const key = typeof init.headers === 'object' && init.headers !== null ? (init.headers as object) : undefined;
    try {
      return await base(url, init);
    } catch (err) {
      const dropped = isDroppedSocket(err);
      const reset = codeOf(err) === 'ECONNRESET' || (err instanceof Error && err.message.includes('ECONNRESET'));
      const timeout = err instanceof Error && err.name === 'AbortError';
      if (!dropped && !reset && !timeout) throw err;
      const attempt = (key ? (attempts.get(key) ?? 0) : 0) + 1;
      if (key) attempts.set(key, attempt);
      onFailure({
        method: init.method ?? 'GET',
        url,
        reason: dropped ? 'UND_ERR_SOCKET' : reset ? 'ECONNRESET' : 'timeout',
        attempt,
        retried: attempt <= maxRetries,
      });
      if (!dropped) throw err;
      const message = err instanceof Error ? err.message : String(err);
      throw Object.assign(new Error(`connection closed during the request (${message})`, { cause: err }), { code: 'ECONNRESET' });
    }
  };
}
