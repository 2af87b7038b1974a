import type Database from 'better-sqlite3';
import type { InboxScope } from '../../core/conversation/ports.js';
import { hashedOnly, type StoreBackend } from '../contract.js';
import { type InboxRow, inboxItem } from '../desk-rows.js';
import { ASK_OUTCOMES, type CountedOutcome, dayOf, type OpenQuestion, type ReloadRecord } from '../desk-types.js';

/** The desk's part of the SQLite store, over the open, migrated database (version 4's tables). */
export interface SqliteDesk {
  /** Files a recorded question in its place's group; call inside the recording transaction. */
  file(place: string | undefined, normalized: string): void;
  /** Adds `by` (±1) to a day's count; call inside the caller's transaction. */
  bump(at: number, surface: string, lang: string, topic: string, outcome: CountedOutcome, by: number): void;
  /** Removes reloads older than `cutoff` and groups whose questions retention deleted; call inside the pruning transaction. */
  prune(cutoff: number): void;
  methods: Pick<StoreBackend, 'recordAsks' | 'inbox' | 'inboxItem' | 'setState' | 'openQuestions' | 'markAnswered' | 'analytics' | 'recordReload' | 'reloads'>;
}

/** The questions of one inbox group: its normalised form, asked in its place ('' for none). */
const OF_GROUP = (u: string) => `${u}.normalized = i.normalized AND coalesce(${u}.place, '') = i.place`;
const INBOX_SELECT = `
  SELECT i.id, i.normalized, i.state, i.changed_by AS changedBy, i.changed_at AS changedAt,
         i.answered_topic AS answeredTopic, i.answered_version AS answeredVersion, i.answered_at AS answeredAt,
         count(u.id) AS count, min(u.at) AS firstSeen, max(u.at) AS lastSeen, avg(u.confidence) AS confidence,
         group_concat(DISTINCT u.lang) AS langs, group_concat(DISTINCT u.platform) AS surfaces,
         (SELECT u2.text FROM unanswered u2 WHERE ${OF_GROUP('u2')} ORDER BY u2.at DESC, u2.id DESC LIMIT 1) AS example,
         (SELECT u3.guess FROM unanswered u3 WHERE ${OF_GROUP('u3')} GROUP BY u3.guess ORDER BY count(*) DESC, max(u3.at) DESC LIMIT 1) AS guess
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

export function sqliteDesk(db: Database.Database): SqliteDesk {
  const q = {
    // A group asked again unanswered: a resolved one reopens, and an "answered now" mark is stale.
    file: db.prepare(
      `INSERT INTO inbox (place, normalized) VALUES (?, ?) ON CONFLICT (place, normalized) DO UPDATE SET
         state = CASE WHEN inbox.state = 'resolved' THEN 'open' ELSE inbox.state END,
         answered_topic = NULL, answered_version = NULL, answered_at = NULL`,
    ),
    bump: db.prepare(
      `INSERT INTO daily_counts (day, surface, lang, topic, outcome, count) VALUES (@day, @surface, @lang, @topic, @outcome, @by)
       ON CONFLICT (day, surface, lang, topic, outcome) DO UPDATE SET count = daily_counts.count + excluded.count`,
    ),
    seen: db.prepare("INSERT INTO effects (key, state, outcome, at) VALUES (?, 'done', NULL, ?) ON CONFLICT (key) DO NOTHING"),
    inbox: db.prepare(
      `${INBOX_SELECT} WHERE (@state IS NULL OR i.state = @state) AND ${IN_SCOPE} GROUP BY i.id
       HAVING max(u.at) >= @since AND (@lang IS NULL OR sum(CASE WHEN u.lang = @lang THEN 1 ELSE 0 END) > 0)
       ORDER BY count DESC, lastSeen DESC, i.id LIMIT @limit`,
    ),
    item: db.prepare(`${INBOX_SELECT} WHERE i.id = @id AND ${IN_SCOPE} GROUP BY i.id`),
    setState: db.prepare(`UPDATE inbox SET state = @state, changed_by = @by, changed_at = @at WHERE id = @id AND ${IN_SCOPE.replaceAll('i.', '')}`),
    open: db.prepare(
      `SELECT i.id, u.text, u.lang FROM inbox i JOIN unanswered u ON u.id =
         (SELECT u2.id FROM unanswered u2 WHERE ${OF_GROUP('u2')} ORDER BY u2.at DESC, u2.id DESC LIMIT 1)
        WHERE i.state = 'open' ORDER BY i.id`,
    ),
    mark: db.prepare('UPDATE inbox SET answered_topic = ?, answered_version = ?, answered_at = ? WHERE id = ?'),
    analytics: db.prepare(ANALYTICS),
    reload: db.prepare(
      'INSERT INTO reloads (at, version, topics, ok, changed, reason, answered_now) VALUES (@at, @version, @topics, @ok, @changed, @reason, @answeredNow)',
    ),
    reloads: db.prepare('SELECT at, version, topics, ok, changed, reason, answered_now AS answeredNow FROM reloads ORDER BY at DESC, id DESC LIMIT ?'),
    pruneInbox: db.prepare(`DELETE FROM inbox AS i WHERE NOT EXISTS (SELECT 1 FROM unanswered u WHERE ${OF_GROUP('u')})`),
    pruneReloads: db.prepare('DELETE FROM reloads WHERE at < ?'),
  };
  const bump: SqliteDesk['bump'] = (at, surface, lang, topic, outcome, by) => void q.bump.run({ day: dayOf(at), surface, lang, topic, outcome, by });
  const asks = db.transaction((events: Parameters<StoreBackend['recordAsks']>[0]) => {
    for (const e of events) {
      // Counted once per event: the effect row is the mark (retention removes both in time).
      if (e.event && q.seen.run(`ask:${e.event}`, e.at).changes === 0) continue;
      bump(e.at, e.surface, e.lang, e.topic, e.outcome, 1);
    }
  });
  const mark = db.transaction((results: Parameters<StoreBackend['markAnswered']>[0], version: string, at: number) => {
    let answered = 0;
    for (const { id, topic } of results) {
      q.mark.run(topic, topic ? version : null, topic ? at : null, id);
      if (topic) answered += 1;
    }
    return answered;
  });

  return {
    file: (place, normalized) => void q.file.run(place ?? '', normalized),
    bump,
    prune(cutoff) {
      q.pruneInbox.run();
      q.pruneReloads.run(cutoff);
    },
    methods: {
      async recordAsks(events) {
        for (const e of events) hashedOnly('an event', e.event);
        asks.immediate(events);
      },
      async inbox(filter = {}) {
        const rows = q.inbox.all({
          state: filter.state ?? null,
          since: filter.since ?? 0,
          lang: filter.lang ?? null,
          limit: filter.limit ?? -1,
          place: placeOf(filter.scope),
        }) as InboxRow[];
        return rows.map(inboxItem);
      },
      async inboxItem(id, scope) {
        const row = q.item.get({ id, place: placeOf(scope) }) as InboxRow | undefined;
        return row ? inboxItem(row) : undefined;
      },
      async setState(id, state, by, at, scope) {
        hashedOnly('a moderator', by.user);
        return q.setState.run({ state, by: by.user, at, id, place: placeOf(scope) }).changes === 1;
      },
      async openQuestions() {
        return q.open.all() as OpenQuestion[];
      },
      async markAnswered(results, version, at) {
        return mark.immediate(results, version, at);
      },
      async analytics(filter = {}) {
        return q.analytics.all({
          since: filter.since === undefined ? '' : dayOf(filter.since),
          lang: filter.lang ?? null,
          surface: filter.surface ?? null,
        }) as never;
      },
      async recordReload(r) {
        q.reload.run({ ...r, ok: r.ok ? 1 : 0, changed: r.changed ? 1 : 0 });
      },
      async reloads(limit) {
        const rows = q.reloads.all(limit) as Array<Omit<ReloadRecord, 'ok' | 'changed'> & { ok: number; changed: number }>;
        return rows.map((r) => ({ ...r, ok: r.ok === 1, changed: r.changed === 1 }));
      },
    },
  };
}
