import postgres from 'postgres';
import type { ConversationState, FloodDecision } from '../../core/conversation/ports.js';
import { type ProcessRecord, type StoreBackend, CLAIM_TTL_MS, CONTEXT_TTL_MS, MAX_TEXT } from '../contract.js';
import { voterHasher } from '../voter.js';
import { migratePostgres } from './migrate.js';

export interface PostgresOptions {
  /** postgres://user:password@host:port/database (a secret: never logged). */
  url: string;
  /** Connections in this process's pool. */
  max?: number;
  /** Seconds to wait for a connection before a call fails (the bot then answers without the database). */
  connectTimeoutSeconds?: number;
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
    connection: { application_name: 'partnership-bot', statement_timeout: 5000, lock_timeout: 3000 } as never,
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
  let voter: (platform: string, userId: string) => string;
  try {
    schemaVersion = await migratePostgres(sql);
    await sql`INSERT INTO meta (key, value) VALUES ('voter_salt', ${voterHasher.freshSalt()}) ON CONFLICT (key) DO NOTHING`;
    const [salt] = await sql<{ value: string }[]>`SELECT value FROM meta WHERE key = 'voter_salt'`;
    voter = voterHasher(salt!.value);
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

  return {
    kind: 'postgres',
    schemaVersion,
    async recordUnanswered(r) {
      await sql`INSERT INTO unanswered (at, platform, text, normalized, outcome, guess, confidence, lang)
                VALUES (${r.at}, ${r.platform}, ${r.text.slice(0, MAX_TEXT)}, ${r.normalized.slice(0, MAX_TEXT)}, ${r.outcome}, ${r.guess}, ${r.confidence}, ${r.lang})`;
    },
    async recordVote(v, at) {
      const key = voter(v.platform, v.userId);
      return sql.begin(async (tx) => {
        const inserted = await tx`INSERT INTO feedback (answer_key, voter, platform, topic, vote, at)
                                  VALUES (${v.answerKey}, ${key}, ${v.platform}, ${v.topicId}, ${v.vote}, ${at})
                                  ON CONFLICT (answer_key, voter) DO NOTHING RETURNING 1`;
        if (inserted.count === 1) return 'new' as const;
        // A vote of this user on this answer exists (perhaps committed a moment ago by another process): lock it, then change it.
        const [before] = await tx<{ vote: number }[]>`SELECT vote FROM feedback WHERE answer_key = ${v.answerKey} AND voter = ${key} FOR UPDATE`;
        await tx`UPDATE feedback SET vote = ${v.vote}, topic = ${v.topicId}, at = ${at} WHERE answer_key = ${v.answerKey} AND voter = ${key}`;
        return before?.vote === v.vote ? ('same' as const) : ('changed' as const);
      }) as Promise<'new' | 'same' | 'changed'>;
    },
    async topUnanswered(limit, sinceMs) {
      const rows = await sql<Array<{ normalized: string; count: number; lastSeen: number; example: string; guess: string | null; confidence: number }>>`
        SELECT normalized, count(*)::int AS count, max(at)::float8 AS "lastSeen",
               (SELECT u2.text FROM unanswered u2 WHERE u2.normalized = u.normalized ORDER BY u2.at DESC, u2.id DESC LIMIT 1) AS example,
               (SELECT u3.guess FROM unanswered u3 WHERE u3.normalized = u.normalized GROUP BY u3.guess ORDER BY count(*) DESC, max(u3.at) DESC LIMIT 1) AS guess,
               avg(confidence)::float8 AS confidence
          FROM unanswered u WHERE at >= ${sinceMs} GROUP BY normalized ORDER BY count DESC, "lastSeen" DESC, normalized COLLATE "C" LIMIT ${limit}`;
      return rows.map((r) => ({ ...r }));
    },
    async helpfulness() {
      const rows = await sql<Array<{ topicId: string; up: number; down: number }>>`
        SELECT topic AS "topicId", count(*) FILTER (WHERE vote = 1)::int AS up, count(*) FILTER (WHERE vote = -1)::int AS down
          FROM feedback GROUP BY topic ORDER BY count(*) DESC, topic COLLATE "C"`;
      return rows.map((r) => ({ ...r }));
    },
    async prune(cutoff, now) {
      return sql.begin(async (tx) => {
        const a = await tx`DELETE FROM unanswered WHERE at < ${cutoff}`;
        const b = await tx`DELETE FROM feedback WHERE at < ${cutoff}`;
        await tx`DELETE FROM budgets WHERE updated < ${now - 60 * 60_000}`;
        await tx`DELETE FROM claims WHERE at < ${now - CLAIM_TTL_MS}`;
        await tx`DELETE FROM contexts WHERE at < ${now - CONTEXT_TTL_MS}`;
        return a.count + b.count;
      }) as Promise<number>;
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
    async claim(key, now) {
      const rows = await sql`INSERT INTO claims (key, at) VALUES (${key}, ${now}) ON CONFLICT (key) DO NOTHING RETURNING 1`;
      return rows.count === 1;
    },
    async release(key) {
      await sql`DELETE FROM claims WHERE key = ${key}`;
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
