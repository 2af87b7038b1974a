import postgres from 'postgres';
import type { ConversationState, FloodDecision } from '../../core/conversation/ports.js';
import {
  type JournalEntry,
  type ProcessRecord,
  type StoreBackend,
  type VoteOutcome,
  CLAIM_STALE_MS,
  CONTEXT_TTL_MS,
  hashedOnly,
  MAX_TEXT,
} from '../contract.js';
import { createSealer } from '../seal.js';
import { type Bump, bumpCounts, fileInInbox, postgresDesk, pruneDesk } from './desk.js';
import { migratePostgres } from './migrate.js';

export interface PostgresOptions {
  /** postgres://user:password@host:port/database (a secret: never logged). */
  url: string;
  /** Connections in this process's pool. */
  max?: number;
  /** Seconds to wait for a connection before a call fails (the bot then answers without the database). */
  connectTimeoutSeconds?: number;
  /** The id-hashing secret (kept outside the database): journalled updates are sealed under it. */
  secret: string | Buffer;
}

/** Channels of the announcements every process listens to. */
const ANNOUNCE = 'partnership_kb_version';
const REPORT = 'partnership_kb_process';

/** Opens the pool the bot uses: short timeouts, so a lost database fails calls fast instead of holding them. */
export function connect(opts: PostgresOptions): postgres.Sql {
  return postgres(opts.url, {
    max: opts.max ?? 4,
    connect_timeout: opts.connectTimeoutSeconds ?? 5,
    idle_timeout: 60,
    onnotice: () => {},
    connection: { application_name: 'partnership-bot', statement_timeout: 5000, lock_timeout: 3000 },
  });
}

/**
 * The shared store: any number of processes on any number of hosts, one
 * PostgreSQL database. Every multi-row write is one transaction; budgets,
 * claims and votes are single atomic statements or row-locked transactions,
 * so processes racing on the same key agree. Announcements travel by
 * LISTEN/NOTIFY (the client re-listens after a reconnect).
 */
