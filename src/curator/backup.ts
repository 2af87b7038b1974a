import { existsSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import Database from 'better-sqlite3';

export interface BackupResult {
  file: string;
  pages: number;
}

/**
 * Copies the live database at `dbPath` into `file` with SQLite's online backup API
 * (better-sqlite3's `backup`): the bot keeps reading and writing meanwhile, and the
 * copy is one consistent snapshot. Written to `<file>.partial` first and renamed, so
 * `file` is either the previous backup or a complete new one, never half a copy.
 */
export async function backupDatabase(dbPath: string, file: string): Promise<BackupResult> {
  if (!dbPath || dbPath === ':memory:') throw new Error('DB_PATH names no database file, so there is nothing to back up');
  if (!existsSync(dbPath)) throw new Error(`there is no database at DB_PATH (${dbPath}) yet: it is created when the bot first starts`);
  const db = new Database(dbPath, { fileMustExist: true });
  const partial = `${file}.partial`;
  try {
    db.pragma('busy_timeout = 5000');
    const { totalPages } = await db.backup(partial);
    const copy = new Database(partial, { fileMustExist: true });
    try {
      const check = copy.pragma('integrity_check', { simple: true });
      if (check !== 'ok') throw new Error(`the copy failed SQLite's integrity check: ${String(check)}`);
      // The copy keeps the WAL mode of its source; a backup file is easier to move as one self-contained file.
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    await rename(partial, file);
    return { file, pages: totalPages };
  } catch (err) {
    await rm(partial, { force: true });
    throw err;
  } finally {
    db.close();
  }
}
