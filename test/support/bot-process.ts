import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';

/** The repository's root (tests spawn its entry points from there, or from a temporary folder). */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** tsx's loader, as an absolute URL: it resolves from any working directory. */
export const TSX = import.meta.resolve('tsx');

export interface BotProcess {
  readonly child: ChildProcess;
  /** Everything written to stderr and stdout so far. */
  output(): string;
  /** Log lines (JSON) written so far. */
  logs(): Array<Record<string, any>>;
  /** Resolves with the first log line, past or future, that passes `test`; rejects after `timeoutMs` (a safety net) or if the process exits first. */
  waitForLog(test: (entry: Record<string, any>) => boolean, timeoutMs?: number): Promise<Record<string, any>>;
  /** Resolves once stdout and stderr together match `re`. */
  waitForOutput(re: RegExp, timeoutMs?: number): Promise<void>;
  /** The operations server's port, from its start-up line. */
  opsPort(timeoutMs?: number): Promise<number>;
  /** GET on the operations server. */
  get(path: string): Promise<{ status: number; body: string; json(): any }>;
  /** Polls `path` until `test` passes (a bounded wait on a condition, for state the test cannot hold still). */
  waitForGet(
    path: string,
    test: (res: { status: number; body: string }) => boolean,
    timeoutMs?: number,
  ): Promise<{ status: number; body: string; json(): any }>;
  readonly exited: Promise<[number | null, NodeJS.Signals | null]>;
  kill(signal?: NodeJS.Signals): void;
}

export interface SpawnOptions {
  env: Record<string, string>;
  cwd?: string;
  /** Arguments after the script. */
  args?: string[];
  /** Options for node before the script (e.g. --enable-source-maps). */
  nodeArgs?: string[];
  stdin?: 'ignore' | 'pipe';
}

