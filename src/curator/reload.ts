import { type FSWatcher, watch } from 'node:fs';
import type { ReloadOutcome } from '../core/conversation/ports.js';
import type { Core } from '../core/core.js';
import { DataError, type DataIssue } from '../core/data/load.js';
import type { DataLimits } from '../core/data/limits.js';
import type { Logger } from '../logger.js';
import { type BuildKnowledge, BuildFailure } from './build.js';
import { createWorkerBuild } from './build-worker.js';

export { buildInProcess, type BuildKnowledge } from './build.js';

/** What a reload did: the conversation's `ReloadOutcome`. */
export type ReloadResult = ReloadOutcome;

export interface Reloader {
  /** Reloads now; concurrent calls share one run. Always settles with a result, within the deadline; never rejects. */
  reload(reason: string): Promise<ReloadResult>;
  close(): void;
}

export interface ReloaderOptions {
  dir: string;
  core: Core;
  logger: Logger;
  /** Watch `dir` and reload a moment after files change. */
  watch: boolean;
  debounceMs?: number;
  /** How new data is built; default: in a worker thread (build-worker.ts), ended by `close()`. */
  build?: BuildKnowledge;
  /** Size limits of the data (default DEFAULT_DATA_LIMITS). */
  limits?: DataLimits;
  /** The build thread's heap, in MB (the default build only). */
  buildMemoryMb?: number;
  /** How long one build may take before it is stopped and reported as timed out (default 60 s). */
  timeoutMs?: number;
  /** Told the outcome of every reload, however it was triggered (before `reload` resolves). */
  onResult?: (result: ReloadResult, reason: string) => void;
}

export const DEFAULT_RELOAD_TIMEOUT_MS = 60_000;

class TimedOut extends Error {}

/**
 * Hot reload of data/: debounced file watching, SIGHUP and the /reload
 * commands all come here. The new data is validated and trained off the main
 * thread (the default build), then swapped in with one assignment, so every
 * question is answered from either the old or the new data, never a mix, and
 * questions keep being answered from the old data while the build runs.
 * Every reload ends with a result, logged: applied, rejected with the file,
 * path and reason of each problem, or timed out (the build is stopped), so a
 * build that hangs cannot hold back the reloads after it.
 */
export function createReloader(opts: ReloaderOptions): Reloader {
  const { core, logger, dir } = opts;
  const threads = opts.build
    ? undefined
    : createWorkerBuild({ logger, ...(opts.buildMemoryMb ? { resourceLimits: { maxOldGenerationSizeMb: opts.buildMemoryMb } } : {}) });
  const build = opts.build ?? threads!.build;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_RELOAD_TIMEOUT_MS;
  let running: Promise<ReloadResult> | undefined;
  /** Why a reload was asked for while one ran (the latest reason): it runs once more after. */
  let next: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  let watcher: FSWatcher | undefined;

  /** The build, stopped at the deadline: it rejects with a TimedOut (or the build's own failure, naming where it was, if it stops when aborted). */
  async function buildWithin(abort: AbortController): Promise<Awaited<ReturnType<BuildKnowledge>>> {
    let deadline: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      deadline = setTimeout(() => {
        const message = `the reload timed out after ${Math.round(timeoutMs / 1000)} s and was stopped`;
        abort.abort(message);
        // A build that honours the abort has rejected by the next turn, with where it was; one that does not is left behind.
        setImmediate(() => reject(new TimedOut(message)));
      }, timeoutMs);
    });
    try {
      return await Promise.race([build(dir, { signal: abort.signal, ...(opts.limits ? { limits: opts.limits } : {}) }), late]);
    } finally {
      clearTimeout(deadline);
    }
  }

  async function runOnce(reason: string): Promise<ReloadResult> {
    const before = core.version;
    let result: ReloadResult;
    const abort = new AbortController();
    try {
      const { kb, matcher } = await buildWithin(abort);
      core.replace(kb, matcher);
      result = { ok: true, version: kb.version, topics: kb.topics.length, changed: kb.version !== before };
      logger.info({ reason, ...result }, result.changed ? 'data reloaded' : 'data reloaded (unchanged)');
    } catch (err) {
      const timedOut = err instanceof TimedOut || abort.signal.aborted;
      const issues: DataIssue[] =
        err instanceof DataError
          ? err.issues
          : [{ file: err instanceof BuildFailure && err.file ? err.file : dir, path: '', message: err instanceof Error ? err.message : String(err) }];
      result = { ok: false, issues, ...(timedOut ? { timedOut } : {}) };
      logger.error(
        { reason, issues },
        timedOut ? 'data reload timed out; still answering from the previous data' : 'data reload rejected; still answering from the previous data',
      );
    }
    opts.onResult?.(result, reason);
    return result;
  }

  function reload(reason: string): Promise<ReloadResult> {
    if (running) {
      next = reason;
      return running;
    }
    running = (async () => {
      try {
        let result = await runOnce(reason);
        while (next !== undefined) {
          const asked = next;
          next = undefined;
          result = await runOnce(`${asked} (asked during a reload)`);
        }
        return result;
      } finally {
        running = undefined;
      }
    })();
    return running;
  }

  if (opts.watch) {
    try {
      watcher = watch(dir, { recursive: true }, (_event, file) => {
        if (file && !/\.ya?ml$/.test(String(file))) return;
        clearTimeout(timer);
        timer = setTimeout(() => void reload(`file changed: ${String(file ?? dir)}`), opts.debounceMs ?? 750);
        timer.unref();
      });
      watcher.on('error', (err) => logger.warn({ err, dir }, 'data watcher failed; use /reload or SIGHUP'));
    } catch (err) {
      logger.warn({ err, dir }, 'cannot watch the data folder; use /reload or SIGHUP');
    }
  }

  return {
    reload,
    close() {
      clearTimeout(timer);
      watcher?.close();
      threads?.close();
    },
  };
}
