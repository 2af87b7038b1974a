import { afterEach, describe, expect, it } from 'vitest';
import { createIdHasher } from '../../src/core/ids.js';
import type { ProcessRecord, StoreBackend } from '../../src/store/contract.js';
import { CONTEXT_TTL_MS } from '../../src/store/contract.js';

/** The id secret every process of a test shares (kept outside the database). */
export const CONTRACT_SECRET = 'contract-secret-0123456789';

/** One database, opened as often as a test likes (each open is another process's connection to it). */
export interface StoreFixture {
  /** Opens the store with the id secret (default CONTRACT_SECRET). */
  open(secret?: string): Promise<StoreBackend>;
  /** Runs SQL on the database directly (to set up what only another release could). */
  exec(sql: string): Promise<void>;
  /** Reads rows straight from the database (what someone holding only the database would see). */
  rows(sql: string): Promise<unknown[]>;
}

const ids = createIdHasher(CONTRACT_SECRET);
const ALICE = ids.hash('dc-user', '300000000000000001');
const BOB = ids.hash('dc-user', '300000000000000002');

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
const vote = (userId: string, v: 1 | -1, answerKey = 'chat:msg', topicId = 'gas') => ({ platform: 'telegram', answerKey, userId, topicId, vote: v });

/**
 * The store contract: what every backend (SQLite, PostgreSQL) does the same.
 * `fixture()` makes a new empty database for each test.
 */
