import type postgres from 'postgres';
import type { InboxScope } from '../../core/conversation/ports.js';
import { hashedOnly, type StoreBackend } from '../contract.js';
import { type InboxRow, inboxItem } from '../desk-rows.js';
import { ASK_OUTCOMES, type CountedOutcome, dayOf, type OpenQuestion, type ReloadRecord } from '../desk-types.js';

type Tx = postgres.TransactionSql;

/** One change to a day's count. */
export interface Bump {
  at: number;
  surface: string;
  lang: string;
  topic: string;
  outcome: CountedOutcome;
  by: number;
}

/**
 * Adds to the daily counts in one statement, the changes to one row summed first and the rows in key order, so
 * that processes counting at once lock rows in the same order (no deadlock) and each addition is atomic.
 */
export async function bumpCounts(tx: Tx, bumps: readonly Bump[]): Promise<void> {
  const sums = new Map<string, { key: [string, string, string, string, string]; by: number }>();
  for (const b of bumps) {
    const key: [string, string, string, string, string] = [dayOf(b.at), b.surface, b.lang, b.topic, b.outcome];
    const id = JSON.stringify(key);
    sums.set(id, { key, by: (sums.get(id)?.by ?? 0) + b.by });
  }
  const rows = [...sums.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
  if (!rows.length) return;
  const column = (i: number) => rows.map((r) => r.key[i]!);
  await tx`
    INSERT INTO daily_counts AS d (day, surface, lang, topic, outcome, count)
    SELECT * FROM unnest(${column(0)}::date[], ${column(1)}::text[], ${column(2)}::text[], ${column(3)}::text[], ${column(4)}::text[], ${rows.map((r) => r.by)}::bigint[])
    ON CONFLICT (day, surface, lang, topic, outcome) DO UPDATE SET count = d.count + excluded.count`;
}

/**
 * The statement that files recorded questions (`rows`: place and normalized) in their places' groups: a new group
 * opens, a resolved one asked again reopens, an "answered now" mark is stale.
 */
export const fileInInbox = (sql: postgres.Sql, rows: postgres.PendingQuery<postgres.Row[]>) => sql`
  INSERT INTO inbox AS i (place, normalized) ${rows}
  ON CONFLICT (place, normalized) DO UPDATE SET
    state = CASE WHEN i.state = 'resolved' THEN 'open' ELSE i.state END,
    answered_topic = NULL, answered_version = NULL, answered_at = NULL`;

/** Reloads older than `cutoff`, and groups whose questions retention deleted; inside the pruning transaction. */
export async function pruneDesk(tx: Tx, cutoff: number): Promise<void> {
  await tx`DELETE FROM inbox i WHERE NOT EXISTS (SELECT 1 FROM unanswered u WHERE u.normalized = i.normalized AND coalesce(u.place, '') = i.place)`;
  await tx`DELETE FROM reloads WHERE at < ${cutoff}`;
}

const placeOf = (scope: InboxScope = { all: true }) => ('all' in scope ? null : scope.place);

/** The desk's reads and writes over PostgreSQL: the same answers as SQLite's (`sqlite/desk.ts`), for any number of processes. */
export function postgresDesk(
  sql: postgres.Sql,
): Pick<StoreBackend, 'recordAsks' | 'inbox' | 'inboxItem' | 'setState' | 'openQuestions' | 'markAnswered' | 'analytics' | 'recordReload' | 'reloads'> {
  /** Groups with their questions (u: the group's questions, u2/u3: its latest wording and most frequent guess). */
  const groups = (
    where: postgres.PendingQuery<postgres.Row[]>,
    having: postgres.PendingQuery<postgres.Row[]>,
    tail: postgres.PendingQuery<postgres.Row[]>,
  ) => sql<InboxRow[]>`
    SELECT i.id::float8 AS id, i.normalized, i.state, i.changed_by AS "changedBy", i.changed_at::float8 AS "changedAt",
           i.answered_topic AS "answeredTopic", i.answered_version AS "answeredVersion", i.answered_at::float8 AS "answeredAt",
           count(u.id)::int AS count, min(u.at)::float8 AS "firstSeen", max(u.at)::float8 AS "lastSeen", avg(u.confidence)::float8 AS confidence,
           string_agg(DISTINCT u.lang, ',') AS langs, string_agg(DISTINCT u.platform, ',') AS surfaces,
           (SELECT u2.text FROM unanswered u2 WHERE u2.normalized = i.normalized AND coalesce(u2.place, '') = i.place
             ORDER BY u2.at DESC, u2.id DESC LIMIT 1) AS example,
           (SELECT u3.guess FROM unanswered u3 WHERE u3.normalized = i.normalized AND coalesce(u3.place, '') = i.place
             GROUP BY u3.guess ORDER BY count(*) DESC, max(u3.at) DESC LIMIT 1) AS guess
      FROM inbox i JOIN unanswered u ON u.normalized = i.normalized AND coalesce(u.place, '') = i.place
     WHERE ${where} GROUP BY i.id ${having} ${tail}`;

  return {
    async recordAsks(events) {
      for (const e of events) hashedOnly('an event', e.event);
      // A second copy of one event in a batch is the same update again: counted once.
      const seen = new Set<string>();
      const batch = events.filter((e) => !e.event || (!seen.has(e.event) && Boolean(seen.add(e.event))));
      if (!batch.length) return;
      const keys = batch.map((e) => (e.event ? `ask:${e.event}` : null));
      // One statement, no transaction of the client's (docs/scaling.md, "Known limit"): each event's mark in `effects`
      // (kept until retention), then one addition per day and key for the counts not marked before, rows in key
      // order so that processes counting at once lock them in the same order.
      await sql`
        WITH fresh AS (
          INSERT INTO effects (key, state, outcome, at)
          SELECT key, 'done', NULL, at FROM unnest(${keys}::text[], ${batch.map((e) => e.at)}::bigint[]) AS e(key, at) WHERE key IS NOT NULL ORDER BY key
          ON CONFLICT (key) DO NOTHING RETURNING key
        )
        INSERT INTO daily_counts AS d (day, surface, lang, topic, outcome, count)
        SELECT day, surface, lang, topic, outcome, count(*)
          FROM unnest(${batch.map((e) => dayOf(e.at))}::date[], ${batch.map((e) => e.surface)}::text[], ${batch.map((e) => e.lang)}::text[],
                      ${batch.map((e) => e.topic)}::text[], ${batch.map((e) => e.outcome)}::text[], ${keys}::text[]) AS e(day, surface, lang, topic, outcome, key)
         WHERE e.key IS NULL OR e.key IN (SELECT key FROM fresh)
         GROUP BY day, surface, lang, topic, outcome ORDER BY day, surface, lang, topic, outcome
        ON CONFLICT (day, surface, lang, topic, outcome) DO UPDATE SET count = d.count + excluded.count`;
    },
    async inbox(filter = {}) {
      const place = placeOf(filter.scope);
      const state = filter.state ?? null;
      const lang = filter.lang ?? null;
      const rows = await groups(
        sql`(${state}::text IS NULL OR i.state = ${state}) AND (${place}::text IS NULL OR i.place = ${place})`,
        sql`HAVING max(u.at) >= ${filter.since ?? 0} AND (${lang}::text IS NULL OR count(*) FILTER (WHERE u.lang = ${lang}) > 0)`,
        sql`ORDER BY count DESC, "lastSeen" DESC, i.id ${filter.limit === undefined ? sql`` : sql`LIMIT ${filter.limit}`}`,
      );
      return rows.map(inboxItem);
    },
    async inboxItem(id, scope) {
      const place = placeOf(scope);
      const [row] = await groups(sql`i.id = ${id} AND (${place}::text IS NULL OR i.place = ${place})`, sql``, sql``);
      return row ? inboxItem(row) : undefined;
    },
    async setState(id, state, by, at, scope) {
      hashedOnly('a moderator', by.user);
      const place = placeOf(scope);
      const done = await sql`UPDATE inbox SET state = ${state}, changed_by = ${by.user}, changed_at = ${at}
                             WHERE id = ${id} AND (${place}::text IS NULL OR place = ${place})`;
      return done.count === 1;
    },
    async openQuestions() {
      const rows = await sql<OpenQuestion[]>`
        SELECT i.id::float8 AS id, u.text, u.lang FROM inbox i JOIN unanswered u ON u.id =
          (SELECT u2.id FROM unanswered u2 WHERE u2.normalized = i.normalized AND coalesce(u2.place, '') = i.place ORDER BY u2.at DESC, u2.id DESC LIMIT 1)
         WHERE i.state = 'open' ORDER BY i.id`;
      return rows.map((r) => ({ ...r }));
    },
    async markAnswered(results, version, at) {
      if (!results.length) return 0;
      const ids = results.map((r) => r.id);
      const topics = results.map((r) => r.topic);
      // One statement for the whole recheck: every mark set or cleared at once.
      await sql`
        UPDATE inbox AS i SET answered_topic = r.topic,
               answered_version = CASE WHEN r.topic IS NULL THEN NULL ELSE ${version} END,
               answered_at = CASE WHEN r.topic IS NULL THEN NULL ELSE ${at}::bigint END
          FROM unnest(${ids}::bigint[], ${topics}::text[]) AS r(id, topic) WHERE i.id = r.id`;
      return topics.filter(Boolean).length;
    },
    async analytics(filter = {}) {
      const since = filter.since === undefined ? null : dayOf(filter.since);
      const lang = filter.lang ?? null;
      const surface = filter.surface ?? null;
      const count = (outcome: CountedOutcome) => sql`coalesce(sum(count) FILTER (WHERE outcome = ${outcome}), 0)::int`;
      const rows = await sql`
        SELECT to_char(day, 'YYYY-MM-DD') AS day, surface, lang, topic,
               coalesce(sum(count) FILTER (WHERE outcome IN ${sql([...ASK_OUTCOMES])}), 0)::int AS asked,
               ${count('answered')} AS answered, ${count('did-you-mean')} AS "didYouMean", ${count('declined')} AS declined,
               ${count('small-talk')} AS "smallTalk", ${count('up')} AS up, ${count('down')} AS down
          FROM daily_counts
         WHERE (${since}::date IS NULL OR day >= ${since}::date) AND (${lang}::text IS NULL OR lang = ${lang}) AND (${surface}::text IS NULL OR surface = ${surface})
         GROUP BY day, surface, lang, topic ORDER BY day, surface COLLATE "C", lang COLLATE "C", topic COLLATE "C"`;
      return rows.map((r) => ({ ...r })) as never;
    },
    async recordReload(r) {
      await sql`INSERT INTO reloads (at, version, topics, ok, changed, reason, answered_now)
                VALUES (${r.at}, ${r.version}, ${r.topics}, ${r.ok}, ${r.changed}, ${r.reason}, ${r.answeredNow})`;
    },
    async reloads(limit) {
      const rows = await sql<ReloadRecord[]>`
        SELECT at::float8 AS at, version, topics, ok, changed, reason, answered_now AS "answeredNow" FROM reloads ORDER BY at DESC, id DESC LIMIT ${limit}`;
      return rows.map((r) => ({ ...r }));
    },
  };
}
