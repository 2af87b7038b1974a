import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { FloodDecision } from '../../core/conversation/ports.js';
import {
  type JournalEntry,
  type JournalMerge,
  type ProcessRecord,
  type StoreBackend,
  type VoteOutcome,
  CLAIM_STALE_MS,
  CONTEXT_TTL_MS,
  hashedOnly,
  MAX_TEXT,
} from '../contract.js';
import { pending } from '../migration.js';
import { createSealer } from '../seal.js';
import { sqliteDesk } from './desk.js';
import { SQLITE_MIGRATIONS } from './migrations.js';

/** How long the writability probe (readiness) waits for another connection's write lock, and what other writes wait. */
const PROBE_BUSY_MS = 100;
const BUSY_MS = 2000;

export interface SqliteOptions {
  /** The file (created with its folders), or ':memory:'. */
  path: string;
  /** Size cap in MB: past it writes fail until retention frees space. */
  maxMegabytes?: number;
  /** The id-hashing secret (boot's idHashSecret): migrations re-key old rows with it, and journalled updates are sealed under it. */
  secret: string | Buffer;
}

/**
 * Applies the migrations the file lacks, each in one IMMEDIATE transaction that
 * re-reads the version first (two processes starting at once take turns, and
 * the second finds nothing left). A file whose versions were counted in PRAGMA
 * user_version (the release before schema_migrations) is adopted at that version.
 */
