import type { ApiClientOptions } from 'grammy';
import { Agent, request } from 'undici';

type GrammyFetch = NonNullable<ApiClientOptions['fetch']>;

/** What grammY reads of a fetch response. */
interface JsonResponse {
  json(): Promise<unknown>;
}

/** grammY's fetch options: a JSON or multipart (stream) body, its headers and an abort signal; node-fetch extras are ignored. */
interface CallOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string | NodeJS.ReadableStream;
  signal?: unknown;
}

/**
 * grammY's `client.fetch` on undici, the HTTP client discord.js already
 * ships: one keep-alive connection pool per bot. grammY's default, node-fetch
 * v2, spends about 75 % more CPU per API call (docs/load.md); on a busy bot
 * the `sendMessage` per answer is a large share of all the work.
 *
 * Contract as grammY uses fetch: resolves with a response whatever the HTTP
 * status (grammY reads `{ ok, error_code }` from the JSON body), rejects on
 * network errors and aborts (grammY turns both into an `HttpError`).
 */
/** `close` (idempotent) ends the pool's connections once the bot has stopped. */
export function createApiFetch(): { fetch: GrammyFetch; close(): Promise<void> } {
  const dispatcher = new Agent({ keepAliveTimeout: 30_000 });
  const call = async (url: string, init: CallOptions = {}): Promise<JsonResponse> => {
    const res = await request(url, {
      method: (init.method ?? 'GET') as 'GET' | 'POST',
      headers: init.headers,
      body: init.body as string | undefined,
      signal: init.signal as AbortSignal | undefined,
      dispatcher,
    });
    return { json: () => res.body.json() };
  };
  let closed: Promise<void> | undefined;
  return { fetch: call as unknown as GrammyFetch, close: () => (closed ??= dispatcher.close().then(() => undefined)) };
}
