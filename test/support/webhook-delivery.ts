import { request } from 'node:http';
import type { Update } from 'grammy/types';

/**
 * Telegram's side of webhook mode, for tests with several instances: POSTs an
 * update to an instance (as Telegram does, with the secret header) and returns
 * the HTTP status, 0 when the connection failed. `deliverSpread` is a load
 * balancer in front of them: round robin, and an update that got no 200 is
 * delivered again to the next instance, as Telegram redelivers it.
 */
export function deliver(port: number, path: string, secret: string, update: Update): Promise<number> {
  const body = JSON.stringify(update);
  return new Promise((resolve) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-telegram-bot-api-secret-token': secret },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', () => resolve(0));
      },
    );
    req.on('error', () => resolve(0));
    req.end(body);
  });
}

export interface Delivered {
  /** The instance that answered 200. */
  port: number;
  /** Instances tried before it (they failed: killed, refused). */
  failedOn: number[];
}

export async function deliverSpread(ports: () => number[], path: string, secret: string, update: Update, start: number): Promise<Delivered> {
  const failedOn: number[] = [];
  for (let attempt = 0; attempt < 10; attempt += 1) {
    const live = ports();
    const port = live[(start + attempt) % live.length]!;
    if ((await deliver(port, path, secret, update)) === 200) return { port, failedOn };
    failedOn.push(port);
  }
  throw new Error(`update ${update.update_id} was never acknowledged (tried ${failedOn.join(', ')})`);
}