export function describeStoreContract(name: string, fixture: () => Promise<StoreFixture>): void {
  describe(`store contract: ${name}`, () => {
    const opened: StoreBackend[] = [];
    const open = async (f: StoreFixture, secret?: string) => {
      const s = await f.open(secret);
      opened.push(s);
      return s;
    };
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((s) => s.close()));
    });

    it('migrates a new database to the latest version once, however many processes start at once, and they agree on the voter', async () => {
      const f = await fixture();
      const stores = await Promise.all([1, 2, 3, 4].map(() => open(f)));
      expect(new Set(stores.map((s) => s.schemaVersion))).toEqual(new Set([4]));
      // The same user voting through each process counts once: all four hash the voter alike.
      const outcomes = [];
      for (const s of stores) outcomes.push(await s.recordVote(vote('user-1', 1), 1000));
      expect(outcomes).toEqual(['new', 'same', 'same', 'same']);
      expect(await stores[3]!.helpfulness()).toEqual([{ topicId: 'gas', up: 1, down: 0 }]);
      expect(await stores[0]!.integrityCheck()).toEqual([]);
    });

    it('refuses a database migrated by a newer release, naming both versions', async () => {
      const f = await fixture();
      await (await open(f)).close();
      await f.exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'from the future', 0)");
      await expect(f.open()).rejects.toThrow(/version 99.*up to 4/);
    });

    it('groups unanswered questions by their normalised text, newest example first, within a time window', async () => {
      const s = await open(await fixture());
      await s.recordUnanswered(record('What about oil?', 1000));
      await s.recordUnanswered(record('what about oil?', 2000));
      await s.recordUnanswered(record('Weather?', 1500, null));
      const top = await s.topUnanswered(10, 0);
      expect(top[0]).toMatchObject({ normalized: 'what about oil?', count: 2, lastSeen: 2000, example: 'what about oil?', guess: 'gas' });
      expect(top[0]!.confidence).toBeCloseTo(0.1);
      expect(top[1]).toMatchObject({ normalized: 'weather?', count: 1, guess: null });
      expect((await s.topUnanswered(10, 1800)).map((g) => g.normalized)).toEqual(['what about oil?']);
      expect(await s.topUnanswered(1, 0)).toHaveLength(1);
    });

    it('keeps one vote per user per answer: new, same, changed; helpfulness counts the latest', async () => {
      const s = await open(await fixture());
      expect(await s.recordVote(vote('u1', 1), 1)).toBe('new');
      expect(await s.recordVote(vote('u1', 1), 2)).toBe('same');
      expect(await s.recordVote(vote('u1', -1), 3)).toBe('changed');
      expect(await s.recordVote(vote('u2', 1), 4)).toBe('new');
      expect(await s.recordVote(vote('u1', 1, 'other:answer', 'nuclear'), 5)).toBe('new');
      expect(await s.helpfulness()).toEqual([
        { topicId: 'gas', up: 1, down: 1 },
        { topicId: 'nuclear', up: 1, down: 0 },
      ]);
    });

    it('counts a vote once when two processes record the same press at the same moment', async () => {
      const f = await fixture();
      const [a, b] = [await open(f), await open(f)];
      for (let i = 0; i < 10; i += 1) {
        const outcomes = await Promise.all([a.recordVote(vote(`racer-${i}`, 1), i), b.recordVote(vote(`racer-${i}`, 1), i)]);
        expect(outcomes.sort()).toEqual(['new', 'same']);
      }
      expect(await a.helpfulness()).toEqual([{ topicId: 'gas', up: 10, down: 0 }]);
    });

    it('prunes questions and votes older than the cutoff', async () => {
      const s = await open(await fixture());
      await s.recordUnanswered(record('old', 10));
      await s.recordUnanswered(record('recent', 1000));
      await s.recordVote(vote('u', 1), 10);
      expect(await s.prune(500, 1000)).toBe(2);
      expect((await s.topUnanswered(10, 0)).map((g) => g.normalized)).toEqual(['recent']);
      expect(await s.helpfulness()).toEqual([]);
    });

    it('shares one token-bucket budget between processes: capacity, one notice, silence, refill', async () => {
      const f = await fixture();
      const [a, b] = [await open(f), await open(f)];
      const at = 1_000_000;
      expect([await a.takeBudget('user', 3, at), await b.takeBudget('user', 3, at), await a.takeBudget('user', 3, at)]).toEqual(['ok', 'ok', 'ok']);
      expect([await b.takeBudget('user', 3, at), await a.takeBudget('user', 3, at)]).toEqual(['notice', 'silent']);
      expect(await b.takeBudget('other', 3, at)).toBe('ok');
      expect(await a.takeBudget('user', 3, at + 20_000)).toBe('ok'); // one token refilled in a third of a minute
      expect(await b.takeBudget('user', 3, at + 20_000)).toBe('notice');
      expect(await a.takeBudget('user', 3, at + 10 * 60_000)).toBe('ok');
    });

    it('holds at most `burst` tokens of a budget that refills at its own rate', async () => {
      const s = await open(await fixture());
      const at = 50_000;
      const first = [];
      for (let i = 0; i < 4; i += 1) first.push(await s.takeBudget('group', 12, at, 2));
      expect(first).toEqual(['ok', 'ok', 'notice', 'silent']);
      expect(await s.takeBudget('group', 12, at + 5000, 2)).toBe('ok'); // 12 a minute: one token every 5 s
      expect(await s.takeBudget('group', 12, at + 5000, 2)).toBe('notice');
      const later = [];
      for (let i = 0; i < 3; i += 1) later.push(await s.takeBudget('group', 12, at + 600_000, 2));
      expect(later).toEqual(['ok', 'ok', 'notice']); // never more than the burst, however long it rested
    });

    it('spends a budget exactly once per token when many processes take at once', async () => {
      const f = await fixture();
      const stores = [await open(f), await open(f), await open(f)];
      const decisions = await Promise.all(Array.from({ length: 12 }, (_, i) => stores[i % 3]!.takeBudget('burst', 5, 5000)));
      expect(decisions.filter((d) => d === 'ok')).toHaveLength(5);
      expect(decisions.filter((d) => d === 'notice')).toHaveLength(1);
      expect(decisions.filter((d) => d === 'silent')).toHaveLength(6);
    });

    it('hands out turns of a reserved resource one interval apart, to processes asking at once, and at once when it is idle', async () => {
      const f = await fixture();
      const [a, b] = [await open(f), await open(f)];
      const turns = await Promise.all([a.reserve('identify:0', 5000, 1000), b.reserve('identify:0', 5000, 1000), a.reserve('identify:0', 5000, 1000)]);
      expect(turns.sort((x, y) => x - y)).toEqual([1000, 6000, 11000]);
      expect(await b.reserve('identify:1', 5000, 1000)).toBe(1000); // another bucket
      expect(await a.reserve('identify:0', 5000, 60_000)).toBe(60_000); // idle since: free now
    });

    it('lets one claimant win a key, whoever asks at once, until it is released', async () => {
      const f = await fixture();
      const [a, b] = [await open(f), await open(f)];
      const won = await Promise.all([a.claim('post:x', 1), b.claim('post:x', 1), a.claim('post:x', 1), b.claim('post:x', 1)]);
      expect(won.filter(Boolean)).toHaveLength(1);
      await b.release('post:x');
      expect(await a.claim('post:x', 2)).toBe(true);
      expect(await b.claim('post:y', 2)).toBe(true);
    });

    it('keeps follow-up context per conversation for its time to live', async () => {
      const f = await fixture();
      const [a, b] = [await open(f), await open(f)];
      await a.setContext('conv', { topicId: 'gas', lang: 'ru', at: 1000 });
      expect(await b.getContext('conv', 2000)).toEqual({ topicId: 'gas', lang: 'ru', at: 1000 });
      await b.setContext('conv', { topicId: 'nuclear', at: 3000 });
      expect(await a.getContext('conv', 3000)).toEqual({ topicId: 'nuclear', at: 3000 });
      expect(await a.getContext('conv', 3001 + CONTEXT_TTL_MS)).toBeUndefined();
      expect(await a.getContext('unknown', 0)).toBeUndefined();
    });

    it('stores built models by version (the first save wins) and announces the current version', async () => {
      const s = await open(await fixture());
      const bytes = new Uint8Array(300_000).map((_, i) => i % 251);
      await s.saveModel('v1', bytes, 1);
      await s.saveModel('v1', new Uint8Array([1, 2, 3]), 2);
      expect(await s.loadModel('v1')).toEqual(bytes);
      expect(await s.loadModel('v2')).toBeUndefined();
      expect(await s.currentVersion()).toBeUndefined();
      const heard: string[] = [];
      let heardOne!: () => void;
      const heardIt = new Promise<void>((resolve) => (heardOne = resolve));
      await s.onAnnounce((v) => {
        heard.push(v);
        heardOne();
      });
      await s.announce('v1');
      await heardIt;
      expect(heard).toEqual(['v1']);
      expect(await s.currentVersion()).toBe('v1');
    });

    it('knows which processes run which version, and tells listeners of every report', async () => {
      const s = await open(await fixture());
      const reports: ProcessRecord[] = [];
      let heardTwo!: () => void;
      const two = new Promise<void>((resolve) => (heardTwo = resolve));
      await s.onProcessReport((r) => {
        reports.push(r);
        if (reports.length === 2) heardTwo();
      });
      await s.reportProcess('p1', 'v1', 100);
      await s.reportProcess('p2', 'v2', 200);
      await two;
      expect(reports.map((r) => r.id).sort()).toEqual(['p1', 'p2']);
      await s.reportProcess('p1', 'v2', 300);
      expect(await s.processes(150)).toEqual([
        { id: 'p1', version: 'v2', seenAt: 300 },
        { id: 'p2', version: 'v2', seenAt: 200 },
      ]);
      await s.forgetProcess('p2');
      expect((await s.processes(0)).map((p) => p.id)).toEqual(['p1']);
    });

    it('counts each voter once per topic: their latest vote on any answer of it', async () => {
      const s = await open(await fixture());
      const v = (answer: string, userId: string, topicId: string, x: 1 | -1, at: number) =>
        s.recordVote({ platform: 'discord', answerKey: ids.hash('dc-msg', answer), userId, topicId, vote: x }, at);
      expect(await v('m1', ALICE, 'gas', 1, 1)).toBe('new');
      expect(await v('m1', ALICE, 'gas', -1, 2)).toBe('changed');
      await v('m1', BOB, 'gas', 1, 3);
      await v('c2:m9', ALICE, 'nuclear', 1, 4);
      // Alice votes 👍 on five more answers about gas, all in one millisecond: her latest vote counts, once.
      for (let i = 2; i <= 6; i++) await v(`m${i}`, ALICE, 'gas', 1, 5);
      expect(await s.helpfulness()).toEqual([
        { topicId: 'gas', up: 2, down: 0 },
        { topicId: 'nuclear', up: 1, down: 0 },
      ]);
      // A changed vote is the newest, even within the same millisecond as the others.
      expect(await v('m3', ALICE, 'gas', -1, 5)).toBe('changed');
      expect((await s.helpfulness())[0]).toEqual({ topicId: 'gas', up: 1, down: 1 });
    });

    it('refuses a platform id in clear as a voter, an answer, a place or an event, and stores nothing of it', async () => {
      const f = await fixture();
      const s = await open(f);
      await expect(s.recordVote({ ...vote(ALICE, 1), answerKey: '-100123:45' }, 1)).rejects.toThrow(/platform id in clear as an answer/);
      await expect(s.recordVote(vote('555000111', 1), 1)).rejects.toThrow(/platform id in clear as a voter/);
      await expect(s.recordUnanswered({ ...record('q', 1), place: '-1001234567890' })).rejects.toThrow(/as a place/);
      await expect(s.recordUnanswered({ ...record('q', 1), event: '12345' })).rejects.toThrow(/as an event/);
      expect(await s.helpfulness()).toEqual([]);
      expect(await s.topUnanswered(10, 0)).toEqual([]);
    });

    it('records a question and a vote once per event, however often (and by however many processes) the event is handled', async () => {
      const f = await fixture();
      const [a, b] = [await open(f), await open(f)];
      const event = ids.hash('tg-update', 7);
      await Promise.all([0, 1, 2].map((i) => (i % 2 ? a : b).recordUnanswered({ ...record('pizza?', 1000 + i), event })));
      await a.recordUnanswered({ ...record('pizza?', 2000), event: ids.hash('tg-update', 8) });
      expect((await b.topUnanswered(10, 0))[0]).toMatchObject({ normalized: 'pizza?', count: 2 });
      const answer = ids.hash('tg-msg', '1:2');
      const up = { platform: 'telegram', answerKey: answer, userId: ALICE, topicId: 'gas', vote: 1 as const, event: ids.hash('tg-update', 9) };
      const down = { ...up, vote: -1 as const, event: ids.hash('tg-update', 10) };
      expect((await Promise.all([a.recordVote(up, 1), b.recordVote(up, 1)])).sort()).toEqual(['new', 'new']);
      expect(await b.recordVote(down, 2)).toBe('changed');
      // The first press delivered again (a restart replays it): its first outcome, and the later vote stands.
      expect(await a.recordVote(up, 3)).toBe('new');
      expect(await a.helpfulness()).toEqual([{ topicId: 'gas', up: 0, down: 1 }]);
    });

    it('reads one place’s questions only, or every place’s', async () => {
      const s = await open(await fixture());
      const [here, there] = [ids.hash('dc-guild', 'a'), ids.hash('dc-guild', 'b')];
      await s.recordUnanswered({ ...record('pizza?', 1), place: here });
      await s.recordUnanswered({ ...record('chess?', 2), place: there });
      await s.recordUnanswered({ ...record('pizza?', 3), place: there });
      await s.recordUnanswered(record('weather?', 4));
      expect(await s.topUnanswered(10, 0, { place: here })).toEqual([expect.objectContaining({ normalized: 'pizza?', count: 1, lastSeen: 1 })]);
      expect((await s.topUnanswered(10, 0, { all: true })).map((g) => `${g.normalized}×${g.count}`).sort()).toEqual(['chess?×1', 'pizza?×2', 'weather?×1']);
    });

    it('claims an effect once across restarts; a claim never confirmed is taken over once it is stale', async () => {
      const f = await fixture();
      const first = await open(f);
      const now = 1_000_000;
      expect(await first.claim('post:a', now)).toBe(true);
      expect(await first.claim('post:a', now)).toBe(false);
      await first.confirm('post:a', now);
      expect(await first.claim('post:b', now)).toBe(true);
      await first.close();
      const second = await open(f);
      expect(await second.claim('post:a', now + 10 * 3_600_000, 60_000)).toBe(false); // confirmed: taken for good
      expect(await second.claim('post:b', now + 60_000 - 1, 60_000)).toBe(false);
      expect(await second.claim('post:b', now + 60_000, 60_000)).toBe(true);
      await second.release('post:b');
      expect(await second.claim('post:b', now + 60_001, 60_000)).toBe(true);
    });

    it('journals updates sealed, keeps the offset past them, counts attempts, and drops what another secret sealed', async () => {
      const f = await fixture();
      const s = await open(f);
      const payload = JSON.stringify({ update_id: 41, message: { chat: { id: 987654321987 }, text: 'my e-mail is someone@example.org' } });
      expect(await s.journalOffset('telegram')).toBeUndefined();
      await s.journalAdd(
        'telegram',
        [
          { id: 41, payload },
          { id: 42, payload: '{"update_id":42}' },
        ],
        1000,
      );
      await s.journalAdd('telegram', [{ id: 40, payload: '{"update_id":40}' }], 1001); // an older one: the offset stays past the newest
      await s.journalDone('telegram', 42);
      await s.journalDone('telegram', 40);
      const dump = JSON.stringify(await f.rows('SELECT * FROM journal'));
      expect(dump).not.toContain('987654321987');
      expect(dump).not.toContain('someone@example.org');
      await s.close();
      const again = await open(f);
      expect(await again.journalOffset('telegram')).toBe(43);
      expect(await again.journalOffset('discord')).toBeUndefined();
      expect(await again.journalPending('telegram')).toEqual({ entries: [{ id: 41, payload, attempts: 0 }], unreadable: [] });
      expect(await again.journalPending('telegram')).toEqual({ entries: [{ id: 41, payload, attempts: 1 }], unreadable: [] });
      const other = await open(f, 'another-secret-0123456789');
      expect(await other.journalPending('telegram')).toEqual({ entries: [], unreadable: [41] });
      expect(await again.journalPending('telegram')).toEqual({ entries: [], unreadable: [] });
    });

    it('merges a journal kept outside the database: entries added sealed with their attempts, handled ones forgotten, the offset raised, once however often', async () => {
      const f = await fixture();
      const s = await open(f);
      const payload = (id: number) => JSON.stringify({ update_id: id, message: { chat: { id: 555000111222 }, text: `question ${id}` } });
      // Journalled in the database before it was lost: 10 handled meanwhile (outside), 11 still open.
      await s.journalAdd(
        'telegram',
        [
          { id: 10, payload: payload(10) },
          { id: 11, payload: payload(11) },
        ],
        1000,
      );
      const merge = {
        entries: [
          { id: 11, payload: '{"changed":true}', attempts: 2 },
          { id: 13, payload: payload(13), attempts: 1 },
        ],
        done: [10, 12],
        offset: 15,
      };
      await s.journalMerge('telegram', merge, 2000);
      await s.journalMerge('telegram', merge, 3000);
      expect(await s.journalOffset('telegram')).toBe(15);
      expect(await s.journalPending('telegram')).toEqual({
        entries: [
          { id: 11, payload: payload(11), attempts: 0 }, // journalled already: stays as it was
          { id: 13, payload: payload(13), attempts: 1 },
        ],
        unreadable: [],
      });
      expect(JSON.stringify(await f.rows('SELECT * FROM journal'), (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))).not.toContain('555000111222');
      // An older merge never lowers the offset; an empty one changes nothing else.
      await s.journalMerge('telegram', { entries: [], done: [], offset: 12 }, 4000);
      expect(await s.journalOffset('telegram')).toBe(15);
      await s.journalMerge('discord', { entries: [], done: [11], offset: 3 }, 4000);
      expect(await s.journalOffset('discord')).toBe(3);
      expect((await s.journalPending('telegram')).entries.map((e) => e.id)).toEqual([11, 13]);
    });

    it('keeps no platform id in clear anywhere after a day of use', async () => {
      const f = await fixture();
      const s = await open(f);
      const chat = '-1001234567890';
      const user = '987654321';
      const place = ids.hash('tg-chat', chat);
      await s.recordUnanswered({ ...record('who signed?', 1), place, event: ids.hash('tg-update', 1) });
      await s.recordVote(
        {
          platform: 'telegram',
          answerKey: ids.hash('tg-msg', `${chat}:5`),
          userId: ids.hash('tg-user', user),
          topicId: 'gas',
          vote: 1,
          event: ids.hash('tg-update', 2),
        },
        2,
      );
      await s.claim(`post:${ids.hash('tg-cb', 'x')}`, 3);
      await s.journalAdd(
        'telegram',
        [{ id: 3, payload: JSON.stringify({ update_id: 3, message: { chat: { id: Number(chat) }, from: { id: Number(user) } } }) }],
        3,
      );
      const dump = JSON.stringify(
        await Promise.all(['unanswered', 'feedback', 'effects', 'journal', 'meta'].map((t) => f.rows(`SELECT * FROM ${t}`))),
        (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v),
      );
      expect(dump).not.toContain(user);
      expect(dump).not.toContain(chat.slice(1));
    });

    it('prunes effects older than the cutoff with the questions and votes', async () => {
      const s = await open(await fixture());
      await s.confirm('post:old', 10);
      await s.recordVote({ ...vote(ALICE, 1), event: ids.hash('tg-update', 1) }, 10);
      await s.confirm('post:new', 1000);
      await s.prune(500, 1000);
      expect(await s.claim('post:old', 1000)).toBe(true);
      expect(await s.claim('post:new', 1000)).toBe(false);
    });
  });
}
