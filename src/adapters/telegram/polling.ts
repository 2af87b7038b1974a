import { run, type RunnerHandle } from '@grammyjs/runner';
import type { Bot } from 'grammy';
import type { Update } from 'grammy/types';
import type { Logger } from '../../logger.js';
import type { UpdateJournal } from '../types.js';
import { handleUpdate } from './handle-update.js';

/** The journal's name for this adapter's updates. */
const SURFACE = 'telegram';
/** A journalled update whose handling was started this many times without finishing (it crashes the bot?) is dropped. */
export const MAX_ATTEMPTS = 3;

export interface PollingOptions {
  log: Logger;
  allowedUpdates: ReadonlyArray<Exclude<keyof Update, 'update_id'>>;
  /** Where fetched updates are kept until handled; absent: each batch is handled before the next fetch confirms it. */
  journal?: UpdateJournal | undefined;
  /** Told when polling stops for good (a revoked token, another instance polling). */
  onFatal(err: Error): void;
}

export interface Polling {
  /** Stops fetching, waits for every update in flight, and confirms to Telegram what was journalled (without a journal: handled). */
  stop(): Promise<void>;
  /** Updates being handled now. */
  readonly inFlight: number;
}

/**
 * Long polling with at-least-once handling: Telegram learns that updates
 * arrived (the next getUpdates' offset) only after they were journalled, or,
 * without a journal, only after they were handled. A restart first handles
 * what the journal still holds. Concurrent across chats (@grammyjs/runner),
 * in order within a chat (the bot's sequentialize middleware).
 */
export function startPolling(bot: Bot, opts: PollingOptions): Polling {
  const { log, journal } = opts;
  const inFlight = new Set<Promise<void>>();
  /** Without a journal: fetched updates not handled yet, each with what resolves when it is. */
  const unhandled = new Map<number, () => void>();
  let previousBatch: Promise<unknown> = Promise.resolve();
  let lastFetched: number | undefined;

  function track(update: Update, replay = false): Promise<void> {
    const job = handleUpdate(bot, update)
      .then(
        async () => {
          await journal?.done(SURFACE, update.update_id);
        },
        (err: unknown) => log.error({ err, update_id: update.update_id, replay }, 'Telegram update not handled; it stays journalled for the next start'),
      )
      .catch((err: unknown) =>
        log.error({ err, update_id: update.update_id }, 'a handled Telegram update could not be marked done; it is handled again at the next start'),
      );
    inFlight.add(job);
    void job.finally(() => {
      inFlight.delete(job);
      unhandled.get(update.update_id)?.();
      unhandled.delete(update.update_id);
    });
    return job;
  }

  // What a previous run left: handled first (concurrently; each chat's own updates stay in order), before anything new is fetched.
  const replayed = (async () => {
    if (!journal) return;
    let pending: Awaited<ReturnType<UpdateJournal['pending']>>;
    try {
      pending = await journal.pending(SURFACE);
    } catch (err) {
      log.error({ err }, 'the update journal cannot be read; what a previous run left is handled at a later start');
      return;
    }
    for (const entry of pending) {
      if (entry.attempts >= MAX_ATTEMPTS) {
        log.error({ update_id: entry.id, attempts: entry.attempts }, 'dropping a journalled Telegram update whose handling never finished');
        await journal.done(SURFACE, entry.id);
        continue;
      }
      log.info({ update_id: entry.id, attempts: entry.attempts + 1 }, 'handling a journalled Telegram update left by the previous run');
      void track(JSON.parse(entry.payload) as Update, true);
    }
  })();

  async function getUpdates(args: { offset: number; limit: number; timeout: number }, signal: Parameters<Bot['api']['getUpdates']>[1]): Promise<Update[]> {
    let offset = args.offset;
    await replayed;
    // With a journal, everything below the offset is kept there (a restart starts past it); never behind what this run
    // fetched (and journalled), even when the journal can only tell part of it (its database lost).
    if (journal) offset = Math.max(offset, (await journal.offset(SURFACE)) ?? 0);
    // Without one, this call's offset confirms the last batch: it waits until that batch was handled.
    else await previousBatch;
    const updates = await bot.api.getUpdates({ ...args, offset, allowed_updates: [...opts.allowedUpdates] }, signal);
    if (!updates.length) return updates;
    if (journal)
      await journal.add(
        SURFACE,
        updates.map((u) => ({ id: u.update_id, payload: JSON.stringify(u) })),
      );
    lastFetched = updates.at(-1)!.update_id;
    if (!journal) {
      previousBatch = Promise.all(updates.map((u) => new Promise<void>((resolve) => unhandled.set(u.update_id, resolve))));
    }
    return updates;
  }

  const runner: RunnerHandle = run(
    {
      handleUpdate: (update: Update) => track(update),
      errorHandler: (err: unknown) => log.error({ err }, 'Telegram update failed outside the bot'),
      // The runner's abort signal is grammY's own shim; the same object is passed on.
      api: { getUpdates: getUpdates as never },
    },
    { runner: { silent: true, fetch: { allowed_updates: [...opts.allowedUpdates] } } },
  );
  runner.task()?.catch((err: unknown) => {
    log.fatal({ err }, 'Telegram long polling stopped (is another instance polling with this token, or was the token revoked?)');
    opts.onFatal(err instanceof Error ? err : new Error(String(err)));
  });

  return {
    get inFlight() {
      return inFlight.size;
    },
    async stop() {
      await runner.stop();
      while (inFlight.size) await Promise.allSettled([...inFlight]);
      if (lastFetched === undefined) return;
      // Telegram now learns what arrived. With a journal, all of it (journalled: the next start does not fetch it again,
      // even one that cannot read the journal's offset, its database lost); without one, what was handled, as
      // bot.stop() does: up to the first update that was not.
      const offset = !journal && unhandled.size ? Math.min(...unhandled.keys()) : lastFetched + 1;
      await bot.api.getUpdates({ offset, limit: 1, timeout: 0 }).catch(() => undefined);
    },
  };
}
