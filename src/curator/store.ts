import { createHmac, randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Logger } from '../logger.js';
import { migrate } from './schema.js';
import {
  ASK_OUTCOMES,
  type AnalyticsRow,
  type CuratorStore,
  dayOf,
  type Helpfulness,
  type InboxItem,
  type InboxState,
  type OpenQuestion,
  type ReloadRecord,
  type UnansweredGroup,
  type VoteOutcome,
} from './store-types.js';

export type * from './store-types.js';
export { dayOf } from './store-types.js';

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

const INBOX_SELECT = `
  SELECT i.id, i.normalized, i.state, i.changed_by AS changedBy, i.changed_at AS changedAt,
         i.answered_topic AS answeredTopic, i.answered_version AS answeredVersion, i.answered_at AS answeredAt,
         count(u.id) AS count, min(u.at) AS firstSeen, max(u.at) AS lastSeen, avg(u.confidence) AS confidence,
         group_concat(DISTINCT u.lang) AS langs, group_concat(DISTINCT u.platform) AS surfaces,
         (SELECT u2.text FROM unanswered u2 WHERE u2.normalized = i.normalized ORDER BY u2.at DESC, u2.id DESC LIMIT 1) AS example,
         (SELECT u3.guess FROM unanswered u3 WHERE u3.normalized = i.normalized GROUP BY u3.guess ORDER BY count(*) DESC LIMIT 1) AS guess
    FROM inbox i JOIN unanswered u ON u.normalized = i.normalized`;

