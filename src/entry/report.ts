import { idHashSecret } from '../boot/id-secret.js';
import { settingsOrExit } from '../boot/settings.js';
import { loadOrExit } from '../boot/load-or-exit.js';
import { parseReportArgs } from '../curator/report-args.js';
import { analyticsCsv, curatorReport, inboxCsv, reportData } from '../curator/report.js';
import { openCuratorStore } from '../curator/store.js';

/**
 * `npm run -s report [-- --limit N --days D --since 2026-01-31|7d --state open|resolved|ignored --lang en|ru|fa
 * --format text|json|csv --table analytics|inbox]`: the curator's report on stdout.
 */
const parsed = parseReportArgs(process.argv.slice(2));
if (!parsed.ok) {
  process.stderr.write(`report: ${parsed.error}\n`);
  process.exit(2);
}
const { options, format, table } = parsed;
const { config, logger } = settingsOrExit();
const kb = await loadOrExit(config.DATA_DIR);
const store = openCuratorStore({ path: config.DB_PATH, retentionDays: config.RETENTION_DAYS, logger, secret: idHashSecret(config) });
store.enforceRetention();
const out =
  format === 'text'
    ? curatorReport(store, kb, options)
    : format === 'json'
      ? JSON.stringify(reportData(store, kb, options), null, 2)
      : (table === 'inbox' ? inboxCsv : analyticsCsv)(reportData(store, kb, options));
process.stdout.write(`${out}\n`);
store.close();
