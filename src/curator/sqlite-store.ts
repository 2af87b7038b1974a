import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Logger } from '../logger.js';
import { createSealer } from './seal.js';
import { migrate } from './sqlite-migrations.js';
import type { CuratorStore, Helpfulness, InboxScope, JournalEntry, UnansweredGroup, VoteOutcome } from './store.js';

const DAY = 86_400_000;
const MAX_TEXT = 500;
/** A claim never confirmed (its process died mid-effect) may be taken over after this long. */
const DEFAULT_STALE_MS = 10 * 60_000;
/** How long the writability probe (readiness) waits for another connection's write lock, and what other writes wait. */
const PROBE_BUSY_MS = 100;
const BUSY_MS = 2000;

export interface StoreOptions {
  path: string;
  retentionDays: number;
  /** Size cap: past it writes fail soft until retention frees space. */
  maxMegabytes?: number;
  logger: Logger;
  /** The id-hashing secret (boot's idHashSecret): migrations re-key old rows with it, and journalled updates are sealed under it. */
  secret: string | Buffer;
  now?: () => number;
}

/** Keys that are platform ids in clear ("123456", "-100123:45"): the store refuses to keep them. */
const PLATFORM_ID = /^-?\d+(?::-?\d+)*$/;
function hashedOnly(what: string, value: string | undefined): void {
  if (value !== undefined && PLATFORM_ID.test(value)) throw new Error(`refused to store a platform id in clear as ${what}`);
}

function disabledStore(): CuratorStore {
  return {
    enabled: false,
    durable: false,
    writable: () => true,
    recordUnanswered() {},
    recordVote: () => false as const,
    topUnanswered: () => [],
    helpfulness: () => [],
    enforceRetention: () => 0,
    claim: () => true,
    confirm() {},
    release() {},
    journalOffset: () => undefined,
    journalAdd() {},
    journalDone() {},
    journalPending: () => [],
    close() {},
  };
}

/** Opens (creating and migrating) the database at `path`; throws when it cannot. '' gives a store that records nothing. */
export function openDatabase(path: string, secret: string | Buffer, maxMegabytes?: number): Database.Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    // WAL + NORMAL: a commit is written before it returns (a killed process loses nothing); a power cut may lose the last few.
    db.pragma('synchronous = NORMAL');
    db.pragma(`busy_timeout = ${BUSY_MS}`);
    migrate(db, { secret });
    if (maxMegabytes) {
      const pageSize = Number(db.pragma('page_size', { simple: true }));
      db.pragma(`max_page_count = ${Math.max(16, Math.floor((maxMegabytes * 1024 * 1024) / pageSize))}`);
    }
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/**
 * The SQLite store. Opening failures are logged and give a disabled store
 * (boot checks the database first, with a deadline, and stops the process with
 * a clear error instead: see open-store.ts); later failures fail soft.
 */
export function openCuratorStore(opts: StoreOptions): CuratorStore {
  if (!opts.path) return disabledStore();
  let db: Database.Database;
  try {
    db = openDatabase(opts.path, opts.secret, opts.maxMegabytes);
  } catch (err) {
    opts.logger.error({ err, path: opts.path }, 'curator database unavailable: unanswered questions and feedback will not be recorded');
    return disabledStore();
  }
  return sqliteStore(db, opts);
}

