import { createHmac } from 'node:crypto';
import type Database from 'better-sqlite3';
import { createIdHasher } from '../../core/ids.js';
import { normalizeText } from '../../core/text/normalize.js';
import { redact } from '../../curator/redact.js';
import type { Migration, MigrationContext } from '../migration.js';

/** A SQLite step: its SQL, then (same transaction) a rewrite of the rows already there. */
export interface SqliteMigration extends Migration {
  rewrite?(db: Database.Database, ctx: MigrationContext): void;
}

/**
 * SQLite's schema, step by step. Version 1 is the schema the bot had before
 * migrations existed (hence IF NOT EXISTS: such a file is adopted as version 1).
 * A file migrated by the release that counted versions in PRAGMA user_version
 * (versions 1 and 2 mean the same here) is adopted at that version (see
 * `adoptedVersion` in open-sqlite.ts for the desk branch's version 3).
 */
export const SQLITE_MIGRATIONS: readonly SqliteMigration[] = [
  {
    version: 1,
    name: 'unanswered questions and feedback',
    sql: `
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
CREATE INDEX IF NOT EXISTS feedback_at ON feedback (at);`,
  },
  {
    version: 2,
    name: 'private by default, effects once, the update journal',
    sql: `
ALTER TABLE unanswered ADD COLUMN place TEXT;
ALTER TABLE unanswered ADD COLUMN event TEXT;
CREATE UNIQUE INDEX unanswered_event ON unanswered (event) WHERE event IS NOT NULL;
CREATE INDEX unanswered_place ON unanswered (place, at);
CREATE INDEX feedback_topic ON feedback (topic, voter, at);
CREATE TABLE effects (key TEXT PRIMARY KEY, state TEXT NOT NULL, outcome TEXT, at INTEGER NOT NULL);
CREATE INDEX effects_at ON effects (at);
CREATE TABLE journal (surface TEXT NOT NULL, id INTEGER NOT NULL, payload TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, at INTEGER NOT NULL, PRIMARY KEY (surface, id));`,
    // Rows written before: questions redacted; answer keys that were platform ids ("<chat id>:<message id>") hashed as
    // the adapters hash them now; voters re-keyed under the secret and the salt that lived in this file dropped, so the
    // file alone no longer lets anyone test guesses of user ids against it.
    rewrite(db, { secret }) {
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
        const key = /^-?\d+:\d+$/.test(v.answer_key)
          ? ids.hash('tg-msg', v.answer_key)
          : /\d{5,}/.test(v.answer_key)
            ? ids.hash('legacy-answer', v.answer_key)
            : v.answer_key;
        rekeyVote.run(key, rekey(v.voter), v.rowid);
      }
      db.prepare("DELETE FROM meta WHERE key = 'voter_salt'").run();
    },
  },
  {
    version: 3,
    name: 'shared state and knowledge-base versions',
    sql: `
CREATE TABLE budgets (
  key TEXT PRIMARY KEY,
  tokens REAL NOT NULL,
  updated INTEGER NOT NULL,
  noticed INTEGER NOT NULL,
  decision TEXT NOT NULL
);
CREATE INDEX budgets_updated ON budgets (updated);
CREATE TABLE contexts (conversation TEXT PRIMARY KEY, topic TEXT, lang TEXT, at INTEGER NOT NULL);
CREATE INDEX contexts_at ON contexts (at);
CREATE TABLE kb_models (version TEXT PRIMARY KEY, bytes BLOB NOT NULL, at INTEGER NOT NULL);
CREATE TABLE processes (id TEXT PRIMARY KEY, version TEXT NOT NULL, seen_at INTEGER NOT NULL);
CREATE TABLE reservations (key TEXT PRIMARY KEY, next INTEGER NOT NULL);`,
  },
  {
    version: 4,
    name: "the curator's desk: inbox states per place, daily counts, reloads",
    sql: `
CREATE INDEX IF NOT EXISTS unanswered_place_normalized ON unanswered (normalized, place);
CREATE TABLE IF NOT EXISTS daily_counts (
  day TEXT NOT NULL,
  surface TEXT NOT NULL,
  lang TEXT NOT NULL,
  topic TEXT NOT NULL,
  outcome TEXT NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (day, surface, lang, topic, outcome)
);
CREATE TABLE IF NOT EXISTS reloads (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  version TEXT,
  topics INTEGER,
  ok INTEGER NOT NULL,
  changed INTEGER NOT NULL,
  reason TEXT NOT NULL,
  answered_now INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS reloads_at ON reloads (at);`,
    rewrite: deskInbox,
  },
];

const INBOX = `
CREATE TABLE inbox (
  id INTEGER PRIMARY KEY,
  place TEXT NOT NULL DEFAULT '',
  normalized TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'resolved', 'ignored')),
  changed_by TEXT,
  changed_at INTEGER,
  answered_topic TEXT,
  answered_version TEXT,
  answered_at INTEGER,
  UNIQUE (place, normalized)
);
INSERT INTO inbox (place, normalized) SELECT coalesce(place, ''), normalized FROM unanswered GROUP BY coalesce(place, ''), normalized ORDER BY min(id);`;

/**
 * Version 4's inbox: one group per place and normalised question, filled from the questions already recorded.
 * A file of the desk's branch from before its versions were merged with these (an inbox keyed by the question
 * alone, counts and reloads already there) keeps its states, carried over to every place's group of that question;
 * one from the branch's own version 3 has this inbox already and keeps it as it is.
 */
function deskInbox(db: Database.Database, { secret }: MigrationContext): void {
  const columns = (table: string) => (db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>).map((c) => c.name);
  const before = columns('inbox');
  if (!columns('feedback').includes('lang')) db.exec("ALTER TABLE feedback ADD COLUMN lang TEXT NOT NULL DEFAULT 'en'");
  if (before.includes('place')) return;
  if (!before.length) return void db.exec(INBOX);
  db.exec(`ALTER TABLE inbox RENAME TO inbox_before_places;${INBOX}`);
  // Who changed a state was a hash salted with the salt version 2 dropped: re-keyed under the secret like the voters.
  const rekey = (old: string) => (old === 'desk' ? old : createHmac('sha256', secret).update(`legacy-moderator:${old}`).digest('base64url').slice(0, 22));
  const states = db.prepare('SELECT normalized, state, changed_by AS changedBy, changed_at AS changedAt FROM inbox_before_places').all() as Array<{
    normalized: string;
    state: string;
    changedBy: string | null;
    changedAt: number | null;
  }>;
  const carry = db.prepare('UPDATE inbox SET state = ?, changed_by = ?, changed_at = ? WHERE normalized = ?');
  for (const r of states) carry.run(r.state, r.changedBy === null ? null : rekey(r.changedBy), r.changedAt, r.normalized);
  db.exec("DROP TABLE inbox_before_places; DELETE FROM meta WHERE key = 'schema_version';");
}

export const SQLITE_SCHEMA_VERSION = SQLITE_MIGRATIONS.at(-1)!.version;
