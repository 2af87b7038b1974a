import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { FloodDecision } from '../../core/conversation/ports.js';
import { type ProcessRecord, type StoreBackend, CLAIM_TTL_MS, CONTEXT_TTL_MS, MAX_TEXT } from '../contract.js';
import { pending } from '../migration.js';
import { voterHasher } from '../voter.js';
import { SQLITE_MIGRATIONS } from './migrations.js';

export interface SqliteOptions {
  /** The file (created with its folders), or ':memory:'. */
  path: string;
  /** Size cap in MB: past it writes fail until retention frees space. */
  maxMegabytes?: number;
}

/** Applies the migrations the file lacks, in one IMMEDIATE transaction (two processes starting at once take turns). */
export function migrateSqlite(db: Database.Database): number {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)');
  const apply = db.transaction(() => {
    const current = (db.prepare('SELECT coalesce(max(version), 0) AS v FROM schema_migrations').get() as { v: number }).v;
    const insert = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    for (const m of pending(SQLITE_MIGRATIONS, current)) {
      db.exec(m.sql);
      insert.run(m.version, m.name, Date.now());
    }
    return SQLITE_MIGRATIONS.at(-1)?.version ?? 0;
  });
  return apply.immediate();
}

/** Reads the voter salt, creating it first if the file has none; re-read after the insert, so racing processes agree. */
function voterSalt(db: Database.Database, fresh: string): string {
  db.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)').run('voter_salt', fresh);
  return (db.prepare('SELECT value FROM meta WHERE key = ?').get('voter_salt') as { value: string }).value;
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
  try {
    db.pragma('journal_mode = WAL');
    // WAL + NORMAL: no fsync per insert on the bot's thread; a power cut may lose the last few records, never corrupt.
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 2000');
    if (opts.maxMegabytes) {
      const pageSize = Number(db.pragma('page_size', { simple: true }));
      db.pragma(`max_page_count = ${Math.max(16, Math.floor((opts.maxMegabytes * 1024 * 1024) / pageSize))}`);
    }
  } catch (err) {
    db.close();
    throw err;
  }
  let schemaVersion: number;
  let voter: (platform: string, userId: string) => string;
  try {
    schemaVersion = migrateSqlite(db);
    voter = voterHasher(voterSalt(db, voterHasher.freshSalt()));
  } catch (err) {
    db.close();
    throw err;
  }
  const events = new EventEmitter();

  const q = {
    unanswered: db.prepare(
      'INSERT INTO unanswered (at, platform, text, normalized, outcome, guess, confidence, lang) VALUES (@at, @platform, @text, @normalized, @outcome, @guess, @confidence, @lang)',
    ),
    voteIfNew: db.prepare(
      'INSERT INTO feedback (answer_key, voter, platform, topic, vote, at) VALUES (@answerKey, @voter, @platform, @topicId, @vote, @at) ON CONFLICT (answer_key, voter) DO NOTHING',
    ),
    voteBefore: db.prepare('SELECT vote FROM feedback WHERE answer_key = ? AND voter = ?'),
    voteChange: db.prepare('UPDATE feedback SET vote = @vote, topic = @topicId, at = @at WHERE answer_key = @answerKey AND voter = @voter'),
    top: db.prepare(
      `SELECT normalized, count(*) AS count, max(at) AS lastSeen,
              (SELECT u2.text FROM unanswered u2 WHERE u2.normalized = u.normalized ORDER BY u2.at DESC, u2.id DESC LIMIT 1) AS example,
              (SELECT u3.guess FROM unanswered u3 WHERE u3.normalized = u.normalized GROUP BY u3.guess ORDER BY count(*) DESC, max(u3.at) DESC LIMIT 1) AS guess,
              avg(confidence) AS confidence
         FROM unanswered u WHERE at >= ? GROUP BY normalized ORDER BY count DESC, lastSeen DESC, normalized LIMIT ?`,
    ),
    help: db.prepare(
      'SELECT topic AS topicId, sum(vote = 1) AS up, sum(vote = -1) AS down FROM feedback GROUP BY topic ORDER BY (sum(vote = 1) + sum(vote = -1)) DESC, topic',
    ),
    pruneUnanswered: db.prepare('DELETE FROM unanswered WHERE at < ?'),
    pruneFeedback: db.prepare('DELETE FROM feedback WHERE at < ?'),
    pruneBudgets: db.prepare('DELETE FROM budgets WHERE updated < ?'),
    pruneClaims: db.prepare('DELETE FROM claims WHERE at < ?'),
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
    claim: db.prepare('INSERT INTO claims (key, at) VALUES (?, ?) ON CONFLICT (key) DO NOTHING'),
    release: db.prepare('DELETE FROM claims WHERE key = ?'),
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

  const vote = db.transaction((v: { answerKey: string; voter: string; platform: string; topicId: string; vote: number; at: number }) => {
    if (q.voteIfNew.run(v).changes === 1) return 'new' as const;
    const before = (q.voteBefore.get(v.answerKey, v.voter) as { vote: number }).vote;
    q.voteChange.run(v);
    return before === v.vote ? ('same' as const) : ('changed' as const);
  });
  const prune = db.transaction((cutoff: number, now: number) => {
    const rows = q.pruneUnanswered.run(cutoff).changes + q.pruneFeedback.run(cutoff).changes;
    q.pruneBudgets.run(now - 60 * 60_000);
    q.pruneClaims.run(now - CLAIM_TTL_MS);
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
      q.unanswered.run({ ...r, text: r.text.slice(0, MAX_TEXT), normalized: r.normalized.slice(0, MAX_TEXT) });
    },
    async recordVote(v, at) {
      return vote.immediate({ answerKey: v.answerKey, voter: voter(v.platform, v.userId), platform: v.platform, topicId: v.topicId, vote: v.vote, at });
    },
    async topUnanswered(limit, sinceMs) {
      return q.top.all(sinceMs, limit) as never;
    },
    async helpfulness() {
      return q.help.all() as never;
    },
    async prune(cutoff, now) {
      return prune.immediate(cutoff, now);
    },
    async takeBudget(key, perMinute, now, burst = perMinute) {
      return (q.budget.get({ key, capacity: burst, now, rate: perMinute / 60_000 }) as { decision: FloodDecision }).decision;
    },
    async reserve(key, interval, now) {
      return (q.reserve.get({ key, interval, now }) as { at: number }).at;
    },
    async claim(key, now) {
      return q.claim.run(key, now).changes === 1;
    },
    async release(key) {
      q.release.run(key);
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
