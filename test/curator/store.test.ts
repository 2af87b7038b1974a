import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHmac } from 'node:crypto';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createIdHasher } from '../../src/core/ids.js';
import { loadConfig } from '../../src/config.js';
import { openStore } from '../../src/store/open-store.js';
import { storeJournal } from '../../src/store/journal.js';
import { SQLITE_MIGRATIONS, SQLITE_SCHEMA_VERSION } from '../../src/store/sqlite/migrations.js';
import { capturingLogger } from '../support/log.js';

/**
 * The SQLite store as the bot opens it (openStore: migrations, failure
 * handling, the file on disk); what every backend does (votes, events,
 * scopes, claims, the journal) is test/contract.
 */
const SECRET = 'test-secret-0123456789';
const ids = createIdHasher(SECRET);
const ALICE = ids.hash('dc-user', '300000000000000001');

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

const record = (text: string, at: number) => ({
  text,
  normalized: text.toLowerCase(),
  platform: 'telegram',
  outcome: 'offtopic',
  guess: 'gas',
  confidence: 0.1,
  lang: 'en',
  at,
});
const open = (env: Record<string, string>, logger = capturingLogger().logger) =>
  openStore(loadConfig({ LOG_LEVEL: 'silent', ...env }), logger, { secret: SECRET });

