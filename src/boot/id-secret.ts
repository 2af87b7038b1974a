import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Config } from '../config.js';

/**
 * The key that hashes platform ids: ID_HASH_SECRET when set; else a random key
 * kept in `<DB_PATH>.key` (created once, mode 0600, beside the database but not
 * in it), so votes and limits keep their keys across restarts of the processes
 * sharing that database. With no database file, a key for this process only.
 */
export function idHashSecret(config: Config): string | Buffer {
  if (config.ID_HASH_SECRET) return config.ID_HASH_SECRET;
  if (!config.DB_PATH || config.DB_PATH === ':memory:') return randomBytes(32);
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

function readKey(file: string): string {
  const key = readFileSync(file, 'utf8').trim();
  if (key.length < 16) throw new Error(`${file} holds no usable key (fewer than 16 characters); delete it to make a new one`);
  return key;
}
