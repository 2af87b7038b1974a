import { settingsOrExit } from '../boot/settings.js';
import { idHashSecret } from '../boot/id-secret.js';
import { loadOrExit } from '../boot/load-or-exit.js';
import { curatorReport } from '../curator/report.js';
import { openStore } from '../store/open-store.js';

/** `npm run -s report [-- --limit N --days D]`: the curator's report on stdout, from the configured store (SQLite or PostgreSQL). */
const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  const n = i >= 0 ? Number(args[i + 1]) : fallback;
  return Number.isFinite(n) && n > 0 ? n : fallback;
};
const { config, logger } = settingsOrExit();
const kb = await loadOrExit(config.DATA_DIR);
const store = await openStore(config, logger, { secret: idHashSecret(config) });
await store.enforceRetention();
process.stdout.write(`${await curatorReport(store, kb, { limit: option('--limit', 20), days: option('--days', 0) || undefined })}\n`);
await store.close();
