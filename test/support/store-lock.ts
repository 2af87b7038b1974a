import Database from 'better-sqlite3';

/**
 * Runs `during` while another connection holds the SQLite database's write lock
 * (`BEGIN EXCLUSIVE`), as a stuck writer or a full disk would: the bot's store
 * cannot take writes until the lock is let go, after `during` settles.
 */
export async function whileStoreLocked<T>(dbPath: string, during: () => Promise<T>): Promise<T> {
  const other = new Database(dbPath);
  try {
    other.exec('BEGIN EXCLUSIVE');
    const result = await during();
    other.exec('ROLLBACK');
    return result;
  } finally {
    other.close();
  }
}
