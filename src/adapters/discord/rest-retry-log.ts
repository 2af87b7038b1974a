import { type REST, RESTEvents } from 'discord.js';
import type { Logger } from '../../logger.js';
import type { PlatformTelemetry } from '../types.js';
import type { ConnectionFailure } from './rest-dropped-sockets.js';

/**
 * A REST URL as a route without ids or tokens, e.g. `/interactions/:id/:token/callback`
 * or `/webhooks/:id/:token/messages/@original`: what may be logged of a request.
 */
export function routeOf(url: string): string {
  let path: string;
  try {
    path = decodeURIComponent(new URL(url).pathname);
  } catch {
    return '(unparsable url)';
  }
  path = path.replace(/^.*?\/v\d+(?=\/)/, '');
  if (/^\/interactions\//.test(path)) return path.replace(/^\/interactions\/[^/]+\/[^/]+/, '/interactions/:id/:token');
  return path.replace(/^\/webhooks\/[^/]+\/[^/]+/, '/webhooks/:id/:token').replace(/\d{15,22}/g, ':id');
}

/**
 * Makes Discord's REST retries visible, one warning per retry (never a URL or a token):
 *  - `discord rate limited`: Discord answered 429; discord.js waits `retryAfter` ms and sends again;
 *  - `discord request retried`: a 5xx answer (`status`) or a dropped, reset or timed-out connection
 *    (`reason`, from `connectionFailureLogger`), retried by @discordjs/rest up to `retries` times.
 * The last failed attempt is not retried and not logged here: its error reaches the
 * adapter's error boundary. Waits discord.js makes before sending, to stay inside a rate
 * limit it already knows (`RESTEvents.RateLimited`), are normal operation: debug.
 */
export function logRestRetries(rest: REST, log: Logger, telemetry?: PlatformTelemetry): void {
  rest.on(RESTEvents.Response, (request, response) => {
    const { status } = response;
    if (status >= 400) telemetry?.apiError('discord', String(status));
    const method = request.method.toUpperCase();
    const attempt = request.retries + 1;
    if (status === 429) {
      const header = (name: string) => response.headers.get(name);
      const retryAfter = Math.round(Number(header('retry-after') ?? 0) * 1000);
      log.warn(
        {
          method,
          route: request.route,
          status,
          retryAfter,
          scope: header('x-ratelimit-scope') ?? undefined,
          global: header('x-ratelimit-global') === 'true',
          attempt,
        },
        'discord rate limited',
      );
      telemetry?.apiRetry('discord', '429');
    } else if (status >= 500 && status < 600 && request.retries < rest.options.retries) {
      log.warn({ method, route: request.route, status, attempt, retries: rest.options.retries }, 'discord request retried');
      telemetry?.apiRetry('discord', '5xx');
    }
  });
  rest.on(RESTEvents.RateLimited, ({ route, method, global, scope, limit, retryAfter }) => {
    log.debug({ route, method: method.toUpperCase(), global, scope, limit, retryAfter }, 'discord rate limit wait');
  });
}

/** The `onFailure` of `makeRequestRetryingDroppedSockets`: a warning for each retried attempt. */
export function connectionFailureLogger(log: Logger, retries: number, telemetry?: PlatformTelemetry): (failure: ConnectionFailure) => void {
  return ({ method, url, reason, attempt, retried }) => {
    telemetry?.apiError('discord', 'network');
    if (!retried) return;
    log.warn({ method: method.toUpperCase(), route: routeOf(url), reason, attempt, retries }, 'discord request retried');
    telemetry?.apiRetry('discord', 'network');
  };
}
