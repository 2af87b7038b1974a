import type { UpdateJournal } from '../adapters/types.js';
import type { ClaimPort, ContextPort, ConversationState, FloodDecision, LogPort, RateLimitPort } from '../core/conversation/ports.js';
import type { BotStore } from './resilient.js';

/**
 * The conversation's ports over a shared store (PostgreSQL): every process
 * sees one budget per user, one claim per key, one context per conversation.
 * Each falls back to this process's own port (`local`) when the store is lost,
 * failing or late, so answering never waits on the database for long; what the
 * fallback decided is then per process until the store is back.
 */
export interface Budget {
  perMinute: number;
  /** Most tokens held at once; default `perMinute`. */
  burst?: number;
}

export function sharedLimiter(store: BotStore, budget: Budget, local: RateLimitPort, prefix = 'user', now: () => number = Date.now): RateLimitPort {
  return {
    take: (key) =>
      store.attempt<FloodDecision>('take budget', (b) => b.takeBudget(`${prefix}:${key}`, budget.perMinute, now(), budget.burst ?? budget.perMinute), () => local.take(key)),
  };
}

/**
 * Claims kept in the store: a card posted once however many instances its
 * button is pressed on, and however often the press is redelivered after a
 * restart. While the store is away, this process's own claims decide (the
 * effect may then happen twice, never not at all).
 */
export function sharedClaims(store: BotStore, local: ClaimPort, now: () => number = Date.now): ClaimPort {
  return {
    claim: (key) => store.attempt<boolean>('claim', (b) => b.claim(key, now()), () => local.claim(key)),
    async confirm(key) {
      await local.confirm(key);
      await store.attempt('confirm claim', (b) => b.confirm(key, now()), () => undefined);
    },
    async release(key) {
      await local.release(key);
      await store.attempt('release claim', (b) => b.release(key), () => undefined);
    },
  };
}

/**
 * The update journal of a polling surface, kept in the store. Adding rejects
 * while the store is lost or failing, so the updates are not confirmed to
 * the platform then (they are fetched again once it is back).
 */
export function storeJournal(store: BotStore, logger: Pick<LogPort, 'error'>, now: () => number = Date.now): UpdateJournal {
  const live = () => {
    const backend = store.live();
    if (!backend) throw new Error(`the ${store.kind} store is not available: updates cannot be journalled`);
    return backend;
  };
  return {
    offset: (surface) => store.attempt('read journal', (b) => b.journalOffset(surface), () => undefined, 10_000),
    add: async (surface, updates) => live().journalAdd(surface, updates, now()),
    done: (surface, id) => store.attempt('journal done', (b) => b.journalDone(surface, id), () => undefined, 10_000),
    async pending(surface) {
      const { entries, unreadable } = await live().journalPending(surface);
      for (const id of unreadable) logger.error({ surface, update_id: id }, 'a journalled update cannot be opened (another ID secret?); dropped');
      return entries;
    },
  };
}

/** Follow-up context shared by every process; this process's memory keeps a copy for when the store is away. */
export function sharedContexts(store: BotStore, local: ContextPort, now: () => number = Date.now): ContextPort {
  return {
    async get(conversation) {
      const mine = await local.get(conversation);
      const shared = await store.attempt<ConversationState | undefined>('read context', (b) => b.getContext(conversation, now()), () => mine);
      // The newer of the two: another process may have answered since, or the store missed our last write.
      return mine && (!shared || mine.at > shared.at) ? mine : shared;
    },
    async set(conversation, state) {
      await local.set(conversation, state);
      await store.attempt('write context', (b) => b.setContext(conversation, state), () => undefined);
    },
  };
}
