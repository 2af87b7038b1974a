/**
 * One schema step. Versions are consecutive from 1 and never change once
 * released: a new table or column is a new migration. Each backend keeps its
 * own list (their SQL dialects differ) with the same versions and meaning, so
 * the contract suite holds for both at every version.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** What a migration's data step may need: the id-hashing secret (kept outside the database). */
export interface MigrationContext {
  secret: string | Buffer;
}

/** The database was migrated by a newer release than this one: refuse to run on a schema we do not know. */
export class SchemaTooNewError extends Error {
  constructor(found: number, known: number) {
    super(`the database schema is at version ${found}, this release knows up to ${known}: upgrade the bot (or restore a backup)`);
    this.name = 'SchemaTooNewError';
  }
}

/** The migrations after `current`, in order; throws when the database is ahead of the list. */
export function pending(migrations: readonly Migration[], current: number): Migration[] {
  const known = migrations.at(-1)?.version ?? 0;
  if (current > known) throw new SchemaTooNewError(current, known);
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration ${m.name} has version ${m.version}, expected ${i + 1}`);
  });
  return migrations.filter((m) => m.version > current);
}
