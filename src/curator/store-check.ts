import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ProbeReply, ProbeRequest } from './store-probe.js';
import { storePathProblem } from './store-path.js';

/** The probe's entry: compiled, the probe itself on plain node (the production build has no tsx); under tsx the `.mjs` that registers tsx in the child. */
const PROBE = import.meta.url.endsWith('.ts') ? new URL('./store-probe-entry.mjs', import.meta.url) : new URL('./store-probe.js', import.meta.url);

/** The database could not be opened: `message` says why, naming DB_PATH (never a secret). */
export class StoreOpenError extends Error {
  override name = 'StoreOpenError';
}

export interface CheckStoreOptions {
  path: string;
  maxMegabytes: number;
  secret: string | Buffer;
  /** How long opening (creating, migrating) may take. */
  timeoutMs: number;
}

/**
 * Checks that the SQLite database can be opened, or rejects with a
 * StoreOpenError saying why, within `timeoutMs`: the path is checked first (a
 * regular file on a real filesystem), then a child process opens and migrates
 * it once; one that does not answer in time (SQLite stuck in a pseudo-file, a
 * lock never released) is killed and the check fails, so the bot can stop with
 * a clear error instead of hanging. Only then is it opened in this process.
 */
export async function checkStoreOpens(opts: CheckStoreOptions): Promise<void> {
  const problem = storePathProblem(opts.path);
  if (problem) throw new StoreOpenError(`DB_PATH: ${problem}`);
  const secret = Buffer.from(opts.secret).toString('base64');
  const request: ProbeRequest = { path: opts.path, secret, ...(opts.maxMegabytes ? { maxMegabytes: opts.maxMegabytes } : {}) };
  const reply = await new Promise<ProbeReply>((resolve, reject) => {
    // No inherited --import preloads: the entry registers what it needs. The secret goes over IPC, never in argv or env.
    const child = fork(fileURLToPath(PROBE), [], { execArgv: [], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    let stderr = '';
    child.stderr?.on('data', (chunk) => (stderr = `${stderr}${String(chunk)}`.slice(-2000)));
    let settled = false;
    const settle = (then: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      then();
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      settle(() => reject(new StoreOpenError(`DB_PATH: opening the database at ${opts.path} did not finish within ${Math.round(opts.timeoutMs / 1000)} s`)));
    }, opts.timeoutMs);
    child.once('message', (r: ProbeReply) => settle(() => resolve(r)));
    child.once('error', (err) => settle(() => reject(new StoreOpenError(`DB_PATH: the database at ${opts.path} could not be checked: ${err.message}`))));
    child.once('exit', (code, signal) =>
      settle(() =>
        reject(
          new StoreOpenError(
            `DB_PATH: the database at ${opts.path} could not be checked (the check ended with ${signal ?? `code ${code}`}: ${stderr.trim().split('\n').at(-1) ?? ''})`,
          ),
        ),
      ),
    );
    child.send(request);
  });
  if (!reply.ok) throw new StoreOpenError(`DB_PATH: the database at ${opts.path} cannot be opened: ${reply.error}`);
}
