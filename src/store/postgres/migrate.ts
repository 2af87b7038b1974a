import type postgres from 'postgres';
import { pending } from '../migration.js';
import { POSTGRES_MIGRATIONS } from './migrations.js';

/** Any fixed number: the advisory lock that serialises migrations of one database. */
const MIGRATION_LOCK = 7_415_015;

/**
 * Applies the migrations the database lacks, in one transaction under an
 * advisory lock: processes starting at once take turns, and the second finds
 * nothing left to do. Returns the schema version.
 */
export async function migratePostgres(sql: postgres.Sql): Promise<number> {
  await sql.begin(async (tx) => {
    await tx`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`;
    await tx`CREATE TABLE IF NOT EXISTS schema_migrations (version INT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)`;
    const [row] = await tx<{ v: number }[]>`SELECT coalesce(max(version), 0)::int AS v FROM schema_migrations`;
    for (const m of pending(POSTGRES_MIGRATIONS, row?.v ?? 0)) {
      await tx.unsafe(m.sql);
      await tx`INSERT INTO schema_migrations (version, name, applied_at) VALUES (${m.version}, ${m.name}, ${Date.now()})`;
    }
  });
  return POSTGRES_MIGRATIONS.at(-1)?.version ?? 0;
}
