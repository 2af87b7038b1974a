import { rm } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createCore } from '../../src/core/core.js';
import { loadKnowledgeBase } from '../../src/core/data/load.js';
import { createIdHasher } from '../../src/core/ids.js';
import { prepareInProcess } from '../../src/curator/build.js';
import { type Curator, createCurator } from '../../src/curator/curator.js';
import type { UnansweredRecord } from '../../src/store/contract.js';
import type { BotStore } from '../../src/store/resilient.js';
import { dataWithout } from '../support/data-without.js';
import { capturingLogger } from '../support/log.js';

/** One empty database of one backend, opened as the bot opens it (the resilient store) as often as a test likes: each open is another process's connection. */
export interface DeskFixture {
  open(opts: { now: () => number; retentionDays: number }): Promise<BotStore>;
}

const DAY = 86_400_000;
/** Users and places as the adapters hand them over: hashed with the id secret. */
const ids = createIdHasher('contract-id-secret-0123456789');
const user = (id: number) => ids.hash('tg-user', id);
const PLACE_A = ids.hash('dc-guild', '100000000000000001');
const PLACE_B = ids.hash('dc-guild', '100000000000000002');
const T0 = Date.parse('2026-03-10T12:00:00Z');
const q = (text: string, over: Partial<UnansweredRecord> = {}): UnansweredRecord => ({
  text,
  normalized: text.toLowerCase().replace(/[?!.]/g, ''),
  platform: 'telegram',
  outcome: 'offtopic',
  guess: null,
  confidence: 0.1,
  lang: 'en',
  ...over,
});

/**
 * What every store does for the curator's inbox and analytics, SQLite and
 * PostgreSQL alike, through the store the bot uses (writes queued and flushed,
 * reads that say when the database cannot answer): run it with each
 * backend's fixture. The last part is issue 17's Done-when: after a data edit
 * and a reload, the inbox marks the questions the bot now answers, once for
 * all the processes sharing the store.
 */
