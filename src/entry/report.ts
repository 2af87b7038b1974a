import { curatorReport } from '../curator/report.js';
import { openCuratorStore } from '../curator/store.js';
import { settingsOrExit } from '../boot/settings.js';
import { loadOrExit } from '../boot/load-or-exit.js';

/** `npm run -s report [-- --limit N --days D]`: the curator's report on stdout. */
const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  const n = i >= 0 ? Number(args[i + 1]) : fallback;
  return Number.isFinite(n) && n > 0 ? n : fallback;
};
const { config, logger } = settingsOrExit();
const kb = await loadOrExit(config.DATA_DIR);
const store = openCuratorStore({ path: config.DB_PATH, retentionDays: config.RETENTION_DAYS, logger });
store.enforceRetention();
process.stdout.write(`${curatorReport(store, kb, { limit: option('--limit', 20), days: option('--days', 0) || undefined })}\n`);
store.close();
