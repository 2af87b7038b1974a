import type { UpdateJournal } from '../adapters/types.js';
import type { LogPort } from '../core/conversation/ports.js';
import type { JournalEntry } from './contract.js';
import type { JournalSpool } from './journal-spool.js';
import type { BotStore } from './resilient.js';

const DEADLINE_MS = 10_000;

/**
 * The update journal of a polling surface, kept in the store.
 *
 * Without a spool (SQLite), adding rejects while the store fails, so the
 * updates are not confirmed to the platform then (they are fetched again).
 *
 * With a spool (PostgreSQL, `journal-spool.ts`), a store that is lost, failing
 * or late does not stop polling: updates are journalled on disk instead, and
 * so are the handled marks of updates the database journalled, so the offset
 * confirmed to the platform is never past an update kept nowhere. Once the
 * store is back (its `onUp`, or the next call that finds it live), what the
 * spool holds is merged into the database (`journalMerge`) before anything
 * new is journalled there: updates handled meanwhile are forgotten and the
 * offset raised past them, so neither a restart nor the next fetch handles
 * them again; updates still open are journalled and handled at the next start
 * if this process does not finish them first.
 */
export function storeJournal(
  store: BotStore,
  logger: Pick<LogPort, 'info' | 'warn' | 'error'>,
  spool?: JournalSpool,
  now: () => number = Date.now,
): UpdateJournal {
  let merging: Promise<void> | undefined;
  let spooling = false;

  async function merge(): Promise<void> {
    if (!spool) return;
    try {
      const adopted = spool.adoptOrphans();
      if (adopted) logger.info({ dir: spool.dir, lines: adopted }, 'adopted the update journal an ended process kept on disk');
      if (!spool.size || !store.live()) return;
      const merges = spool.merges();
      const written = await store.attempt(
        'merge journal',
        async (b) => {
          for (const m of merges) await b.journalMerge(m.surface, m, now());
          return true;
        },
        () => false,
        DEADLINE_MS,
      );
      if (!written) return;
      spool.merged(merges);
      for (const m of merges) {
        for (const id of m.unreadable)
          logger.error({ surface: m.surface, update_id: id }, 'an update journalled on disk cannot be opened (another ID secret?); dropped');
        logger.info({ surface: m.surface, open: m.entries.length, handled: m.done.length, offset: m.offset }, 'updates journalled on disk are in the database');
      }
      if (!spool.size) spooling = false;
    } catch (err) {
      logger.error({ err, dir: spool.dir }, 'the update journal on disk cannot be read or rewritten; it is merged later');
    }
  }

  /** Merges what the spool holds when the store is live, one merge at a time; `adopt`: first takes over ended processes' files, live or not. */
  function settle(adopt = false): Promise<void> {
    if (!spool || (!adopt && !(spool.size && store.live()))) return merging ?? Promise.resolve();
    merging ??= merge().finally(() => (merging = undefined));
    return merging;
  }
  if (spool) store.onUp(() => void settle(true));

  const live = () => {
    const backend = store.live();
    if (!backend) throw new Error(`the ${store.kind} store is not available: updates cannot be journalled`);
    return backend;
  };
  const stored = (operation: string, fn: Parameters<BotStore['attempt']>[1]) =>
    store.attempt<boolean>(
      operation,
      async (b) => {
        await fn(b);
        return true;
      },
      () => false,
      DEADLINE_MS,
    );

  return {
    async offset(surface) {
      await settle();
      const kept = await store.attempt(
        'read journal',
        (b) => b.journalOffset(surface),
        () => undefined,
        DEADLINE_MS,
      );
      const local = spool?.offset(surface);
      return kept === undefined || (local !== undefined && local > kept) ? local : kept;
    },
    async add(surface, updates) {
      if (!spool) return live().journalAdd(surface, updates, now());
      await settle();
      // While the spool holds anything, new updates join it: the database takes them with the next merge.
      if (!spool.size && (await stored('journal updates', (b) => b.journalAdd(surface, updates, now())))) return;
      spool.add(surface, updates);
      if (!spooling)
        logger.warn({ surface, dir: spool.dir, store: store.kind }, 'database unavailable: fetched updates are journalled on disk until it is back');
      spooling = true;
    },
    async done(surface, id) {
      if (spool?.has(surface, id)) return spool.done(surface, id);
      if (!(await stored('journal done', (b) => b.journalDone(surface, id)))) spool?.done(surface, id);
    },
    async pending(surface) {
      if (!spool) return opened(surface, await live().journalPending(surface));
      await settle(true);
      const kept = store.live()
        ? await store.attempt(
            'read journal',
            (b) => b.journalPending(surface),
            () => undefined,
            DEADLINE_MS,
          )
        : undefined;
      if (!kept)
        logger.warn(
          { surface, store: store.kind },
          'the update journal in the database cannot be read now; what a previous run left there is handled at a later start',
        );
      const local = opened(surface, spool.pending(surface));
      const seen = new Set(local.map((e) => e.id));
      return [...local, ...(kept ? opened(surface, kept).filter((e) => !seen.has(e.id)) : [])].sort((a, b) => a.id - b.id);
    },
  };

  function opened(surface: string, found: { entries: JournalEntry[]; unreadable: number[] }): JournalEntry[] {
    for (const id of found.unreadable) logger.error({ surface, update_id: id }, 'a journalled update cannot be opened (another ID secret?); dropped');
    return found.entries;
  }
}