describe('SQLite store', () => {
  it('creates its file and folders on first start, at the latest schema version, and stores no user id', async () => {
    const path = join(tempDir(), 'nested/dir/bot.db');
    const store = await open({ DB_PATH: path });
    expect(store.kind).toBe('sqlite');
    expect(store.shared).toBe(false);
    expect(store.durable).toBe(true);
    expect(await store.recordVote({ platform: 'discord', answerKey: ids.hash('dc-msg', 'm1'), userId: ALICE, topicId: 'gas', vote: 1 })).toBe('new');
    await store.close();
    const raw = new Database(path, { readonly: true });
    expect(raw.prepare('SELECT max(version) AS v FROM schema_migrations').get()).toEqual({ v: SQLITE_SCHEMA_VERSION });
    expect(JSON.stringify(raw.prepare('SELECT * FROM feedback').all())).not.toContain('300000000000000001');
    raw.close();
  });

  it('refuses a platform id in clear as a voter, an answer, a place or an event (logged, nothing stored)', async () => {
    const log = capturingLogger();
    const store = await open({ DB_PATH: ':memory:' }, log.logger);
    expect(store.durable).toBe(false);
    expect(await store.recordVote({ platform: 'telegram', answerKey: '-100123:45', userId: ALICE, topicId: 'gas', vote: 1 })).toBe(false);
    expect(await store.recordVote({ platform: 'telegram', answerKey: ids.hash('tg-msg', '1:2'), userId: '555000111', topicId: 'gas', vote: 1 })).toBe(false);
    store.recordUnanswered({ ...record('q', 1), place: '-1001234567890' });
    await store.flush();
    expect(await store.helpfulness()).toEqual([]);
    expect(await store.topUnanswered(10)).toEqual([]);
    expect(log.lines().map((l) => (l.err as { message?: string } | undefined)?.message)).toEqual([
      'refused to store a platform id in clear as an answer',
      'refused to store a platform id in clear as a place',
    ]);
    await store.close();
  });

  it('journals updates sealed: no id or text readable in the file', async () => {
    const path = join(tempDir(), 'bot.db');
    const store = await open({ DB_PATH: path });
    const payload = JSON.stringify({ update_id: 41, message: { chat: { id: 987654321987 }, text: 'my e-mail is someone@example.org' } });
    await store.live()!.journalAdd('telegram', [{ id: 41, payload }], 1000);
    await store.close();
    const raw = readFileSync(path).toString('latin1') + (existsSync(`${path}-wal`) ? readFileSync(`${path}-wal`).toString('latin1') : '');
    expect(raw).not.toContain('987654321987');
    expect(raw).not.toContain('someone@example.org');
    const again = await open({ DB_PATH: path });
    expect(await again.live()!.journalPending('telegram')).toEqual({ entries: [{ id: 41, payload, attempts: 0 }], unreadable: [] });
    await again.close();
    // Under another secret the sealed update cannot be opened: the bot's journal drops it, with an error.
    const log = capturingLogger();
    const other = await openStore(loadConfig({ LOG_LEVEL: 'silent', DB_PATH: path }), log.logger, { secret: 'another-secret-0123456789' });
    expect(await storeJournal(other, log.logger).pending('telegram')).toEqual([]);
    expect(log.text()).toMatch(/cannot be opened/);
    await other.close();
  });

  it('adopts a database made before migrations existed as version 1, keeps its rows and drops the salt kept beside them', async () => {
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
    expect(raw.prepare('SELECT version FROM schema_migrations ORDER BY version').all()).toEqual([
      { version: 1 },
      { version: 2 },
      { version: 3 },
      { version: 4 },
    ]);
    expect(raw.prepare("SELECT value FROM meta WHERE key = 'voter_salt'").get()).toBeUndefined();
    raw.close();
  });

  it('adopts a database the release before schema_migrations migrated (PRAGMA user_version 2) at that version, its rows as they are', async () => {
    const path = join(tempDir(), 'v2.db');
    // What that release left: user_version 2, no schema_migrations, none of the later versions' tables.
    const v2 = new Database(path);
    for (const m of SQLITE_MIGRATIONS.filter((m) => m.version <= 2)) {
      v2.exec(m.sql);
      m.rewrite?.(v2, { secret: SECRET });
    }
    v2.prepare(
      "INSERT INTO unanswered (at, platform, place, text, normalized, outcome, guess, confidence, lang) VALUES (?, 'telegram', ?, 'Write to [email]', 'write to [email]', 'offtopic', 'gas', 0.1, 'en')",
    ).run(Date.now(), ids.hash('dc-guild', 'a'));
    v2.pragma('user_version = 2');
    v2.close();
    const store = await open({ DB_PATH: path });
    expect((await store.topUnanswered(5, 0, { place: ids.hash('dc-guild', 'a') })).map((g) => g.example)).toEqual(['Write to [email]']);
    expect(await store.live()!.takeBudget('k', 5, 1000)).toBe('ok');
    // Version 4 filed the questions already there in their place's inbox.
    expect((await store.inbox({ scope: { place: ids.hash('dc-guild', 'a') } })).map((i) => [i.example, i.state])).toEqual([['Write to [email]', 'open']]);
    await store.close();
    const raw = new Database(path, { readonly: true });
    expect(raw.prepare('SELECT version FROM schema_migrations ORDER BY version').all()).toEqual([
      { version: 1 },
      { version: 2 },
      { version: 3 },
      { version: 4 },
    ]);
    raw.close();
  });

  it('fails soft when the database is full: logged once per kind of call, nothing thrown, answers go on', async () => {
    const log = capturingLogger();
    const store = await open({ DB_PATH: join(tempDir(), 'bot.db'), DB_MAX_MB: '1' }, log.logger);
    const long = 'x'.repeat(490);
    for (let i = 0; i < 4000; i++) store.recordUnanswered(record(`${long} ${i}`, Date.now() + i));
    await store.flush();
    expect(await store.recordVote({ platform: 'x', answerKey: 'k'.repeat(3000), userId: ALICE, topicId: 'gas', vote: 1 })).toBe(false);
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
    expect(await store.recordVote({ platform: 'x', answerKey: 'a', userId: ALICE, topicId: 'gas', vote: 1 })).toBe(false);
    expect(log.text()).toMatch(/curator database unavailable/);
  });

  it('migrates a database written before issue 16: ids in clear hashed, the salt beside them dropped, questions redacted, versions recorded', async () => {
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
    old
      .prepare('INSERT INTO unanswered (at, platform, text, normalized, outcome, guess, confidence, lang) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(
        Date.now(),
        'telegram',
        'Write to ivan.petrov@example.ru or call +7 912 345 67 89',
        'write to ivan petrov example ru or call 7 912 345 67 89',
        'offtopic',
        null,
        0.1,
        'en',
      );
    old.prepare('INSERT INTO feedback VALUES (?, ?, ?, ?, ?, ?)').run('987654321:4242', voter, 'telegram', 'gas', 1, Date.now());
    old.close();

    const store = await open({ DB_PATH: path });
    expect(await store.helpfulness()).toEqual([{ topicId: 'gas', up: 1, down: 0 }]);
    expect((await store.topUnanswered(1))[0]!.example).toBe('Write to [email] or call [phone]');
    await store.close();
    const db = new Database(path, { readonly: true });
    expect(db.prepare('SELECT max(version) AS v FROM schema_migrations').get()).toEqual({ v: SQLITE_SCHEMA_VERSION });
    expect(db.prepare('SELECT answer_key FROM feedback').get()).toEqual({ answer_key: ids.hash('tg-msg', '987654321:4242') });
    expect(db.prepare("SELECT * FROM meta WHERE key = 'voter_salt'").get()).toBeUndefined();
    const dump = JSON.stringify(['unanswered', 'feedback', 'meta'].map((t) => db.prepare(`SELECT * FROM ${t}`).all()));
    db.close();
    for (const clear of ['987654321', voter, salt, 'ivan.petrov', 'ivan petrov', '912 345']) expect(dump).not.toContain(clear);
  });
});

