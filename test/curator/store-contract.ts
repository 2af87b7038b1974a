import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createCore } from '../../src/core/core.js';
import { loadKnowledgeBase } from '../../src/core/data/load.js';
import { createCurator } from '../../src/curator/curator.js';
import { buildInProcess } from '../../src/curator/reload.js';
import { createIdHasher } from '../../src/core/ids.js';
import type { CuratorStore, UnansweredRecord } from '../../src/curator/store-types.js';
import { capturingLogger } from '../support/log.js';

/** Opens an empty store of one implementation; `now` is its clock, `retentionDays` its retention. */
export type OpenStore = (opts: { now: () => number; retentionDays: number }) => CuratorStore | Promise<CuratorStore>;

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
 * What every curator store must do for the inbox and the analytics, whatever keeps
 * the rows (SQLite now, PostgreSQL once it lands): run it with that store's opener.
 */
export function storeContract(name: string, open: OpenStore): void {
  describe(`curator store contract: ${name}`, () => {
    let clock = T0;
    const stores: CuratorStore[] = [];
    const fresh = async (retentionDays = 90) => {
      clock = T0;
      const store = await open({ now: () => clock, retentionDays });
      stores.push(store);
      return store;
    };
    afterEach(() => {
      for (const s of stores.splice(0)) s.close();
    });

    it('groups similar questions by normalised form with their count, languages and surfaces, most asked first', async () => {
      const store = await fresh();
      store.recordUnanswered(q('Who won the chess olympiad?', { at: T0 - 3000 }));
      store.recordUnanswered(q('who won the chess olympiad', { platform: 'discord', at: T0 - 2000 }));
      store.recordUnanswered(q('Who won the chess olympiad!', { normalized: 'who won the chess olympiad', lang: 'fa', at: T0 - 1000, guess: 'gas' }));
      store.recordUnanswered(q('Can I pay with Visa?', { at: T0 }));
      const inbox = store.inbox();
      expect(inbox.map((i) => [i.normalized, i.count, i.langs, i.surfaces, i.state])).toEqual([
        ['who won the chess olympiad', 3, ['en', 'fa'], ['discord', 'telegram'], 'open'],
        ['can i pay with visa', 1, ['en'], ['telegram'], 'open'],
      ]);
      expect(inbox[0]).toMatchObject({ example: 'Who won the chess olympiad!', firstSeen: T0 - 3000, lastSeen: T0 - 1000, changedBy: null, answeredNow: null });
      expect(store.inboxItem(inbox[1]!.id)?.example).toBe('Can I pay with Visa?');
      expect(store.inboxItem(999_999)).toBeUndefined();
    });

    it('resolves and ignores with who (the hashed user as given, never a platform id) and when; filters by state, time and language', async () => {
      const store = await fresh();
      store.recordUnanswered(q('First question', { at: T0 - 10 * DAY }));
      store.recordUnanswered(q('Second question', { lang: 'ru', at: T0 - DAY }));
      store.recordUnanswered(q('Third question', { at: T0 }));
      const [third, second, first] = store.inbox({}).sort((a, b) => b.lastSeen - a.lastSeen);
      clock = T0 + 5000;
      expect(store.setState(first!.id, 'resolved', { surface: 'telegram', user: user(4242) })).toBe(true);
      expect(store.setState(second!.id, 'ignored', { surface: 'desk', user: 'desk' })).toBe(true);
      expect(store.setState(123_456, 'resolved', { surface: 'telegram', user: user(4242) })).toBe(false);
      // A platform id in clear is refused, and changes nothing.
      expect(store.setState(third!.id, 'ignored', { surface: 'telegram', user: '4242' })).toBe(false);
      expect(store.inboxItem(third!.id)).toMatchObject({ state: 'open', changedBy: null });
      const resolved = store.inboxItem(first!.id)!;
      expect(resolved).toMatchObject({ state: 'resolved', changedAt: T0 + 5000, changedBy: user(4242) });
      store.setState(third!.id, 'resolved', { surface: 'telegram', user: user(4242) });
      expect(store.inboxItem(third!.id)!.changedBy).toBe(resolved.changedBy);
      store.setState(third!.id, 'open', { surface: 'telegram', user: user(77) });
      expect(store.inboxItem(third!.id)!.changedBy).toBe(user(77));
      expect(store.inboxItem(second!.id)!.changedBy).toBe('desk');
      expect(store.inbox({ state: 'open' }).map((i) => i.id)).toEqual([third!.id]);
      expect(store.inbox({ state: 'resolved' }).map((i) => i.id)).toEqual([first!.id]);
      expect(store.inbox({ since: T0 - 2 * DAY }).map((i) => i.id).sort()).toEqual([second!.id, third!.id].sort());
      expect(store.inbox({ lang: 'ru' }).map((i) => i.id)).toEqual([second!.id]);
      expect(store.inbox({ limit: 1 })).toHaveLength(1);
    });

    it('reopens a resolved question asked again unanswered; an ignored one stays ignored', async () => {
      const store = await fresh();
      store.recordUnanswered(q('Resolved one'));
      store.recordUnanswered(q('Ignored one'));
      const [a, b] = store.inbox();
      store.setState(a!.id, 'resolved', { surface: 'discord', user: user(1) });
      store.setState(b!.id, 'ignored', { surface: 'discord', user: user(1) });
      store.recordUnanswered(q('Resolved one'));
      store.recordUnanswered(q('Ignored one'));
      expect(store.inboxItem(a!.id)).toMatchObject({ state: 'open', count: 2 });
      expect(store.inboxItem(b!.id)).toMatchObject({ state: 'ignored', count: 2 });
    });

    it("keeps each place's questions in groups of their own: a place's scope reads and decides on its own groups only", async () => {
      const store = await fresh();
      store.recordUnanswered(q('Who won the chess olympiad?', { platform: 'discord', place: PLACE_A, at: T0 - 2000 }));
      store.recordUnanswered(q('who won the chess olympiad', { platform: 'discord', place: PLACE_A, at: T0 - 1000 }));
      store.recordUnanswered(q('Who won the chess olympiad', { platform: 'discord', place: PLACE_B, at: T0 }));
      store.recordUnanswered(q('Who won the chess olympiad?!', { normalized: 'who won the chess olympiad', at: T0 }));
      expect(store.inbox().map((i) => i.count).sort()).toEqual([1, 1, 2]);
      const [mine] = store.inbox({ scope: { place: PLACE_A } });
      expect(store.inbox({ scope: { place: PLACE_A } })).toHaveLength(1);
      expect(mine).toMatchObject({ count: 2, example: 'who won the chess olympiad' });
      const [theirs] = store.inbox({ scope: { place: PLACE_B } });
      expect(theirs).toMatchObject({ count: 1, example: 'Who won the chess olympiad' });
      expect(store.inboxItem(theirs!.id, { place: PLACE_A })).toBeUndefined();
      expect(store.inboxItem(theirs!.id, { all: true })?.id).toBe(theirs!.id);
      // A moderator of A cannot decide on B's question; on their own they can, and B's stays open.
      expect(store.setState(theirs!.id, 'ignored', { surface: 'discord', user: user(1) }, { place: PLACE_A })).toBe(false);
      expect(store.setState(mine!.id, 'resolved', { surface: 'discord', user: user(1) }, { place: PLACE_A })).toBe(true);
      expect(store.inboxItem(theirs!.id)!.state).toBe('open');
      expect(store.inbox({ state: 'open' }).map((i) => i.id)).not.toContain(mine!.id);
      // Questions asked nowhere in particular are the operators' only.
      expect(store.inbox({ scope: { place: PLACE_B } }).map((i) => i.id)).toEqual([theirs!.id]);
      expect(store.setState(theirs!.id, 'ignored', { surface: 'desk', user: 'desk' }, { all: true })).toBe(true);
    });

    it('records a redelivered event once: no second question, no reopening, no second count', async () => {
      const store = await fresh();
      const event = ids.hash('tg-update', 7001);
      store.recordUnanswered(q('Can I pay with Visa?', { place: PLACE_A, event }));
      const [item] = store.inbox();
      store.setState(item!.id, 'resolved', { surface: 'telegram', user: user(5) });
      store.recordUnanswered(q('Can I pay with Visa?', { place: PLACE_A, event }));
      expect(store.inboxItem(item!.id)).toMatchObject({ count: 1, state: 'resolved' });
      store.recordAsk({ surface: 'telegram', lang: 'en', topic: '', outcome: 'declined', event, at: T0 });
      store.recordAsk({ surface: 'telegram', lang: 'en', topic: '', outcome: 'declined', event, at: T0 });
      store.recordAsk({ surface: 'telegram', lang: 'en', topic: '', outcome: 'declined', at: T0 });
      expect(store.analytics().map((r) => [r.asked, r.declined])).toEqual([[2, 2]]);
    });

    it('lists the open questions by their latest wording; marks and clears "answered now"', async () => {
      const store = await fresh();
      store.recordUnanswered(q('gas a year?', { normalized: 'gas a year', at: T0 - 100 }));
      store.recordUnanswered(q('Gas a year', { normalized: 'gas a year', lang: 'en', at: T0 }));
      store.recordUnanswered(q('Chess?', { lang: 'ru' }));
      const open = store.openQuestions();
      expect(open.map((o) => [o.text, o.lang])).toEqual([
        ['Gas a year', 'en'],
        ['Chess?', 'ru'],
      ]);
      expect(store.markAnswered([{ id: open[0]!.id, topic: 'gas' }, { id: open[1]!.id, topic: null }], 'v2', T0 + 1)).toBe(1);
      expect(store.inboxItem(open[0]!.id)!.answeredNow).toEqual({ topic: 'gas', version: 'v2', at: T0 + 1 });
      expect(store.inboxItem(open[1]!.id)!.answeredNow).toBeNull();
      store.markAnswered([{ id: open[0]!.id, topic: null }], 'v3');
      expect(store.inboxItem(open[0]!.id)!.answeredNow).toBeNull();
      store.markAnswered([{ id: open[0]!.id, topic: 'gas' }], 'v4');
      // asked again and still unanswered: the mark was wrong for this wording
      store.recordUnanswered(q('gas a year!!', { normalized: 'gas a year' }));
      expect(store.inboxItem(open[0]!.id)!.answeredNow).toBeNull();
    });

    it('counts questions per day, surface, language, topic and outcome, with votes, and filters them', async () => {
      const store = await fresh();
      const day1 = T0 - DAY;
      store.recordAsk({ surface: 'telegram', lang: 'en', topic: 'gas', outcome: 'answered', at: day1 });
      store.recordAsk({ surface: 'telegram', lang: 'en', topic: 'gas', outcome: 'answered', at: day1 + 1000 });
      store.recordAsk({ surface: 'telegram', lang: 'en', topic: 'gas', outcome: 'did-you-mean', at: day1 });
      store.recordAsk({ surface: 'discord', lang: 'fa', topic: '', outcome: 'declined', at: T0 });
      store.recordAsk({ surface: 'discord', lang: 'fa', topic: '', outcome: 'small-talk', at: T0 });
      clock = day1;
      expect(store.recordVote({ platform: 'telegram', answerKey: 'm1', userId: 'u1', topicId: 'gas', vote: 1, lang: 'en' })).toBe('new');
      expect(store.recordVote({ platform: 'telegram', answerKey: 'm1', userId: 'u2', topicId: 'gas', vote: -1, lang: 'en' })).toBe('new');
      clock = T0;
      expect(store.recordVote({ platform: 'telegram', answerKey: 'm1', userId: 'u2', topicId: 'gas', vote: 1, lang: 'en' })).toBe('changed');
      expect(store.recordVote({ platform: 'telegram', answerKey: 'm1', userId: 'u2', topicId: 'gas', vote: 1, lang: 'en' })).toBe('same');
      const zero = { asked: 0, answered: 0, didYouMean: 0, declined: 0, smallTalk: 0, up: 0, down: 0 };
      expect(store.analytics()).toEqual([
        { ...zero, day: '2026-03-09', surface: 'telegram', lang: 'en', topic: 'gas', asked: 3, answered: 2, didYouMean: 1, up: 1 },
        { ...zero, day: '2026-03-10', surface: 'discord', lang: 'fa', topic: '', asked: 2, declined: 1, smallTalk: 1 },
        { ...zero, day: '2026-03-10', surface: 'telegram', lang: 'en', topic: 'gas', up: 1 },
      ]);
      expect(store.analytics({ since: T0 }).map((r) => r.day)).toEqual(['2026-03-10', '2026-03-10']);
      expect(store.analytics({ lang: 'fa' }).map((r) => r.surface)).toEqual(['discord']);
      expect(store.analytics({ surface: 'telegram' })).toHaveLength(2);
      expect(store.helpfulness()).toEqual([{ topicId: 'gas', up: 2, down: 0 }]);
    });

    it('deletes question texts and votes past retention (and their inbox groups) but keeps the counts', async () => {
      const store = await fresh(30);
      store.recordUnanswered(q('Old question', { at: T0 - 40 * DAY }));
      store.recordUnanswered(q('New question', { at: T0 - DAY }));
      store.recordAsk({ surface: 'telegram', lang: 'en', topic: '', outcome: 'declined', at: T0 - 40 * DAY });
      clock = T0 - 40 * DAY;
      store.recordVote({ platform: 'telegram', answerKey: 'm', userId: 'u', topicId: 'gas', vote: 1 });
      clock = T0;
      expect(store.enforceRetention(T0)).toBe(2);
      expect(store.inbox().map((i) => i.example)).toEqual(['New question']);
      expect(store.helpfulness()).toEqual([]);
      expect(store.analytics().map((r) => [r.topic, r.asked, r.declined, r.up])).toEqual([
        ['', 1, 1, 0],
        ['gas', 0, 0, 1],
      ]);
    });

    it('lists reloads newest first', async () => {
      const store = await fresh();
      store.recordReload({ at: T0, ok: true, version: 'a', topics: 18, changed: true, reason: 'SIGHUP', answeredNow: 2 });
      store.recordReload({ at: T0 + 1, ok: false, version: null, topics: null, changed: false, reason: '/reload', answeredNow: 0 });
      expect(store.reloads(10)).toEqual([
        { at: T0 + 1, ok: false, version: null, topics: null, changed: false, reason: '/reload', answeredNow: 0 },
        { at: T0, ok: true, version: 'a', topics: 18, changed: true, reason: 'SIGHUP', answeredNow: 2 },
      ]);
      expect(store.reloads(1)).toHaveLength(1);
    });

    describe('after a data edit and a reload', { timeout: 60_000 }, () => {
      const dirs: string[] = [];
      afterEach(async () => {
        await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
      });

      it('marks the open questions the bot now answers, with the topic; the others stay open and unmarked', async () => {
        // data/ without the gas topic: questions about gas go unanswered; putting it back is the edit.
        const dir = await mkdtemp(join(tmpdir(), 'pb-inbox-'));
        dirs.push(dir);
        await cp('data', dir, { recursive: true });
        const gas = await readFile(join(dir, 'topics/gas.yaml'), 'utf8');
        const related = async (file: string, edit: (s: string) => string) => writeFile(join(dir, 'topics', file), edit(await readFile(join(dir, 'topics', file), 'utf8')));
        await rm(join(dir, 'topics/gas.yaml'));
        await related('nuclear.yaml', (s) => s.replace('related: [gas, ', 'related: ['));
        await related('instc.yaml', (s) => s.replace(', gas]', ']'));

        const store = await fresh();
        const log = capturingLogger();
        const core = createCore(await loadKnowledgeBase(dir));
        const config = loadConfig({ DATA_DIR: dir, DB_PATH: '', WATCH_DATA: 'false' });
        const curator = createCurator(config, core, log.logger, { store, build: buildInProcess, watch: false });
        const telegram = core.forPlatform('telegram');
        telegram.ask('How much gas will Russia supply to Iran a year?');
        core.forPlatform('discord').ask('Who won the chess olympiad?');
        const [gasQuestion, chess] = store.openQuestions();
        expect(gasQuestion?.text).toMatch(/gas/);

        await writeFile(join(dir, 'topics/gas.yaml'), gas);
        await related('nuclear.yaml', (s) => s.replace('related: [', 'related: [gas, '));
        const result = await curator.reload('test edit');
        expect(result).toMatchObject({ ok: true, changed: true });
        expect(store.inboxItem(gasQuestion!.id)).toMatchObject({ state: 'open', answeredNow: { topic: 'gas', version: core.version } });
        expect(store.inboxItem(chess!.id)).toMatchObject({ state: 'open', answeredNow: null });
        expect(store.reloads(5)).toEqual([expect.objectContaining({ ok: true, version: core.version, changed: true, reason: 'test edit', answeredNow: 1 })]);
        // asking again changed no count: the recheck records nothing
        expect(store.analytics().reduce((n, r) => n + r.asked, 0)).toBe(2);
        stores.splice(stores.indexOf(store), 1);
        curator.close();
      });
    });
  });
}
