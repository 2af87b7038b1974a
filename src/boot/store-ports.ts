import type { UpdateJournal } from '../adapters/types.js';
import type { ClaimPort } from '../core/conversation/ports.js';
import type { CuratorStore } from '../curator/store.js';

/** Claims kept in the store: a card's post survives a restart, so a replayed confirmation posts nothing. */
export function storeClaims(store: CuratorStore): ClaimPort {
  return {
    claim: (key) => store.claim(key),
    confirm: (key) => store.confirm(key),
    release: (key) => store.release(key),
  };
}

/** The update journal of a polling surface, kept in the store. */
export function storeJournal(store: CuratorStore): UpdateJournal {
  return {
    offset: (surface) => store.journalOffset(surface),
    add: (surface, updates) => store.journalAdd(surface, updates),
    done: (surface, id) => store.journalDone(surface, id),
    pending: (surface) => store.journalPending(surface),
  };
}