export async function openPostgres(opts: PostgresOptions): Promise<StoreBackend> {
  const sql = connect(opts);
  let schemaVersion: number;
  const sealer = createSealer(opts.secret);
  try {
    schemaVersion = await migratePostgres(sql);
  } catch (err) {
    await sql.end({ timeout: 1 });
    throw err;
  }

  const listen = async <T>(channel: string, parse: (payload: string) => T | undefined, listener: (value: T) => void) => {
    const { unlisten } = await sql.listen(channel, (payload) => {
      const value = parse(payload);
      if (value !== undefined) listener(value);
    });
    return unlisten;
  };

  /** Raises the journal offset of `surface` to `offset`; never lowers it. */
  const raiseOffset = (tx: postgres.TransactionSql, surface: string, offset: number) =>
    tx`INSERT INTO meta AS m (key, value) VALUES (${`journal_offset:${surface}`}, ${String(offset)})
       ON CONFLICT (key) DO UPDATE SET value = excluded.value WHERE m.value::bigint < excluded.value::bigint`;

  return {
    kind: 'postgres',
    schemaVersion,
    ...postgresDesk(sql),
    async recordUnanswered(r) {
      hashedOnly('a place', r.place);
      hashedOnly('an event', r.event);
      // One statement, no transaction of the client's (docs/scaling.md, "Known limit"): the question, then its inbox
      // group filed only when the question was inserted (a redelivered event records nothing again, and reopens nothing).
      await sql`
        WITH asked AS (
          INSERT INTO unanswered (at, platform, place, event, text, normalized, outcome, guess, confidence, lang)
          VALUES (${r.at}, ${r.platform}, ${r.place ?? null}, ${r.event ?? null}, ${r.text.slice(0, MAX_TEXT)}, ${r.normalized.slice(0, MAX_TEXT)},
                  ${r.outcome}, ${r.guess}, ${r.confidence}, ${r.lang})
          ON CONFLICT (event) WHERE event IS NOT NULL DO NOTHING RETURNING coalesce(place, '') AS place, normalized
        )
        ${fileInInbox(sql, sql`SELECT place, normalized FROM asked`)}`;
    },
    async recordVote(v, at) {
      hashedOnly('a voter', v.userId);
      hashedOnly('an answer', v.answerKey);
      const eventKey = v.event ? `vote:${v.event}` : undefined;
      return sql.begin(async (tx) => {
        if (eventKey) {
          // The event's row first: a second handling of the same event (another process, a replay) waits here, then returns the first outcome.
          const [mine] =
            await tx`INSERT INTO effects (key, state, outcome, at) VALUES (${eventKey}, 'pending', NULL, ${at}) ON CONFLICT (key) DO NOTHING RETURNING 1`;
          if (!mine) {
            const [seen] = await tx<{ outcome: VoteOutcome | null }[]>`SELECT outcome FROM effects WHERE key = ${eventKey}`;
            if (seen?.outcome) return seen.outcome;
          }
        }
        const lang = v.lang ?? 'en';
        const inserted = await tx`INSERT INTO feedback (answer_key, voter, platform, topic, vote, at, lang)
                                  VALUES (${v.answerKey}, ${v.userId}, ${v.platform}, ${v.topicId}, ${v.vote}, ${at}, ${lang})
                                  ON CONFLICT (answer_key, voter) DO NOTHING RETURNING 1`;
        let outcome: VoteOutcome = 'new';
        const counts: Bump[] = [];
        if (inserted.count !== 1) {
          // A vote of this user on this answer exists (perhaps committed a moment ago by another process): lock it, then change it.
          const [before] = await tx<{ vote: number; at: number; lang: string; topic: string }[]>`
            SELECT vote, at::float8 AS at, lang, topic FROM feedback WHERE answer_key = ${v.answerKey} AND voter = ${v.userId} FOR UPDATE`;
          // A changed vote becomes the newest (seq), which settles ties of `at` between a user's votes.
          await tx`UPDATE feedback SET vote = ${v.vote}, topic = ${v.topicId}, at = ${at}, lang = ${lang}, seq = nextval(pg_get_serial_sequence('feedback', 'seq'))
                   WHERE answer_key = ${v.answerKey} AND voter = ${v.userId}`;
          outcome = before?.vote === v.vote ? 'same' : 'changed';
          // A changed vote leaves the count of the day it was cast and joins today's.
          if (before && outcome === 'changed')
            counts.push({ at: before.at, surface: v.platform, lang: before.lang, topic: before.topic, outcome: before.vote === 1 ? 'up' : 'down', by: -1 });
        }
        if (outcome !== 'same') counts.push({ at, surface: v.platform, lang, topic: v.topicId, outcome: v.vote === 1 ? 'up' : 'down', by: 1 });
        await bumpCounts(tx, counts);
        if (eventKey) await tx`UPDATE effects SET state = 'done', outcome = ${outcome}, at = ${at} WHERE key = ${eventKey}`;
        return outcome;
      });
    },
    async topUnanswered(limit, sinceMs, scope = { all: true }) {
      const place = 'all' in scope ? null : scope.place;
      const rows = await sql<Array<{ normalized: string; count: number; lastSeen: number; example: string; guess: string | null; confidence: number }>>`
        SELECT normalized, count(*)::int AS count, max(at)::float8 AS "lastSeen",
               (SELECT u2.text FROM unanswered u2 WHERE u2.normalized = u.normalized AND (${place}::text IS NULL OR u2.place = ${place})
                 ORDER BY u2.at DESC, u2.id DESC LIMIT 1) AS example,
               (SELECT u3.guess FROM unanswered u3 WHERE u3.normalized = u.normalized AND (${place}::text IS NULL OR u3.place = ${place})
                 GROUP BY u3.guess ORDER BY count(*) DESC, max(u3.at) DESC LIMIT 1) AS guess,
               avg(confidence)::float8 AS confidence
          FROM unanswered u WHERE at >= ${sinceMs} AND (${place}::text IS NULL OR u.place = ${place})
         GROUP BY normalized ORDER BY count DESC, "lastSeen" DESC, normalized COLLATE "C" LIMIT ${limit}`;
      return rows.map((r) => ({ ...r }));
    },
    async helpfulness() {
      // Each voter's latest vote per topic: one user voting on every new answer of a topic still counts once.
      const rows = await sql<Array<{ topicId: string; up: number; down: number }>>`
        SELECT topic AS "topicId", count(*) FILTER (WHERE vote = 1)::int AS up, count(*) FILTER (WHERE vote = -1)::int AS down
          FROM (SELECT topic, vote, row_number() OVER (PARTITION BY topic, voter ORDER BY at DESC, seq DESC) AS latest FROM feedback) f
         WHERE latest = 1 GROUP BY topic ORDER BY count(*) DESC, topic COLLATE "C"`;
      return rows.map((r) => ({ ...r }));
    },
    async prune(cutoff, now) {
      return sql.begin(async (tx) => {
        const a = await tx`DELETE FROM unanswered WHERE at < ${cutoff}`;
        const b = await tx`DELETE FROM feedback WHERE at < ${cutoff}`;
        await tx`DELETE FROM effects WHERE at < ${cutoff}`;
        await pruneDesk(tx, cutoff);
        await tx`DELETE FROM budgets WHERE updated < ${now - 60 * 60_000}`;
        await tx`DELETE FROM contexts WHERE at < ${now - CONTEXT_TTL_MS}`;
        return a.count + b.count;
      });
    },
    async takeBudget(key, perMinute, now, capacity = perMinute) {
      const refill = sql`least(${capacity}::float8, b.tokens + greatest(0, ${now}::bigint - b.updated) * ${perMinute / 60_000}::float8)`;
      const [row] = await sql<{ decision: FloodDecision }[]>`
        INSERT INTO budgets AS b (key, tokens, updated, noticed, decision) VALUES (${key}, ${capacity - 1}, ${now}, false, 'ok')
        ON CONFLICT (key) DO UPDATE SET
          tokens = ${refill} - CASE WHEN ${refill} >= 1 THEN 1 ELSE 0 END,
          noticed = ${refill} < 1,
          decision = CASE WHEN ${refill} >= 1 THEN 'ok' WHEN b.noticed THEN 'silent' ELSE 'notice' END,
          updated = greatest(b.updated, ${now}::bigint)
        RETURNING decision`;
      return row!.decision;
    },
    async reserve(key, interval, now) {
      const [row] = await sql<{ at: number }[]>`
        INSERT INTO reservations AS r (key, next) VALUES (${key}, ${now + interval})
        ON CONFLICT (key) DO UPDATE SET next = greatest(r.next, ${now}::bigint) + ${interval}::bigint
        RETURNING (next - ${interval}::bigint)::float8 AS at`;
      return row!.at;
    },
    async claim(key, now, staleMs = CLAIM_STALE_MS) {
      // One statement: a free key is inserted, a stale pending one taken over; anything else is held by someone else.
      const rows = await sql`INSERT INTO effects AS e (key, state, outcome, at) VALUES (${key}, 'pending', NULL, ${now})
                             ON CONFLICT (key) DO UPDATE SET state = 'pending', outcome = NULL, at = excluded.at
                             WHERE e.state <> 'done' AND ${now}::bigint - e.at >= ${staleMs}::bigint RETURNING 1`;
      return rows.count === 1;
    },
    async confirm(key, now) {
      await sql`INSERT INTO effects (key, state, outcome, at) VALUES (${key}, 'done', NULL, ${now})
                ON CONFLICT (key) DO UPDATE SET state = 'done', at = excluded.at`;
    },
    async release(key) {
      await sql`DELETE FROM effects WHERE key = ${key}`;
    },
    async journalOffset(surface) {
      const [row] = await sql<{ value: string }[]>`SELECT value FROM meta WHERE key = ${`journal_offset:${surface}`}`;
      return row === undefined ? undefined : Number(row.value);
    },
    async journalAdd(surface, updates, now) {
      if (!updates.length) return;
      const last = Math.max(...updates.map((u) => u.id));
      await sql.begin(async (tx) => {
        for (const u of updates) {
          await tx`INSERT INTO journal (surface, id, payload, attempts, at) VALUES (${surface}, ${u.id}, ${sealer.seal(u.payload)}, 0, ${now})
                   ON CONFLICT (surface, id) DO NOTHING`;
        }
        await raiseOffset(tx, surface, last + 1);
      });
    },
    async journalMerge(surface, merge, now) {
      await sql.begin(async (tx) => {
        for (const e of merge.entries) {
          await tx`INSERT INTO journal (surface, id, payload, attempts, at) VALUES (${surface}, ${e.id}, ${sealer.seal(e.payload)}, ${e.attempts}, ${now})
                   ON CONFLICT (surface, id) DO NOTHING`;
        }
        if (merge.done.length) await tx`DELETE FROM journal WHERE surface = ${surface} AND id = ANY(${merge.done}::bigint[])`;
        await raiseOffset(tx, surface, merge.offset);
      });
    },
    async journalDone(surface, id) {
      await sql`DELETE FROM journal WHERE surface = ${surface} AND id = ${id}`;
    },
    async journalPending(surface) {
      return sql.begin(async (tx) => {
        const rows = await tx<{ id: string; payload: string; attempts: number }[]>`
          SELECT id::text AS id, payload, attempts FROM journal WHERE surface = ${surface} ORDER BY id FOR UPDATE`;
        await tx`UPDATE journal SET attempts = attempts + 1 WHERE surface = ${surface}`;
        const entries: JournalEntry[] = [];
        const unreadable: number[] = [];
        for (const r of rows) {
          const payload = sealer.open(r.payload);
          if (payload !== undefined) entries.push({ id: Number(r.id), payload, attempts: r.attempts });
          else {
            await tx`DELETE FROM journal WHERE surface = ${surface} AND id = ${r.id}`; // sealed under another secret: nothing can read it
            unreadable.push(Number(r.id));
          }
        }
        return { entries, unreadable };
      });
    },
    async getContext(conversation, now) {
      const [row] = await sql<{ topic: string | null; lang: string | null; at: number }[]>`
        SELECT topic, lang, at::float8 AS at FROM contexts WHERE conversation = ${conversation}`;
      if (!row || now - row.at > CONTEXT_TTL_MS) return undefined;
      return { at: row.at, ...(row.topic ? { topicId: row.topic } : {}), ...(row.lang ? { lang: row.lang as ConversationState['lang'] } : {}) };
    },
    async setContext(conversation, state) {
      await sql`INSERT INTO contexts (conversation, topic, lang, at) VALUES (${conversation}, ${state.topicId ?? null}, ${state.lang ?? null}, ${state.at})
                ON CONFLICT (conversation) DO UPDATE SET topic = excluded.topic, lang = excluded.lang, at = excluded.at`;
    },
    async saveModel(version, bytes, now) {
      await sql`INSERT INTO kb_models (version, bytes, at) VALUES (${version}, ${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)}, ${now})
                ON CONFLICT (version) DO NOTHING`;
    },
    async loadModel(version) {
      const [row] = await sql<{ bytes: Buffer }[]>`SELECT bytes FROM kb_models WHERE version = ${version}`;
      return row ? new Uint8Array(row.bytes) : undefined;
    },
    async announce(version) {
      await sql.begin(async (tx) => {
        await tx`INSERT INTO meta (key, value) VALUES ('kb_current', ${version}) ON CONFLICT (key) DO UPDATE SET value = excluded.value`;
        await tx`SELECT pg_notify(${ANNOUNCE}, ${version})`;
      });
    },
    async currentVersion() {
      const [row] = await sql<{ value: string }[]>`SELECT value FROM meta WHERE key = 'kb_current'`;
      return row?.value;
    },
    onAnnounce: (listener) => listen(ANNOUNCE, (p) => p || undefined, listener),
    async reportProcess(id, version, now) {
      const report: ProcessRecord = { id, version, seenAt: now };
      await sql.begin(async (tx) => {
        await tx`INSERT INTO processes (id, version, seen_at) VALUES (${id}, ${version}, ${now})
                 ON CONFLICT (id) DO UPDATE SET version = excluded.version, seen_at = excluded.seen_at`;
        await tx`SELECT pg_notify(${REPORT}, ${JSON.stringify(report)})`;
      });
    },
    onProcessReport: (listener) => listen(REPORT, parseReport, listener),
    async forgetProcess(id) {
      await sql`DELETE FROM processes WHERE id = ${id}`;
    },
    async processes(since) {
      const rows = await sql<ProcessRecord[]>`SELECT id, version, seen_at::float8 AS "seenAt" FROM processes WHERE seen_at >= ${since} ORDER BY id COLLATE "C"`;
      return rows.map((r) => ({ ...r }));
    },
    integrityCheck: () => postgresIntegrity(sql, schemaVersion),
    async close() {
      await sql.end({ timeout: 2 });
    },
  };
}

