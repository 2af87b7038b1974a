import type { Core } from '../core/core.js';
import type { Logger } from '../logger.js';
import type { RecheckResult } from '../store/contract.js';
import type { BotStore } from '../store/resilient.js';
import { unansweredOutcome } from './record.js';

/** Questions asked again per event-loop turn, so a large inbox never holds up answering. */
const PER_TURN = 50;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Asks every open inbox question again (its latest wording, in its language) with the
 * data now loaded, without recording it, and marks those the bot now answers
 * "answered now" with the topic and data version; a mark whose question the data no
 * longer answers clears. Returns how many are answered now. Rejects when the store
 * cannot be read or written (StoreUnavailableError).
 */
export async function recheckInbox(core: Core, store: BotStore): Promise<number> {
  if (store.kind === 'off') return 0;
  const open = await store.openQuestions();
  const version = core.version;
  const results: RecheckResult[] = [];
  for (let i = 0; i < open.length; i += PER_TURN) {
    if (i > 0) await nextTurn();
    for (const q of open.slice(i, i + PER_TURN)) {
      const { reply, match } = core.preview(q.text, q.lang);
      const answered = reply.kind === 'answer' && unansweredOutcome(reply, match.confidence) === undefined;
      results.push({ id: q.id, topic: answered ? reply.topicId : null });
    }
  }
  return store.markAnswered(results, version);
}

/** What a reload did, for the history; absent when the switch was no reload here (the start, a version another process announced). */
export interface ReloadDetails {
  at: number;
  topics: number;
  changed: boolean;
}

/**
 * The inbox recheck after every switch of knowledge-base version, however it
 * came: a reload here (file watching, SIGHUP, /reload), a version another
 * process announced and this one imported, or the start. Each version is
 * rechecked once for every process sharing the store: a claim on the version
 * decides which process does it, and that one lists it in the reload history
 * with what it found. A reload that changed nothing is listed by the process
 * that ran it; a rejected one, by each process that tried it (`rejected`).
 * While the store cannot be used the recheck waits until it is back.
 */
export interface InboxRecheck {
  /** Rechecks for the version the core answers from now, unless done; resolves when done (never rejects). */
  switched(reason: string, reload?: ReloadDetails): Promise<void>;
  /** Resolves once the rechecks asked for so far are done. */
  idle(): Promise<void>;
  /** Stops waiting for the store; resolves when the recheck under way (if any) is done. */
  close(): Promise<void>;
}

export function createInboxRecheck(core: Core, store: BotStore, logger: Logger, now: () => number = Date.now): InboxRecheck {
  let chain: Promise<void> = Promise.resolve();
  /** A switch the store was not there for: rechecked when it is back. */
  let waiting: { reason: string; reload?: ReloadDetails } | undefined;
  /** Versions this process claimed and has not finished (the store went away meanwhile): still this process's to do. */
  const held = new Set<string>();

  async function run(reason: string, reload: ReloadDetails | undefined): Promise<void> {
    if (store.kind === 'off') return;
    const version = core.version;
    const key = `inbox-recheck:${version}`;
    const won =
      held.has(key) ||
      (await store.attempt<boolean | undefined>(
        'claim inbox recheck',
        (b) => b.claim(key, now()),
        () => undefined,
      ));
    if (won === undefined) {
      waiting = { reason, ...(reload ? { reload } : {}) };
      return;
    }
    if (!won) {
      // Another process rechecks (or has rechecked) this version; a reload that changed nothing is still listed here.
      if (reload && !reload.changed) store.recordReload({ ...reload, ok: true, version, reason, answeredNow: 0 });
      return;
    }
    held.add(key);
    try {
      const answeredNow = await recheckInbox(core, store);
      if (answeredNow) logger.info({ answeredNow, version }, 'inbox questions answered by the new data');
      store.recordReload({
        at: reload?.at ?? now(),
        ok: true,
        version,
        topics: reload?.topics ?? core.kb.topics.length,
        changed: reload?.changed ?? true,
        reason,
        answeredNow,
      });
      await store.attempt(
        'confirm inbox recheck',
        (b) => b.confirm(key, now()),
        () => undefined,
      );
      held.delete(key);
    } catch (err) {
      logger.warn({ err, version, reason }, 'inbox recheck could not finish; it runs again when the store is back');
      waiting = { reason, ...(reload ? { reload } : {}) };
    }
  }

  const switched = (reason: string, reload?: ReloadDetails) => {
    chain = chain.then(() => run(reason, reload)).catch((err: unknown) => logger.error({ err, reason }, 'inbox recheck failed'));
    return chain;
  };
  const stop = store.onUp(() => {
    if (!waiting) return;
    const { reason, reload } = waiting;
    waiting = undefined;
    void switched(reason, reload);
  });
  return {
    switched,
    idle: () => chain,
    async close() {
      stop();
      waiting = undefined;
      await chain;
    },
  };
}
