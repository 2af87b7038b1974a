import type { Config } from '../config.js';
import type { Core } from '../core/core.js';
import type { Logger } from '../logger.js';
import { recordUnansweredQuestions } from './record.js';
import { createReloader, describeReload, type BuildKnowledge, type ReloadResult } from './reload.js';
import { curatorReport } from './report.js';
import { openCuratorStore, type Vote, type VoteOutcome } from './store.js';

/**
 * What adapters offer moderators and users beyond questions: /reload,
 * /unanswered and 👍/👎 feedback. Platform-neutral; adapters render the text.
 */
export interface Curator {
  reload(reason: string): Promise<{ result: ReloadResult; text: string }>;
  /** The report, cut to `maxChars` for the platform's message limit. */
  report(maxChars: number): string;
  /** Stores the vote; says whether it was new, changed or the same again (false: not stored). */
  vote(vote: Vote): VoteOutcome | false;
  close(): void;
}

const SIX_HOURS = 6 * 3_600_000;

export function createCurator(config: Config, core: Core, logger: Logger, build?: BuildKnowledge): Curator {
  const store = openCuratorStore({ path: config.DB_PATH, retentionDays: config.RETENTION_DAYS, maxMegabytes: config.DB_MAX_MB, logger });
  store.enforceRetention();
  const retention = setInterval(() => store.enforceRetention(), SIX_HOURS);
  retention.unref();
  const stopRecording = recordUnansweredQuestions(core, store);
  const reloader = createReloader({ dir: config.DATA_DIR, core, logger, watch: config.WATCH_DATA, ...(build ? { build } : {}) });
  return {
    async reload(reason) {
      const result = await reloader.reload(reason);
      return { result, text: describeReload(result) };
    },
    report: (maxChars) => curatorReport(store, core.kb, { limit: 15, maxChars }),
    vote: (v) => store.recordVote(v),
    close() {
      clearInterval(retention);
      stopRecording();
      reloader.close();
      store.close();
    },
  };
}
