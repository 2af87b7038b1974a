import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';

/**
 * A bot process as `npm start` runs it (`node --import tsx src/entry/main.ts`),
 * with only the environment given, its JSON log lines parsed as they arrive.
 */
export interface BotProcess {
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

export function startBotProcess(env: Record<string, string>, name = 'bot'): BotProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/entry/main.ts'], {
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'debug', ...env },
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
        const timer = setTimeout(() => reject(new Error(`${name}: no such log line in ${timeoutMs} ms; last lines:\n${raw.split('\n').slice(-12).join('\n')}`)), timeoutMs);
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
