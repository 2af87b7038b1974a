import type { ClaimPort, ContextPort, ConversationState } from './ports.js';

export interface MemoryContextOptions {
  /** Most conversations remembered; the least recently used goes first. */
  maxConversations?: number;
  /** How long a conversation's context lasts after its last answer. */
  ttlMs?: number;
  now?: () => number;
}

/** Follow-up context in this process's memory, bounded in size and time (the default `ContextPort`). */
export function createMemoryContexts(opts: MemoryContextOptions = {}): ContextPort & { readonly size: number } {
  const max = opts.maxConversations ?? 10_000;
  const ttl = opts.ttlMs ?? 30 * 60_000;
  const now = opts.now ?? Date.now;
  const states = new Map<string, ConversationState>();
  return {
    get size() {
      return states.size;
    },
    get(conversation) {
      const state = states.get(conversation);
      if (!state) return undefined;
      if (now() - state.at > ttl) {
        states.delete(conversation);
        return undefined;
      }
      return state;
    },
    set(conversation, state) {
      states.delete(conversation);
      // Stamped by this clock, which also decides expiry.
      states.set(conversation, { ...state, at: now() });
      while (states.size > max) states.delete(states.keys().next().value!);
    },
  };
}

/** Claims in this process's memory, the most recent `max` kept (the default `ClaimPort`). */
export function createMemoryClaims(max = 1000): ClaimPort {
  const claimed = new Set<string>();
  return {
    claim(key) {
      if (claimed.has(key)) return false;
      claimed.add(key);
      if (claimed.size > max) claimed.delete(claimed.values().next().value!);
      return true;
    },
    confirm() {},
    release(key) {
      claimed.delete(key);
    },
  };
}