function parseReport(payload: string): ProcessRecord | undefined {
  try {
    const r = JSON.parse(payload) as ProcessRecord;
    return typeof r.id === 'string' && typeof r.version === 'string' && typeof r.seenAt === 'number' ? r : undefined;
  } catch {
    return undefined;
  }
}

/**
 * PostgreSQL's consistency check: with the amcheck extension available (it
 * ships with the server), every B-tree index of our tables is verified against
 * its table; always, the schema's own invariants.
 */
async function postgresIntegrity(sql: postgres.Sql, schemaVersion: number): Promise<string[]> {
  const problems: string[] = [];
  const [applied] = await sql<{ v: number }[]>`SELECT coalesce(max(version), 0)::int AS v FROM schema_migrations`;
  if (applied?.v !== schemaVersion) problems.push(`schema_migrations is at ${applied?.v}, expected ${schemaVersion}`);
  const [bad] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM feedback WHERE vote NOT IN (-1, 1)`;
  if (bad?.n) problems.push(`${bad.n} feedback rows with an invalid vote`);
  const [amcheck] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_extension WHERE extname = 'amcheck'`;
  if (!amcheck?.n) {
    try {
      await sql`CREATE EXTENSION IF NOT EXISTS amcheck`;
    } catch {
      return problems; // not allowed to install it: the invariants above are what can be checked
    }
  }
  const indexes = await sql<{ name: string }[]>`
    SELECT c.relname AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     JOIN pg_am a ON a.oid = c.relam WHERE n.nspname = current_schema() AND a.amname = 'btree'`;
  for (const { name } of indexes) {
    try {
      await sql`SELECT bt_index_check(${name}::regclass, true)`;
    } catch (err) {
      problems.push(`index ${name}: ${(err as Error).message}`);
    }
  }
  return problems;
}
