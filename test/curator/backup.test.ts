import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupDatabase } from '../../src/curator/backup.js';
import { openSqlite } from '../../src/store/sqlite/open-sqlite.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pb-backup-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const record = (i: number) => ({
  text: `question ${i}`,
  normalized: `question ${i}`,
  platform: 'telegram',
  outcome: 'offtopic',
  guess: null,
  confidence: 0.1,
  lang: 'en',
  at: i + 1,
});

describe('online backup of the curator database', () => {
  it('copies a database that is open and being written (WAL, rows not yet checkpointed) into one self-contained, consistent file', async () => {
    const dbPath = join(dir, 'bot.db');
    const store = openSqlite({ path: dbPath, secret: 'backup-test-secret-0123456789' });
    for (let i = 0; i < 200; i += 1) await store.recordUnanswered(record(i));
    const writer = new Database(dbPath);
    writer.exec('BEGIN IMMEDIATE');
    writer
      .prepare('INSERT INTO unanswered (at, platform, text, normalized, outcome, confidence, lang) VALUES (1, ?, ?, ?, ?, 0, ?)')
      .run('discord', 'uncommitted', 'uncommitted', 'offtopic', 'en');
    try {
      const file = join(dir, 'copy.db');
      const { pages } = await backupDatabase(dbPath, file);
      expect(pages).toBeGreaterThan(0);
      const copy = new Database(file, { readonly: true });
      expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(copy.prepare('SELECT count(*) AS n FROM unanswered').get()).toEqual({ n: 200 });
      copy.close();
      expect(await readdir(dir)).not.toContain('copy.db.partial');
    } finally {
      writer.exec('ROLLBACK');
      writer.close();
    }
    // The bot's own connection was never blocked: it writes on after the backup.
    expect(store.writableNow?.()).toBe(true);
    await store.close();
  });

  it('replaces an older backup only with a complete one, and refuses to invent a database that does not exist', async () => {
    await expect(backupDatabase(join(dir, 'missing.db'), join(dir, 'copy.db'))).rejects.toThrow(/no database at DB_PATH/);
    expect(existsSync(join(dir, 'missing.db'))).toBe(false);
    await expect(backupDatabase('', join(dir, 'copy.db'))).rejects.toThrow(/DB_PATH names no database file/);
  });
});