describe("SQLite store: the desk's version 4 over older files", () => {
  const V1 = `
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE unanswered (id INTEGER PRIMARY KEY, at INTEGER NOT NULL, platform TEXT NOT NULL, text TEXT NOT NULL, normalized TEXT NOT NULL,
      outcome TEXT NOT NULL, guess TEXT, confidence REAL NOT NULL, lang TEXT NOT NULL);
    CREATE TABLE feedback (answer_key TEXT NOT NULL, voter TEXT NOT NULL, platform TEXT NOT NULL, topic TEXT NOT NULL,
      vote INTEGER NOT NULL CHECK (vote IN (-1, 1)), at INTEGER NOT NULL, PRIMARY KEY (answer_key, voter));`;
  const versions = (path: string) => {
    const db = new Database(path, { readonly: true });
    try {
      return (db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as Array<{ version: number }>).map((r) => r.version);
    } finally {
      db.close();
    }
  };

  it('upgrades a database at version 3: each place gets its own inbox groups, states and counts start', async () => {
    const path = join(tempDir(), 'v3.db');
    const v3 = new Database(path);
    v3.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)');
    for (const m of SQLITE_MIGRATIONS.filter((m) => m.version <= 3)) {
      v3.exec(m.sql);
      m.rewrite?.(v3, { secret: SECRET });
      v3.prepare('INSERT INTO schema_migrations VALUES (?, ?, 0)').run(m.version, m.name);
    }
    const add = v3.prepare(
      "INSERT INTO unanswered (at, platform, place, text, normalized, outcome, guess, confidence, lang) VALUES (?, 'discord', ?, ?, 'who won the chess olympiad', 'offtopic', NULL, 0.1, 'en')",
    );
    const now = Date.now();
    add.run(now + 1, ids.hash('dc-guild', 'A'), 'Who won the chess olympiad?');
    add.run(now + 2, ids.hash('dc-guild', 'B'), 'who won the chess olympiad');
    add.run(now + 3, null, 'Who won the chess olympiad');
    v3.close();
    const store = await open({ DB_PATH: path });
    expect((await store.inbox()).map((i) => [i.example, i.count, i.state])).toEqual([
      ['Who won the chess olympiad', 1, 'open'],
      ['who won the chess olympiad', 1, 'open'],
      ['Who won the chess olympiad?', 1, 'open'],
    ]);
    expect((await store.inbox({ scope: { place: ids.hash('dc-guild', 'A') } })).map((i) => i.example)).toEqual(['Who won the chess olympiad?']);
    store.recordAsk({ surface: 'discord', lang: 'en', topic: 'gas', outcome: 'answered', at: now });
    await store.flush();
    expect((await store.analytics()).map((r) => [r.topic, r.asked, r.answered])).toEqual([['gas', 1, 1]]);
    await store.close();
    expect(versions(path)).toEqual([1, 2, 3, 4]);
  });

  it("upgrades a database of the desk's branch from before its versions were merged: states carried over, who changed them re-keyed without the old salt", async () => {
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
    const now = Date.now();
    old.prepare("INSERT INTO meta VALUES ('voter_salt', ?), ('schema_version', '2')").run(salt);
    old
      .prepare(
        "INSERT INTO unanswered (at, platform, text, normalized, outcome, guess, confidence, lang) VALUES (?, 'telegram', 'Can I pay with Visa?', 'can i pay with visa', 'offtopic', NULL, 0.1, 'en')",
      )
      .run(now);
    old.prepare("INSERT INTO inbox (normalized, state, changed_by, changed_at) VALUES ('can i pay with visa', 'ignored', ?, 7)").run(moderator);
    old.prepare("INSERT INTO daily_counts VALUES ('2026-03-10', 'telegram', 'en', '', 'declined', 4)").run();
    old.prepare("INSERT INTO reloads (at, version, topics, ok, changed, reason, answered_now) VALUES (?, 'v1', 12, 1, 1, 'SIGHUP', 0)").run(now);
    old.close();
    const store = await open({ DB_PATH: path });
    const [item] = await store.inbox({ state: 'ignored' });
    expect(item).toMatchObject({ example: 'Can I pay with Visa?', state: 'ignored', changedAt: 7 });
    expect(item!.changedBy).toMatch(/^[\w-]{22}$/);
    expect((await store.analytics()).map((r) => [r.day, r.declined])).toEqual([['2026-03-10', 4]]);
    expect((await store.reloads(5)).map((r) => r.reason)).toEqual(['SIGHUP']);
    await store.close();
    expect(versions(path)).toEqual([1, 2, 3, 4]);
    const db = new Database(path, { readonly: true });
    const dump = JSON.stringify(['inbox', 'meta'].map((table) => db.prepare(`SELECT * FROM ${table}`).all()));
    db.close();
    for (const gone of [salt, moderator, 'schema_version']) expect(dump).not.toContain(gone);
  });

  it("adopts a file of the desk's branch that counted the desk as version 3 in PRAGMA user_version: the shared state's tables are added, the desk's kept", async () => {
    const path = join(tempDir(), 'desk-v3.db');
    // What that branch wrote: versions 1 and 2 as here, then its desk tables, and user_version 3.
    const old = new Database(path);
    for (const m of SQLITE_MIGRATIONS.filter((m) => m.version <= 2)) {
      old.exec(m.sql);
      m.rewrite?.(old, { secret: SECRET });
    }
    old.exec(`
      CREATE TABLE inbox (id INTEGER PRIMARY KEY, place TEXT NOT NULL DEFAULT '', normalized TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'resolved', 'ignored')), changed_by TEXT, changed_at INTEGER,
        answered_topic TEXT, answered_version TEXT, answered_at INTEGER, UNIQUE (place, normalized));
      CREATE TABLE daily_counts (day TEXT NOT NULL, surface TEXT NOT NULL, lang TEXT NOT NULL, topic TEXT NOT NULL, outcome TEXT NOT NULL,
        count INTEGER NOT NULL, PRIMARY KEY (day, surface, lang, topic, outcome));
      CREATE TABLE reloads (id INTEGER PRIMARY KEY, at INTEGER NOT NULL, version TEXT, topics INTEGER, ok INTEGER NOT NULL,
        changed INTEGER NOT NULL, reason TEXT NOT NULL, answered_now INTEGER NOT NULL);
      ALTER TABLE feedback ADD COLUMN lang TEXT NOT NULL DEFAULT 'en';`);
    const place = ids.hash('dc-guild', 'A');
    old
      .prepare(
        "INSERT INTO unanswered (at, platform, place, text, normalized, outcome, guess, confidence, lang) VALUES (?, 'discord', ?, 'Chess?', 'chess', 'offtopic', NULL, 0.1, 'en')",
      )
      .run(Date.now(), place);
    old.prepare("INSERT INTO inbox (place, normalized, state, changed_by, changed_at) VALUES (?, 'chess', 'resolved', ?, 9)").run(place, ALICE);
    old.pragma('user_version = 3');
    old.close();
    const store = await open({ DB_PATH: path });
    expect(await store.inbox({ state: 'resolved' })).toEqual([expect.objectContaining({ example: 'Chess?', changedBy: ALICE, changedAt: 9 })]);
    expect(await store.live()!.takeBudget('k', 5, 1000)).toBe('ok');
    await store.close();
    expect(versions(path)).toEqual([1, 2, 3, 4]);
  });
});
