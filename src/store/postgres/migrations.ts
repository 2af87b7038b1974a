import type { Migration } from '../migration.js';

/** PostgreSQL's schema: the same versions as SQLite's (`sqlite/migrations.ts`), in PostgreSQL's types. */
export const POSTGRES_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'unanswered questions and feedback',
    sql: `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE unanswered (
  id BIGSERIAL PRIMARY KEY,
  at BIGINT NOT NULL,
  platform TEXT NOT NULL,
  text TEXT NOT NULL,
  normalized TEXT NOT NULL,
  outcome TEXT NOT NULL,
  guess TEXT,
  confidence DOUBLE PRECISION NOT NULL,
  lang TEXT NOT NULL
);
CREATE INDEX unanswered_normalized ON unanswered (normalized);
CREATE INDEX unanswered_at ON unanswered (at);
CREATE TABLE feedback (
  answer_key TEXT NOT NULL,
  voter TEXT NOT NULL,
  platform TEXT NOT NULL,
  topic TEXT NOT NULL,
  vote SMALLINT NOT NULL CHECK (vote IN (-1, 1)),
  at BIGINT NOT NULL,
  PRIMARY KEY (answer_key, voter)
);
CREATE INDEX feedback_at ON feedback (at);`,
  },
  {
    version: 2,
    name: 'shared state and knowledge-base versions',
    sql: `
CREATE TABLE budgets (
  key TEXT PRIMARY KEY,
  tokens DOUBLE PRECISION NOT NULL,
  updated BIGINT NOT NULL,
  noticed BOOLEAN NOT NULL,
  decision TEXT NOT NULL
);
CREATE INDEX budgets_updated ON budgets (updated);
CREATE TABLE claims (key TEXT PRIMARY KEY, at BIGINT NOT NULL);
CREATE INDEX claims_at ON claims (at);
CREATE TABLE contexts (conversation TEXT PRIMARY KEY, topic TEXT, lang TEXT, at BIGINT NOT NULL);
CREATE INDEX contexts_at ON contexts (at);
CREATE TABLE kb_models (version TEXT PRIMARY KEY, bytes BYTEA NOT NULL, at BIGINT NOT NULL);
CREATE TABLE processes (id TEXT PRIMARY KEY, version TEXT NOT NULL, seen_at BIGINT NOT NULL);
CREATE TABLE reservations (key TEXT PRIMARY KEY, next BIGINT NOT NULL);`,
  },
];
