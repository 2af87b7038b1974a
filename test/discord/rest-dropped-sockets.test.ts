import { describe, expect, it } from 'vitest';
import { type ConnectionFailure, makeRequestRetryingDroppedSockets } from '../../src/adapters/discord/rest-dropped-sockets.js';
import { routeOf } from '../../src/adapters/discord/rest-retry-log.js';

/** What undici's request() throws when the server closes the connection under a request. */
const socketClosed = () => Object.assign(new Error('other side closed'), { name: 'SocketError', code: 'UND_ERR_SOCKET' });
/** What fetch() throws for the same. */
const fetchFailed = () => new TypeError('fetch failed', { cause: socketClosed() });

const URL_WITH_TOKEN = 'http://127.0.0.1:1/api/v10/interactions/1234567890123456789/aW50ZXJhY3Rpb246secret-token/callback?with_response=false';

/** The wrapper around a network function that fails with `errors` in turn, then answers. */
function wrapped(errors: unknown[], maxRetries = 3) {
  const failures: ConnectionFailure[] = [];
  const response = { status: 204 } as Awaited<ReturnType<ReturnType<typeof makeRequestRetryingDroppedSockets>>>;
  const queue = [...errors];
  const makeRequest = makeRequestRetryingDroppedSockets((f) => failures.push(f), maxRetries, async () => {
    const next = queue.shift();
    if (next) throw next;
    return response;
  });
  return { makeRequest, failures, response };
}

describe('makeRequest retrying dropped sockets', () => {
  it('rethrows a connection closed under the request as ECONNRESET (what @discordjs/rest retries), keeping the cause', async () => {
    for (const error of [socketClosed(), fetchFailed()]) {
      const { makeRequest, failures } = wrapped([error]);
      const thrown = (await makeRequest(URL_WITH_TOKEN, { method: 'POST', headers: {} }).then(
        () => undefined,
        (err: unknown) => err,
      )) as Error & { code?: string };
      expect(thrown).toBeInstanceOf(Error);
      expect(thrown.code).toBe('ECONNRESET');
      expect(thrown.cause).toBe(error);
      expect(failures).toEqual([{ method: 'POST', url: URL_WITH_TOKEN, reason: 'UND_ERR_SOCKET', attempt: 1, retried: true }]);
    }
  });

  it('passes answers and other errors through untouched', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const { makeRequest, failures, response } = wrapped([refused]);
    await expect(makeRequest(URL_WITH_TOKEN, { method: 'POST', headers: {} })).rejects.toBe(refused);
    await expect(makeRequest(URL_WITH_TOKEN, { method: 'POST', headers: {} })).resolves.toBe(response);
    expect(failures).toEqual([]);
  });

  it('counts the attempts of one request (its headers object) and says when the last one is not retried', async () => {
    const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    const { makeRequest, failures } = wrapped([socketClosed(), socketClosed(), reset, socketClosed(), socketClosed()], 3);
    const headers = {};
    for (let i = 0; i < 4; i += 1) await makeRequest(URL_WITH_TOKEN, { method: 'POST', headers }).catch(() => undefined);
    await makeRequest(URL_WITH_TOKEN, { method: 'POST', headers: {} }).catch(() => undefined);
    expect(failures.map((f) => [f.reason, f.attempt, f.retried])).toEqual([
      ['UND_ERR_SOCKET', 1, true],
      ['UND_ERR_SOCKET', 2, true],
      ['ECONNRESET', 3, true],
      ['UND_ERR_SOCKET', 4, false],
      ['UND_ERR_SOCKET', 1, true], // another request
    ]);
  });
});

describe('routeOf', () => {
  it('keeps the route and drops ids, tokens and the query', () => {
    expect(routeOf(URL_WITH_TOKEN)).toBe('/interactions/:id/:token/callback');
    expect(routeOf('https://discord.com/api/v10/webhooks/100000000000000001/aW50ZXJhY3Rpb246secret/messages/%40original')).toBe('/webhooks/:id/:token/messages/@original');
    expect(routeOf('https://discord.com/api/v10/channels/400000000000000001/messages')).toBe('/channels/:id/messages');
    expect(routeOf('not a url')).toBe('(unparsable url)');
  });
});