/** The store over an open, migrated database (see openDatabase). */
export function sqliteStore(db: Database.Database, opts: StoreOptions): CuratorStore {
  const { logger } = opts;
  const now = opts.now ?? Date.now;
  const sealer = createSealer(opts.secret);

  const insertUnanswered = db.prepare(
    `INSERT OR IGNORE INTO unanswered (at, platform, place, event, text, normalized, outcome, guess, confidence, lang)
     VALUES (@at, @platform, @place, @event, @text, @normalized, @outcome, @guess, @confidence, @lang)`,
  );
  // REPLACE, not UPDATE: a changed vote becomes the newest row (rowid), which settles ties of `at` between a user's votes.
  const upsertVote = db.prepare(
    'INSERT OR REPLACE INTO feedback (answer_key, voter, platform, topic, vote, at) VALUES (@answerKey, @voter, @platform, @topicId, @vote, @at)',
  );
  const previousVote = db.prepare('SELECT vote FROM feedback WHERE answer_key = ? AND voter = ?');
  const effectOf = db.prepare('SELECT state, outcome, at FROM effects WHERE key = ?');
  const putEffect = db.prepare('INSERT OR REPLACE INTO effects (key, state, outcome, at) VALUES (?, ?, ?, ?)');
  const deleteEffect = db.prepare('DELETE FROM effects WHERE key = ?');
  const top = (where: string) =>
    db.prepare(
      `SELECT normalized, count(*) AS count, max(at) AS lastSeen,
              (SELECT u2.text FROM unanswered u2 WHERE u2.normalized = u.normalized ${where.replaceAll('u.', 'u2.')} ORDER BY u2.at DESC LIMIT 1) AS example,
              (SELECT u3.guess FROM unanswered u3 WHERE u3.normalized = u.normalized ${where.replaceAll('u.', 'u3.')} GROUP BY u3.guess ORDER BY count(*) DESC LIMIT 1) AS guess,
              avg(confidence) AS confidence
         FROM unanswered u WHERE u.at >= @since ${where} GROUP BY normalized ORDER BY count DESC, lastSeen DESC LIMIT @limit`,
    );
  const topAll = top('');
  const topPlace = top('AND u.place = @place');
  // Each voter's latest vote per topic: one user voting on every new answer of a topic still counts once.
  const helpStmt = db.prepare(
    `SELECT topic AS topicId, sum(vote = 1) AS up, sum(vote = -1) AS down FROM (
       SELECT topic, vote, row_number() OVER (PARTITION BY topic, voter ORDER BY at DESC, rowid DESC) AS latest FROM feedback
     ) WHERE latest = 1 GROUP BY topic ORDER BY (sum(vote = 1) + sum(vote = -1)) DESC, topic`,
  );
  const pruneUnanswered = db.prepare('DELETE FROM unanswered WHERE at < ?');
  const pruneFeedback = db.prepare('DELETE FROM feedback WHERE at < ?');
  const pruneEffects = db.prepare('DELETE FROM effects WHERE at < ?');
  const offsetKey = (surface: string) => `journal_offset:${surface}`;
  const readMeta = db.prepare('SELECT value FROM meta WHERE key = ?');
  const writeMeta = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  const journalInsert = db.prepare('INSERT OR IGNORE INTO journal (surface, id, payload, attempts, at) VALUES (?, ?, ?, 0, ?)');
  const journalDelete = db.prepare('DELETE FROM journal WHERE surface = ? AND id = ?');
  const journalRows = db.prepare('SELECT id, payload, attempts FROM journal WHERE surface = ? ORDER BY id');
  const journalBump = db.prepare('UPDATE journal SET attempts = attempts + 1 WHERE surface = ?');

  // Each kind of failure is logged once, then the store stays quiet and the bot keeps answering.
  const failed = new Set<string>();
  const soft = <T>(what: string, fallback: T, fn: () => T): T => {
    try {
      return fn();
    } catch (err) {
      if (!failed.has(what)) {
        failed.add(what);
        logger.error({ err, path: opts.path, operation: what }, 'curator database write failed; continuing without it');
      }
      return fallback;
    }
  };

  const recordVote = db.transaction((v: Parameters<CuratorStore['recordVote']>[0]): VoteOutcome => {
    const eventKey = v.event ? `vote:${v.event}` : undefined;
    const seen = eventKey ? (effectOf.get(eventKey) as { outcome: VoteOutcome } | undefined) : undefined;
    if (seen) return seen.outcome;
    const before = (previousVote.get(v.answerKey, v.userId) as { vote: number } | undefined)?.vote;
    const at = now();
    upsertVote.run({ answerKey: v.answerKey, voter: v.userId, platform: v.platform, topicId: v.topicId, vote: v.vote, at });
    const outcome: VoteOutcome = before === undefined ? 'new' : before === v.vote ? 'same' : 'changed';
    if (eventKey) putEffect.run(eventKey, 'done', outcome, at);
    return outcome;
  });

  const claim = db.transaction((key: string, staleMs: number): boolean => {
    const held = effectOf.get(key) as { state: string; at: number } | undefined;
    const at = now();
    if (held && (held.state === 'done' || at - held.at < staleMs)) return false;
    putEffect.run(key, 'pending', null, at);
    return true;
  });

  const journalAdd = db.transaction((surface: string, updates: ReadonlyArray<{ id: number; payload: string }>) => {
    const at = now();
    let last: number | undefined;
    for (const u of updates) {
      journalInsert.run(surface, u.id, sealer.seal(u.payload), at);
      last = Math.max(last ?? u.id, u.id);
    }
    const known = Number((readMeta.get(offsetKey(surface)) as { value: string } | undefined)?.value ?? 0);
    if (last !== undefined && last + 1 > known) writeMeta.run(offsetKey(surface), String(last + 1));
  });

  return {
    enabled: true,
    durable: opts.path !== ':memory:',
    recordUnanswered(r) {
      soft('record unanswered', undefined, () => {
        hashedOnly('a place', r.place);
        hashedOnly('an event', r.event);
        insertUnanswered.run({
          platform: r.platform,
          place: r.place ?? null,
          event: r.event ?? null,
          text: r.text.slice(0, MAX_TEXT),
          normalized: r.normalized.slice(0, MAX_TEXT),
          outcome: r.outcome,
          guess: r.guess,
          confidence: r.confidence,
          lang: r.lang,
          at: r.at ?? now(),
        });
      });
    },
    recordVote(v) {
      return soft<VoteOutcome | false>('record vote', false, () => {
        hashedOnly('a voter', v.userId);
        hashedOnly('an answer', v.answerKey);
        return recordVote(v);
      });
    },
    topUnanswered(limit, sinceMs = 0, scope: InboxScope = { all: true }) {
      return soft('read unanswered', [], () =>
        'all' in scope ? (topAll.all({ since: sinceMs, limit }) as UnansweredGroup[]) : (topPlace.all({ since: sinceMs, limit, place: scope.place }) as UnansweredGroup[]),
      );
    },
    helpfulness() {
      return soft('read feedback', [], () => helpStmt.all() as Helpfulness[]);
    },
    enforceRetention(at = now()) {
      const cutoff = at - opts.retentionDays * DAY;
      return soft('retention', 0, () => {
        pruneEffects.run(cutoff);
        return pruneUnanswered.run(cutoff).changes + pruneFeedback.run(cutoff).changes;
      });
    },
    claim: (key, staleMs = DEFAULT_STALE_MS) => soft('claim', true, () => claim(key, staleMs)),
    confirm(key) {
      soft('confirm', undefined, () => putEffect.run(key, 'done', null, now()));
    },
    release(key) {
      soft('release', undefined, () => deleteEffect.run(key));
    },
    journalOffset(surface) {
      const value = soft('read journal', undefined, () => (readMeta.get(offsetKey(surface)) as { value: string } | undefined)?.value);
      return value === undefined ? undefined : Number(value);
    },
    journalAdd(surface, updates) {
      // Not soft: a journal that cannot be written must stop the caller from confirming the updates.
      journalAdd(surface, updates);
    },
    journalDone(surface, id) {
      soft('journal done', undefined, () => journalDelete.run(surface, id));
    },
    journalPending(surface) {
      return soft<JournalEntry[]>('read journal', [], () => {
        const rows = journalRows.all(surface) as JournalEntry[];
        journalBump.run(surface);
        return rows.flatMap((r) => {
          const payload = sealer.open(r.payload);
          if (payload !== undefined) return [{ id: r.id, payload, attempts: r.attempts }];
          logger.error({ surface, update_id: r.id }, 'a journalled update cannot be opened (another ID secret?); dropped');
          journalDelete.run(surface, r.id);
          return [];
        });
      });
    },
    writable() {
      try {
        db.pragma(`busy_timeout = ${PROBE_BUSY_MS}`);
        writeMeta.run('ready_probe', String(now()));
        return true;
      } catch (err) {
        return `database not writable: ${err instanceof Error ? err.message : String(err)}`;
      } finally {
        if (db.open) db.pragma(`busy_timeout = ${BUSY_MS}`);
      }
    },
    close() {
      soft('close', undefined, () => db.close());
    },
  };
}
