import { DataError, formatIssue, loadKnowledgeBase } from '../core/data/load.js';
import type { DataLimits } from '../core/data/limits.js';
import type { KnowledgeBase } from '../core/data/schema.js';

/** Loads the data or exits with status 1, printing each file, field path and reason to stderr. */
export async function loadOrExit(dir: string, limits?: DataLimits): Promise<KnowledgeBase> {
  try {
    return await loadKnowledgeBase(dir, limits ? { limits } : {});
  } catch (err) {
    if (!(err instanceof DataError)) throw err;
    process.stderr.write(`Cannot start: the data under ${dir} is invalid.\n${err.issues.map((i) => `  ${formatIssue(i)}`).join('\n')}\n`);
    process.exit(1);
  }
}
