import type { Logger } from '../logger.js';
import {
  type AskEvent,
  type Helpfulness,
  hashedOnly,
  type InboxScope,
  type ReloadRecord,
  type StoreBackend,
  type StoreKind,
  type UnansweredGroup,
  type UnansweredRecord,
  type Vote,
  type VoteOutcome,
} from './contract.js';
import { type DeskAccess, deskAccess } from './desk-access.js';
import type { Spool, SpooledRecord } from './spool.js';

/** What the store is doing now, for logs, readiness and /reload. */
export type StoreStatus =
  | { state: 'off' }
  | { state: 'up'; kind: StoreKind }
  /** Unreachable or failing: the bot answers on from memory; questions wait in an outbox until it is back. */
  | { state: 'lost'; kind: StoreKind; since: number; reason: string };

/**
 * The bot's store: a backend (or none) behind failure handling, so the bot
 * answers whatever the database does. A call that fails is logged once per
 * kind of operation; a connection-level failure marks the store lost (logged,
 * readable by readiness), after which callers are told at once instead of
 * waiting, and a probe reopens or pings it every `probeMs` until it answers.
 * Unanswered questions, their counts in the analytics and reloads recorded
 * while it is lost wait in a bounded outbox and are written when it is back;
 * with a spool they are also kept on disk before `flush()` resolves, so a
 * process killed meanwhile loses none (another process of the host adopts
 * them). A vote is confirmed to the voter only once it is stored; an inbox
 * decision is taken only when it is stored, and the desk's reads say when the
 * database cannot answer (`desk-access.ts`) instead of showing nothing.
 */
export interface BotStore extends DeskAccess {
  readonly kind: StoreKind | 'off';
  /** Whether processes on other hosts share this store (PostgreSQL): then budgets and context go through it. */
  readonly shared: boolean;
  /** Whether what it keeps survives a restart (a SQLite file or PostgreSQL, not ':memory:'): then claims and the update journal go through it. */
  readonly durable: boolean;
  status(): StoreStatus;
  /**
   * Whether the store takes writes right now, for /readyz: true, or why not. Lost: "<kind> database lost since …
   * (<reason>)"; up: the backend's own probe where it has one (SQLite: a row written within a short lock wait);
   * off (nothing to record): true.
   */
  writable(): true | string;
  /** The backend while it is up; undefined while lost or off (callers then use their local fallback). */
  live(): StoreBackend | undefined;
  /** Runs `fn` on the live backend within `deadlineMs`; `fallback()` when off, lost, failing or late. */
  attempt<T>(operation: string, fn: (backend: StoreBackend) => Promise<T>, fallback: () => T | Promise<T>, deadlineMs?: number): Promise<T>;
  recordUnanswered(record: UnansweredRecord): void;
  /** Counts a question in the daily analytics (once per event), through the outbox like questions. */
  recordAsk(event: AskEvent): void;
  /** Lists a reload in the history, through the outbox like questions. */
  recordReload(reload: ReloadRecord): void;
  recordVote(vote: Vote): Promise<VoteOutcome | false>;
  /** Unanswered questions of every place (default) or of one (`scope`). */
  topUnanswered(limit: number, sinceMs?: number, scope?: InboxScope): Promise<UnansweredGroup[]>;
  helpfulness(): Promise<Helpfulness[]>;
  enforceRetention(now?: number): Promise<number>;
  /** Calls `listener` each time the store comes up (after start-up without it, or after it was lost); returns a function that stops. */
  onUp(listener: () => void): () => void;
  /** Calls `listener` each time the store is lost; returns a function that stops. */
  onLost(listener: () => void): () => void;
  /** Waits until what was recorded so far is stored: in the database, or (lost, with a spool) on disk. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

export interface ResilientOptions {
  kind: StoreKind | 'off';
  /** Whether the backend keeps what it is given across restarts (default: any backend but 'off'). */
  durable?: boolean;
  /** Opens (or reopens) the backend; rejected while the database is unreachable. */
  open?: () => Promise<StoreBackend>;
  logger: Logger;
  retentionDays: number;
  /** How often a lost store is probed. */
  probeMs?: number;
  /** Deadline of calls on the answer path (budgets, context). */
  deadlineMs?: number;
  now?: () => number;
  /** Where questions wait on disk while the database is lost (PostgreSQL); without it they wait in memory only. */
  spool?: Spool;
}

const DAY = 86_400_000;
const OUTBOX = 10_000;
/** Counts written in one call (one statement on PostgreSQL) at most. */
const ASK_BATCH = 500;
/** Errors that say the database itself is gone (not that one statement failed): PostgreSQL connection and shutdown classes, sockets. */
const LOST = /^(08|57P|53)|^(CONNECT|CONNECTION|ECONN|ENOTFOUND|EHOSTUNREACH|ETIMEDOUT|EPIPE|EAI_)/;

