import { randomBytes } from 'node:crypto';
import { type Config, dataLimitsOf } from '../config.js';
import type { CuratorPort } from '../core/conversation/ports.js';
import type { Core } from '../core/core.js';
import type { Logger } from '../logger.js';
import { recheckInbox } from './inbox.js';
import { recordQuestions } from './record.js';
import { createReloader, type BuildKnowledge, type ReloadResult } from './reload.js';
import { curatorReport } from './report.js';
import { type CuratorStore, openCuratorStore } from './store.js';

/**
 * The curator's side of the bot, behind the conversation's `CuratorPort`:
 * reloading data/ (file watching, SIGHUP, /reload), recording what went
 * unanswered, the report, and 👍/👎 votes. Platform-neutral.
 */
export interface Curator extends CuratorPort {
  reload(reason: string): Promise<ReloadResult>;
  /** The store itself, for the desk and the report (analytics, the whole inbox, reload history). */
  readonly store: CuratorStore;
  /** Whether the store takes writes right now: true, or why not (for /readyz). */
  writable(): true | string;
  close(): void;
}

export interface CuratorOptions {
  /** How new data is built (default: a worker thread). */
  build?: BuildKnowledge;
  /** The id secret for a store opened here; default ID_HASH_SECRET, else a random one (fine for ':memory:', which is what tests open). */
  secret?: string | Buffer;
  /** The store's file; default `config.DB_PATH` (':memory:' keeps it for this process only; '' records nothing). */
  dbPath?: string;
  /** A store already open (any implementation of `CuratorStore`, e.g. opened by boot with its deadline); wins over `dbPath`. Not closed with the curator: it belongs to whoever opened it. */
  store?: CuratorStore;
  /** Watch data/ and reload on changes; default `config.WATCH_DATA`. */
  watch?: boolean;
  /** Told the outcome of every reload, however it was triggered (metrics). */
  onReload?: (result: ReloadResult) => void;
}

const SIX_HOURS = 6 * 3_600_000;

export function createCurator(config: Config, core: Core, logger: Logger, options: CuratorOptions = {}): Curator {
  const store =
    options.store ??
    openCuratorStore({
      path: options.dbPath ?? config.DB_PATH,
      retentionDays: config.RETENTION_DAYS,
      maxMegabytes: config.DB_MAX_MB,
      logger,
      secret: options.secret ?? config.ID_HASH_SECRET ?? randomBytes(32),
    });
  store.enforceRetention();
  const retention = setInterval(() => store.enforceRetention(), SIX_HOURS);
  retention.unref();
  const stopRecording = recordQuestions(core, store);
  const { onReload } = options;
  // After every reload, however triggered: the open questions are asked again, then the reload is listed.
  let rechecked: Promise<void> = Promise.resolve();
  const afterReload = (result: ReloadResult, reason: string) => {
    onReload?.(result);
    const at = Date.now();
    rechecked = rechecked
      .then(async () => {
        const answeredNow = result.ok ? await recheckInbox(core, store) : 0;
        if (answeredNow) logger.info({ answeredNow, version: core.version }, 'inbox questions answered by the new data');
        store.recordReload({ at, ok: result.ok, version: result.ok ? result.version : null, topics: result.ok ? result.topics : null, changed: result.ok && result.changed, reason, answeredNow });
      })
      .catch((err: unknown) => logger.error({ err, reason }, 'inbox recheck after a reload failed'));
  };
  const reloader = createReloader({
    dir: config.DATA_DIR,
    core,
    logger,
    watch: options.watch ?? config.WATCH_DATA,
    limits: dataLimitsOf(config),
    buildMemoryMb: config.DATA_BUILD_MEMORY_MB,
    timeoutMs: config.RELOAD_TIMEOUT_SECONDS * 1000,
    ...(options.build ? { build: options.build } : {}),
    onResult: afterReload,
  });
  return {
    store,
    async reload(reason) {
      const result = await reloader.reload(reason);
      await rechecked;
      return result;
    },
    report: async (maxChars, scope) => curatorReport(store, core.kb, { limit: 15, maxChars, scope }),
    openInbox: async (limit, scope) => store.inbox({ state: 'open', limit, scope }).map(({ id, example, count }) => ({ id, example, count })),
    decide: async (id, decision, by, scope) => store.setState(id, decision, by, scope),
    writable: () => store.writable(),
    vote: async (v) =>
      store.recordVote({
        platform: v.surface,
        answerKey: v.answerKey,
        userId: v.user,
        topicId: v.topicId,
        vote: v.vote,
        lang: v.lang,
        ...(v.event ? { event: v.event } : {}),
      }),
    close() {
      clearInterval(retention);
      stopRecording();
      reloader.close();
      // A store handed in belongs to whoever opened it.
      if (!options.store) store.close();
    },
  };
}
