// Entry of the store probe process (see build-thread-entry.mjs for why tsx is registered here).
import { register } from 'tsx/esm/api';

register();
await import('./store-probe.ts');
