import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/curator/schema.js';
import { openCuratorStore } from '../../src/curator/store.js';
import { capturingLogger } from '../support/log.js';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'pb-store-'));
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => {
  chmodSync(d, 0o755);
  rmSync(d, { recursive: true, force: true });
}));

const record = (text: string, at: number, guess: string | null = 'gas') => ({
  text,
  normalized: text.toLowerCase(),
  platform: 'telegram',
  outcome: 'offtopic',
  guess,
  confidence: 0.1,
  lang: 'en',
  at,
});

describe('curator store', () => {
  it('creates its file and folders on first start and groups unanswered questions', () => {
    const path = join(tempDir(), 'nested/dir/bot.db');
    const store = openCuratorStore({ path, retentionDays: 90, logger: capturingLogger().logger });
    store.recordUnanswered(record('What about oil?', 1000));
    store.recordUnanswered(record('what about oil?', 2000));
    store.recordUnanswered(record('Weather?', 1500, null));
    const top = store.topUnanswered(10);
    expect(top[0]).toMatchObject({ normalized: 'what about oil?', count: 2, lastSeen: 2000, example: 'what about oil?', guess: 'gas' });
    expect(top[1]).toMatchObject({ normalized: 'weather?', count: 1, guess: null });
    expect(store.topUnanswered(10, 1800).map((g) => g.normalized)).toEqual(['what about oil?']);
    store.close();
  });

  it('keeps one vote per user per answer, changes it on a second press, and stores no user id', () => {
    const path = join(tempDir(), 'bot.db');
    const store = openCuratorStore({ path, retentionDays: 90, logger: capturingLogger().logger });
    expect(store.recordVote({ platform: 'discord', answerKey: 'c1:m1', userId: '555000111', topicId: 'gas', vote: 1 })).toBe('new');
    expect(store.recordVote({ platform: 'discord', answerKey: 'c1:m1', userId: '555000111', topicId: 'gas', vote: 1 })).toBe('same');
    expect(store.recordVote({ platform: 'discord', answerKey: 'c1:m1', userId: '555000111', topicId: 'gas', vote: -1 })).toBe('changed');
    store.recordVote({ platform: 'discord', answerKey: 'c1:m1', userId: '777000222', topicId: 'gas', vote: 1 });
    store.recordVote({ platform: 'telegram', answerKey: 'c2:m9', userId: '555000111', topicId: 'nuclear', vote: 1 });
    expect(store.helpfulness()).toEqual([
      { topicId: 'gas', up: 1, down: 1 },
      { topicId: 'nuclear', up: 1, down: 0 },
    ]);
    store.close();
    const raw = new Database(path, { readonly: true });
    const dump = JSON.stringify(raw.prepare('SELECT * FROM feedback').all());
    raw.close();
    expect(dump).not.toContain('555000111');
    expect(dump).not.toContain('777000222');
  });

  it('deletes what is older than the retention period', () => {
    const day = 86_400_000;
    const now = 100 * day;
    const store = openCuratorStore({ path: ':memory:', retentionDays: 90, logger: capturingLogger().logger, now: () => now });
    store.recordUnanswered(record('old', now - 91 * day));
    store.recordUnanswered(record('recent', now - 89 * day));
    expect(store.enforceRetention()).toBe(1);
    expect(store.topUnanswered(10).map((g) => g.normalized)).toEqual(['recent']);
  });

  it('fails soft when the database is full: logged once, nothing thrown, answers go on', () => {
    const log = capturingLogger();
    const store = openCuratorStore({ path: join(tempDir(), 'bot.db'), retentionDays: 90, maxMegabytes: 0.1, logger: log.logger });
    const long = 'x'.repeat(400);
    for (let i = 0; i < 2000; i++) expect(() => store.recordUnanswered(record(`${long} ${i}`, i))).not.toThrow();
    expect(store.recordVote({ platform: 'x', answerKey: 'k'.repeat(3000), userId: 'u', topicId: 'gas', vote: 1 })).toBe(false);
    const errors = log.lines().filter((l) => l.level === 50);
    expect(errors.map((e) => e.operation)).toEqual(['record unanswered', 'record vote']);
    expect(log.text()).toMatch(/full/);
    expect(store.topUnanswered(1)).toHaveLength(1);
    store.close();
  });

  it('fails soft when the database cannot be opened at all', () => {
    const log = capturingLogger();
    const file = join(tempDir(), 'a-file');
    writeFileSync(file, 'not a folder');
    const store = openCuratorStore({ path: join(file, 'bot.db'), retentionDays: 90, logger: log.logger });
    expect(store.enabled).toBe(false);
    expect(() => store.recordUnanswered(record('q', 1))).not.toThrow();
    expect(log.text()).toMatch(/curator database unavailable/);
  });
});

describe('schema versions', () => {
  it('upgrades a database from before versions: its questions fill the inbox, its votes count on', () => {
    const dir = tempDir();
    const path = join(dir, 'old.db');
    const old = new Database(path);
    old.exec('CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
    old.exec(MIGRATIONS[0]!);
    old.prepare("INSERT INTO unanswered (at, platform, text, normalized, outcome, guess, confidence, lang) VALUES (1, 'telegram', 'Old question?', 'old question', 'offtopic', NULL, 0.1, 'ru')").run();
    old.prepare("INSERT INTO feedback (answer_key, voter, platform, topic, vote, at) VALUES ('k', 'v', 'telegram', 'gas', 1, 1)").run();
    old.close();
    const store = openCuratorStore({ path, retentionDays: 100_000, logger: capturingLogger().logger });
    expect(store.inbox().map((i) => [i.example, i.state, i.langs])).toEqual([['Old question?', 'open', ['ru']]]);
    expect(store.helpfulness()).toEqual([{ topicId: 'gas', up: 1, down: 0 }]);
    store.close();
    const again = new Database(path, { readonly: true });
    expect(again.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get()).toEqual({ value: String(MIGRATIONS.length) });
    again.close();
  });
});
