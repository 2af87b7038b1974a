import type { Migration } from '../migration.js';

/**
 * PostgreSQL's schema: the same versions with the same meaning as SQLite's
 * (`sqlite/migrations.ts`), in PostgreSQL's types (booleans, a DATE for the
 * day of a count; times stay epoch milliseconds, as the contract gives them).
 * No PostgreSQL database predates version 2, so it has no rows to rewrite.
 */
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
    name: 'private by default, effects once, the update journal',
    sql: `
ALTER TABLE unanswered ADD COLUMN place TEXT;
ALTER TABLE unanswered ADD COLUMN event TEXT;
CREATE UNIQUE INDEX unanswered_event ON unanswered (event) WHERE event IS NOT NULL;
CREATE INDEX unanswered_place ON unanswered (place, at);
ALTER TABLE feedback ADD COLUMN seq BIGSERIAL;
CREATE INDEX feedback_topic ON feedback (topic, voter, at);
CREATE TABLE effects (key TEXT PRIMARY KEY, state TEXT NOT NULL, outcome TEXT, at BIGINT NOT NULL);
CREATE INDEX effects_at ON effects (at);
CREATE TABLE journal (surface TEXT NOT NULL, id BIGINT NOT NULL, payload TEXT NOT NULL, attempts INT NOT NULL DEFAULT 0, at BIGINT NOT NULL, PRIMARY KEY (surface, id));`,
  },
  {
    version: 3,
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
CREATE TABLE contexts (conversation TEXT PRIMARY KEY, topic TEXT, lang TEXT, at BIGINT NOT NULL);
CREATE INDEX contexts_at ON contexts (at);
CREATE TABLE kb_models (version TEXT PRIMARY KEY, bytes BYTEA NOT NULL, at BIGINT NOT NULL);
CREATE TABLE processes (id TEXT PRIMARY KEY, version TEXT NOT NULL, seen_at BIGINT NOT NULL);
CREATE TABLE reservations (key TEXT PRIMARY KEY, next BIGINT NOT NULL);`,
  },
  {
    version: 4,
    name: "the curator's desk: inbox states per place, daily counts, reloads",
    sql: `
CREATE TABLE inbox (
  id BIGSERIAL PRIMARY KEY,
  place TEXT NOT NULL DEFAULT '',
  normalized TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'resolved', 'ignored')),
  changed_by TEXT,
  changed_at BIGINT,
  answered_topic TEXT,
  answered_version TEXT,
  answered_at BIGINT,
  UNIQUE (place, normalized)
);
CREATE INDEX unanswered_place_normalized ON unanswered (normalized, place);
INSERT INTO inbox (place, normalized) SELECT coalesce(place, ''), normalized FROM unanswered GROUP BY 1, 2 ORDER BY min(id);
CREATE TABLE daily_counts (
  day DATE NOT NULL,
  surface TEXT NOT NULL,
  lang TEXT NOT NULL,
  topic TEXT NOT NULL,
  outcome TEXT NOT NULL,
  count BIGINT NOT NULL,
  PRIMARY KEY (day, surface, lang, topic, outcome)
);
CREATE TABLE reloads (
  id BIGSERIAL PRIMARY KEY,
  at BIGINT NOT NULL,
  version TEXT,
  topics INT,
  ok BOOLEAN NOT NULL,
  changed BOOLEAN NOT NULL,
  reason TEXT NOT NULL,
  answered_now INT NOT NULL
);
CREATE INDEX reloads_at ON reloads (at);
ALTER TABLE feedback ADD COLUMN lang TEXT NOT NULL DEFAULT 'en';`,
  },
];
