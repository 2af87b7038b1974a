import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHmac } from 'node:crypto';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createIdHasher } from '../../src/core/ids.js';
import { MIGRATIONS, SCHEMA_VERSION } from '../../src/curator/sqlite-migrations.js';
import { openCuratorStore } from '../../src/curator/store.js';
import { capturingLogger } from '../support/log.js';

const SECRET = 'test-secret-0123456789';
const ids = createIdHasher(SECRET);
const ALICE = ids.hash('dc-user', '300000000000000001');
const BOB = ids.hash('dc-user', '300000000000000002');

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
    const store = openCuratorStore({ path, retentionDays: 90, logger: capturingLogger().logger, secret: SECRET });
    store.recordUnanswered(record('What about oil?', 1000));
    store.recordUnanswered(record('what about oil?', 2000));
    store.recordUnanswered(record('Weather?', 1500, null));
    const top = store.topUnanswered(10);
    expect(top[0]).toMatchObject({ normalized: 'what about oil?', count: 2, lastSeen: 2000, example: 'what about oil?', guess: 'gas' });
    expect(top[1]).toMatchObject({ normalized: 'weather?', count: 1, guess: null });
    expect(store.topUnanswered(10, 1800).map((g) => g.normalized)).toEqual(['what about oil?']);
    store.close();
  });

  it('keeps one vote per user per answer, changes it on a second press, and counts each voter once per topic', () => {
    const path = join(tempDir(), 'bot.db');
    const store = openCuratorStore({ path, retentionDays: 90, logger: capturingLogger().logger, secret: SECRET });
    const vote = (answerKey: string, userId: string, topicId: string, v: 1 | -1) => store.recordVote({ platform: 'discord', answerKey, userId, topicId, vote: v });
    expect(vote(ids.hash('dc-msg', 'm1'), ALICE, 'gas', 1)).toBe('new');
    expect(vote(ids.hash('dc-msg', 'm1'), ALICE, 'gas', 1)).toBe('same');
    expect(vote(ids.hash('dc-msg', 'm1'), ALICE, 'gas', -1)).toBe('changed');
    vote(ids.hash('dc-msg', 'm1'), BOB, 'gas', 1);
    vote(ids.hash('tg-msg', 'c2:m9'), ALICE, 'nuclear', 1);
    // Alice votes 👍 on five more answers about gas: her latest vote on the topic is what counts, once.
    for (let i = 2; i <= 6; i++) vote(ids.hash('dc-msg', `m${i}`), ALICE, 'gas', 1);
    expect(store.helpfulness()).toEqual([
      { topicId: 'gas', up: 2, down: 0 },
      { topicId: 'nuclear', up: 1, down: 0 },
    ]);
    store.close();
  });

  it('refuses a platform id in clear as a voter, an answer, a place or an event (logged, nothing stored)', () => {
    const log = capturingLogger();
    const store = openCuratorStore({ path: ':memory:', retentionDays: 90, logger: log.logger, secret: SECRET });
    expect(store.recordVote({ platform: 'telegram', answerKey: '-100123:45', userId: ALICE, topicId: 'gas', vote: 1 })).toBe(false);
    expect(store.recordVote({ platform: 'telegram', answerKey: ids.hash('tg-msg', '1:2'), userId: '555000111', topicId: 'gas', vote: 1 })).toBe(false);
    store.recordUnanswered({ ...record('q', 1), place: '-1001234567890' });
    expect(store.helpfulness()).toEqual([]);
    expect(store.topUnanswered(10)).toEqual([]);
    expect(log.lines().map((l) => (l.err as { message?: string } | undefined)?.message)).toEqual([
      'refused to store a platform id in clear as an answer',
      'refused to store a platform id in clear as a place',
    ]);
  });

  it('records a question and a vote once per event, however often the event is handled', () => {
    const store = openCuratorStore({ path: ':memory:', retentionDays: 90, logger: capturingLogger().logger, secret: SECRET });
    const event = ids.hash('tg-update', 7);
    for (let i = 0; i < 3; i++) store.recordUnanswered({ ...record('pizza?', 1000 + i), event });
    store.recordUnanswered({ ...record('pizza?', 2000), event: ids.hash('tg-update', 8) });
    expect(store.topUnanswered(10)[0]).toMatchObject({ normalized: 'pizza?', count: 2 });
    const answer = ids.hash('tg-msg', '1:2');
    const up = { platform: 'telegram', answerKey: answer, userId: ALICE, topicId: 'gas', vote: 1 as const, event: ids.hash('tg-update', 9) };
    const down = { ...up, vote: -1 as const, event: ids.hash('tg-update', 10) };
    expect(store.recordVote(up)).toBe('new');
    expect(store.recordVote(down)).toBe('changed');
    // The first press delivered again (a restart replays it): its first outcome, and the later vote stands.
    expect(store.recordVote(up)).toBe('new');
    expect(store.helpfulness()).toEqual([{ topicId: 'gas', up: 0, down: 1 }]);
  });

  it('reads a place’s questions only, or every place’s', () => {
    const store = openCuratorStore({ path: ':memory:', retentionDays: 90, logger: capturingLogger().logger, secret: SECRET });
    const [here, there] = [ids.hash('dc-guild', 'a'), ids.hash('dc-guild', 'b')];
    store.recordUnanswered({ ...record('pizza?', 1), place: here });
    store.recordUnanswered({ ...record('chess?', 2), place: there });
    store.recordUnanswered({ ...record('weather?', 3) });
    expect(store.topUnanswered(10, 0, { place: here }).map((g) => g.normalized)).toEqual(['pizza?']);
    expect(store.topUnanswered(10, 0, { all: true }).map((g) => g.normalized).sort()).toEqual(['chess?', 'pizza?', 'weather?']);
  });

  it('claims an effect once across restarts; a claim never confirmed is taken over once it is stale', () => {
    const path = join(tempDir(), 'bot.db');
    let now = 1_000_000;
    const open = () => openCuratorStore({ path, retentionDays: 90, logger: capturingLogger().logger, secret: SECRET, now: () => now });
    const first = open();
    expect(first.claim('post:a')).toBe(true);
    expect(first.claim('post:a')).toBe(false);
    first.confirm('post:a');
    expect(first.claim('post:b')).toBe(true);
    first.close();
    const second = open();
    expect(second.claim('post:a')).toBe(false);
    expect(second.claim('post:b', 60_000)).toBe(false);
    now += 60_001;
    expect(second.claim('post:b', 60_000)).toBe(true);
    second.release('post:b');
    expect(second.claim('post:b', 60_000)).toBe(true);
    second.close();
  });

  it('journals updates sealed (no id or text readable in the file) and keeps the offset past them across restarts', () => {
    const path = join(tempDir(), 'bot.db');
    const open = () => openCuratorStore({ path, retentionDays: 90, logger: capturingLogger().logger, secret: SECRET });
    const payload = JSON.stringify({ update_id: 41, message: { chat: { id: 987654321987 }, text: 'my e-mail is someone@example.org' } });
    const store = open();
    expect(store.journalOffset('telegram')).toBeUndefined();
    store.journalAdd('telegram', [
      { id: 41, payload },
      { id: 42, payload: '{"update_id":42}' },
    ]);
    store.journalDone('telegram', 42);
    store.close();
    const raw = readFileSync(path).toString('latin1') + (existsSync(`${path}-wal`) ? readFileSync(`${path}-wal`).toString('latin1') : '');
    expect(raw).not.toContain('987654321987');
    expect(raw).not.toContain('someone@example.org');
    const again = open();
    expect(again.journalOffset('telegram')).toBe(43);
    expect(again.journalPending('telegram')).toEqual([{ id: 41, payload, attempts: 0 }]);
    expect(again.journalPending('telegram')).toEqual([{ id: 41, payload, attempts: 1 }]);
    again.close();
    // Under another secret the sealed update cannot be opened: it is dropped, with an error.
    const log = capturingLogger();
    const other = openCuratorStore({ path, retentionDays: 90, logger: log.logger, secret: 'another-secret-0123456789' });
    expect(other.journalPending('telegram')).toEqual([]);
    expect(log.text()).toMatch(/cannot be opened/);
    other.close();
  });

  it('deletes what is older than the retention period', () => {
    const day = 86_400_000;
    const now = 100 * day;
    const store = openCuratorStore({ path: ':memory:', retentionDays: 90, logger: capturingLogger().logger, now: () => now, secret: SECRET });
    store.recordUnanswered(record('old', now - 91 * day));
    store.recordUnanswered(record('recent', now - 89 * day));
    expect(store.enforceRetention()).toBe(1);
    expect(store.topUnanswered(10).map((g) => g.normalized)).toEqual(['recent']);
  });

  it('fails soft when the database is full: logged once, nothing thrown, answers go on', () => {
    const log = capturingLogger();
    const store = openCuratorStore({ path: join(tempDir(), 'bot.db'), retentionDays: 90, maxMegabytes: 0.1, logger: log.logger, secret: SECRET });
    const long = 'x'.repeat(400);
    for (let i = 0; i < 2000; i++) expect(() => store.recordUnanswered(record(`${long} ${i}`, i))).not.toThrow();
    expect(store.recordVote({ platform: 'x', answerKey: 'k'.repeat(30_000), userId: ALICE, topicId: 'gas', vote: 1 })).toBe(false);
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
    const store = openCuratorStore({ path: join(file, 'bot.db'), retentionDays: 90, logger: log.logger, secret: SECRET });
    expect(store.enabled).toBe(false);
    expect(() => store.recordUnanswered(record('q', 1))).not.toThrow();
    expect(log.text()).toMatch(/curator database unavailable/);
  });

  it('migrates a database written before issue 16: ids in clear hashed, the salt beside them dropped, questions redacted, versions recorded', () => {
    const path = join(tempDir(), 'old.db');
    // The schema and rows an earlier release wrote: answer keys "<chat id>:<message id>", voters salted with a salt kept in the file.
    const old = new Database(path);
    old.exec(`
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE unanswered (id INTEGER PRIMARY KEY, at INTEGER NOT NULL, platform TEXT NOT NULL, text TEXT NOT NULL, normalized TEXT NOT NULL,
        outcome TEXT NOT NULL, guess TEXT, confidence REAL NOT NULL, lang TEXT NOT NULL);
      CREATE TABLE feedback (answer_key TEXT NOT NULL, voter TEXT NOT NULL, platform TEXT NOT NULL, topic TEXT NOT NULL,
        vote INTEGER NOT NULL CHECK (vote IN (-1, 1)), at INTEGER NOT NULL, PRIMARY KEY (answer_key, voter));
    `);
    const salt = 'f'.repeat(64);
    const voter = createHmac('sha256', salt).update('telegram:987654321').digest('base64url');
    old.prepare('INSERT INTO meta VALUES (?, ?)').run('voter_salt', salt);
    old.prepare('INSERT INTO unanswered (at, platform, text, normalized, outcome, guess, confidence, lang) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
      Date.now(), 'telegram', 'Write to ivan.petrov@example.ru or call +7 912 345 67 89', 'write to ivan petrov example ru or call 7 912 345 67 89', 'offtopic', null, 0.1, 'en',
    );
    old.prepare('INSERT INTO feedback VALUES (?, ?, ?, ?, ?, ?)').run('987654321:4242', voter, 'telegram', 'gas', 1, Date.now());
    old.close();

    const store = openCuratorStore({ path, retentionDays: 90, logger: capturingLogger().logger, secret: SECRET });
    expect(store.helpfulness()).toEqual([{ topicId: 'gas', up: 1, down: 0 }]);
    expect(store.topUnanswered(1)[0]!.example).toBe('Write to [email] or call [phone]');
    store.close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.prepare('SELECT answer_key FROM feedback').get()).toEqual({ answer_key: ids.hash('tg-msg', '987654321:4242') });
    expect(db.prepare("SELECT * FROM meta WHERE key = 'voter_salt'").get()).toBeUndefined();
    const dump = JSON.stringify(['unanswered', 'feedback', 'meta'].map((t) => db.prepare(`SELECT * FROM ${t}`).all()));
    db.close();
    for (const clear of ['987654321', voter, salt, 'ivan.petrov', 'ivan petrov', '912 345']) expect(dump).not.toContain(clear);
  });
});