/** `entry` (a path relative to the root, e.g. src/entry/main.ts, or absolute) in a child process, TypeScript under tsx, JavaScript on plain node. */
export function spawnBot(entry: string, opts: SpawnOptions): BotProcess {
  const script = entry.startsWith('/') ? entry : `${ROOT}${entry}`;
  const loader = entry.endsWith('.ts') ? ['--import', TSX] : [];
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), ...loader, script, ...(opts.args ?? [])], {
    cwd: opts.cwd ?? ROOT,
    // From the repository, a developer's own .env must not leak in: ENV_FILE='' reads none (a test's own folder may have one).
    env: { PATH: process.env.PATH ?? '', ...(opts.cwd === undefined ? { ENV_FILE: '' } : {}), ...opts.env },
    stdio: [opts.stdin ?? 'ignore', 'pipe', 'pipe'],
  });
  let text = '';
  const lines: Array<Record<string, any>> = [];
  const watchers = new Set<() => void>();
  let partial = '';
  const onChunk = (chunk: Buffer) => {
    text += String(chunk);
    partial += String(chunk);
    const complete = partial.split('\n');
    partial = complete.pop() ?? '';
    for (const line of complete) {
      if (!line.startsWith('{')) continue;
      try {
        lines.push(JSON.parse(line) as Record<string, any>);
      } catch {
        // not a log line
      }
    }
    for (const watch of [...watchers]) watch();
  };
  child.stderr!.on('data', onChunk);
  child.stdout!.on('data', onChunk);
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  let gone = false;
  void exited.then(() => {
    gone = true;
    for (const watch of [...watchers]) watch();
  });

  const waitFor = <T>(find: () => T | undefined, what: string, timeoutMs: number) =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => finish(new Error(`no ${what} within ${timeoutMs} ms; output:\n${text.slice(-3000)}`)), timeoutMs);
      const finish = (result: T | Error) => {
        clearTimeout(timer);
        watchers.delete(check);
        if (result instanceof Error) reject(result);
        else resolve(result);
      };
      const check = () => {
        const found = find();
        if (found !== undefined) finish(found);
        else if (gone) finish(new Error(`the process exited before ${what}; output:\n${text.slice(-3000)}`));
      };
      watchers.add(check);
      check();
    });
  const waitForLog = (test: (entry: Record<string, any>) => boolean, timeoutMs = 30_000) => waitFor(() => lines.find(test), 'log line as expected', timeoutMs);

  let port: number | undefined;
  const opsPort = async (timeoutMs?: number) => (port ??= Number((await waitForLog((l) => l.msg?.startsWith('operations server listening'), timeoutMs)).port));
  const get = async (path: string) => httpGet(await opsPort(), path);

  return {
    child,
    output: () => text,
    logs: () => lines,
    waitForLog,
    waitForOutput: (re, timeoutMs = 30_000) => waitFor(() => (re.test(text) ? true : undefined), `output matching ${re}`, timeoutMs).then(() => undefined),
    opsPort,
    get,
    async waitForGet(path, test, timeoutMs = 20_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const res = await get(path);
        if (test(res)) return res;
        if (gone) throw new Error(`the process exited; last ${path}: ${res.status} ${res.body}`);
        if (Date.now() > until) throw new Error(`${path} did not reach the expected state within ${timeoutMs} ms; last: ${res.status} ${res.body}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    exited,
    kill(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
  };
}

export function httpGet(port: number, path: string): Promise<{ status: number; body: string; json(): any }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, json: () => JSON.parse(body) }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** The value of one sample in Prometheus text (`name{labels}`; labels in any order), or undefined when absent. */
export function sample(metrics: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of metrics.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((x) => [x[1], x[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(m[3]);
  }
  return undefined;
}

/**
 * A bot process as `npm start` runs it (`node --import tsx src/entry/main.ts`),
 * with only the environment given, its JSON log lines parsed as they arrive.
 */
export interface StartedBot {
  readonly child: ChildProcess;
  readonly pid: number;
  /** Every log entry so far. */
  logs(): Array<Record<string, any>>;
  /** The first entry (past or future) that passes `test`. */
  waitForLog(test: (entry: Record<string, any>) => boolean, timeoutMs?: number): Promise<Record<string, any>>;
  /** Resolves with the exit code (or signal) once the process has ended. */
  readonly exited: Promise<number | string>;
  /** Raw stderr, for failure messages and secret checks. */
  stderr(): string;
}

export function startBotProcess(env: Record<string, string>, name = 'bot'): StartedBot {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/entry/main.ts'], {
    env: { PATH: process.env.PATH ?? '', ENV_FILE: '', LOG_LEVEL: 'debug', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const entries: Array<Record<string, any>> = [];
  const waiters: Array<{ test: (e: Record<string, any>) => boolean; resolve: (e: Record<string, any>) => void }> = [];
  let raw = '';
  let partial = '';
  child.stderr!.on('data', (chunk) => {
    raw += String(chunk);
    partial += String(chunk);
    const lines = partial.split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.startsWith('{')) continue;
      const entry = JSON.parse(line) as Record<string, any>;
      entries.push(entry);
      for (const w of [...waiters]) if (w.test(entry)) waiters.splice(waiters.indexOf(w), 1) && w.resolve(entry);
    }
  });
  child.stdout!.resume();
  const exited = once(child, 'exit').then(([code, signal]) => (code ?? signal) as number | string);
  return {
    child,
    pid: child.pid!,
    logs: () => entries,
    stderr: () => raw,
    exited,
    waitForLog(test, timeoutMs = 60_000) {
      const found = entries.find(test);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`${name}: no such log line in ${timeoutMs} ms; last lines:\n${raw.split('\n').slice(-12).join('\n')}`)),
          timeoutMs,
        );
        waiters.push({
          test,
          resolve: (e) => {
            clearTimeout(timer);
            resolve(e);
          },
        });
        void exited.then((code) => {
          clearTimeout(timer);
          reject(new Error(`${name} exited (${code}) before the log line; last lines:\n${raw.split('\n').slice(-12).join('\n')}`));
        });
      });
    },
  };
}
