import type { Migration } from '../migration.js';

/**
 * SQLite's schema, step by step. Version 1 is the schema the bot had before
 * migrations existed (hence IF NOT EXISTS: such a file is adopted as version 1).
 */
export const SQLITE_MIGRATIONS: readonly Migration[] = [
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
CREATE TABLE claims (key TEXT PRIMARY KEY, at INTEGER NOT NULL);
CREATE INDEX claims_at ON claims (at);
CREATE TABLE contexts (conversation TEXT PRIMARY KEY, topic TEXT, lang TEXT, at INTEGER NOT NULL);
CREATE INDEX contexts_at ON contexts (at);
CREATE TABLE kb_models (version TEXT PRIMARY KEY, bytes BLOB NOT NULL, at INTEGER NOT NULL);
CREATE TABLE processes (id TEXT PRIMARY KEY, version TEXT NOT NULL, seen_at INTEGER NOT NULL);
CREATE TABLE reservations (key TEXT PRIMARY KEY, next INTEGER NOT NULL);`,
  },
];
