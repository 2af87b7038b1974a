import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Logger } from '../logger.js';
import { createSealer } from './seal.js';
import { migrate } from './sqlite-migrations.js';
import {
  ASK_OUTCOMES,
  type AnalyticsRow,
  type CuratorStore,
  dayOf,
  type Helpfulness,
  type InboxItem,
  type InboxScope,
  type InboxState,
  type JournalEntry,
  type OpenQuestion,
  type ReloadRecord,
  type UnansweredGroup,
  type VoteOutcome,
} from './store-types.js';

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

function disabledStore(unavailable?: string): CuratorStore {
  return {
    enabled: false,
    durable: false,
    writable: () => unavailable ?? true,
    recordUnanswered() {},
    recordAsk() {},
    recordVote: () => false as const,
    topUnanswered: () => [],
    helpfulness: () => [],
    inbox: () => [],
    inboxItem: () => undefined,
    setState: () => false,
    openQuestions: () => [],
    markAnswered: () => 0,
    analytics: () => [],
    recordReload() {},
    reloads: () => [],
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

interface InboxRow {
  id: number;
  normalized: string;
  example: string;
  count: number;
  langs: string;
  surfaces: string;
  firstSeen: number;
  lastSeen: number;
  guess: string | null;
  confidence: number;
  state: InboxState;
  changedBy: string | null;
  changedAt: number | null;
  answeredTopic: string | null;
  answeredVersion: string | null;
  answeredAt: number | null;
}

const inboxItem = (r: InboxRow): InboxItem => ({
  id: r.id,
  normalized: r.normalized,
  example: r.example,
  count: r.count,
  langs: r.langs.split(',').sort(),
  surfaces: r.surfaces.split(',').sort(),
  firstSeen: r.firstSeen,
  lastSeen: r.lastSeen,
  guess: r.guess,
  confidence: r.confidence,
  state: r.state,
  changedBy: r.changedBy,
  changedAt: r.changedAt,
  answeredNow: r.answeredTopic && r.answeredVersion && r.answeredAt !== null ? { topic: r.answeredTopic, version: r.answeredVersion, at: r.answeredAt } : null,
});

/** The questions of one inbox group: its normalised form, asked in its place ('' for none). */
const OF_GROUP = (u: string) => `${u}.normalized = i.normalized AND coalesce(${u}.place, '') = i.place`;
const INBOX_SELECT = `
  SELECT i.id, i.normalized, i.state, i.changed_by AS changedBy, i.changed_at AS changedAt,
         i.answered_topic AS answeredTopic, i.answered_version AS answeredVersion, i.answered_at AS answeredAt,
         count(u.id) AS count, min(u.at) AS firstSeen, max(u.at) AS lastSeen, avg(u.confidence) AS confidence,
         group_concat(DISTINCT u.lang) AS langs, group_concat(DISTINCT u.platform) AS surfaces,
         (SELECT u2.text FROM unanswered u2 WHERE ${OF_GROUP('u2')} ORDER BY u2.at DESC, u2.id DESC LIMIT 1) AS example,
         (SELECT u3.guess FROM unanswered u3 WHERE ${OF_GROUP('u3')} GROUP BY u3.guess ORDER BY count(*) DESC LIMIT 1) AS guess
    FROM inbox i JOIN unanswered u ON ${OF_GROUP('u')}`;
/** @place null: every place's groups; else that place's only. */
const IN_SCOPE = '(@place IS NULL OR i.place = @place)';
const placeOf = (scope: InboxScope = { all: true }) => ('all' in scope ? null : scope.place);

const counted = (outcome: string, as: string) => `sum(CASE WHEN outcome = '${outcome}' THEN count ELSE 0 END) AS ${as}`;
const ANALYTICS = `
  SELECT day, surface, lang, topic,
         sum(CASE WHEN outcome IN (${ASK_OUTCOMES.map((o) => `'${o}'`).join(', ')}) THEN count ELSE 0 END) AS asked,
         ${counted('answered', 'answered')}, ${counted('did-you-mean', 'didYouMean')}, ${counted('declined', 'declined')},
         ${counted('small-talk', 'smallTalk')}, ${counted('up', 'up')}, ${counted('down', 'down')}
    FROM daily_counts
   WHERE day >= @since AND (@lang IS NULL OR lang = @lang) AND (@surface IS NULL OR surface = @surface)
   GROUP BY day, surface, lang, topic ORDER BY day, surface, lang, topic`;

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
    return disabledStore(`database unavailable: ${err instanceof Error ? err.message : String(err)}`);
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
    'INSERT OR REPLACE INTO feedback (answer_key, voter, platform, topic, vote, at, lang) VALUES (@answerKey, @voter, @platform, @topicId, @vote, @at, @lang)',
  );
  const previousVote = db.prepare('SELECT vote, at, lang, topic FROM feedback WHERE answer_key = ? AND voter = ?');
  // A group asked again unanswered: a resolved one reopens, and an "answered now" mark is stale.
  const fileInInbox = db.prepare(
    `INSERT INTO inbox (place, normalized) VALUES (?, ?) ON CONFLICT (place, normalized) DO UPDATE SET
       state = CASE WHEN inbox.state = 'resolved' THEN 'open' ELSE inbox.state END,
       answered_topic = NULL, answered_version = NULL, answered_at = NULL`,
  );
  const bump = db.prepare(
    `INSERT INTO daily_counts (day, surface, lang, topic, outcome, count) VALUES (@day, @surface, @lang, @topic, @outcome, @by)
     ON CONFLICT (day, surface, lang, topic, outcome) DO UPDATE SET count = daily_counts.count + excluded.count`,
  );
  const inboxStmt = db.prepare(
    `${INBOX_SELECT} WHERE (@state IS NULL OR i.state = @state) AND ${IN_SCOPE} GROUP BY i.id
     HAVING max(u.at) >= @since AND (@lang IS NULL OR sum(CASE WHEN u.lang = @lang THEN 1 ELSE 0 END) > 0)
     ORDER BY count DESC, lastSeen DESC, i.id LIMIT @limit`,
  );
  const itemStmt = db.prepare(`${INBOX_SELECT} WHERE i.id = @id AND ${IN_SCOPE} GROUP BY i.id`);
  const setStateStmt = db.prepare(`UPDATE inbox SET state = @state, changed_by = @by, changed_at = @at WHERE id = @id AND ${IN_SCOPE.replaceAll('i.', '')}`);
  const openStmt = db.prepare(
    `SELECT i.id, u.text, u.lang FROM inbox i JOIN unanswered u ON u.id =
       (SELECT u2.id FROM unanswered u2 WHERE ${OF_GROUP('u2')} ORDER BY u2.at DESC, u2.id DESC LIMIT 1)
      WHERE i.state = 'open' ORDER BY i.id`,
  );
  const markStmt = db.prepare('UPDATE inbox SET answered_topic = ?, answered_version = ?, answered_at = ? WHERE id = ?');
  const analyticsStmt = db.prepare(ANALYTICS);
  const insertReload = db.prepare(
    'INSERT INTO reloads (at, version, topics, ok, changed, reason, answered_now) VALUES (@at, @version, @topics, @ok, @changed, @reason, @answeredNow)',
  );
  const reloadsStmt = db.prepare('SELECT at, version, topics, ok, changed, reason, answered_now AS answeredNow FROM reloads ORDER BY at DESC, id DESC LIMIT ?');
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
  const pruneInbox = db.prepare(`DELETE FROM inbox AS i WHERE NOT EXISTS (SELECT 1 FROM unanswered u WHERE ${OF_GROUP('u')})`);
  const pruneReloads = db.prepare('DELETE FROM reloads WHERE at < ?');
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
    const before = previousVote.get(v.answerKey, v.userId) as { vote: number; at: number; lang: string; topic: string } | undefined;
    const at = now();
    const lang = v.lang ?? 'en';
    upsertVote.run({ answerKey: v.answerKey, voter: v.userId, platform: v.platform, topicId: v.topicId, vote: v.vote, at, lang });
    const outcome: VoteOutcome = before === undefined ? 'new' : before.vote === v.vote ? 'same' : 'changed';
    // A changed vote leaves the count of the day it was cast and joins today's.
    if (before && outcome === 'changed') {
      bump.run({ day: dayOf(before.at), surface: v.platform, lang: before.lang, topic: before.topic, outcome: before.vote === 1 ? 'up' : 'down', by: -1 });
    }
    if (outcome !== 'same') bump.run({ day: dayOf(at), surface: v.platform, lang, topic: v.topicId, outcome: v.vote === 1 ? 'up' : 'down', by: 1 });
    if (eventKey) putEffect.run(eventKey, 'done', outcome, at);
    return outcome;
  });

  const recordUnanswered = db.transaction((r: Parameters<CuratorStore['recordUnanswered']>[0]) => {
    const normalized = r.normalized.slice(0, MAX_TEXT);
    const inserted = insertUnanswered.run({
      platform: r.platform,
      place: r.place ?? null,
      event: r.event ?? null,
      text: r.text.slice(0, MAX_TEXT),
      normalized,
      outcome: r.outcome,
      guess: r.guess,
      confidence: r.confidence,
      lang: r.lang,
      at: r.at ?? now(),
    });
    // A redelivered event records nothing again, and reopens nothing.
    if (inserted.changes === 1) fileInInbox.run(r.place ?? '', normalized);
  });

  const recordAsk = db.transaction((e: Parameters<CuratorStore['recordAsk']>[0]) => {
    const at = e.at ?? now();
    if (e.event) {
      const key = `ask:${e.event}`;
      if (effectOf.get(key)) return;
      putEffect.run(key, 'done', null, at);
    }
    bump.run({ day: dayOf(at), surface: e.surface, lang: e.lang, topic: e.topic, outcome: e.outcome, by: 1 });
  });

  const mark = db.transaction((results: Array<{ id: number; topic: string | null }>, version: string, at: number) => {
    let answered = 0;
    for (const { id, topic } of results) {
      markStmt.run(topic, topic ? version : null, topic ? at : null, id);
      if (topic) answered++;
    }
    return answered;
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
        recordUnanswered(r);
      });
    },
    recordAsk(e) {
      soft('record ask', undefined, () => {
        hashedOnly('an event', e.event);
        recordAsk(e);
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
    inbox(filter = {}) {
      return soft('read inbox', [], () =>
        (
          inboxStmt.all({
            state: filter.state ?? null,
            since: filter.since ?? 0,
            lang: filter.lang ?? null,
            limit: filter.limit ?? -1,
            place: placeOf(filter.scope),
          }) as InboxRow[]
        ).map(inboxItem),
      );
    },
    inboxItem(id, scope) {
      return soft('read inbox', undefined, () => {
        const row = itemStmt.get({ id, place: placeOf(scope) }) as InboxRow | undefined;
        return row ? inboxItem(row) : undefined;
      });
    },
    setState(id, state, by, scope) {
      return soft('set state', false, () => {
        hashedOnly('a moderator', by.user);
        return setStateStmt.run({ state, by: by.user, at: now(), id, place: placeOf(scope) }).changes === 1;
      });
    },
    openQuestions() {
      return soft('read inbox', [], () => openStmt.all() as OpenQuestion[]);
    },
    markAnswered(results, version, at = now()) {
      return soft('mark answered', 0, () => mark(results, version, at));
    },
    analytics(filter = {}) {
      return soft('read analytics', [], () =>
        analyticsStmt.all({ since: filter.since === undefined ? '' : dayOf(filter.since), lang: filter.lang ?? null, surface: filter.surface ?? null }) as AnalyticsRow[],
      );
    },
    recordReload(r) {
      soft('record reload', undefined, () => insertReload.run({ ...r, ok: r.ok ? 1 : 0, changed: r.changed ? 1 : 0 }));
    },
    reloads(limit) {
      return soft('read reloads', [], () =>
        (reloadsStmt.all(limit) as Array<Omit<ReloadRecord, 'ok' | 'changed'> & { ok: number; changed: number }>).map((r) => ({ ...r, ok: r.ok === 1, changed: r.changed === 1 })),
      );
    },
    enforceRetention(at = now()) {
      const cutoff = at - opts.retentionDays * DAY;
      return soft('retention', 0, () =>
        db.transaction(() => {
          pruneEffects.run(cutoff);
          const deleted = pruneUnanswered.run(cutoff).changes + pruneFeedback.run(cutoff).changes;
          pruneInbox.run();
          pruneReloads.run(cutoff);
          return deleted;
        })(),
      );
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
