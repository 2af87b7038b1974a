import { EventEmitter } from 'node:events';
import { hostname } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { VersionCount } from '../core/conversation/ports.js';
import type { Core } from '../core/core.js';
import { buildMatcher, importMatcherInSteps } from '../core/match/matcher.js';
import type { Logger } from '../logger.js';
import type { BotStore } from '../store/resilient.js';
import type { BuildKnowledge, DecideTraining, PrepareKnowledge } from './build.js';
import { decodeBundle, encodeBundle, modelKey } from './model-codec.js';
import { waitForBuild } from './stored-builds.js';

export interface KnowledgeSyncOptions {
  store: BotStore;
  core: Core;
  logger: Logger;
  prepare: PrepareKnowledge;
  /** How often this process reports itself (its heartbeat); a process silent for three periods is gone. */
  heartbeatMs?: number;
  /** Longest wait for another process's build before training here after all. */
  buildWaitMs?: number;
  /** Longest wait, after a reload, for the other processes to report the new version. */
  switchWaitMs?: number;
  /** Told when this process switched to a version another process announced (imported, not reloaded here). */
  onAdopted?: (version: string) => void;
  now?: () => number;
}

/**
 * Reload everywhere, train once. Every process reports the version it answers
 * from (a heartbeat). A reload loads and validates the data, then trains only
 * if no process has built that version and this one wins the build claim;
 * the others wait for the built model. The builder stores the model and
 * announces the version; every process that hears it imports the stored build
 * (data and weights: no files, no training) and reports it. With SQLite,
 * announcements reach this process only and the others reload from their own
 * file watching, still training once per host.
 */
export interface KnowledgeSync {
  readonly processId: string;
  /** The reloader's build: trains here only when no other process builds or has built this version. */
  build: BuildKnowledge;
  /** After this process applied `version`: announce it and report. */
  applied(version: string): Promise<void>;
  /** Processes per version, after waiting up to `switchWaitMs` for every live process to report `version`. */
  census(version?: string): Promise<VersionCount[]>;
  /** Trainings this process ran (for tests and metrics). */
  readonly trainings: number;
  start(): Promise<void>;
  close(): Promise<void>;
}

