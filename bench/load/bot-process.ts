import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { within } from './stats.js';

/**
 * The bot under load: `src/entry/main.ts` (what `npm start` runs) in its own
 * process, configured only through the environment, as in production. It
 * gets a fresh SQLite database in a temporary directory and nothing from the
 * caller's environment that could point it at a real platform.
 */

export interface LogSummary {
  /** Lines at warn (40), error (50) and fatal (60), by message. */
  warnings: Record<string, number>;
  errors: Record<string, number>;
  fatal: number;
  /** The first few error and fatal lines, shortened, for the report. */
  samples: string[];
  /** The first few warning lines, shortened. */
  warningSamples: string[];
  /** Lines containing one of the secrets the bot was given. */
  leaks: number;
}

export interface BotProcess {
  readonly pid: number;
  /** Resolves with the first log entry passing `test` (past or future). */
  waitForLog(test: (entry: Record<string, any>) => boolean, timeoutMs: number, what: string): Promise<Record<string, any>>;
  logs(): LogSummary;
  /** Starts measuring the event-loop delay (bench/load/loop-monitor.ts). */
  startLoopWindow(): void;
  /** Ends that window: the delay's p50, p99 and max in ms (undefined if it did not answer). */
  loopDelay(): Promise<{ p50: number; p99: number; max: number } | undefined>;
  /** CPU time (user + system) the process has used so far, in ms; undefined off Linux. */
  cpuMs(): number | undefined;
  /** Whether it exited before stop() was called. */
  crashed(): boolean;
  /** Sends a signal (SIGKILL: a crash). */
  kill(signal: NodeJS.Signals): void;
  /** Resolves when the process has exited. */
  readonly exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Its peak resident memory so far (VmHWM), in MB; undefined off Linux or once it is gone. */
  peakRssMb(): number | undefined;
  /** Every log line so far, parsed (kept only with `keepLogs`). */
  lines(): Array<Record<string, any>>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves with how it ended. */
  stop(graceMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; crashed: boolean }>;
}

const KEEP_ENV = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'SYSTEMROOT'];
const LOOP_MONITOR = fileURLToPath(new URL('./loop-monitor.ts', import.meta.url));

export interface StartOptions {
  /** Keep every parsed log line (for tests); by default only the first 200 and the bench's own. */
  keepLogs?: boolean;
}

/** `profileDir`: run the bot with `--cpu-prof` and write its CPU profile there (on exit). */
export async function startBot(env: Record<string, string>, secrets: readonly string[], profileDir?: string, opts: StartOptions = {}): Promise<BotProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'load-bench-'));
  const base = Object.fromEntries(KEEP_ENV.flatMap((k) => (process.env[k] ? [[k, process.env[k]!]] : [])));
  const args = [...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []), '--import', 'tsx', '--import', LOOP_MONITOR, 'src/entry/main.ts'];
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: process.cwd(),
    env: { ...base, ENV_FILE: '', LOG_LEVEL: 'info', WATCH_DATA: 'false', DB_PATH: join(dir, 'bench.db'), ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const entries: Array<Record<string, any>> = [];
  const waiters: Array<{ test: (e: Record<string, any>) => boolean; resolve: (e: Record<string, any>) => void }> = [];
  const summary: LogSummary = { warnings: {}, errors: {}, fatal: 0, samples: [], warningSamples: [], leaks: 0 };
  let stopping = false;
  let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve((exited = { code, signal }))),
  );

  createInterface({ input: child.stderr! }).on('line', (line) => {
    if (secrets.some((s) => line.includes(s))) summary.leaks += 1;
    let entry: Record<string, any>;
    try {
      entry = JSON.parse(line) as Record<string, any>;
    } catch {
      entry = { level: 50, msg: `(not JSON) ${line.slice(0, 160)}` };
    }
    const level = Number(entry.level ?? 30);
    const msg = String(entry.msg ?? '');
    if (level >= 60) summary.fatal += 1;
    if (level >= 50) summary.errors[msg] = (summary.errors[msg] ?? 0) + 1;
    else if (level >= 40) summary.warnings[msg] = (summary.warnings[msg] ?? 0) + 1;
    if (level >= 50 && summary.samples.length < 5) summary.samples.push(line.slice(0, 400));
    else if (level >= 40 && summary.warningSamples.length < 3) summary.warningSamples.push(line.slice(0, 400));
    // Only the start-up lines and the bench's own are kept for waitForLog; the run's lines are just counted.
    if (opts.keepLogs || entries.length < 200 || msg.startsWith('load bench:')) entries.push(entry);
    for (const w of [...waiters]) if (w.test(entry)) waiters.splice(waiters.indexOf(w), 1) && w.resolve(entry);
  });

  const pid = child.pid;
  if (pid === undefined) throw new Error('could not start the bot process');
  return {
    pid,
    waitForLog(test, timeoutMs, what) {
      const found = entries.find(test);
      if (found) return Promise.resolve(found);
      const seen = new Promise<Record<string, any>>((resolve) => waiters.push({ test, resolve }));
      const died = exit.then((e) => {
        throw new Error(`the bot exited (code ${e.code}, signal ${e.signal}) before ${what}: ${summary.samples.join(' | ') || 'no error logged'}`);
      });
      return within(Promise.race([seen, died]), timeoutMs, what);
    },
    logs: () => summary,
    startLoopWindow: () => void child.kill('SIGUSR2'),
    async loopDelay() {
      const before = entries.filter((e) => e.msg === 'load bench: event loop delay').length;
      child.kill('SIGUSR2');
      const line = await within(
        new Promise<Record<string, any>>((resolve) => {
          const found = entries.filter((e) => e.msg === 'load bench: event loop delay')[before];
          if (found) resolve(found);
          else waiters.push({ test: (e) => e.msg === 'load bench: event loop delay', resolve });
        }),
        5000,
        'event loop figures',
      ).catch(() => undefined);
      return line && { p50: Number(line.p50), p99: Number(line.p99), max: Number(line.max) };
    },
    cpuMs: () => procCpuMs(pid),
    crashed: () => exited !== undefined && !stopping,
    kill(signal) {
      if (signal === 'SIGKILL' || signal === 'SIGTERM') stopping = true;
      if (!exited) child.kill(signal);
    },
    exit,
    peakRssMb: () => procPeakRssMb(pid),
    lines: () => entries,
    async stop(graceMs = 10_000) {
      const crashed = exited !== undefined && !stopping;
      stopping = true;
      if (!exited) child.kill('SIGTERM');
      const kill = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const ended = await exit;
      clearTimeout(kill);
      rmSync(dir, { recursive: true, force: true });
      return { ...ended, crashed };
    },
  };
}

/** VmHWM of a process from /proc, in MB. */
function procPeakRssMb(pid: number): number | undefined {
  try {
    const kb = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? undefined : Number(kb) / 1024;
  } catch {
    return undefined;
  }
}

/** utime + stime of a process from /proc (clock ticks of 10 ms on Linux). */
function procCpuMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}