export function storeContract(name: string, fixture: () => Promise<DeskFixture>): void {
  describe(`curator store contract: ${name}`, () => {
    let clock = T0;
    const stores: BotStore[] = [];
    const fresh = async (retentionDays = 90, db?: DeskFixture) => {
      clock = T0;
      const store = await (db ?? (await fixture())).open({ now: () => clock, retentionDays });
      stores.push(store);
      return store;
    };
    afterEach(async () => {
      await Promise.all(stores.splice(0).map((s) => s.close()));
    });
    /** Records and waits until the store has it (the bot records without waiting). */
    const record = async (store: BotStore, ...records: UnansweredRecord[]) => {
      for (const r of records) store.recordUnanswered(r);
      await store.flush();
    };

    it('groups similar questions by normalised form with their count, languages and surfaces, most asked first', async () => {
      const store = await fresh();
      await record(
        store,
        q('Who won the chess olympiad?', { at: T0 - 3000 }),
        q('who won the chess olympiad', { platform: 'discord', at: T0 - 2000 }),
        q('Who won the chess olympiad!', { normalized: 'who won the chess olympiad', lang: 'fa', at: T0 - 1000, guess: 'gas' }),
        q('Can I pay with Visa?', { at: T0 }),
      );
      const inbox = await store.inbox();
      expect(inbox.map((i) => [i.normalized, i.count, i.langs, i.surfaces, i.state])).toEqual([
        ['who won the chess olympiad', 3, ['en', 'fa'], ['discord', 'telegram'], 'open'],
        ['can i pay with visa', 1, ['en'], ['telegram'], 'open'],
      ]);
      expect(inbox[0]).toMatchObject({ example: 'Who won the chess olympiad!', firstSeen: T0 - 3000, lastSeen: T0 - 1000, changedBy: null, answeredNow: null });
      expect((await store.inboxItem(inbox[1]!.id))?.example).toBe('Can I pay with Visa?');
      expect(await store.inboxItem(999_999)).toBeUndefined();
    });

    it('resolves and ignores with who (the hashed user as given, never a platform id) and when; filters by state, time and language', async () => {
      const store = await fresh();
      await record(store, q('First question', { at: T0 - 10 * DAY }), q('Second question', { lang: 'ru', at: T0 - DAY }), q('Third question', { at: T0 }));
      const [third, second, first] = (await store.inbox({})).sort((a, b) => b.lastSeen - a.lastSeen);
      clock = T0 + 5000;
      expect(await store.setState(first!.id, 'resolved', { surface: 'telegram', user: user(4242) })).toBe(true);
      expect(await store.setState(second!.id, 'ignored', { surface: 'desk', user: 'desk' })).toBe(true);
      expect(await store.setState(123_456, 'resolved', { surface: 'telegram', user: user(4242) })).toBe(false);
      // A platform id in clear is refused, and changes nothing.
      await expect(store.setState(third!.id, 'ignored', { surface: 'telegram', user: '4242' })).rejects.toThrow(/platform id in clear/);
      expect(await store.inboxItem(third!.id)).toMatchObject({ state: 'open', changedBy: null });
      const resolved = (await store.inboxItem(first!.id))!;
      expect(resolved).toMatchObject({ state: 'resolved', changedAt: T0 + 5000, changedBy: user(4242) });
      await store.setState(third!.id, 'resolved', { surface: 'telegram', user: user(4242) });
      expect((await store.inboxItem(third!.id))!.changedBy).toBe(resolved.changedBy);
      await store.setState(third!.id, 'open', { surface: 'telegram', user: user(77) });
      expect((await store.inboxItem(third!.id))!.changedBy).toBe(user(77));
      expect((await store.inboxItem(second!.id))!.changedBy).toBe('desk');
      expect((await store.inbox({ state: 'open' })).map((i) => i.id)).toEqual([third!.id]);
      expect((await store.inbox({ state: 'resolved' })).map((i) => i.id)).toEqual([first!.id]);
      expect((await store.inbox({ since: T0 - 2 * DAY })).map((i) => i.id).sort()).toEqual([second!.id, third!.id].sort());
      expect((await store.inbox({ lang: 'ru' })).map((i) => i.id)).toEqual([second!.id]);
      expect(await store.inbox({ limit: 1 })).toHaveLength(1);
    });

    it('reopens a resolved question asked again unanswered; an ignored one stays ignored', async () => {
      const store = await fresh();
      await record(store, q('Resolved one'), q('Ignored one'));
      const [a, b] = await store.inbox();
      await store.setState(a!.id, 'resolved', { surface: 'discord', user: user(1) });
      await store.setState(b!.id, 'ignored', { surface: 'discord', user: user(1) });
      await record(store, q('Resolved one'), q('Ignored one'));
      expect(await store.inboxItem(a!.id)).toMatchObject({ state: 'open', count: 2 });
      expect(await store.inboxItem(b!.id)).toMatchObject({ state: 'ignored', count: 2 });
    });

    it("keeps each place's questions in groups of their own: a place's scope reads and decides on its own groups only", async () => {
      const store = await fresh();
      await record(
        store,
        q('Who won the chess olympiad?', { platform: 'discord', place: PLACE_A, at: T0 - 2000 }),
        q('who won the chess olympiad', { platform: 'discord', place: PLACE_A, at: T0 - 1000 }),
        q('Who won the chess olympiad', { platform: 'discord', place: PLACE_B, at: T0 }),
        q('Who won the chess olympiad?!', { normalized: 'who won the chess olympiad', at: T0 }),
      );
      expect((await store.inbox()).map((i) => i.count).sort()).toEqual([1, 1, 2]);
      const mineOnly = await store.inbox({ scope: { place: PLACE_A } });
      expect(mineOnly).toHaveLength(1);
      const [mine] = mineOnly;
      expect(mine).toMatchObject({ count: 2, example: 'who won the chess olympiad' });
      const [theirs] = await store.inbox({ scope: { place: PLACE_B } });
      expect(theirs).toMatchObject({ count: 1, example: 'Who won the chess olympiad' });
      expect(await store.inboxItem(theirs!.id, { place: PLACE_A })).toBeUndefined();
      expect((await store.inboxItem(theirs!.id, { all: true }))?.id).toBe(theirs!.id);
      // A moderator of A cannot decide on B's question; on their own they can, and B's stays open.
      expect(await store.setState(theirs!.id, 'ignored', { surface: 'discord', user: user(1) }, { place: PLACE_A })).toBe(false);
      expect(await store.setState(mine!.id, 'resolved', { surface: 'discord', user: user(1) }, { place: PLACE_A })).toBe(true);
      expect((await store.inboxItem(theirs!.id))!.state).toBe('open');
      expect((await store.inbox({ state: 'open' })).map((i) => i.id)).not.toContain(mine!.id);
      // Questions asked nowhere in particular are the operators' only.
      expect((await store.inbox({ scope: { place: PLACE_B } })).map((i) => i.id)).toEqual([theirs!.id]);
      expect(await store.setState(theirs!.id, 'ignored', { surface: 'desk', user: 'desk' }, { all: true })).toBe(true);
    });

    it('records a redelivered event once: no second question, no reopening, no second count', async () => {
      const store = await fresh();
      const event = ids.hash('tg-update', 7001);
      await record(store, q('Can I pay with Visa?', { place: PLACE_A, event }));
      const [item] = await store.inbox();
      await store.setState(item!.id, 'resolved', { surface: 'telegram', user: user(5) });
      await record(store, q('Can I pay with Visa?', { place: PLACE_A, event }));
      expect(await store.inboxItem(item!.id)).toMatchObject({ count: 1, state: 'resolved' });
      store.recordAsk({ surface: 'telegram', lang: 'en', topic: '', outcome: 'declined', event, at: T0 });
      store.recordAsk({ surface: 'telegram', lang: 'en', topic: '', outcome: 'declined', event, at: T0 });
      store.recordAsk({ surface: 'telegram', lang: 'en', topic: '', outcome: 'declined', at: T0 });
      await store.flush();
      store.recordAsk({ surface: 'telegram', lang: 'en', topic: '', outcome: 'declined', event, at: T0 });
      await store.flush();
      expect((await store.analytics()).map((r) => [r.asked, r.declined])).toEqual([[2, 2]]);
    });

    it('lists the open questions by their latest wording; marks and clears "answered now"', async () => {
      const store = await fresh();
      await record(
        store,
        q('gas a year?', { normalized: 'gas a year', at: T0 - 100 }),
        q('Gas a year', { normalized: 'gas a year', lang: 'en', at: T0 }),
        q('Chess?', { lang: 'ru' }),
      );
      const open = await store.openQuestions();
      expect(open.map((o) => [o.text, o.lang])).toEqual([
        ['Gas a year', 'en'],
        ['Chess?', 'ru'],
      ]);
      clock = T0 + 1;
      expect(
        await store.markAnswered(
          [
            { id: open[0]!.id, topic: 'gas' },
            { id: open[1]!.id, topic: null },
          ],
          'v2',
        ),
      ).toBe(1);
      expect((await store.inboxItem(open[0]!.id))!.answeredNow).toEqual({ topic: 'gas', version: 'v2', at: T0 + 1 });
      expect((await store.inboxItem(open[1]!.id))!.answeredNow).toBeNull();
      await store.markAnswered([{ id: open[0]!.id, topic: null }], 'v3');
      expect((await store.inboxItem(open[0]!.id))!.answeredNow).toBeNull();
      await store.markAnswered([{ id: open[0]!.id, topic: 'gas' }], 'v4');
      // asked again and still unanswered: the mark was wrong for this wording
      await record(store, q('gas a year!!', { normalized: 'gas a year' }));
      expect((await store.inboxItem(open[0]!.id))!.answeredNow).toBeNull();
    });

    it('counts questions per day, surface, language, topic and outcome, with votes, and filters them', async () => {
      const store = await fresh();
      const day1 = T0 - DAY;
      store.recordAsk({ surface: 'telegram', lang: 'en', topic: 'gas', outcome: 'answered', at: day1 });
      store.recordAsk({ surface: 'telegram', lang: 'en', topic: 'gas', outcome: 'answered', at: day1 + 1000 });
      store.recordAsk({ surface: 'telegram', lang: 'en', topic: 'gas', outcome: 'did-you-mean', at: day1 });
      store.recordAsk({ surface: 'discord', lang: 'fa', topic: '', outcome: 'declined', at: T0 });
      store.recordAsk({ surface: 'discord', lang: 'fa', topic: '', outcome: 'small-talk', at: T0 });
      await store.flush();
      clock = day1;
      expect(await store.recordVote({ platform: 'telegram', answerKey: 'm1', userId: 'u1', topicId: 'gas', vote: 1, lang: 'en' })).toBe('new');
      expect(await store.recordVote({ platform: 'telegram', answerKey: 'm1', userId: 'u2', topicId: 'gas', vote: -1, lang: 'en' })).toBe('new');
      clock = T0;
      expect(await store.recordVote({ platform: 'telegram', answerKey: 'm1', userId: 'u2', topicId: 'gas', vote: 1, lang: 'en' })).toBe('changed');
      expect(await store.recordVote({ platform: 'telegram', answerKey: 'm1', userId: 'u2', topicId: 'gas', vote: 1, lang: 'en' })).toBe('same');
      const zero = { asked: 0, answered: 0, didYouMean: 0, declined: 0, smallTalk: 0, up: 0, down: 0 };
      expect(await store.analytics()).toEqual([
        { ...zero, day: '2026-03-09', surface: 'telegram', lang: 'en', topic: 'gas', asked: 3, answered: 2, didYouMean: 1, up: 1 },
        { ...zero, day: '2026-03-10', surface: 'discord', lang: 'fa', topic: '', asked: 2, declined: 1, smallTalk: 1 },
        { ...zero, day: '2026-03-10', surface: 'telegram', lang: 'en', topic: 'gas', up: 1 },
      ]);
      expect((await store.analytics({ since: T0 })).map((r) => r.day)).toEqual(['2026-03-10', '2026-03-10']);
      expect((await store.analytics({ lang: 'fa' })).map((r) => r.surface)).toEqual(['discord']);
      expect(await store.analytics({ surface: 'telegram' })).toHaveLength(2);
      expect(await store.helpfulness()).toEqual([{ topicId: 'gas', up: 2, down: 0 }]);
    });

    it('counts from several processes at once add up: one row per day and key, nothing lost, each event once', async () => {
      const db = await fixture();
      const [a, b] = [await fresh(90, db), await fresh(90, db)];
      const event = (i: number) => ids.hash('tg-update', 9000 + i);
      for (let i = 0; i < 60; i += 1) {
        // Every event handled by both processes (a redelivery to the other instance), and one count without an event each.
        for (const s of [a, b])
          s.recordAsk({ surface: 'telegram', lang: 'ru', topic: 'gas', outcome: i % 3 ? 'answered' : 'declined', event: event(i), at: T0 });
      }
      a.recordAsk({ surface: 'telegram', lang: 'ru', topic: 'gas', outcome: 'answered', at: T0 });
      b.recordAsk({ surface: 'telegram', lang: 'ru', topic: 'gas', outcome: 'answered', at: T0 });
      await Promise.all([a.flush(), b.flush()]);
      expect(await a.analytics()).toEqual([expect.objectContaining({ day: '2026-03-10', asked: 62, answered: 42, declined: 20 })]);
      expect(await b.analytics()).toEqual(await a.analytics());
    });

    it('deletes question texts and votes past retention (and their inbox groups) but keeps the counts', async () => {
      const store = await fresh(30);
      await record(store, q('Old question', { at: T0 - 40 * DAY }), q('New question', { at: T0 - DAY }));
      store.recordAsk({ surface: 'telegram', lang: 'en', topic: '', outcome: 'declined', at: T0 - 40 * DAY });
      store.recordReload({ at: T0 - 40 * DAY, ok: true, version: 'old', topics: 18, changed: true, reason: 'SIGHUP', answeredNow: 0 });
      await store.flush();
      clock = T0 - 40 * DAY;
      await store.recordVote({ platform: 'telegram', answerKey: 'm', userId: 'u', topicId: 'gas', vote: 1 });
      clock = T0;
      expect(await store.enforceRetention(T0)).toBe(2);
      expect((await store.inbox()).map((i) => i.example)).toEqual(['New question']);
      expect(await store.helpfulness()).toEqual([]);
      expect(await store.reloads(5)).toEqual([]);
      expect((await store.analytics()).map((r) => [r.topic, r.asked, r.declined, r.up])).toEqual([
        ['', 1, 1, 0],
        ['gas', 0, 0, 1],
      ]);
    });

    it('lists reloads newest first', async () => {
      const store = await fresh();
      store.recordReload({ at: T0, ok: true, version: 'a', topics: 18, changed: true, reason: 'SIGHUP', answeredNow: 2 });
      store.recordReload({ at: T0 + 1, ok: false, version: null, topics: null, changed: false, reason: '/reload', answeredNow: 0 });
      await store.flush();
      expect(await store.reloads(10)).toEqual([
        { at: T0 + 1, ok: false, version: null, topics: null, changed: false, reason: '/reload', answeredNow: 0 },
        { at: T0, ok: true, version: 'a', topics: 18, changed: true, reason: 'SIGHUP', answeredNow: 2 },
      ]);
      expect(await store.reloads(1)).toHaveLength(1);
    });

    describe('after a data edit and a reload', { timeout: 120_000 }, () => {
      const dirs: string[] = [];
      const curators: Curator[] = [];
      afterEach(async () => {
        await Promise.all(curators.splice(0).map((c) => c.close()));
        await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
      });

      /** data/ without the gas topic: questions about gas go unanswered; `edit()` puts it back. */
      const dataWithoutGas = async () => {
        const data = await dataWithout('gas');
        dirs.push(data.dir);
        return { dir: data.dir, edit: data.restore };
      };
      /** A bot process on `store`: its own core, trained once across processes (kb-sync), no file watching. */
      const botProcess = async (dir: string, store: BotStore) => {
        const core = createCore(await loadKnowledgeBase(dir));
        const config = loadConfig({ DATA_DIR: dir, DB_PATH: '', WATCH_DATA: 'false', LOG_LEVEL: 'silent' });
        const curator = await createCurator(config, core, capturingLogger().logger, { store, prepare: prepareInProcess, watch: false });
        curators.push(curator);
        await curator.idle();
        return { core, curator };
      };

      it('marks the open questions the bot now answers, with the topic; the others stay open and unmarked', async () => {
        const { dir, edit } = await dataWithoutGas();
        const store = await fresh();
        clock = Date.now();
        const { core, curator } = await botProcess(dir, store);
        core.forPlatform('telegram').ask('How much gas will Russia supply to Iran a year?');
        core.forPlatform('discord').ask('Who won the chess olympiad?');
        await store.flush();
        const [gasQuestion, chess] = await store.openQuestions();
        expect(gasQuestion?.text).toMatch(/gas/);

        await edit();
        const result = await curator.reload('test edit');
        expect(result).toMatchObject({ ok: true, changed: true });
        await store.flush();
        expect(await store.inboxItem(gasQuestion!.id)).toMatchObject({ state: 'open', answeredNow: { topic: 'gas', version: core.version } });
        expect(await store.inboxItem(chess!.id)).toMatchObject({ state: 'open', answeredNow: null });
        const [latest, start] = await store.reloads(5);
        expect(latest).toEqual(expect.objectContaining({ ok: true, version: core.version, changed: true, reason: 'test edit', answeredNow: 1 }));
        // The version it started with was rechecked once too (a start is a switch of version for the store).
        expect(start).toEqual(expect.objectContaining({ ok: true, reason: 'start', answeredNow: 0 }));
        // asking again changed no count: the recheck records nothing
        expect((await store.analytics()).reduce((n, r) => n + r.asked, 0)).toBe(2);
      });

      it('two processes on the store, both reloading the edit (file watching on shared data): one training, one recheck, one entry in the history', async () => {
        const { dir, edit } = await dataWithoutGas();
        const db = await fixture();
        const stores = [await fresh(90, db), await fresh(90, db)];
        clock = Date.now();
        const [one, two] = [await botProcess(dir, stores[0]!), await botProcess(dir, stores[1]!)];
        one.core.forPlatform('telegram').ask('How much gas will Russia supply to Iran a year?');
        two.core.forPlatform('discord').ask('How much gas will Russia supply to Iran each year?');
        await Promise.all(stores.map((s) => s.flush()));
        expect((await stores[1]!.openQuestions()).map((o) => o.text)).toHaveLength(2);

        await edit();
        const results = await Promise.all([one.curator.reload('file change'), two.curator.reload('file change')]);
        expect(results).toEqual([expect.objectContaining({ ok: true, changed: true }), expect.objectContaining({ ok: true, changed: true })]);
        expect(one.core.version).toBe(two.core.version);
        expect((one.curator.sync?.trainings ?? 0) + (two.curator.sync?.trainings ?? 0)).toBe(1);
        await Promise.all([one.curator.idle(), two.curator.idle(), ...stores.map((s) => s.flush())]);
        expect((await stores[0]!.inbox()).map((i) => i.answeredNow)).toEqual([
          expect.objectContaining({ topic: 'gas', version: one.core.version }),
          expect.objectContaining({ topic: 'gas', version: one.core.version }),
        ]);
        const history = await stores[1]!.reloads(10);
        expect(history.filter((r) => r.version === one.core.version)).toEqual([
          expect.objectContaining({ reason: 'file change', changed: true, answeredNow: 2 }),
        ]);
        expect(history.filter((r) => r.reason === 'start')).toHaveLength(1);
      });
    });
  });
}
