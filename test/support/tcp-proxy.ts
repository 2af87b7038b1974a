import { createServer, type Server, type Socket, connect } from 'node:net';

/**
 * A TCP proxy on 127.0.0.1 (port 0) in front of a server, which a test can cut
 * (every open connection reset, new ones reset at once) and restore: a
 * database lost and back, without stopping the database other tests use.
 */
export interface TcpProxy {
  port: number;
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  const open = new Set<Socket>();
  let cut = false;
  const server: Server = createServer((client) => {
    if (cut) return void client.resetAndDestroy();
    const upstream = connect(targetPort, '127.0.0.1');
    open.add(client).add(upstream);
    const drop = () => {
      open.delete(client);
      open.delete(upstream);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    cut() {
      cut = true;
      for (const s of open) s.resetAndDestroy();
      open.clear();
    },
    restore() {
      cut = false;
    },
    close: () =>
      new Promise((resolve) => {
        for (const s of open) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A proxy in front of the database at `url`, and the same URL through it (what the bot is given, so the test can cut it). */
export async function behindProxy(url: string | URL): Promise<{ proxy: TcpProxy; viaProxy: URL }> {
  const proxy = await startTcpProxy(Number(new URL(url).port));
  const viaProxy = new URL(url);
  viaProxy.port = String(proxy.port);
  return { proxy, viaProxy };
}
