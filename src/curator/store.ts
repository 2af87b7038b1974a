import { createHmac, randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Logger } from '../logger.js';

/** One question the bot declined or was unsure about. No user ids, ever. */
export interface UnansweredRecord {
  text: string;
  normalized: string;
  platform: string;
  outcome: string;
  guess: string | null;
  confidence: number;
  lang: string;
  at?: number;
}

export interface Vote {
  platform: string;
  /** Identifies the answer message on its platform (e.g. chat id + message id). */
  answerKey: string;
  /** The platform user id: only a salted hash of it is stored. */
  userId: string;
  topicId: string;
  vote: 1 | -1;
}

/** What a vote did: a first vote on that answer by that user, a changed one, or the same again. */
export type VoteOutcome = 'new' | 'changed' | 'same';

export interface UnansweredGroup {
  normalized: string;
  example: string;
  count: number;
  lastSeen: number;
  guess: string | null;
  confidence: number;
}

export interface Helpfulness {
  topicId: string;
  up: number;
  down: number;
}

/**
 * The curator's store: unanswered questions and feedback in one embedded
 * SQLite file. Every method fails soft: a read-only, missing or full database
 * is logged once and the bot keeps answering.
 */
export interface CuratorStore {
  readonly enabled: boolean;
  recordUnanswered(record: UnansweredRecord): void;
  /** Records or changes one user's vote on one answer; false when it could not be stored. */
  recordVote(vote: Vote): VoteOutcome | false;
  topUnanswered(limit: number, sinceMs?: number): UnansweredGroup[];
  helpfulness(): Helpfulness[];
  /** Deletes what is older than the retention period; returns rows deleted. */
  enforceRetention(now?: number): number;
  /**
   * Whether a write goes through right now (a probe row written and committed, waiting at
   * most PROBE_BUSY_MS for another writer's lock): true, or why not. A store switched off
   * (no DB_PATH) has nothing to write and is writable.
   */
  writable(): true | string;
  close(): void;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS unanswered (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  platform TEXT NOT NULL,
  text TEXT NOT NULL,
  normalized TEXT NOT NULL,
  outcome TEXT NOT NULL,
  guess TEXT,
  confidence REAL NOT NULL,
  lang TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS unanswered_normalized ON unanswered (normalized);
CREATE INDEX IF NOT EXISTS unanswered_at ON unanswered (at);
CREATE TABLE IF NOT EXISTS feedback (
  answer_key TEXT NOT NULL,
  voter TEXT NOT NULL,
  platform TEXT NOT NULL,
  topic TEXT NOT NULL,
  vote INTEGER NOT NULL CHECK (vote IN (-1, 1)),
  at INTEGER NOT NULL,
  PRIMARY KEY (answer_key, voter)
);
CREATE INDEX IF NOT EXISTS feedback_at ON feedback (at);
`;

const DAY = 86_400_000;
const MAX_TEXT = 500;

export interface StoreOptions {
  path: string;
  retentionDays: number;
  /** Size cap: past it writes fail soft until retention frees space. */
  maxMegabytes?: number;
  logger: Logger;
  now?: () => number;
}

/** How long the writability probe waits for another connection's write lock. */
const PROBE_BUSY_MS = 100;
const BUSY_MS = 2000;

function disabledStore(unavailable?: string): CuratorStore {
  return {
    enabled: false,
    writable: () => unavailable ?? true,
    recordUnanswered() {},
    recordVote: () => false as const,
    topUnanswered: () => [],
    helpfulness: () => [],
    enforceRetention: () => 0,
    close() {},
  };
}

export function openCuratorStore(opts: StoreOptions): CuratorStore {
  const { logger } = opts;
  const now = opts.now ?? Date.now;
  if (!opts.path) return disabledStore();
  let db: Database.Database;
  try {
    if (opts.path !== ':memory:') mkdirSync(dirname(opts.path), { recursive: true });
    db = new Database(opts.path);
    db.pragma('journal_mode = WAL');
    // WAL + NORMAL: no fsync per insert on the bot's thread; a power cut may lose the last few records, never corrupt.
    db.pragma('synchronous = NORMAL');
    db.pragma(`busy_timeout = ${BUSY_MS}`);
    db.exec(SCHEMA);
    if (opts.maxMegabytes) {
      const pageSize = Number(db.pragma('page_size', { simple: true }));
      db.pragma(`max_page_count = ${Math.max(16, Math.floor((opts.maxMegabytes * 1024 * 1024) / pageSize))}`);
    }
  } catch (err) {
    logger.error({ err, path: opts.path }, 'curator database unavailable: unanswered questions and feedback will not be recorded');
    return disabledStore(`database unavailable: ${err instanceof Error ? err.message : String(err)}`);
  }

  let salt = (db.prepare('SELECT value FROM meta WHERE key = ?').get('voter_salt') as { value: string } | undefined)?.value;
  if (!salt) {
    salt = randomBytes(32).toString('hex');
    try {
      db.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)').run('voter_salt', salt);
    } catch {
      // a read-only database: votes hash with a per-process salt and fail to store anyway
    }
  }
  const voterHash = (platform: string, userId: string) => createHmac('sha256', salt!).update(`${platform}:${userId}`).digest('base64url');

  const insertUnanswered = db.prepare(
    'INSERT INTO unanswered (at, platform, text, normalized, outcome, guess, confidence, lang) VALUES (@at, @platform, @text, @normalized, @outcome, @guess, @confidence, @lang)',
  );
  const upsertVote = db.prepare(
    `INSERT INTO feedback (answer_key, voter, platform, topic, vote, at) VALUES (@answerKey, @voter, @platform, @topicId, @vote, @at)
     ON CONFLICT (answer_key, voter) DO UPDATE SET vote = excluded.vote, at = excluded.at`,
  );
  const previousVote = db.prepare('SELECT vote FROM feedback WHERE answer_key = ? AND voter = ?');
  const topStmt = db.prepare(
    `SELECT normalized, count(*) AS count, max(at) AS lastSeen,
            (SELECT u2.text FROM unanswered u2 WHERE u2.normalized = u.normalized ORDER BY u2.at DESC LIMIT 1) AS example,
            (SELECT u3.guess FROM unanswered u3 WHERE u3.normalized = u.normalized GROUP BY u3.guess ORDER BY count(*) DESC LIMIT 1) AS guess,
            avg(confidence) AS confidence
       FROM unanswered u WHERE at >= ? GROUP BY normalized ORDER BY count DESC, lastSeen DESC LIMIT ?`,
  );
  const helpStmt = db.prepare(
    'SELECT topic AS topicId, sum(vote = 1) AS up, sum(vote = -1) AS down FROM feedback GROUP BY topic ORDER BY (sum(vote = 1) + sum(vote = -1)) DESC, topic',
  );
  const probe = db.prepare(`INSERT INTO meta (key, value) VALUES ('ready_probe', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`);
  const pruneUnanswered = db.prepare('DELETE FROM unanswered WHERE at < ?');
  const pruneFeedback = db.prepare('DELETE FROM feedback WHERE at < ?');

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

  return {
    enabled: true,
    recordUnanswered(r) {
      soft('record unanswered', undefined, () => {
        insertUnanswered.run({ ...r, text: r.text.slice(0, MAX_TEXT), normalized: r.normalized.slice(0, MAX_TEXT), at: r.at ?? now() });
      });
    },
    recordVote(v) {
      return soft<VoteOutcome | false>('record vote', false, () => {
        const voter = voterHash(v.platform, v.userId);
        const before = (previousVote.get(v.answerKey, voter) as { vote: number } | undefined)?.vote;
        upsertVote.run({ answerKey: v.answerKey, voter, platform: v.platform, topicId: v.topicId, vote: v.vote, at: now() });
        return before === undefined ? 'new' : before === v.vote ? 'same' : 'changed';
      });
    },
    topUnanswered(limit, sinceMs = 0) {
      return soft('read unanswered', [], () => topStmt.all(sinceMs, limit) as UnansweredGroup[]);
    },
    helpfulness() {
      return soft('read feedback', [], () => helpStmt.all() as Helpfulness[]);
    },
    enforceRetention(at = now()) {
      const cutoff = at - opts.retentionDays * DAY;
      return soft('retention', 0, () => pruneUnanswered.run(cutoff).changes + pruneFeedback.run(cutoff).changes);
    },
    writable() {
      try {
        db.pragma(`busy_timeout = ${PROBE_BUSY_MS}`);
        probe.run(String(now()));
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
