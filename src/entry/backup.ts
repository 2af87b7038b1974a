import { resolve } from 'node:path';
import { settingsOrExit } from '../boot/settings.js';
import { backupDatabase } from '../curator/backup.js';

/**
 * `npm run -s backup -- <file>` (`node dist/entry/backup.js <file>` in production):
 * an online backup of the database at DB_PATH into <file>, safe while the bot runs.
 * Prints the file's path; exits 1 with the reason on failure, 2 on bad usage.
 */
const [target, ...extra] = process.argv.slice(2);
if (!target || extra.length > 0 || target.startsWith('-')) {
  process.stderr.write('usage: npm run -s backup -- <file>   (an online copy of the database at DB_PATH)\n');
  process.exit(2);
}
const { config, logger } = settingsOrExit();
const file = resolve(target);
try {
  const { pages } = await backupDatabase(config.DB_PATH, file);
  logger.info({ from: config.DB_PATH, to: file, pages }, 'database backed up');
  process.stdout.write(`${file}\n`);
} catch (err) {
  process.stderr.write(`Cannot back up the database: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
