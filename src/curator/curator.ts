import type { Config } from '../config.js';
import type { CuratorPort } from '../core/conversation/ports.js';
import type { Core } from '../core/core.js';
import type { Logger } from '../logger.js';
import { recordUnansweredQuestions } from './record.js';
import { createReloader, type BuildKnowledge, type ReloadResult } from './reload.js';
import { curatorReport } from './report.js';
import { openCuratorStore } from './store.js';

/**
 * The curator's side of the bot, behind the conversation's `CuratorPort`:
 * reloading data/ (file watching, SIGHUP, /reload), recording what went
 * unanswered, the report, and 👍/👎 votes. Platform-neutral.
 */
export interface Curator extends CuratorPort {
  reload(reason: string): Promise<ReloadResult>;
  /** Whether the store takes writes right now: true, or why not (for /readyz). */
  writable(): true | string;
  close(): void;
}

export interface CuratorOptions {
  /** How new data is built (default: a worker thread). */
  build?: BuildKnowledge;
  /** The store's file; default `config.DB_PATH` (':memory:' keeps it for this process only; '' records nothing). */
  dbPath?: string;
  /** Watch data/ and reload on changes; default `config.WATCH_DATA`. */
  watch?: boolean;
  /** Told the outcome of every reload, however it was triggered (metrics). */
  onReload?: (result: ReloadResult) => void;
}

const SIX_HOURS = 6 * 3_600_000;

export function createCurator(config: Config, core: Core, logger: Logger, options: CuratorOptions = {}): Curator {
  const store = openCuratorStore({ path: options.dbPath ?? config.DB_PATH, retentionDays: config.RETENTION_DAYS, maxMegabytes: config.DB_MAX_MB, logger });
  store.enforceRetention();
  const retention = setInterval(() => store.enforceRetention(), SIX_HOURS);
  retention.unref();
  const stopRecording = recordUnansweredQuestions(core, store);
  const { onReload } = options;
  const reloader = createReloader({
    dir: config.DATA_DIR,
    core,
    logger,
    watch: options.watch ?? config.WATCH_DATA,
    ...(options.build ? { build: options.build } : {}),
    ...(onReload ? { onResult: (result: ReloadResult) => onReload(result) } : {}),
  });
  return {
    reload: (reason) => reloader.reload(reason),
    report: async (maxChars) => curatorReport(store, core.kb, { limit: 15, maxChars }),
    writable: () => store.writable(),
    vote: async (v) => store.recordVote({ platform: v.surface, answerKey: v.answerKey, userId: v.user, topicId: v.topicId, vote: v.vote }),
    close() {
      clearInterval(retention);
      stopRecording();
      reloader.close();
      store.close();
    },
  };
}
