import { settingsOrExit } from '../boot/settings.js';
import { idHashSecret } from '../boot/id-secret.js';
import { secretsOf } from '../config.js';
import { scrubSecrets } from '../logger.js';
import { openPostgres } from '../store/postgres/open-postgres.js';
import { openSqlite } from '../store/sqlite/open-sqlite.js';

/**
 * `npm run migrate`: brings the configured database (DATABASE_URL, else
 * DB_PATH) to this release's schema and checks its integrity, then exits:
 * 0 when done and sound, 1 with the reason otherwise. The bot also migrates
 * at start-up; this is for deployments that migrate before rolling out.
 */
const { config } = settingsOrExit();
const where = config.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `SQLite (${config.DB_PATH})`;
if (!config.DATABASE_URL && (!config.DB_PATH || config.DB_PATH === ':memory:')) {
  process.stderr.write('Nothing to migrate: neither DATABASE_URL nor a DB_PATH file is set.\n');
  process.exit(1);
}
try {
  // The id secret re-keys rows an older release wrote (SQLite's migration to version 2); with DATABASE_URL it is ID_HASH_SECRET.
  const secret = idHashSecret(config);
  const store = config.DATABASE_URL
    ? await openPostgres({ url: config.DATABASE_URL, secret })
    : openSqlite({ path: config.DB_PATH, maxMegabytes: config.DB_MAX_MB, secret });
  const problems = await store.integrityCheck();
  await store.close();
  if (problems.length) {
    process.stderr.write(
      `${where}: migrated to schema version ${store.schemaVersion}, but the integrity check found:\n${problems.map((p) => `  ${p}`).join('\n')}\n`,
    );
    process.exit(1);
  }
  process.stdout.write(`${where}: schema version ${store.schemaVersion}, integrity check passed.\n`);
} catch (err) {
  // Said once, plainly, scrubbed like a log line (DATABASE_URL and its password never shown).
  process.stderr.write(scrubSecrets(`${where}: migration failed: ${err instanceof Error ? err.message : String(err)}\n`, secretsOf(config)));
  process.exit(1);
}
