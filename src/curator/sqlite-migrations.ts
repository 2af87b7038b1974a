import { createHmac } from 'node:crypto';
import type Database from 'better-sqlite3';
import { createIdHasher } from '../core/ids.js';
import { normalizeText } from '../core/text/normalize.js';
import { redact } from './redact.js';

/**
 * The SQLite schema, one version per step (PRAGMA user_version). Versions
 * never change once released; another backend keeps the same versions with
 * the same meaning. Each step runs in one immediate transaction that
 * re-reads the version first, so processes starting together migrate once.
 */
export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database, ctx: MigrationContext): void;
}

export interface MigrationContext {
  /** The id-hashing secret (kept outside the database). */
  secret: string | Buffer;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'unanswered questions and feedback',
    up(db) {
      db.exec(`
        CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS unanswered (
          id INTEGER PRIMARY KEY, at INTEGER NOT NULL, platform TEXT NOT NULL, text TEXT NOT NULL, normalized TEXT NOT NULL,
          outcome TEXT NOT NULL, guess TEXT, confidence REAL NOT NULL, lang TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS unanswered_normalized ON unanswered (normalized);
        CREATE INDEX IF NOT EXISTS unanswered_at ON unanswered (at);
        CREATE TABLE IF NOT EXISTS feedback (
          answer_key TEXT NOT NULL, voter TEXT NOT NULL, platform TEXT NOT NULL, topic TEXT NOT NULL,
          vote INTEGER NOT NULL CHECK (vote IN (-1, 1)), at INTEGER NOT NULL, PRIMARY KEY (answer_key, voter)
        );
        CREATE INDEX IF NOT EXISTS feedback_at ON feedback (at);
      `);
    },
  },
  {
    version: 2,
    name: 'private by default, effects once, the update journal',
    up(db, { secret }) {
      db.exec(`
        ALTER TABLE unanswered ADD COLUMN place TEXT;
        ALTER TABLE unanswered ADD COLUMN event TEXT;
        CREATE UNIQUE INDEX unanswered_event ON unanswered (event) WHERE event IS NOT NULL;
        CREATE INDEX unanswered_place ON unanswered (place, at);
        CREATE INDEX feedback_topic ON feedback (topic, voter, at);
        CREATE TABLE effects (key TEXT PRIMARY KEY, state TEXT NOT NULL, outcome TEXT, at INTEGER NOT NULL);
        CREATE INDEX effects_at ON effects (at);
        CREATE TABLE journal (surface TEXT NOT NULL, id INTEGER NOT NULL, payload TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, at INTEGER NOT NULL, PRIMARY KEY (surface, id));
      `);
      // Rows written before: questions redacted; answer keys that were platform ids ("<chat id>:<message id>") hashed as
      // the adapters hash them now; voters re-keyed under the secret and the salt that lived in this file dropped, so the
      // file alone no longer lets anyone test guesses of user ids against it.
      const ids = createIdHasher(secret);
      const rekey = (old: string) => createHmac('sha256', secret).update(`legacy-voter:${old}`).digest('base64url').slice(0, 22);
      const rows = db.prepare('SELECT id, text FROM unanswered').all() as Array<{ id: number; text: string }>;
      const update = db.prepare('UPDATE unanswered SET text = ?, normalized = ? WHERE id = ?');
      // The normalised form again from the redacted text (normalising had split addresses into plain words).
      for (const r of rows) {
        const text = redact(r.text);
        update.run(text, normalizeText(text), r.id);
      }
      const votes = db.prepare('SELECT rowid, answer_key, voter FROM feedback').all() as Array<{ rowid: number; answer_key: string; voter: string }>;
      const rekeyVote = db.prepare('UPDATE OR REPLACE feedback SET answer_key = ?, voter = ? WHERE rowid = ?');
      for (const v of votes) {
        const key = /^-?\d+:\d+$/.test(v.answer_key) ? ids.hash('tg-msg', v.answer_key) : /\d{5,}/.test(v.answer_key) ? ids.hash('legacy-answer', v.answer_key) : v.answer_key;
        rekeyVote.run(key, rekey(v.voter), v.rowid);
      }
      db.prepare("DELETE FROM meta WHERE key = 'voter_salt'").run();
    },
  },
  {
    version: 3,
    name: "the curator's desk: inbox states per place, daily counts, reloads",
    up(db, { secret }) {
      const has = (table: string) => db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) !== undefined;
      // A database from the desk's branch before the versions were merged (meta.schema_version) has an inbox keyed by
      // the question alone, the counts, the reloads and feedback.lang already: its states are carried over per place.
      const earlier = has('inbox');
      if (earlier) db.exec('ALTER TABLE inbox RENAME TO inbox_before_places');
      db.exec(`
        CREATE TABLE inbox (
          id INTEGER PRIMARY KEY, place TEXT NOT NULL DEFAULT '', normalized TEXT NOT NULL,
          state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'resolved', 'ignored')),
          changed_by TEXT, changed_at INTEGER, answered_topic TEXT, answered_version TEXT, answered_at INTEGER,
          UNIQUE (place, normalized));
        CREATE INDEX unanswered_place_normalized ON unanswered (normalized, place);
        INSERT INTO inbox (place, normalized) SELECT coalesce(place, ''), normalized FROM unanswered GROUP BY coalesce(place, ''), normalized ORDER BY min(id);
        CREATE TABLE IF NOT EXISTS daily_counts (
          day TEXT NOT NULL, surface TEXT NOT NULL, lang TEXT NOT NULL, topic TEXT NOT NULL, outcome TEXT NOT NULL,
          count INTEGER NOT NULL, PRIMARY KEY (day, surface, lang, topic, outcome));
        CREATE TABLE IF NOT EXISTS reloads (
          id INTEGER PRIMARY KEY, at INTEGER NOT NULL, version TEXT, topics INTEGER, ok INTEGER NOT NULL,
          changed INTEGER NOT NULL, reason TEXT NOT NULL, answered_now INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS reloads_at ON reloads (at);
      `);
      const columns = db.prepare('PRAGMA table_info(feedback)').all() as Array<{ name: string }>;
      if (!columns.some((c) => c.name === 'lang')) db.exec("ALTER TABLE feedback ADD COLUMN lang TEXT NOT NULL DEFAULT 'en'");
      if (earlier) {
        // Who changed a state was a hash salted with the salt version 2 dropped: re-keyed under the secret like the voters.
        const rekey = (old: string) => (old === 'desk' ? old : createHmac('sha256', secret).update(`legacy-moderator:${old}`).digest('base64url').slice(0, 22));
        const before = db.prepare('SELECT normalized, state, changed_by AS changedBy, changed_at AS changedAt FROM inbox_before_places').all() as Array<{
          normalized: string;
          state: string;
          changedBy: string | null;
          changedAt: number | null;
        }>;
        const carry = db.prepare('UPDATE inbox SET state = ?, changed_by = ?, changed_at = ? WHERE normalized = ?');
        for (const r of before) carry.run(r.state, r.changedBy === null ? null : rekey(r.changedBy), r.changedAt, r.normalized);
        db.exec("DROP TABLE inbox_before_places; DELETE FROM meta WHERE key = 'schema_version';");
      }
    },
  },
];

export const SCHEMA_VERSION = MIGRATIONS.at(-1)!.version;

/** The database was migrated by a newer release: refuse to run on a schema this one does not know. */
export class SchemaTooNewError extends Error {}

/** Brings the database to SCHEMA_VERSION; returns the versions applied. */
export function migrate(db: Database.Database, ctx: MigrationContext): number[] {
  const version = () => Number(db.pragma('user_version', { simple: true }));
  if (version() > SCHEMA_VERSION) {
    throw new SchemaTooNewError(`the database is at schema version ${version()}; this release knows up to ${SCHEMA_VERSION}: upgrade the bot or restore a backup`);
  }
  const applied: number[] = [];
  for (const m of MIGRATIONS) {
    db.transaction(() => {
      if (version() >= m.version) return;
      m.up(db, ctx);
      db.pragma(`user_version = ${m.version}`);
      applied.push(m.version);
    }).immediate();
  }
  return applied;
}