export function migrateSqlite(db: Database.Database, secret: string | Buffer): number {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)');
  const current = () => (db.prepare('SELECT coalesce(max(version), 0) AS v FROM schema_migrations').get() as { v: number }).v;
  const insert = db.prepare('INSERT OR IGNORE INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  db.transaction(() => {
    const counted = adoptedVersion(db);
    if (current() === 0 && counted > 0) {
      pending(SQLITE_MIGRATIONS, counted);
      for (const m of SQLITE_MIGRATIONS.slice(0, counted)) insert.run(m.version, m.name, Date.now());
    }
  }).immediate();
  pending(SQLITE_MIGRATIONS, current()); // a file from a newer release is refused before anything is done
  for (const m of SQLITE_MIGRATIONS) {
    db.transaction(() => {
      if (current() >= m.version) return;
      db.exec(m.sql);
      m.rewrite?.(db, { secret });
      insert.run(m.version, m.name, Date.now());
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
  return SQLITE_MIGRATIONS.at(-1)?.version ?? 0;
}

/**
 * The version a file that counted its versions in PRAGMA user_version is at. The desk's branch counted its own
 * version 3 (the desk's tables) there before its versions were merged with these: a file at 3 without the shared
 * state's tables is one of those, at 2 of this list (version 4 keeps the desk's tables it finds).
 */
function adoptedVersion(db: Database.Database): number {
  const counted = Number(db.pragma('user_version', { simple: true }));
  const budgets = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'budgets'").get();
  return counted === 3 && !budgets ? 2 : counted;
}

/**
 * The embedded store: one SQLite file (WAL), shared by the processes of one
 * host. better-sqlite3 is synchronous; each call is short, and a process that
 * waits for another's write lock waits at most `busy_timeout`. Announcements
 * reach this process only (several hosts need PostgreSQL).
 */
export function openSqlite(opts: SqliteOptions): StoreBackend {
  if (opts.path !== ':memory:') mkdirSync(dirname(opts.path), { recursive: true });
  const db = new Database(opts.path);
  let schemaVersion: number;
  try {
    db.pragma('journal_mode = WAL');
    // WAL + NORMAL: a commit is written before it returns (a killed process loses nothing); a power cut may lose the last few.
    db.pragma('synchronous = NORMAL');
    db.pragma(`busy_timeout = ${BUSY_MS}`);
    schemaVersion = migrateSqlite(db, opts.secret);
    if (opts.maxMegabytes) {
      const pageSize = Number(db.pragma('page_size', { simple: true }));
      db.pragma(`max_page_count = ${Math.max(16, Math.floor((opts.maxMegabytes * 1024 * 1024) / pageSize))}`);
    }
  } catch (err) {
    db.close();
    throw err;
  }
  const sealer = createSealer(opts.secret);
  const events = new EventEmitter();
  const desk = sqliteDesk(db);

  const top = (where: string) =>
    db.prepare(
      `SELECT normalized, count(*) AS count, max(at) AS lastSeen,
              (SELECT u2.text FROM unanswered u2 WHERE u2.normalized = u.normalized ${where.replaceAll('u.', 'u2.')} ORDER BY u2.at DESC, u2.id DESC LIMIT 1) AS example,
              (SELECT u3.guess FROM unanswered u3 WHERE u3.normalized = u.normalized ${where.replaceAll('u.', 'u3.')} GROUP BY u3.guess ORDER BY count(*) DESC, max(u3.at) DESC LIMIT 1) AS guess,
              avg(confidence) AS confidence
         FROM unanswered u WHERE u.at >= @since ${where} GROUP BY normalized ORDER BY count DESC, lastSeen DESC, normalized LIMIT @limit`,
    );
  const q = {
    unanswered: db.prepare(
      `INSERT OR IGNORE INTO unanswered (at, platform, place, event, text, normalized, outcome, guess, confidence, lang)
       VALUES (@at, @platform, @place, @event, @text, @normalized, @outcome, @guess, @confidence, @lang)`,
    ),
    // REPLACE, not UPDATE: a changed vote becomes the newest row (rowid), which settles ties of `at` between a user's votes.
    voteUpsert: db.prepare(
      'INSERT OR REPLACE INTO feedback (answer_key, voter, platform, topic, vote, at, lang) VALUES (@answerKey, @voter, @platform, @topicId, @vote, @at, @lang)',
    ),
    voteBefore: db.prepare('SELECT vote, at, lang, topic FROM feedback WHERE answer_key = ? AND voter = ?'),
    topAll: top(''),
    topPlace: top('AND u.place = @place'),
    // Each voter's latest vote per topic: one user voting on every new answer of a topic still counts once.
    help: db.prepare(
      `SELECT topic AS topicId, sum(vote = 1) AS up, sum(vote = -1) AS down FROM (
         SELECT topic, vote, row_number() OVER (PARTITION BY topic, voter ORDER BY at DESC, rowid DESC) AS latest FROM feedback
       ) WHERE latest = 1 GROUP BY topic ORDER BY (sum(vote = 1) + sum(vote = -1)) DESC, topic`,
    ),
    pruneUnanswered: db.prepare('DELETE FROM unanswered WHERE at < ?'),
    pruneFeedback: db.prepare('DELETE FROM feedback WHERE at < ?'),
    pruneEffects: db.prepare('DELETE FROM effects WHERE at < ?'),
    pruneBudgets: db.prepare('DELETE FROM budgets WHERE updated < ?'),
    pruneContexts: db.prepare('DELETE FROM contexts WHERE at < ?'),
    budget: db.prepare(
      `INSERT INTO budgets (key, tokens, updated, noticed, decision) VALUES (@key, @capacity - 1, @now, 0, 'ok')
       ON CONFLICT (key) DO UPDATE SET
         tokens = min(@capacity, budgets.tokens + max(0, @now - budgets.updated) * @rate)
                  - (min(@capacity, budgets.tokens + max(0, @now - budgets.updated) * @rate) >= 1),
         noticed = min(@capacity, budgets.tokens + max(0, @now - budgets.updated) * @rate) < 1,
         decision = CASE WHEN min(@capacity, budgets.tokens + max(0, @now - budgets.updated) * @rate) >= 1 THEN 'ok'
                         WHEN budgets.noticed THEN 'silent' ELSE 'notice' END,
         updated = max(budgets.updated, @now)
       RETURNING decision`,
    ),
    reserve: db.prepare(
      'INSERT INTO reservations (key, next) VALUES (@key, @now + @interval) ON CONFLICT (key) DO UPDATE SET next = max(reservations.next, @now) + @interval RETURNING next - @interval AS at',
    ),
    effectOf: db.prepare('SELECT state, outcome, at FROM effects WHERE key = ?'),
    putEffect: db.prepare('INSERT OR REPLACE INTO effects (key, state, outcome, at) VALUES (?, ?, ?, ?)'),
    release: db.prepare('DELETE FROM effects WHERE key = ?'),
    journalInsert: db.prepare('INSERT OR IGNORE INTO journal (surface, id, payload, attempts, at) VALUES (?, ?, ?, ?, ?)'),
    journalDelete: db.prepare('DELETE FROM journal WHERE surface = ? AND id = ?'),
    journalRows: db.prepare('SELECT id, payload, attempts FROM journal WHERE surface = ? ORDER BY id'),
    journalBump: db.prepare('UPDATE journal SET attempts = attempts + 1 WHERE surface = ?'),
    getContext: db.prepare('SELECT topic, lang, at FROM contexts WHERE conversation = ?'),
    setContext: db.prepare(
      'INSERT INTO contexts (conversation, topic, lang, at) VALUES (?, ?, ?, ?) ON CONFLICT (conversation) DO UPDATE SET topic = excluded.topic, lang = excluded.lang, at = excluded.at',
    ),
    saveModel: db.prepare('INSERT INTO kb_models (version, bytes, at) VALUES (?, ?, ?) ON CONFLICT (version) DO NOTHING'),
    loadModel: db.prepare('SELECT bytes FROM kb_models WHERE version = ?'),
    setMeta: db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
    getMeta: db.prepare('SELECT value FROM meta WHERE key = ?'),
    report: db.prepare(
      'INSERT INTO processes (id, version, seen_at) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET version = excluded.version, seen_at = excluded.seen_at',
    ),
    forget: db.prepare('DELETE FROM processes WHERE id = ?'),
    processes: db.prepare('SELECT id, version, seen_at AS seenAt FROM processes WHERE seen_at >= ? ORDER BY id'),
  };

  const vote = db.transaction(
    (v: { answerKey: string; voter: string; platform: string; topicId: string; vote: number; lang: string; event?: string | undefined }, at: number) => {
      const eventKey = v.event ? `vote:${v.event}` : undefined;
      const seen = eventKey ? (q.effectOf.get(eventKey) as { outcome: VoteOutcome } | undefined) : undefined;
      if (seen) return seen.outcome;
      const before = q.voteBefore.get(v.answerKey, v.voter) as { vote: number; at: number; lang: string; topic: string } | undefined;
      q.voteUpsert.run({ answerKey: v.answerKey, voter: v.voter, platform: v.platform, topicId: v.topicId, vote: v.vote, at, lang: v.lang });
      const outcome: VoteOutcome = before === undefined ? 'new' : before.vote === v.vote ? 'same' : 'changed';
      // A changed vote leaves the count of the day it was cast and joins today's.
      if (before && outcome === 'changed') desk.bump(before.at, v.platform, before.lang, before.topic, before.vote === 1 ? 'up' : 'down', -1);
      if (outcome !== 'same') desk.bump(at, v.platform, v.lang, v.topicId, v.vote === 1 ? 'up' : 'down', 1);
      if (eventKey) q.putEffect.run(eventKey, 'done', outcome, at);
      return outcome;
    },
  );
  const recordUnanswered = db.transaction((r: Parameters<StoreBackend['recordUnanswered']>[0]) => {
    const normalized = r.normalized.slice(0, MAX_TEXT);
    const inserted = q.unanswered.run({
      at: r.at,
      platform: r.platform,
      place: r.place ?? null,
      event: r.event ?? null,
      text: r.text.slice(0, MAX_TEXT),
      normalized,
      outcome: r.outcome,
      guess: r.guess,
      confidence: r.confidence,
      lang: r.lang,
    });
    // A redelivered event records nothing again, and reopens nothing.
    if (inserted.changes === 1) desk.file(r.place, normalized);
  });
  const claim = db.transaction((key: string, at: number, staleMs: number): boolean => {
    const held = q.effectOf.get(key) as { state: string; at: number } | undefined;
    if (held && (held.state === 'done' || at - held.at < staleMs)) return false;
    q.putEffect.run(key, 'pending', null, at);
    return true;
  });
  const offsetKey = (surface: string) => `journal_offset:${surface}`;
  const raiseOffset = (surface: string, offset: number) => {
    const known = Number((q.getMeta.get(offsetKey(surface)) as { value: string } | undefined)?.value ?? 0);
    if (offset > known) q.setMeta.run(offsetKey(surface), String(offset));
  };
  const journalAdd = db.transaction((surface: string, updates: ReadonlyArray<{ id: number; payload: string }>, at: number) => {
    let last: number | undefined;
    for (const u of updates) {
      q.journalInsert.run(surface, u.id, sealer.seal(u.payload), 0, at);
      last = Math.max(last ?? u.id, u.id);
    }
    if (last !== undefined) raiseOffset(surface, last + 1);
  });
  const journalMerge = db.transaction((surface: string, merge: JournalMerge, at: number) => {
    for (const e of merge.entries) q.journalInsert.run(surface, e.id, sealer.seal(e.payload), e.attempts, at);
    for (const id of merge.done) q.journalDelete.run(surface, id);
    raiseOffset(surface, merge.offset);
  });
  const journalPending = db.transaction((surface: string) => {
    const rows = q.journalRows.all(surface) as JournalEntry[];
    q.journalBump.run(surface);
    const entries: JournalEntry[] = [];
    const unreadable: number[] = [];
    for (const r of rows) {
      const payload = sealer.open(r.payload);
      if (payload !== undefined) entries.push({ id: r.id, payload, attempts: r.attempts });
      else {
        q.journalDelete.run(surface, r.id); // sealed under another secret: nothing can read it
        unreadable.push(r.id);
      }
    }
    return { entries, unreadable };
  });
  const prune = db.transaction((cutoff: number, now: number) => {
    const rows = q.pruneUnanswered.run(cutoff).changes + q.pruneFeedback.run(cutoff).changes;
    q.pruneEffects.run(cutoff);
    desk.prune(cutoff);
    q.pruneBudgets.run(now - 60 * 60_000);
    q.pruneContexts.run(now - CONTEXT_TTL_MS);
    return rows;
  });
  const listen = <T>(event: string, listener: (value: T) => void) => {
    events.on(event, listener);
    return Promise.resolve(async () => void events.off(event, listener));
  };

  return {
    kind: 'sqlite',
    schemaVersion,
    async recordUnanswered(r) {
      hashedOnly('a place', r.place);
      hashedOnly('an event', r.event);
      recordUnanswered.immediate(r);
    },
    async recordVote(v, at) {
      hashedOnly('a voter', v.userId);
      hashedOnly('an answer', v.answerKey);
      return vote.immediate(
        { answerKey: v.answerKey, voter: v.userId, platform: v.platform, topicId: v.topicId, vote: v.vote, lang: v.lang ?? 'en', event: v.event },
        at,
      );
    },
    async topUnanswered(limit, sinceMs, scope = { all: true }) {
      return ('all' in scope ? q.topAll.all({ since: sinceMs, limit }) : q.topPlace.all({ since: sinceMs, limit, place: scope.place })) as never;
    },
    async helpfulness() {
      return q.help.all() as never;
    },
    async prune(cutoff, now) {
      return prune.immediate(cutoff, now);
    },
    ...desk.methods,
    async takeBudget(key, perMinute, now, burst = perMinute) {
      return (q.budget.get({ key, capacity: burst, now, rate: perMinute / 60_000 }) as { decision: FloodDecision }).decision;
    },
    async reserve(key, interval, now) {
      return (q.reserve.get({ key, interval, now }) as { at: number }).at;
    },
    async claim(key, now, staleMs = CLAIM_STALE_MS) {
      return claim.immediate(key, now, staleMs);
    },
    async confirm(key, now) {
      q.putEffect.run(key, 'done', null, now);
    },
    async release(key) {
      q.release.run(key);
    },
    async journalOffset(surface) {
      const value = (q.getMeta.get(offsetKey(surface)) as { value: string } | undefined)?.value;
      return value === undefined ? undefined : Number(value);
    },
    async journalAdd(surface, updates, now) {
      journalAdd.immediate(surface, updates, now);
    },
    async journalDone(surface, id) {
      q.journalDelete.run(surface, id);
    },
    async journalMerge(surface, merge, now) {
      journalMerge.immediate(surface, merge, now);
    },
    async journalPending(surface) {
      return journalPending.immediate(surface);
    },
    async getContext(conversation, now) {
      const row = q.getContext.get(conversation) as { topic: string | null; lang: string | null; at: number } | undefined;
      if (!row || now - row.at > CONTEXT_TTL_MS) return undefined;
      return { at: row.at, ...(row.topic ? { topicId: row.topic } : {}), ...(row.lang ? { lang: row.lang as never } : {}) };
    },
    async setContext(conversation, state) {
      q.setContext.run(conversation, state.topicId ?? null, state.lang ?? null, state.at);
    },
    async saveModel(version, bytes, now) {
      q.saveModel.run(version, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), now);
    },
    async loadModel(version) {
      const row = q.loadModel.get(version) as { bytes: Buffer } | undefined;
      return row ? new Uint8Array(row.bytes) : undefined;
    },
    async announce(version) {
      q.setMeta.run('kb_current', version);
      events.emit('announce', version);
    },
    async currentVersion() {
      return (q.getMeta.get('kb_current') as { value: string } | undefined)?.value;
    },
    onAnnounce: (listener) => listen('announce', listener),
    async reportProcess(id, version, now) {
      q.report.run(id, version, now);
      events.emit('report', { id, version, seenAt: now } satisfies ProcessRecord);
    },
    onProcessReport: (listener) => listen('report', listener),
    async forgetProcess(id) {
      q.forget.run(id);
    },
    async processes(since) {
      return q.processes.all(since) as ProcessRecord[];
    },
    writableNow() {
      try {
        db.pragma(`busy_timeout = ${PROBE_BUSY_MS}`);
        db.prepare("INSERT INTO meta (key, value) VALUES ('ready_probe', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(String(Date.now()));
        return true;
      } catch (err) {
        return `database not writable: ${err instanceof Error ? err.message : String(err)}`;
      } finally {
        if (db.open) db.pragma(`busy_timeout = ${BUSY_MS}`);
      }
    },
    async integrityCheck() {
      const rows = db.pragma('integrity_check') as Array<{ integrity_check: string }>;
      return rows.map((r) => r.integrity_check).filter((r) => r !== 'ok');
    },
    async close() {
      events.removeAllListeners();
      if (db.open) db.close();
    },
  };
}
