/** The id hasher lives with the core (the store's migrations use it too); adapters take it from here. */
export { createIdHasher, type IdHasher } from '../../core/ids.js';