export function isConnectionError(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'string' && LOST.test(code);
}

class Late extends Error {}

/** Writes kept on disk, for the log: all of them, and how many are questions (the rest: their counts, reloads). */
function counted(sum: { writes: number; questions: number }, records: readonly SpooledRecord[]): { writes: number; questions: number } {
  return { writes: sum.writes + records.length, questions: sum.questions + records.filter((r) => r.kind === undefined || r.kind === 'question').length };
}

export async function createResilientStore(opts: ResilientOptions): Promise<BotStore> {
  const { logger, kind } = opts;
  const now = opts.now ?? Date.now;
  const probeMs = opts.probeMs ?? 2000;
  const deadlineMs = opts.deadlineMs ?? 1000;
  let backend: StoreBackend | undefined;
  let status: StoreStatus = { state: 'off' };
  const failed = new Set<string>();
  /** Questions not yet in the database; `kept`: already in the spool file. */
  const outbox: Array<{ record: SpooledRecord; kept: boolean }> = [];
  /** Questions kept on disk since the spool file was last emptied. */
  let spooled = { writes: 0, questions: 0 };
  let dropped = 0;
  let probe: NodeJS.Timeout | undefined;
  let closed = false;
  let writing: Promise<void> = Promise.resolve();
  const upListeners = new Set<() => void>();
  const lostListeners = new Set<() => void>();

  function lose(err: unknown, operation: string): void {
    if (status.state === 'lost' || kind === 'off') return;
    const reason = String((err as { code?: unknown })?.code ?? (err as Error)?.message ?? err);
    status = { state: 'lost', kind, since: now(), reason };
    logger.error({ err, operation, store: kind }, 'database lost: answering on without it; questions are kept in memory until it is back');
    schedule();
    for (const listener of lostListeners) listener();
  }

  function failedOnce(err: unknown, operation: string): void {
    if (isConnectionError(err)) {
      lose(err, operation);
      return;
    }
    if (failed.has(operation)) return;
    failed.add(operation);
    logger.error({ err, operation, store: kind }, 'database call failed; continuing without it');
  }

  function schedule(): void {
    if (closed || probe || !opts.open) return;
    probe = setTimeout(() => {
      probe = undefined;
      void reconnect();
    }, probeMs);
    probe.unref();
  }

  async function reconnect(): Promise<void> {
    try {
      if (!backend) backend = await opts.open!();
      else await backend.currentVersion();
    } catch (err) {
      if (status.state !== 'lost') lose(err, 'open');
      schedule();
      return;
    }
    if (closed) return;
    const was = status.state;
    status = { state: 'up', kind: backend.kind };
    failed.clear();
    if (was === 'lost') logger.info({ store: kind, queued: outbox.length, dropped }, 'database back');
    adopt();
    drain();
    for (const listener of upListeners) listener();
  }

  /** Questions that processes of this host kept on disk and never wrote (killed while the database was lost). */
  function adopt(): void {
    if (!opts.spool) return;
    try {
      const records = opts.spool.adoptOrphans();
      if (!records.length) return;
      for (const record of records) outbox.push({ record, kept: true });
      spooled = counted(spooled, records);
      logger.info({ store: kind, ...counted({ writes: 0, questions: 0 }, records) }, 'adopted the questions an ended process kept on disk');
    } catch (err) {
      failedOnce(err, 'adopt kept questions');
    }
  }

  /** The writes at the head of the outbox that go in one call: a run of counts together, anything else alone. */
  function head(): { entries: typeof outbox; operation: string; write: (b: StoreBackend) => Promise<void> } {
    const first = outbox[0]!.record;
    if (first.kind === 'ask') {
      let n = 1;
      while (n < ASK_BATCH && n < outbox.length && outbox[n]!.record.kind === 'ask') n += 1;
      const entries = outbox.slice(0, n);
      const events = entries.map((p) => p.record as Extract<SpooledRecord, { kind: 'ask' }>);
      return { entries, operation: 'record ask', write: (b) => b.recordAsks(events.map(({ kind: _, ...e }) => e)) };
    }
    if (first.kind === 'reload') {
      const { kind: _, ...reload } = first;
      return { entries: outbox.slice(0, 1), operation: 'record reload', write: (b) => b.recordReload(reload) };
    }
    const { kind: _, ...question } = first;
    return { entries: outbox.slice(0, 1), operation: 'record unanswered', write: (b) => b.recordUnanswered(question) };
  }

  function drain(): void {
    writing = writing.then(async () => {
      let keptWritten = 0;
      while (outbox.length && backend && status.state === 'up') {
        const { entries, operation, write } = head();
        try {
          await write(backend);
          outbox.splice(0, entries.length);
          keptWritten += entries.filter((p) => p.kept).length;
        } catch (err) {
          failedOnce(err, operation);
          if (!isConnectionError(err)) outbox.splice(0, entries.length); // writes the database refuses (full): dropped, logged once
        }
      }
      spool(keptWritten);
    });
  }

  /** Queues a write for the database (kept on disk too while it is lost, with a spool). */
  function enqueue(record: SpooledRecord): void {
    if (kind === 'off') return;
    if (outbox.length >= OUTBOX) {
      outbox.shift();
      dropped += 1;
    }
    outbox.push({ record, kept: false });
    drain();
  }

  /** After a pass of writing: what is left is kept on disk before anyone is told it is stored; an empty outbox, no file. */
  function spool(keptWritten: number): void {
    if (!opts.spool) return;
    try {
      if (!outbox.length) {
        if (spooled.writes > 0) {
          opts.spool.rewrite([]);
          logger.info({ store: kind, ...spooled }, 'questions kept on disk are in the database');
        }
        spooled = { writes: 0, questions: 0 };
        return;
      }
      const fresh = outbox.filter((p) => !p.kept);
      if (keptWritten > 0) opts.spool.rewrite(outbox.map((p) => p.record));
      else opts.spool.keep(fresh.map((p) => p.record));
      for (const p of outbox) p.kept = true;
      spooled = counted(
        spooled,
        fresh.map((p) => p.record),
      );
    } catch (err) {
      failedOnce(err, 'keep questions on disk');
    }
  }

  function within<T>(work: Promise<T>, ms: number): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Late()), ms);
      timer.unref();
    });
    return Promise.race([work, late]).finally(() => clearTimeout(timer));
  }

  const store: BotStore = {
    ...deskAccess({
      off: kind === 'off',
      status: () => status,
      attempt: (operation, fn, fallback, ms) => store.attempt(operation, fn, fallback, ms),
      now,
      deadlineMs: 10 * deadlineMs,
    }),
    kind,
    shared: kind === 'postgres',
    durable: opts.durable ?? kind !== 'off',
    status: () => status,
    live: () => (status.state === 'up' ? backend : undefined),
    async attempt(operation, fn, fallback, ms = deadlineMs) {
      const live = store.live();
      if (!live) return fallback();
      const work = fn(live);
      try {
        return await within(work, ms);
      } catch (err) {
        if (err instanceof Late) {
          work.catch((late: unknown) => failedOnce(late, operation));
          if (!failed.has(`${operation} (late)`)) {
            failed.add(`${operation} (late)`);
            logger.warn({ operation, deadlineMs: ms, store: kind }, 'database call too slow; answered without it');
          }
        } else failedOnce(err, operation);
        return fallback();
      }
    },
    recordUnanswered: (record) => enqueue({ ...record, at: record.at ?? now() }),
    recordAsk(event) {
      try {
        hashedOnly('an event', event.event);
      } catch (err) {
        return failedOnce(err, 'record ask');
      }
      enqueue({ kind: 'ask', ...event, at: event.at ?? now() });
    },
    recordReload: (reload) => enqueue({ kind: 'reload', ...reload }),
    recordVote: (vote) =>
      store.attempt<VoteOutcome | false>(
        'record vote',
        (b) => b.recordVote(vote, now()),
        () => false,
        10 * deadlineMs,
      ),
    topUnanswered: (limit, sinceMs = 0, scope = { all: true }) =>
      store.attempt(
        'read unanswered',
        (b) => b.topUnanswered(limit, sinceMs, scope),
        () => [],
        10 * deadlineMs,
      ),
    helpfulness: () =>
      store.attempt(
        'read feedback',
        (b) => b.helpfulness(),
        () => [],
        10 * deadlineMs,
      ),
    enforceRetention: (at = now()) =>
      store.attempt(
        'retention',
        (b) => b.prune(at - opts.retentionDays * DAY, at),
        () => 0,
        60 * deadlineMs,
      ),
    writable() {
      if (status.state === 'lost') return `${status.kind} database lost since ${new Date(status.since).toISOString()} (${status.reason})`;
      if (status.state === 'off' || !backend?.writableNow) return true;
      return backend.writableNow();
    },
    onUp(listener) {
      upListeners.add(listener);
      return () => upListeners.delete(listener);
    },
    onLost(listener) {
      lostListeners.add(listener);
      return () => lostListeners.delete(listener);
    },
    flush: () => writing,
    async close() {
      closed = true;
      clearTimeout(probe);
      await writing;
      await backend?.close().catch((err: unknown) => failedOnce(err, 'close'));
    },
  };

  if (opts.open) await reconnect();
  return store;
}
