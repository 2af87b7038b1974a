import { afterEach, describe, expect, it } from 'vitest';
import type { ProcessRecord, StoreBackend } from '../../src/store/contract.js';
import { CONTEXT_TTL_MS } from '../../src/store/contract.js';

/** One database, opened as often as a test likes (each open is another process's connection to it). */
export interface StoreFixture {
  open(): Promise<StoreBackend>;
  /** Runs SQL on the database directly (to set up what only another release could). */
  exec(sql: string): Promise<void>;
}

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
    const open = async (f: StoreFixture) => {
      const s = await f.open();
      opened.push(s);
      return s;
    };
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((s) => s.close()));
    });

    it('migrates a new database to the latest version once, however many processes start at once, and they agree on the voter salt', async () => {
      const f = await fixture();
      const stores = await Promise.all([1, 2, 3, 4].map(() => open(f)));
      expect(new Set(stores.map((s) => s.schemaVersion))).toEqual(new Set([2]));
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
      await f.exec('INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, \'from the future\', 0)');
      await expect(f.open()).rejects.toThrow(/version 99.*up to 2/);
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
  });
}
