import { randomBytes } from 'node:crypto';
import { type Config, dataLimitsOf } from '../config.js';
import type { CuratorPort, ReloadOutcome } from '../core/conversation/ports.js';
import type { Core } from '../core/core.js';
import type { Logger } from '../logger.js';
import { openStore } from '../store/open-store.js';
import { StoreUnavailableError } from '../store/desk-access.js';
import type { BotStore } from '../store/resilient.js';
import { createWorkerBuild } from './build-worker.js';
import { type PrepareKnowledge, prepareInProcess } from './build.js';
import { createInboxRecheck } from './inbox.js';
import { createKnowledgeSync, type KnowledgeSync } from './kb-sync.js';
import { recordQuestions } from './record.js';
import { type BuildKnowledge, createReloader } from './reload.js';
import { curatorReport } from './report.js';

/**
 * The curator's side of the bot, behind the conversation's `CuratorPort`:
 * reloading data/ (file watching, SIGHUP, /reload) everywhere with one
 * training (kb-sync.ts), recording every question (counted; the unanswered
 * ones filed in the inbox), asking the open inbox questions again after
 * every switch of data version (inbox.ts), the report, inbox decisions and
 * 👍/👎 votes. Platform-neutral.
 */
export interface Curator extends CuratorPort {
  /** Reloads; resolves once the open inbox questions were asked again (when this process does that for the version). */
  reload(reason: string): Promise<ReloadOutcome>;
  /** The store, for the desk and the report (analytics, the whole inbox, reload history). */
  readonly store: BotStore;
  /** Present when the store is on: versions, announcements, the process census. */
  readonly sync: KnowledgeSync | undefined;
  /** Resolves once the inbox rechecks asked for so far (at the start, after reloads and switches) are done. */
  idle(): Promise<void>;
  /** Whether the store takes writes right now: true, or why not (for /readyz): the database lost, or a SQLite file that cannot be written. */
  writable(): true | string;
  close(): Promise<void>;
}

export interface CuratorOptions {
  /** A plain build for every reload (tests: on the calling thread); default: train once across processes, in a worker thread. */
  build?: BuildKnowledge;
  /** How a reload loads and trains when building once across processes (tests: `prepareInProcess`); default: a worker thread. */
  prepare?: PrepareKnowledge;
  /** The store, opened by boot (with its deadline); default: opened here from `dbPath`, and closed with the curator. */
  store?: BotStore;
  /** The id secret for a store opened here; default ID_HASH_SECRET, else a random one (fine for ':memory:', which is what tests open). */
  secret?: string | Buffer;
  /** The SQLite file when no store is given; default `config.DB_PATH` (':memory:' keeps it for this process only; '' records nothing). */
  dbPath?: string;
  /** Watch data/ and reload on changes; default `config.WATCH_DATA`. */
  watch?: boolean;
  /** Heartbeat of the process census (tests shorten it). */
  heartbeatMs?: number;
  /** Told the outcome of every reload, however it was triggered (metrics). */
  onReload?: (result: ReloadOutcome) => void;
}

const SIX_HOURS = 6 * 3_600_000;
const unreadable = (err: unknown): never[] => {
  if (err instanceof StoreUnavailableError) return [];
  throw err;
};

export async function createCurator(config: Config, core: Core, logger: Logger, options: CuratorOptions = {}): Promise<Curator> {
  const store =
    options.store ??
    (await openStore(config, logger, {
      secret: options.secret ?? config.ID_HASH_SECRET ?? randomBytes(32),
      ...(options.dbPath !== undefined ? { dbPath: options.dbPath } : {}),
    }));
  void store.enforceRetention();
  const retention = setInterval(() => void store.enforceRetention(), SIX_HOURS);
  retention.unref();
  const stopRecording = recordQuestions(core, store);
  const recheck = createInboxRecheck(core, store, logger);
  const threads = options.build ? undefined : createWorkerBuild({ logger, resourceLimits: { maxOldGenerationSizeMb: config.DATA_BUILD_MEMORY_MB } });
  const sync =
    store.kind === 'off'
      ? undefined
      : createKnowledgeSync({
          store,
          core,
          logger,
          prepare: options.prepare ?? threads?.prepare ?? prepareInProcess,
          onAdopted: (version) => void recheck.switched(`version ${version} announced by another process`),
          ...(options.heartbeatMs ? { heartbeatMs: options.heartbeatMs } : {}),
        });
  let applying: Promise<void> = Promise.resolve();
  let rechecked: Promise<void> = Promise.resolve();
  const { onReload } = options;
  const reloader = createReloader({
    dir: config.DATA_DIR,
    core,
    logger,
    watch: options.watch ?? config.WATCH_DATA,
    limits: dataLimitsOf(config),
    timeoutMs: config.RELOAD_TIMEOUT_SECONDS * 1000,
    build: options.build ?? sync?.build ?? threads!.build,
    onResult: (result, reason) => {
      const at = Date.now();
      if (result.ok && sync) applying = sync.applied(result.version);
      if (result.ok) rechecked = recheck.switched(reason, { at, topics: result.topics, changed: result.changed });
      else store.recordReload({ at, ok: false, version: null, topics: null, changed: false, reason, answeredNow: 0 });
      onReload?.(result);
    },
  });
  await sync?.start();
  // The version this process starts with may be new to the store (data edited while no process ran).
  void recheck.switched('start');
  return {
    store,
    sync,
    async reload(reason) {
      const result = await reloader.reload(reason);
      await rechecked;
      if (!result.ok || !sync) return result;
      await applying;
      return { ...result, processes: await sync.census(result.version) };
    },
    idle: () => recheck.idle(),
    report: async (maxChars, scope) => curatorReport(store, core.kb, { limit: 15, maxChars, scope }),
    // No buttons while the inbox cannot be read: the report beside them says why.
    openInbox: async (limit, scope) =>
      (await store.inbox({ state: 'open', limit, scope }).catch(unreadable)).map(({ id, example, count }) => ({ id, example, count })),
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
    async close() {
      clearInterval(retention);
      stopRecording();
      await recheck.close();
      reloader.close();
      threads?.close();
      await sync?.close();
      // A store handed in belongs to whoever opened it.
      if (!options.store) await store.close();
    },
  };
}
