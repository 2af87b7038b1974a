import type { ClaimPort, ContextPort, ConversationState, FloodDecision, RateLimitPort } from '../core/conversation/ports.js';
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
      store.attempt<FloodDecision>(
        'take budget',
        (b) => b.takeBudget(`${prefix}:${key}`, budget.perMinute, now(), budget.burst ?? budget.perMinute),
        () => local.take(key),
      ),
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
    claim: (key) =>
      store.attempt<boolean>(
        'claim',
        (b) => b.claim(key, now()),
        () => local.claim(key),
      ),
    async confirm(key) {
      await local.confirm(key);
      await store.attempt(
        'confirm claim',
        (b) => b.confirm(key, now()),
        () => undefined,
      );
    },
    async release(key) {
      await local.release(key);
      await store.attempt(
        'release claim',
        (b) => b.release(key),
        () => undefined,
      );
    },
  };
}

/** Follow-up context shared by every process; this process's memory keeps a copy for when the store is away. */
export function sharedContexts(store: BotStore, local: ContextPort, now: () => number = Date.now): ContextPort {
  return {
    async get(conversation) {
      const mine = await local.get(conversation);
      const shared = await store.attempt<ConversationState | undefined>(
        'read context',
        (b) => b.getContext(conversation, now()),
        () => mine,
      );
      // The newer of the two: another process may have answered since, or the store missed our last write.
      return mine && (!shared || mine.at > shared.at) ? mine : shared;
    },
    async set(conversation, state) {
      await local.set(conversation, state);
      await store.attempt(
        'write context',
        (b) => b.setContext(conversation, state),
        () => undefined,
      );
    },
  };
}