describe('schema versions', () => {
  const V1 = `
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE unanswered (id INTEGER PRIMARY KEY, at INTEGER NOT NULL, platform TEXT NOT NULL, text TEXT NOT NULL, normalized TEXT NOT NULL,
      outcome TEXT NOT NULL, guess TEXT, confidence REAL NOT NULL, lang TEXT NOT NULL);
    CREATE TABLE feedback (answer_key TEXT NOT NULL, voter TEXT NOT NULL, platform TEXT NOT NULL, topic TEXT NOT NULL,
      vote INTEGER NOT NULL CHECK (vote IN (-1, 1)), at INTEGER NOT NULL, PRIMARY KEY (answer_key, voter));`;
  const open = (path: string) => openCuratorStore({ path, retentionDays: 100_000, logger: capturingLogger().logger, secret: SECRET });

  it('upgrades a database from before versions: its questions fill the inbox, its votes count on', () => {
    const path = join(tempDir(), 'old.db');
    const old = new Database(path);
    old.exec(V1);
    old.prepare("INSERT INTO unanswered (at, platform, text, normalized, outcome, guess, confidence, lang) VALUES (1, 'telegram', 'Old question?', 'old question', 'offtopic', NULL, 0.1, 'ru')").run();
    old.prepare("INSERT INTO feedback (answer_key, voter, platform, topic, vote, at) VALUES ('k', 'v', 'telegram', 'gas', 1, 1)").run();
    old.close();
    const store = open(path);
    expect(store.inbox().map((i) => [i.example, i.state, i.langs])).toEqual([['Old question?', 'open', ['ru']]]);
    expect(store.helpfulness()).toEqual([{ topicId: 'gas', up: 1, down: 0 }]);
    store.close();
    const again = new Database(path, { readonly: true });
    expect(again.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    again.close();
  });

  it('upgrades a database at version 2 (hashed ids, places): each place gets its own inbox groups, states and counts start', () => {
    const path = join(tempDir(), 'v2.db');
    const v2 = new Database(path);
    for (const m of MIGRATIONS.filter((m) => m.version <= 2)) m.up(v2, { secret: SECRET });
    v2.pragma('user_version = 2');
    const add = v2.prepare("INSERT INTO unanswered (at, platform, place, text, normalized, outcome, guess, confidence, lang) VALUES (?, 'discord', ?, ?, 'who won the chess olympiad', 'offtopic', NULL, 0.1, 'en')");
    add.run(1, ids.hash('dc-guild', 'A'), 'Who won the chess olympiad?');
    add.run(2, ids.hash('dc-guild', 'B'), 'who won the chess olympiad');
    add.run(3, null, 'Who won the chess olympiad');
    v2.close();
    const store = open(path);
    expect(store.inbox().map((i) => [i.example, i.count])).toEqual([
      ['Who won the chess olympiad', 1],
      ['who won the chess olympiad', 1],
      ['Who won the chess olympiad?', 1],
    ]);
    expect(store.inbox({ scope: { place: ids.hash('dc-guild', 'A') } }).map((i) => i.example)).toEqual(['Who won the chess olympiad?']);
    store.recordAsk({ surface: 'discord', lang: 'en', topic: 'gas', outcome: 'answered', at: 5 });
    expect(store.analytics().map((r) => [r.topic, r.asked])).toEqual([['gas', 1]]);
    store.close();
    const again = new Database(path, { readonly: true });
    expect(again.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    again.close();
  });

  it("upgrades a database of the desk's branch before versions were merged: states carried over, who changed them re-keyed without the old salt", () => {
    const path = join(tempDir(), 'desk.db');
    const old = new Database(path);
    old.exec(V1);
    old.exec(`
      CREATE TABLE inbox (id INTEGER PRIMARY KEY, normalized TEXT NOT NULL UNIQUE,
        state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'resolved', 'ignored')), changed_by TEXT, changed_at INTEGER,
        answered_topic TEXT, answered_version TEXT, answered_at INTEGER);
      CREATE TABLE daily_counts (day TEXT NOT NULL, surface TEXT NOT NULL, lang TEXT NOT NULL, topic TEXT NOT NULL, outcome TEXT NOT NULL,
        count INTEGER NOT NULL, PRIMARY KEY (day, surface, lang, topic, outcome));
      ALTER TABLE feedback ADD COLUMN lang TEXT NOT NULL DEFAULT 'en';
      CREATE TABLE reloads (id INTEGER PRIMARY KEY, at INTEGER NOT NULL, version TEXT, topics INTEGER, ok INTEGER NOT NULL,
        changed INTEGER NOT NULL, reason TEXT NOT NULL, answered_now INTEGER NOT NULL);`);
    const salt = 'e'.repeat(64);
    const moderator = createHmac('sha256', salt).update('telegram:555000111').digest('base64url');
    old.prepare("INSERT INTO meta VALUES ('voter_salt', ?), ('schema_version', '2')").run(salt);
    old.prepare("INSERT INTO unanswered (at, platform, text, normalized, outcome, guess, confidence, lang) VALUES (1, 'telegram', 'Can I pay with Visa?', 'can i pay with visa', 'offtopic', NULL, 0.1, 'en')").run();
    old.prepare("INSERT INTO inbox (normalized, state, changed_by, changed_at) VALUES ('can i pay with visa', 'ignored', ?, 7)").run(moderator);
    old.prepare("INSERT INTO daily_counts VALUES ('2026-03-10', 'telegram', 'en', '', 'declined', 4)").run();
    old.prepare("INSERT INTO reloads (at, version, topics, ok, changed, reason, answered_now) VALUES (1, 'v1', 12, 1, 1, 'SIGHUP', 0)").run();
    old.close();
    const store = open(path);
    const [item] = store.inbox({ state: 'ignored' });
    expect(item).toMatchObject({ example: 'Can I pay with Visa?', state: 'ignored', changedAt: 7 });
    expect(item!.changedBy).toMatch(/^[\w-]{22}$/);
    expect(store.analytics().map((r) => [r.day, r.declined])).toEqual([['2026-03-10', 4]]);
    expect(store.reloads(5).map((r) => r.reason)).toEqual(['SIGHUP']);
    store.close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    const dump = JSON.stringify(['inbox', 'meta'].map((table) => db.prepare(`SELECT * FROM ${table}`).all()));
    db.close();
    for (const gone of [salt, moderator, 'schema_version']) expect(dump).not.toContain(gone);
  });
});
