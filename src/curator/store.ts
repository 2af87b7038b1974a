/** The curator's store: its contract (`store-types.ts`) and the SQLite implementation (`sqlite-store.ts`). */
export type * from './store-types.js';
export { ASK_OUTCOMES, dayOf, INBOX_STATES } from './store-types.js';
export { openCuratorStore, type StoreOptions } from './sqlite-store.js';