export function createKnowledgeSync(opts: KnowledgeSyncOptions): KnowledgeSync {
  const { store, core, logger } = opts;
  const now = opts.now ?? Date.now;
  const heartbeatMs = opts.heartbeatMs ?? 15_000;
  const processId = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 6)}`;
  const events = new EventEmitter();
  events.setMaxListeners(0);
  const stops: Array<() => Promise<void>> = [];
  let heartbeat: NodeJS.Timeout | undefined;
  let trainings = 0;
  let adopting: Promise<void> = Promise.resolve();
  const tick = () => new Promise<void>((r) => setImmediate(r));

  const report = () =>
    store.attempt(
      'report process',
      (b) => b.reportProcess(processId, core.version, now()),
      () => undefined,
    );

  async function loadBundle(version: string) {
    const bytes = await store.attempt(
      'load model',
      (b) => b.loadModel(modelKey(version)),
      () => undefined,
      30_000,
    );
    return bytes ? decodeBundle(bytes) : undefined;
  }

  /** Switches this process to an announced version by importing its stored build. */
  function adopt(version: string): Promise<void> {
    adopting = adopting.then(async () => {
      if (version === core.version) return void (await report());
      const started = performance.now();
      try {
        const bundle = await loadBundle(version);
        if (!bundle) return logger.warn({ version }, 'announced knowledge-base version has no stored build this release can import');
        const matcher = await importMatcherInSteps(bundle.kb, bundle.model, tick);
        core.replace(bundle.kb, matcher);
        logger.info(
          { version, topics: bundle.kb.topics.length, ms: Math.round(performance.now() - started) },
          'switched to the announced knowledge-base version (imported, not trained)',
        );
        opts.onAdopted?.(version);
      } catch (err) {
        logger.error({ err, version }, 'cannot switch to the announced knowledge-base version; answering from the current one');
      }
      await report();
    });
    return adopting;
  }

  const build: BuildKnowledge = async (dir, options = {}) => {
    let stored: Uint8Array | undefined;
    const decide: DecideTraining = async (version) => {
      stored = await store.attempt(
        'load model',
        (b) => b.loadModel(modelKey(version)),
        () => undefined,
        30_000,
      );
      if (stored) return false;
      return store.attempt(
        'claim build',
        (b) => b.claim(`build:${modelKey(version)}`, now()),
        () => true,
        30_000,
      );
    };
    const prepared = await opts.prepare(dir, decide, options);
    if (prepared.model) {
      trainings += 1;
      const matcher = prepared.matcher ?? (await importMatcherInSteps(prepared.kb, prepared.model, tick));
      const bytes = await encodeBundle({ kb: prepared.kb, model: prepared.model });
      await store.attempt(
        'save model',
        (b) => b.saveModel(modelKey(prepared.kb.version), bytes, now()),
        () => undefined,
        30_000,
      );
      return { kb: prepared.kb, matcher };
    }
    const bytes = stored ?? (await waitForBuild(store, prepared.kb.version, events, opts.buildWaitMs ?? 120_000));
    if (bytes) {
      const bundle = await decodeBundle(bytes);
      logger.info({ version: prepared.kb.version, built: stored ? 'before' : 'by another process' }, 'importing the stored build instead of training');
      return { kb: prepared.kb, matcher: await importMatcherInSteps(prepared.kb, bundle.model, tick) };
    }
    logger.warn({ version: prepared.kb.version }, 'no other process finished building this version in time; training here');
    trainings += 1;
    await tick();
    return { kb: prepared.kb, matcher: buildMatcher(prepared.kb) };
  };

  async function census(version?: string): Promise<VersionCount[]> {
    const live = () =>
      store.attempt(
        'read processes',
        (b) => b.processes(now() - 3 * heartbeatMs),
        () => [],
      );
    let processes = await live();
    if (version && store.shared && processes.some((p) => p.version !== version)) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, opts.switchWaitMs ?? 10_000);
        function done() {
          clearTimeout(timer);
          events.off('report', check);
          resolve();
        }
        async function check() {
          processes = await live();
          if (processes.every((p) => p.version === version)) done();
        }
        events.on('report', check);
        void check();
      });
    }
    const counts = new Map<string, number>();
    for (const p of processes) counts.set(p.version, (counts.get(p.version) ?? 0) + 1);
    if (!processes.some((p) => p.id === processId)) counts.set(core.version, (counts.get(core.version) ?? 0) + 1);
    return [...counts].map(([v, n]) => ({ version: v, processes: n })).sort((a, b) => b.processes - a.processes || a.version.localeCompare(b.version));
  }

  return {
    processId,
    build,
    async applied(version) {
      await store.attempt(
        'announce version',
        (b) => b.announce(version),
        () => undefined,
      );
      await report();
    },
    census,
    get trainings() {
      return trainings;
    },
    async start() {
      // Listening starts when the store is up (now, or when it comes back after a start without it).
      let listening = false;
      const listen = async () => {
        const backend = store.live();
        if (!backend || listening) return;
        listening = true;
        try {
          stops.push(
            await backend.onAnnounce((version) => {
              events.emit('announce', version);
              void adopt(version);
            }),
          );
          stops.push(await backend.onProcessReport((r) => events.emit('report', r)));
        } catch (err) {
          listening = false;
          logger.warn({ err }, 'cannot listen for knowledge-base announcements yet');
        }
      };
      const stopOnUp = store.onUp(() => void listen());
      stops.push(async () => stopOnUp());
      await listen();
      await report();
      heartbeat = setInterval(() => void report(), heartbeatMs);
      heartbeat.unref();
    },
    async close() {
      clearInterval(heartbeat);
      await adopting;
      await Promise.all(stops.splice(0).map((stop) => stop().catch(() => undefined)));
      await store.attempt(
        'forget process',
        (b) => b.forgetProcess(processId),
        () => undefined,
      );
    },
  };
}
