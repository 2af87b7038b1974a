import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Config } from '../config.js';
import { storePathProblem } from '../curator/store-path.js';

/**
 * The key that hashes platform ids: ID_HASH_SECRET when set; else a random key
 * kept in `<DB_PATH>.key` (created once, mode 0600, beside the database but not
 * in it), so votes and limits keep their keys across restarts of the processes
 * sharing that database. With no database file, a key for this process only.
 */
export function idHashSecret(config: Config): string | Buffer {
  if (config.ID_HASH_SECRET) return config.ID_HASH_SECRET;
  if (!config.DB_PATH || config.DB_PATH === ':memory:') return randomBytes(32);
  const problem = storePathProblem(config.DB_PATH);
  if (problem) throw new Error(`DB_PATH: ${problem}`);
  const file = `${config.DB_PATH}.key`;
  try {
    return readKey(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  mkdirSync(dirname(file), { recursive: true });
  try {
    // 'wx': of two processes creating it at once, one writes and the other reads what it wrote.
    writeFileSync(file, randomBytes(32).toString('base64url'), { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  chmodSync(file, 0o600);
  return readKey(file);
}

/** The id secret, or exit 1 naming ID_HASH_SECRET and DB_PATH when its key file cannot be made or read. `persistent`: keep it beside DB_PATH. */
export function idSecretOrExit(config: Config, persistent: boolean): string | Buffer {
  if (!persistent) return config.ID_HASH_SECRET ?? randomBytes(32);
  try {
    return idHashSecret(config);
  } catch (err) {
    if (err instanceof Error && err.message.startsWith('DB_PATH: ')) {
      process.stderr.write(`Cannot start: ${err.message}\nSet DB_PATH to a file on a disk (or empty to record nothing).\n`);
      process.exit(1);
    }
    const reason = (err as NodeJS.ErrnoException).code ?? (err instanceof Error ? err.message : String(err));
    process.stderr.write(
      `Cannot start: the id key file beside DB_PATH (${config.DB_PATH}.key) cannot be made or read (${reason}).\nSet ID_HASH_SECRET, or DB_PATH to a file in a writable folder.\n`,
    );
    process.exit(1);
  }
}

function readKey(file: string): string {
  const key = readFileSync(file, 'utf8').trim();
  if (key.length < 16) throw new Error(`${file} holds no usable key (fewer than 16 characters); delete it to make a new one`);
  return key;
}
