// Entry of the store probe thread (see build-thread-entry.mjs for why tsx is registered here under Node 20).
import { register } from 'tsx/esm/api';

register();
await import('./store-probe.ts');