const count = (outcome: string, as: string) => `sum(CASE WHEN outcome = '${outcome}' THEN count ELSE 0 END) AS ${as}`;
const ANALYTICS = `
  SELECT day, surface, lang, topic,
         sum(CASE WHEN outcome IN (${ASK_OUTCOMES.map((o) => `'${o}'`).join(', ')}) THEN count ELSE 0 END) AS asked,
         ${count('answered', 'answered')}, ${count('did-you-mean', 'didYouMean')}, ${count('declined', 'declined')},
         ${count('small-talk', 'smallTalk')}, ${count('up', 'up')}, ${count('down', 'down')}
    FROM daily_counts
   WHERE day >= @since AND (@lang IS NULL OR lang = @lang) AND (@surface IS NULL OR surface = @surface)
   GROUP BY day, surface, lang, topic ORDER BY day, surface, lang, topic`;

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
    migrate(db);
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
  const idHash = (platform: string, userId: string) => createHmac('sha256', salt!).update(`${platform}:${userId}`).digest('base64url');

  const insertUnanswered = db.prepare(
    'INSERT INTO unanswered (at, platform, text, normalized, outcome, guess, confidence, lang) VALUES (@at, @platform, @text, @normalized, @outcome, @guess, @confidence, @lang)',
  );
  // A group asked again unanswered: a resolved one reopens, and an "answered now" mark is stale.
  const fileInInbox = db.prepare(
    `INSERT INTO inbox (normalized) VALUES (?) ON CONFLICT (normalized) DO UPDATE SET
       state = CASE WHEN inbox.state = 'resolved' THEN 'open' ELSE inbox.state END,
       answered_topic = NULL, answered_version = NULL, answered_at = NULL`,
  );
  const bump = db.prepare(
    `INSERT INTO daily_counts (day, surface, lang, topic, outcome, count) VALUES (@day, @surface, @lang, @topic, @outcome, @by)
     ON CONFLICT (day, surface, lang, topic, outcome) DO UPDATE SET count = daily_counts.count + excluded.count`,
  );
  const upsertVote = db.prepare(
    `INSERT INTO feedback (answer_key, voter, platform, topic, vote, at, lang) VALUES (@answerKey, @voter, @platform, @topicId, @vote, @at, @lang)
     ON CONFLICT (answer_key, voter) DO UPDATE SET vote = excluded.vote, at = excluded.at, lang = excluded.lang`,
  );
  const previousVote = db.prepare('SELECT vote, at, lang, topic FROM feedback WHERE answer_key = ? AND voter = ?');
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
  const inboxStmt = db.prepare(
    `${INBOX_SELECT} WHERE (@state IS NULL OR i.state = @state) GROUP BY i.id
     HAVING max(u.at) >= @since AND (@lang IS NULL OR sum(CASE WHEN u.lang = @lang THEN 1 ELSE 0 END) > 0)
     ORDER BY count DESC, lastSeen DESC, i.id LIMIT @limit`,
  );
  const itemStmt = db.prepare(`${INBOX_SELECT} WHERE i.id = ? GROUP BY i.id`);
  const setStateStmt = db.prepare('UPDATE inbox SET state = ?, changed_by = ?, changed_at = ? WHERE id = ?');
  const openStmt = db.prepare(
    `SELECT i.id, u.text, u.lang FROM inbox i JOIN unanswered u ON u.id =
       (SELECT u2.id FROM unanswered u2 WHERE u2.normalized = i.normalized ORDER BY u2.at DESC, u2.id DESC LIMIT 1)
      WHERE i.state = 'open' ORDER BY i.id`,
  );
  const markStmt = db.prepare('UPDATE inbox SET answered_topic = ?, answered_version = ?, answered_at = ? WHERE id = ?');
  const analyticsStmt = db.prepare(ANALYTICS);
  const insertReload = db.prepare(
    'INSERT INTO reloads (at, version, topics, ok, changed, reason, answered_now) VALUES (@at, @version, @topics, @ok, @changed, @reason, @answeredNow)',
  );
  const reloadsStmt = db.prepare(
    'SELECT at, version, topics, ok, changed, reason, answered_now AS answeredNow FROM reloads ORDER BY at DESC, id DESC LIMIT ?',
  );
  const probe = db.prepare(`INSERT INTO meta (key, value) VALUES ('ready_probe', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`);
  const pruneUnanswered = db.prepare('DELETE FROM unanswered WHERE at < ?');
  const pruneInbox = db.prepare('DELETE FROM inbox WHERE normalized NOT IN (SELECT normalized FROM unanswered)');
  const pruneFeedback = db.prepare('DELETE FROM feedback WHERE at < ?');
  const pruneReloads = db.prepare('DELETE FROM reloads WHERE at < ?');

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

  const vote = db.transaction((v: Parameters<CuratorStore['recordVote']>[0]): VoteOutcome => {
    const voter = idHash(v.platform, v.userId);
    const lang = v.lang ?? 'en';
    const at = now();
    const before = previousVote.get(v.answerKey, voter) as { vote: number; at: number; lang: string; topic: string } | undefined;
    upsertVote.run({ answerKey: v.answerKey, voter, platform: v.platform, topicId: v.topicId, vote: v.vote, at, lang });
    if (before?.vote === v.vote) return 'same';
    // A changed vote leaves the count of the day it was cast and joins today's.
    if (before) bump.run({ day: dayOf(before.at), surface: v.platform, lang: before.lang, topic: before.topic, outcome: before.vote === 1 ? 'up' : 'down', by: -1 });
    bump.run({ day: dayOf(at), surface: v.platform, lang, topic: v.topicId, outcome: v.vote === 1 ? 'up' : 'down', by: 1 });
    return before ? 'changed' : 'new';
  });
  const unanswered = db.transaction((r: Parameters<CuratorStore['recordUnanswered']>[0]) => {
    const normalized = r.normalized.slice(0, MAX_TEXT);
    insertUnanswered.run({ ...r, text: r.text.slice(0, MAX_TEXT), normalized, at: r.at ?? now() });
    fileInInbox.run(normalized);
  });
  const mark = db.transaction((results: Array<{ id: number; topic: string | null }>, version: string, at: number) => {
    let answered = 0;
    for (const { id, topic } of results) {
      markStmt.run(topic, topic ? version : null, topic ? at : null, id);
      if (topic) answered++;
    }
    return answered;
  });

  return {
    enabled: true,
    recordUnanswered(r) {
      soft('record unanswered', undefined, () => unanswered(r));
    },
    recordAsk(e) {
      soft('record ask', undefined, () => bump.run({ day: dayOf(e.at ?? now()), surface: e.surface, lang: e.lang, topic: e.topic, outcome: e.outcome, by: 1 }));
    },
    recordVote(v) {
      return soft<VoteOutcome | false>('record vote', false, () => vote(v));
    },
    topUnanswered(limit, sinceMs = 0) {
      return soft('read unanswered', [], () => topStmt.all(sinceMs, limit) as UnansweredGroup[]);
    },
    helpfulness() {
      return soft('read feedback', [], () => helpStmt.all() as Helpfulness[]);
    },
    inbox(filter = {}) {
      return soft('read inbox', [], () =>
        (inboxStmt.all({ state: filter.state ?? null, since: filter.since ?? 0, lang: filter.lang ?? null, limit: filter.limit ?? -1 }) as InboxRow[]).map(inboxItem),
      );
    },
    inboxItem(id) {
      return soft('read inbox', undefined, () => {
        const row = itemStmt.get(id) as InboxRow | undefined;
        return row ? inboxItem(row) : undefined;
      });
    },
    setState(id, state, by) {
      return soft('set state', false, () => setStateStmt.run(state, by.surface === 'desk' ? 'desk' : idHash(by.surface, by.user), now(), id).changes === 1);
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
          const deleted = pruneUnanswered.run(cutoff).changes + pruneFeedback.run(cutoff).changes;
          pruneInbox.run();
          pruneReloads.run(cutoff);
          return deleted;
        })(),
      );
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
