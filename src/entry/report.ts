import { idHashSecret } from '../boot/id-secret.js';
import { loadOrExit } from '../boot/load-or-exit.js';
import { settingsOrExit } from '../boot/settings.js';
import { parseReportArgs } from '../curator/report-args.js';
import { analyticsCsv, inboxCsv, RECORDING_OFF, reportData, reportText } from '../curator/report.js';
import { StoreUnavailableError } from '../store/desk-access.js';
import { openStore } from '../store/open-store.js';

/**
 * `npm run -s report [-- --limit N --days D --since 2026-01-31|7d --state open|resolved|ignored --lang en|ru|fa
 * --format text|json|csv --table analytics|inbox]`: the curator's report on stdout, from the configured store
 * (PostgreSQL with DATABASE_URL, else SQLite at DB_PATH). A database that cannot answer is an error on stderr
 * (exit 1), never an empty report.
 */
const parsed = parseReportArgs(process.argv.slice(2));
if (!parsed.ok) {
  process.stderr.write(`report: ${parsed.error}\n`);
  process.exit(2);
}
const { options, format, table } = parsed;
const { config, logger } = settingsOrExit();
const kb = await loadOrExit(config.DATA_DIR);
const store = await openStore(config, logger, { secret: idHashSecret(config) });
try {
  await store.enforceRetention();
  const data = await reportData(store, kb, options);
  const out =
    format === 'text'
      ? store.kind === 'off'
        ? RECORDING_OFF
        : reportText(data, kb, options)
      : format === 'json'
        ? JSON.stringify(data, null, 2)
        : (table === 'inbox' ? inboxCsv : analyticsCsv)(data);
  process.stdout.write(`${out}\n`);
} catch (err) {
  if (!(err instanceof StoreUnavailableError)) throw err;
  process.stderr.write(`report: ${err.message}\n`);
  process.exitCode = 1;
} finally {
  await store.close();
}
