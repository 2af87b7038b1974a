import type Database from 'better-sqlite3';

/**
 * The store's schema as numbered steps of plain SQL, applied in order once each
 * (the number reached is `meta.schema_version`). Each step is small and written in
 * the SQL both SQLite and PostgreSQL read, so a PostgreSQL store can replay the same
 * list (INTEGER ids become identities there; nothing else differs).
 */
export const MIGRATIONS: readonly string[] = [
  // 1: unanswered questions and votes (the store as it was before versions).
  `CREATE TABLE IF NOT EXISTS unanswered (
     id INTEGER PRIMARY KEY, at INTEGER NOT NULL, platform TEXT NOT NULL, text TEXT NOT NULL, normalized TEXT NOT NULL,
     outcome TEXT NOT NULL, guess TEXT, confidence REAL NOT NULL, lang TEXT NOT NULL);
   CREATE INDEX IF NOT EXISTS unanswered_normalized ON unanswered (normalized);
   CREATE INDEX IF NOT EXISTS unanswered_at ON unanswered (at);
   CREATE TABLE IF NOT EXISTS feedback (
     answer_key TEXT NOT NULL, voter TEXT NOT NULL, platform TEXT NOT NULL, topic TEXT NOT NULL,
     vote INTEGER NOT NULL CHECK (vote IN (-1, 1)), at INTEGER NOT NULL, PRIMARY KEY (answer_key, voter));
   CREATE INDEX IF NOT EXISTS feedback_at ON feedback (at);`,
  // 2: the inbox (one row per normalised question, its state and what a reload found) and the daily counts.
  `CREATE TABLE inbox (
     id INTEGER PRIMARY KEY, normalized TEXT NOT NULL UNIQUE,
     state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'resolved', 'ignored')),
     changed_by TEXT, changed_at INTEGER,
     answered_topic TEXT, answered_version TEXT, answered_at INTEGER);
   INSERT INTO inbox (normalized) SELECT DISTINCT normalized FROM unanswered;
   CREATE TABLE daily_counts (
     day TEXT NOT NULL, surface TEXT NOT NULL, lang TEXT NOT NULL, topic TEXT NOT NULL, outcome TEXT NOT NULL,
     count INTEGER NOT NULL, PRIMARY KEY (day, surface, lang, topic, outcome));
   ALTER TABLE feedback ADD COLUMN lang TEXT NOT NULL DEFAULT 'en';
   CREATE TABLE reloads (
     id INTEGER PRIMARY KEY, at INTEGER NOT NULL, version TEXT, topics INTEGER, ok INTEGER NOT NULL,
     changed INTEGER NOT NULL, reason TEXT NOT NULL, answered_now INTEGER NOT NULL);`,
];

/** Brings a database to the last version; each step in its own transaction. Returns the version reached. */
export function migrate(db: Database.Database): number {
  db.exec('CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
  const row = db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get() as { value: string } | undefined;
  // A database from before versions has the tables of step 1 and no version row.
  let version = row ? Number(row.value) : 0;
  for (let step = version; step < MIGRATIONS.length; step++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[step]!);
      db.prepare("INSERT INTO meta (key, value) VALUES ('schema_version', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(String(step + 1));
    })();
    version = step + 1;
  }
  return version;
}
