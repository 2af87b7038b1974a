import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { openStore } from '../../src/store/open-store.js';
import { capturingLogger } from '../support/log.js';

/** The SQLite store as the bot opens it (openStore: migrations, failure handling); what every backend does is test/contract. */
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'pb-store-'));
  dirs.push(d);
  return d;
};
afterEach(() =>
  dirs.splice(0).forEach((d) => {
    chmodSync(d, 0o755);
    rmSync(d, { recursive: true, force: true });
  }),
);

const record = (text: string, at: number) => ({ text, normalized: text.toLowerCase(), platform: 'telegram', outcome: 'offtopic', guess: 'gas', confidence: 0.1, lang: 'en', at });
const open = (env: Record<string, string>, logger = capturingLogger().logger) => openStore(loadConfig({ LOG_LEVEL: 'silent', ...env }), logger);

describe('SQLite store', () => {
  it('creates its file and folders on first start, at the latest schema version, and stores no user id', async () => {
    const path = join(tempDir(), 'nested/dir/bot.db');
    const store = await open({ DB_PATH: path });
    expect(store.kind).toBe('sqlite');
    expect(store.shared).toBe(false);
    expect(await store.recordVote({ platform: 'discord', answerKey: 'c1:m1', userId: '555000111', topicId: 'gas', vote: 1 })).toBe('new');
    await store.close();
    const raw = new Database(path, { readonly: true });
    expect(raw.prepare('SELECT max(version) AS v FROM schema_migrations').get()).toEqual({ v: 2 });
    expect(JSON.stringify(raw.prepare('SELECT * FROM feedback').all())).not.toContain('555000111');
    raw.close();
  });

  it('adopts a database made before migrations existed as version 1 and keeps its rows', async () => {
    const path = join(tempDir(), 'old.db');
    const old = new Database(path);
    old.exec(`CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE unanswered (id INTEGER PRIMARY KEY, at INTEGER NOT NULL, platform TEXT NOT NULL, text TEXT NOT NULL, normalized TEXT NOT NULL, outcome TEXT NOT NULL, guess TEXT, confidence REAL NOT NULL, lang TEXT NOT NULL);
      CREATE TABLE feedback (answer_key TEXT NOT NULL, voter TEXT NOT NULL, platform TEXT NOT NULL, topic TEXT NOT NULL, vote INTEGER NOT NULL CHECK (vote IN (-1, 1)), at INTEGER NOT NULL, PRIMARY KEY (answer_key, voter));
      INSERT INTO meta VALUES ('voter_salt', 'old-salt');
      INSERT INTO unanswered (at, platform, text, normalized, outcome, guess, confidence, lang) VALUES (${Date.now()}, 'telegram', 'Old question?', 'old question', 'offtopic', NULL, 0.1, 'en');`);
    old.close();
    const store = await open({ DB_PATH: path });
    expect((await store.topUnanswered(5)).map((g) => g.example)).toEqual(['Old question?']);
    await store.close();
    const raw = new Database(path, { readonly: true });
    expect(raw.prepare('SELECT version FROM schema_migrations ORDER BY version').all()).toEqual([{ version: 1 }, { version: 2 }]);
    expect(raw.prepare("SELECT value FROM meta WHERE key = 'voter_salt'").get()).toEqual({ value: 'old-salt' });
    raw.close();
  });

  it('fails soft when the database is full: logged once per kind of call, nothing thrown, answers go on', async () => {
    const log = capturingLogger();
    const store = await open({ DB_PATH: join(tempDir(), 'bot.db'), DB_MAX_MB: '1' }, log.logger);
    const long = 'x'.repeat(490);
    for (let i = 0; i < 4000; i++) store.recordUnanswered(record(`${long} ${i}`, Date.now() + i));
    await store.flush();
    expect(await store.recordVote({ platform: 'x', answerKey: 'k'.repeat(3000), userId: 'u', topicId: 'gas', vote: 1 })).toBe(false);
    const errors = log.lines().filter((l) => l.level === 50);
    expect(errors.map((e) => e.operation)).toEqual(['record unanswered', 'record vote']);
    expect(log.text()).toMatch(/full/);
    expect(await store.topUnanswered(1)).toHaveLength(1);
    await store.close();
  });

  it('fails soft when the database cannot be opened at all', async () => {
    const log = capturingLogger();
    const file = join(tempDir(), 'a-file');
    writeFileSync(file, 'not a folder');
    const store = await open({ DB_PATH: join(file, 'bot.db') }, log.logger);
    expect(store.kind).toBe('off');
    expect(() => store.recordUnanswered(record('q', 1))).not.toThrow();
    expect(await store.recordVote({ platform: 'x', answerKey: 'a', userId: 'u', topicId: 'gas', vote: 1 })).toBe(false);
    expect(log.text()).toMatch(/curator database unavailable/);
  });
});
