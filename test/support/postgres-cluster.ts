import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A throwaway PostgreSQL cluster for tests: the server binaries of Debian's
 * `postgresql` package (`.ci/run` installs it when missing), initdb in a temp
 * folder, the server on 127.0.0.1 and a free port, trust authentication, no
 * fsync (nothing here must survive the run). initdb and postgres refuse to
 * run as root: as root they run as the `postgres` user the package creates.
 */
export interface PostgresCluster {
  /** A superuser URL of the `postgres` database. */
  url: string;
  port: number;
  /** Stops the server (a fast shutdown: every connection is closed), keeping its data: the database is gone until `resume()`. */
  halt(): Promise<void>;
  /** Starts the halted server again on the same port, with the same data; resolves once it accepts connections. */
  resume(): Promise<void>;
  stop(): Promise<void>;
}

/** The newest installed server's bin folder; throws (never skips) when there is none. */
export function postgresBin(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) throw new Error(`no PostgreSQL server under ${root}: install Debian's postgresql package (.ci/run does: apt-get install -y postgresql)`);
  return join(root, newest, 'bin');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const asRoot = process.getuid?.() === 0;
/** The command line, run as the postgres user when we are root. */
const asPostgres = (cmd: string, args: string[]): [string, string[]] => (asRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args]);

export async function startPostgresCluster(): Promise<PostgresCluster> {
  const bin = postgresBin();
  const dir = mkdtempSync(join(tmpdir(), 'pb-pg-'));
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  const [initCmd, initArgs] = asPostgres(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync', '--no-instructions']);
  execFileSync(initCmd, initArgs, { stdio: ['ignore', 'ignore', 'pipe'] });

  /** The server on `port`, or undefined when it could not listen there. */
  const launch = async (port: number): Promise<ChildProcess | undefined> => {
    const settings = [
      'listen_addresses=127.0.0.1',
      `port=${port}`,
      `unix_socket_directories=${dir}`,
      'fsync=off',
      'synchronous_commit=off',
      'full_page_writes=off',
      'max_connections=200',
      'shared_buffers=32MB',
    ];
    const [cmd, args] = asPostgres(join(bin, 'postgres'), ['-D', data, ...settings.flatMap((s) => ['-c', s])]);
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    const ready = await new Promise<boolean>((resolve) => {
      let log = '';
      child.stderr!.on('data', (chunk) => {
        log += String(chunk);
        if (log.includes('ready to accept connections')) resolve(true);
        else if (/could not bind|could not create listen socket/.test(log)) resolve(false);
      });
      child.once('exit', () => resolve(false));
    });
    if (ready) return child;
    child.kill('SIGKILL');
    return undefined;
  };
  let server: ChildProcess | undefined;
  let port = 0;
  for (let attempt = 0; attempt < 5 && !server; attempt += 1) {
    port = await freePort();
    server = await launch(port);
  }
  if (!server) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error('the test PostgreSQL server did not start');
  }
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let exited = new Promise<void>((resolve) => server!.once('exit', () => resolve()));
  let running = true;
  const halt = async () => {
    if (!running) return;
    // The postmaster itself (runuser forwards no signal): a fast shutdown.
    const pid = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
    if (pid) process.kill(pid, 'SIGINT');
    await exited;
    running = false;
  };
  return {
    url,
    port,
    halt,
    async resume() {
      if (running) return;
      const again = await launch(port);
      if (!again) throw new Error(`the test PostgreSQL server did not start again on port ${port}`);
      server = again;
      exited = new Promise<void>((resolve) => again.once('exit', () => resolve()));
      running = true;
    },
    async stop() {
      await halt();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
