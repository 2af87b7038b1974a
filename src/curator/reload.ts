import { type FSWatcher, watch } from 'node:fs';
import type { ReloadOutcome } from '../core/conversation/ports.js';
import type { Core } from '../core/core.js';
import { DataError, type DataIssue } from '../core/data/load.js';
import type { Logger } from '../logger.js';
import type { BuildKnowledge } from './build.js';
import { createWorkerBuild } from './build-worker.js';

export { buildInProcess, type BuildKnowledge } from './build.js';

/** What a reload did: the conversation's `ReloadOutcome`. */
export type ReloadResult = ReloadOutcome;

export interface Reloader {
  /** Reloads now; concurrent calls share one run. Invalid data keeps the old data and reports why. */
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
  /** Told the outcome of every reload, however it was triggered (before `reload` resolves). */
  onResult?: (result: ReloadResult, reason: string) => void;
}

/**
 * Hot reload of data/: debounced file watching, SIGHUP and the /reload
 * commands all come here. The new data is validated and trained off the main
 * thread (the default build), then swapped in with one assignment, so every
 * question is answered from either the old or the new data, never a mix, and
 * questions keep being answered from the old data while the build runs.
 */
export function createReloader(opts: ReloaderOptions): Reloader {
  const { core, logger, dir } = opts;
  const threads = opts.build ? undefined : createWorkerBuild({ logger });
  const build = opts.build ?? threads!.build;
  let running: Promise<ReloadResult> | undefined;
  let again = false;
  let timer: NodeJS.Timeout | undefined;
  let watcher: FSWatcher | undefined;

  async function runOnce(reason: string): Promise<ReloadResult> {
    const before = core.version;
    try {
      const { kb, matcher } = await build(dir);
      core.replace(kb, matcher);
      const result = { ok: true as const, version: kb.version, topics: kb.topics.length, changed: kb.version !== before };
      logger.info({ reason, ...result }, result.changed ? 'data reloaded' : 'data reloaded (unchanged)');
      opts.onResult?.(result, reason);
      return result;
    } catch (err) {
      const issues: DataIssue[] = err instanceof DataError ? err.issues : [{ file: dir, path: '', message: err instanceof Error ? err.message : String(err) }];
      logger.error({ reason, issues }, 'data reload rejected; still answering from the previous data');
      const result = { ok: false as const, issues };
      opts.onResult?.(result, reason);
      return result;
    }
  }

  function reload(reason: string): Promise<ReloadResult> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let result = await runOnce(reason);
      while (again) {
        again = false;
        result = await runOnce(`${reason} (changed again)`);
      }
      running = undefined;
      return result;
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
